//! The disassembler: one line per instruction, `pc  line  op operands`,
//! with constants, callees and types resolved to names as comments. The
//! "step one instruction" view and `lab` debugging print this.

use crate::op::Op;
use crate::program::{Const, Function, Program};
use std::fmt::Write;

/// Disassembles one function of `program`.
pub fn disassemble(func: &Function, program: &Program) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "func {} ({}:{}) params={} results={} regs={}",
        func.name, func.file, func.decl_line, func.num_params, func.num_results, func.num_regs
    );
    for (pc, op) in func.code.iter().enumerate() {
        let line = func.line_at(pc);
        let _ = write!(out, "{pc:5} {line:5}  {op}");
        if let Some(note) = annotation(op, func, program) {
            let _ = write!(out, "  ; {note}");
        }
        if func.epilogue == Some(pc as u32) {
            let _ = write!(out, "  ; epilogue");
        }
        out.push('\n');
    }
    out
}

fn annotation(op: &Op, func: &Function, program: &Program) -> Option<String> {
    let fname = |id: u32| program.functions.get(id as usize).map(|f| f.name.clone());
    let tname = |id: u32| program.types.get(id as usize).map(|t| t.name.clone());
    match *op {
        Op::LoadConst { idx, .. } => func.consts.get(idx as usize).map(|c| match c {
            Const::Int(i) => i.to_string(),
            Const::Float(f) => format!("{f:?}"),
            Const::Str(s) => format!("{s:?}"),
        }),
        Op::Call { func, .. } | Op::LoadFunc { func, .. } | Op::MakeClosure { func, .. } => {
            fname(func)
        }
        Op::CallNative { native, .. } | Op::LoadNative { native, .. } => {
            program.natives.get(native as usize).cloned()
        }
        Op::CallIface { method, .. } => program.method_names.get(method as usize).cloned(),
        Op::GetGlobal { idx, .. } | Op::SetGlobal { idx, .. } | Op::GlobalAddr { idx, .. } => {
            program.globals.get(idx as usize).map(|g| g.name.clone())
        }
        Op::TypeAssert { ty, iface, .. } => Some(format!(
            "{} -> {}",
            tname(iface).unwrap_or_default(),
            tname(ty).unwrap_or_default()
        )),
        Op::EqVal { ty, .. }
        | Op::MakeMap { ty, .. }
        | Op::Zero { ty, .. }
        | Op::New { ty, .. }
        | Op::MakeIface { ty, .. }
        | Op::TypeAssertOk { ty, .. }
        | Op::MakeSlice { elem: ty, .. }
        | Op::SliceLit { elem: ty, .. }
        | Op::Append { elem: ty, .. }
        | Op::AppendSlice { elem: ty, .. }
        | Op::MakeChan { elem: ty, .. } => tname(ty),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::op::Reg;
    use crate::program::{Pos, TypeDesc, TypeKind};

    #[test]
    fn disassembles_every_opcode_and_parses_it_back() {
        let mut program = Program::default();
        let mut f = Function {
            name: "main.main".into(),
            file: "prog.go".into(),
            ..Default::default()
        };
        for (i, op) in Op::samples().into_iter().enumerate() {
            f.emit(
                op,
                Pos {
                    line: i as u32 + 1,
                    col: 1,
                },
            );
        }
        program.functions.push(f);
        let text = disassemble(&program.functions[0], &program);
        let lines: Vec<&str> = text.lines().skip(1).collect();
        assert_eq!(lines.len(), Op::samples().len());
        for (line, op) in lines.iter().zip(Op::samples()) {
            // Strip "pc line" columns and the annotation.
            let body = line.split("  ;").next().unwrap();
            let body = body
                .split_whitespace()
                .skip(2)
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(Op::parse(&body), Ok(op), "{line}");
        }
    }

    #[test]
    fn annotates_names() {
        let mut program = Program::default();
        let int = program.type_id(TypeDesc::new("int", TypeKind::Int(Default::default())));
        let println = program.native_id("fmt.Println");
        let mut f = Function {
            name: "main.main".into(),
            file: "prog.go".into(),
            decl_line: 3,
            consts: vec![Const::Str("hi".into())],
            ..Default::default()
        };
        let pos = Pos { line: 4, col: 2 };
        f.emit(
            Op::LoadConst {
                dst: Reg(0),
                idx: 0,
            },
            pos,
        );
        f.emit(
            Op::MakeIface {
                dst: Reg(1),
                src: Reg(0),
                ty: int,
            },
            pos,
        );
        f.emit(
            Op::CallNative {
                native: println,
                base: Reg(1),
                nargs: 1,
                nret: 0,
            },
            pos,
        );
        program.functions.push(f);
        let text = disassemble(&program.functions[0], &program);
        assert!(text.contains("load_const dst=r0 idx=0  ; \"hi\""), "{text}");
        assert!(text.contains("; int"), "{text}");
        assert!(
            text.contains("call_native native=0 base=r1 nargs=1 nret=0  ; fmt.Println"),
            "{text}"
        );
        assert!(program.validate().is_ok());
    }
}
