//! How a dying program reports: unrecovered panics (`panic: ...` chain,
//! `[recovered]` marks, the SIGSEGV line, `goroutine N [running]:` and one
//! `main.f(...)` / `\t/prog.go:LINE +0x0` pair per frame) and fatal errors
//! (`fatal error: ...`, stack overflow), in Go 1.19's shape on stderr.

use crate::g::G;
use crate::heap::handle;
use crate::machine::Machine;
use golab_bytecode::{Callee, TypeKind};

/// The text Go prints for a panic value (`printpanicval`): `Error()` for
/// errors, `String()` for Stringers, the value for basic kinds (named
/// types as `main.T(value)`), `(T) 0xADDR` otherwise. `Err((func, recv))`:
/// a Go method must run first to produce the text.
pub(crate) fn panic_value_text(m: &mut Machine, v: u64) -> Result<String, (u32, u64)> {
    let Some((ty, word)) = m.heap.iface(v) else {
        return Ok("nil".into());
    };
    for name in [m.rt.m_error, m.rt.m_string] {
        if let Some(meth) = m.method(ty, name) {
            let recv = if meth.deref {
                match m.types[ty as usize].kind {
                    TypeKind::Pointer(t) if m.is_aggregate(t) => m.copy_val(word).unwrap_or(0),
                    _ => m.heap.load(word).unwrap_or(0),
                }
            } else {
                word
            };
            match meth.callee {
                Callee::Func(fid) => return Err((fid, recv)),
                Callee::Native(nid) => {
                    if let Some(s) = crate::natives::call_text_native(m, nid, recv) {
                        return Ok(s);
                    }
                }
            }
        }
    }
    let desc = &m.types[ty as usize];
    let name = desc.name.clone();
    let basic = matches!(
        name.as_str(),
        "bool"
            | "int"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "uint"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "uintptr"
            | "float32"
            | "float64"
            | "string"
    );
    let text = match desc.kind {
        TypeKind::String => {
            let s = m.heap.str_lossy(word);
            if basic {
                return Ok(s);
            }
            format!("{s:?}")
        }
        TypeKind::Bool => (word != 0).to_string(),
        TypeKind::Int(k) => {
            if k.signed() {
                (word as i64).to_string()
            } else {
                word.to_string()
            }
        }
        TypeKind::Float32 | TypeKind::Float64 => print_float(f64::from_bits(word)),
        _ => return Ok(format!("({name}) 0xc{:09x}", handle(word) as u64 * 16)),
    };
    Ok(if basic {
        text
    } else {
        format!("{name}({text})")
    })
}

/// The runtime's `print` format for floats: `+1.500000e+000`.
pub(crate) fn print_float(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let s = format!("{:.6e}", x.abs());
    let (mant, exp) = s.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let sign = if x.is_sign_negative() { '-' } else { '+' };
    let esign = if exp < 0 { '-' } else { '+' };
    format!("{sign}{mant}e{esign}{:03}", exp.abs())
}

fn frame_lines(m: &Machine, trace: &[(u32, u32, bool)], limit: usize) -> String {
    let mut s = String::new();
    for (i, &(fid, pc, deferred_by_panic)) in trace.iter().enumerate() {
        if i == limit {
            s.push_str("...additional frames elided...\n");
            break;
        }
        let f = &m.prog.functions[fid as usize];
        let args = if f.num_params == 0 { "()" } else { "(...)" };
        let file = if f.file.starts_with('/') {
            f.file.clone()
        } else {
            format!("/{}", f.file)
        };
        s.push_str(&format!(
            "{}{args}\n\t{file}:{} +0x0\n",
            f.name,
            f.line_at(pc as usize)
        ));
        if deferred_by_panic {
            s.push_str("panic({0x0, 0x0})\n\t/usr/lib/go-1.19/src/runtime/panic.go:884 +0x0\n");
        }
    }
    s
}

fn goroutine_footer(m: &Machine, g: &G) -> String {
    match g.created_by {
        Some((fid, pc)) => {
            let f = &m.prog.functions[fid as usize];
            let file = if f.file.starts_with('/') {
                f.file.clone()
            } else {
                format!("/{}", f.file)
            };
            format!(
                "created by {}\n\t{file}:{} +0x0\n",
                f.name,
                f.line_at(pc as usize)
            )
        }
        None => String::new(),
    }
}

/// Prints the panic chain of `g` and its traceback.
pub(crate) fn print_panics(m: &mut Machine, g: &G) {
    let mut s = String::new();
    for (i, p) in g.panics.iter().filter(|p| !p.goexit).enumerate() {
        if i > 0 {
            s.push('\t');
        }
        s.push_str("panic: ");
        s.push_str(p.text.as_deref().unwrap_or("?"));
        if p.recovered {
            s.push_str(" [recovered]");
        }
        s.push('\n');
    }
    if g.panics.iter().any(|p| p.sigsegv) {
        s.push_str("[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]\n");
    }
    s.push_str(&format!("\ngoroutine {} [running]:\n", g.goid));
    if let Some(p) = g.panics.iter().rfind(|p| !p.goexit) {
        s.push_str(&frame_lines(m, &p.trace, 100));
    }
    s.push_str(&goroutine_footer(m, g));
    m.stdio.stderr(s.as_bytes());
}

/// Prints a fatal error raised while `g` was running.
pub(crate) fn print_fatal(m: &mut Machine, g: &G, msg: &str) {
    let mut s = String::new();
    if msg == crate::interp::STACK_OVERFLOW {
        s.push_str("runtime: goroutine stack exceeds 1000000000-byte limit\n");
        s.push_str("runtime: sp=0xc0200e0398 stack=[0xc0200e0000, 0xc0400e0000]\n");
    }
    s.push_str(&format!(
        "fatal error: {msg}\n\ngoroutine {} [running]:\n",
        g.goid
    ));
    let trace: Vec<(u32, u32, bool)> = g
        .frames
        .iter()
        .rev()
        .map(|f| (f.func, f.pc.saturating_sub(1), false))
        .collect();
    s.push_str(&frame_lines(m, &trace, 100));
    s.push_str(&goroutine_footer(m, g));
    m.stdio.stderr(s.as_bytes());
}

/// The header word in `goroutine N [...]:` for a G that is not running.
fn status_text(m: &Machine, g: &G) -> String {
    use crate::g::GStatus;
    let mut s = match g.status {
        GStatus::Gwaiting if g.wait_reason != crate::sched::WaitReason::Zero => {
            g.wait_reason.go119_str().to_string()
        }
        st => st.traceback_word().to_string(),
    };
    if g.status == GStatus::Gwaiting {
        let minutes = (m.sched.nanotime() - g.waitsince) / 60_000_000_000;
        if minutes >= 1 {
            s.push_str(&format!(", {minutes} minutes"));
        }
    }
    s
}

/// Library frames Go 1.19 shows above user code for a G blocked in a
/// library call.
fn library_frames(g: &G) -> &'static str {
    use crate::sched::WaitReason::*;
    match g.wait_reason {
        SyncWaitGroupWait => concat!(
            "sync.runtime_Semacquire(0x0?)\n\t/usr/lib/go-1.19/src/runtime/sema.go:62 +0x0\n",
            "sync.(*WaitGroup).Wait(0x0?)\n\t/usr/lib/go-1.19/src/sync/waitgroup.go:139 +0x0\n"
        ),
        SyncMutexLock => concat!(
            "sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)\n\t/usr/lib/go-1.19/src/runtime/sema.go:77 +0x0\n",
            "sync.(*Mutex).lockSlow(0x0)\n\t/usr/lib/go-1.19/src/sync/mutex.go:171 +0x0\n",
            "sync.(*Mutex).Lock(...)\n\t/usr/lib/go-1.19/src/sync/mutex.go:90\n"
        ),
        Sleep => "time.Sleep(0x0)\n\t/usr/lib/go-1.19/src/runtime/time.go:195 +0x0\n",
        _ => "",
    }
}

/// Every live goroutine's traceback, as `tracebackothers` prints them
/// after a fatal error: a blank line, `goroutine N [reason]:`, frames.
pub(crate) fn all_goroutines(m: &Machine) -> String {
    let mut s = String::new();
    for g in m.sched.allgs.iter().flatten() {
        if g.status == crate::g::GStatus::Gdead {
            continue;
        }
        s.push_str(&format!(
            "\ngoroutine {} [{}]:\n",
            g.goid,
            status_text(m, g)
        ));
        s.push_str(library_frames(g));
        let trace: Vec<(u32, u32, bool)> = g
            .frames
            .iter()
            .rev()
            .map(|f| (f.func, f.pc.saturating_sub(1), false))
            .collect();
        s.push_str(&frame_lines(m, &trace, 100));
        s.push_str(&goroutine_footer(m, g));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_the_runtime() {
        assert_eq!(print_float(1.5), "+1.500000e+000");
        assert_eq!(print_float(-0.00123), "-1.230000e-003");
        assert_eq!(print_float(2.5), "+2.500000e+000");
    }
}
