//! The library subset the compiler knows: package members with their Go
//! signatures and the runtime native each one calls.
//!
//! Natives are named `pkg.Func`, `pkg.(*T).Method` or `pkg.T.Method` with the
//! package *name* (`rand.Intn`, `atomic.AddInt64`, `debug.SetMaxThreads`),
//! as listed in `golab_bytecode`'s crate docs; the runtime resolves them.

use crate::types::{Basic, ConstVal, FieldT, MethodDef, MethodImpl, Type, TypeId, Types};
use std::collections::HashMap;

/// A member of a library package.
#[derive(Clone, Debug)]
pub enum Member {
    Func { native: String, sig: TypeId },
    Const { val: ConstVal, ty: TypeId },
    Type(TypeId),
}

/// The known packages: import path → (package name, members).
pub struct Library {
    pub packages: HashMap<&'static str, (&'static str, HashMap<String, Member>)>,
    pub error: TypeId,
    pub any: TypeId,
}

struct B<'a> {
    t: &'a mut Types,
}

impl B<'_> {
    fn b(&mut self, b: Basic) -> TypeId {
        self.t.basic(b)
    }
    fn slice(&mut self, e: TypeId) -> TypeId {
        self.t.intern(Type::Slice(e))
    }
    fn ptr(&mut self, e: TypeId) -> TypeId {
        self.t.intern(Type::Pointer(e))
    }
    fn func(&mut self, params: Vec<TypeId>, results: Vec<TypeId>) -> TypeId {
        self.t.intern(Type::Func {
            params,
            results,
            variadic: false,
        })
    }
    /// A signature whose last parameter is `...T` (given as `[]T`).
    fn variadic_func(&mut self, params: Vec<TypeId>, results: Vec<TypeId>) -> TypeId {
        self.t.intern(Type::Func {
            params,
            results,
            variadic: true,
        })
    }
}

impl Library {
    pub fn new(t: &mut Types) -> Library {
        let mut b = B { t };
        use Basic::*;
        let int = b.b(Int);
        let int32 = b.b(Int32);
        let int64 = b.b(Int64);
        let uint32 = b.b(Uint32);
        let uint64 = b.b(Uint64);
        let f64t = b.b(Float64);
        let string = b.b(String);
        let boolean = b.b(Bool);
        let any = b.t.intern(Type::Interface(vec![]));
        let err_sig = b.func(vec![], vec![string]);
        let err_iface = b.t.intern(Type::Interface(vec![("Error".into(), err_sig)]));
        let error = b.t.new_named("error", "", err_iface);
        let anys = b.slice(any);
        let strs = b.slice(string);

        let mut pk: HashMap<&'static str, (&'static str, HashMap<std::string::String, Member>)> =
            HashMap::new();
        fn add(
            pk: &mut HashMap<&'static str, (&'static str, HashMap<std::string::String, Member>)>,
            path: &'static str,
            name: &'static str,
            members: Vec<(&str, Member)>,
        ) {
            let m = members
                .into_iter()
                .map(|(n, m)| (n.to_string(), m))
                .collect();
            pk.insert(path, (name, m));
        }
        fn f(native: &str, sig: TypeId) -> Member {
            Member::Func {
                native: native.into(),
                sig,
            }
        }

        // fmt
        let print = b.variadic_func(vec![anys], vec![int, error]);
        let printf = b.variadic_func(vec![string, anys], vec![int, error]);
        let sprint = b.variadic_func(vec![anys], vec![string]);
        let sprintf = b.variadic_func(vec![string, anys], vec![string]);
        let errorf = b.variadic_func(vec![string, anys], vec![error]);
        let stringer_iface =
            b.t.intern(Type::Interface(vec![("String".into(), err_sig)]));
        let stringer = b.t.new_named("Stringer", "fmt", stringer_iface);
        add(
            &mut pk,
            "fmt",
            "fmt",
            vec![
                ("Print", f("fmt.Print", print)),
                ("Println", f("fmt.Println", print)),
                ("Printf", f("fmt.Printf", printf)),
                ("Sprint", f("fmt.Sprint", sprint)),
                ("Sprintln", f("fmt.Sprintln", sprint)),
                ("Sprintf", f("fmt.Sprintf", sprintf)),
                ("Errorf", f("fmt.Errorf", errorf)),
                ("Stringer", Member::Type(stringer)),
            ],
        );
        let s_err = b.func(vec![string], vec![error]);
        let is = b.func(vec![error, error], vec![boolean]);
        let as_ = b.func(vec![error, any], vec![boolean]);
        let e_e = b.func(vec![error], vec![error]);
        let errs = b.slice(error);
        let join = b.variadic_func(vec![errs], vec![error]);
        add(
            &mut pk,
            "errors",
            "errors",
            vec![
                ("New", f("errors.New", s_err)),
                ("Is", f("errors.Is", is)),
                ("As", f("errors.As", as_)),
                ("Unwrap", f("errors.Unwrap", e_e)),
                ("Join", f("errors.Join", join)),
            ],
        );

        // strings
        let s_s = b.func(vec![string], vec![string]);
        let ss_b = b.func(vec![string, string], vec![boolean]);
        let ss_i = b.func(vec![string, string], vec![int]);
        let si_s = b.func(vec![string, int], vec![string]);
        let join = b.func(vec![strs, string], vec![string]);
        let split = b.func(vec![string, string], vec![strs]);
        let fields = b.func(vec![string], vec![strs]);
        let sss_s = b.func(vec![string, string, string], vec![string]);
        let empty = b.t.intern(Type::Struct(vec![]));
        let builder = b.t.new_named("Builder", "strings", empty);
        let err_ret = |b: &mut B, params: Vec<TypeId>, r: TypeId| b.func(params, vec![r, error]);
        let ws = err_ret(&mut b, vec![string], int);
        let byte_t = b.b(Uint8);
        let wb = b.func(vec![byte_t], vec![error]);
        let wr = err_ret(&mut b, vec![int32], int);
        let void = b.func(vec![], vec![]);
        let to_s = b.func(vec![], vec![string]);
        let to_i = b.func(vec![], vec![int]);
        let grow = b.func(vec![int], vec![]);
        set_methods(
            b.t,
            builder,
            "strings.(*Builder).",
            true,
            vec![
                ("WriteString", ws),
                ("WriteByte", wb),
                ("WriteRune", wr),
                ("String", to_s),
                ("Len", to_i),
                ("Reset", void),
                ("Grow", grow),
            ],
        );
        add(
            &mut pk,
            "strings",
            "strings",
            vec![
                ("Builder", Member::Type(builder)),
                ("Repeat", f("strings.Repeat", si_s)),
                ("Join", f("strings.Join", join)),
                ("Split", f("strings.Split", split)),
                ("Fields", f("strings.Fields", fields)),
                ("Contains", f("strings.Contains", ss_b)),
                ("HasPrefix", f("strings.HasPrefix", ss_b)),
                ("HasSuffix", f("strings.HasSuffix", ss_b)),
                ("Index", f("strings.Index", ss_i)),
                ("ToUpper", f("strings.ToUpper", s_s)),
                ("ToLower", f("strings.ToLower", s_s)),
                ("TrimSpace", f("strings.TrimSpace", s_s)),
                ("ReplaceAll", f("strings.ReplaceAll", sss_s)),
            ],
        );

        // strconv (the rest is written in Go: golib/strconv.go)
        let itoa = b.func(vec![int], vec![string]);
        let format_float = b.func(vec![f64t, byte_t, int, int], vec![string]);
        let parse_float = b.func(vec![string, int], vec![f64t, int]);
        add(
            &mut pk,
            "strconv",
            "strconv",
            vec![
                ("Itoa", f("strconv.Itoa", itoa)),
                ("FormatFloat", f("strconv.FormatFloat", format_float)),
                ("parseFloat", f("strconv.parseFloat", parse_float)),
            ],
        );

        // sort
        let less = b.func(vec![int, int], vec![boolean]);
        let sort_slice = b.func(vec![any, less], vec![]);
        add(
            &mut pk,
            "sort",
            "sort",
            vec![("Slice", f("sort.Slice", sort_slice))],
        );

        // math
        let f_f = b.func(vec![f64t], vec![f64t]);
        let ff_f = b.func(vec![f64t, f64t], vec![f64t]);
        let ci = |v: i128| Member::Const {
            val: ConstVal::Int(v),
            ty: 0,
        };
        let untyped_int = b.b(UntypedInt);
        let untyped_float = b.b(UntypedFloat);
        let mut math = vec![
            ("Sqrt", f("math.Sqrt", f_f)),
            ("Abs", f("math.Abs", f_f)),
            ("Floor", f("math.Floor", f_f)),
            ("Ceil", f("math.Ceil", f_f)),
            ("Max", f("math.Max", ff_f)),
            ("Min", f("math.Min", ff_f)),
            ("Pow", f("math.Pow", ff_f)),
            ("MaxInt", ci(i64::MAX as i128)),
            ("MinInt", ci(i64::MIN as i128)),
            ("MaxInt64", ci(i64::MAX as i128)),
            ("MinInt64", ci(i64::MIN as i128)),
            ("MaxInt32", ci(i32::MAX as i128)),
            ("MinInt32", ci(i32::MIN as i128)),
            ("MaxInt16", ci(i16::MAX as i128)),
            ("MinInt16", ci(i16::MIN as i128)),
            ("MaxInt8", ci(i8::MAX as i128)),
            ("MinInt8", ci(i8::MIN as i128)),
            ("MaxUint", ci(u64::MAX as i128)),
            ("MaxUint64", ci(u64::MAX as i128)),
            ("MaxUint32", ci(u32::MAX as i128)),
            ("MaxUint16", ci(u16::MAX as i128)),
            ("MaxUint8", ci(u8::MAX as i128)),
            (
                "Pi",
                Member::Const {
                    val: ConstVal::Float(std::f64::consts::PI),
                    ty: untyped_float,
                },
            ),
            (
                "E",
                Member::Const {
                    val: ConstVal::Float(std::f64::consts::E),
                    ty: untyped_float,
                },
            ),
            (
                "MaxFloat64",
                Member::Const {
                    val: ConstVal::Float(f64::MAX),
                    ty: untyped_float,
                },
            ),
        ];
        for m in math.iter_mut() {
            if let Member::Const { ty, .. } = &mut m.1 {
                if *ty == 0 {
                    *ty = untyped_int;
                }
            }
        }
        add(&mut pk, "math", "math", math);

        let i_i = b.func(vec![int], vec![int]);
        let v_i = b.func(vec![], vec![int]);

        // os
        let exit = b.func(vec![int], vec![]);
        let bytes = b.slice(byte_t);
        let read_file = b.func(vec![string], vec![bytes, error]);
        let write = b.func(vec![int, bytes], vec![int]);
        add(
            &mut pk,
            "os",
            "os",
            vec![
                ("Exit", f("os.Exit", exit)),
                ("ReadFile", f("os.ReadFile", read_file)),
                ("write", f("os.write", write)),
            ],
        );

        // time
        let duration = b.t.new_named("Duration", "time", int64);
        let time_t = b.t.new_named("Time", "time", empty);
        if let Some(n) = b.t.named_info_mut(time_t) {
            n.opaque = true;
        }
        let d_s = b.func(vec![], vec![string]);
        let d_f = b.func(vec![], vec![f64t]);
        let d_i = b.func(vec![], vec![int64]);
        set_methods(
            b.t,
            duration,
            "time.Duration.",
            false,
            vec![
                ("String", d_s),
                ("Seconds", d_f),
                ("Minutes", d_f),
                ("Hours", d_f),
                ("Milliseconds", d_i),
                ("Microseconds", d_i),
                ("Nanoseconds", d_i),
            ],
        );
        let sub = b.func(vec![time_t], vec![duration]);
        let add_t = b.func(vec![duration], vec![time_t]);
        let cmp_t = b.func(vec![time_t], vec![boolean]);
        set_methods(
            b.t,
            time_t,
            "time.Time.",
            false,
            vec![
                ("Sub", sub),
                ("Add", add_t),
                ("Before", cmp_t),
                ("After", cmp_t),
                ("Equal", cmp_t),
            ],
        );
        let now = b.func(vec![], vec![time_t]);
        let since = b.func(vec![time_t], vec![duration]);
        let sleep = b.func(vec![duration], vec![]);
        let recv_time = b.t.intern(Type::Chan(crate::types::Dir::Recv, time_t));
        let after = b.func(vec![duration], vec![recv_time]);
        let void_f = b.func(vec![], vec![]);
        // `time.Timer` has the runtime's layout [C, id, f]: `t.C` is field 0;
        // `id` is lower-case, so programs outside package time cannot name it.
        let timer_fields = vec![
            FieldT {
                name: "C".into(),
                ty: recv_time,
                embedded: false,
            },
            FieldT {
                name: "id".into(),
                ty: int64,
                embedded: false,
            },
            // `AfterFunc`'s function: the runtime starts it in a goroutine.
            FieldT {
                name: "f".into(),
                ty: void_f,
                embedded: false,
            },
        ];
        let timer_struct = b.t.intern(Type::Struct(timer_fields));
        let timer = b.t.new_named("Timer", "time", timer_struct);
        let stop_t = b.func(vec![], vec![boolean]);
        let reset_t = b.func(vec![duration], vec![boolean]);
        set_methods(
            b.t,
            timer,
            "time.(*Timer).",
            true,
            vec![("Stop", stop_t), ("Reset", reset_t)],
        );
        // `time.Ticker` has a Timer's layout; its period lives in the runtime.
        let ticker = b.t.new_named("Ticker", "time", timer_struct);
        let tick_reset = b.func(vec![duration], vec![]);
        set_methods(
            b.t,
            ticker,
            "time.(*Ticker).",
            true,
            vec![("Stop", void), ("Reset", tick_reset)],
        );
        let ticker_ptr = b.ptr(ticker);
        let new_ticker = b.func(vec![duration], vec![ticker_ptr]);
        let timer_ptr = b.ptr(timer);
        let new_timer = b.func(vec![duration], vec![timer_ptr]);
        let after_func = b.func(vec![duration, void_f], vec![timer_ptr]);
        let until = b.func(vec![time_t], vec![duration]);
        let dc = |v: i128| Member::Const {
            val: ConstVal::Int(v),
            ty: duration,
        };
        add(
            &mut pk,
            "time",
            "time",
            vec![
                ("Duration", Member::Type(duration)),
                ("Time", Member::Type(time_t)),
                ("Nanosecond", dc(1)),
                ("Microsecond", dc(1_000)),
                ("Millisecond", dc(1_000_000)),
                ("Second", dc(1_000_000_000)),
                ("Minute", dc(60_000_000_000)),
                ("Hour", dc(3_600_000_000_000)),
                ("Now", f("time.Now", now)),
                ("Since", f("time.Since", since)),
                ("Sleep", f("time.Sleep", sleep)),
                ("After", f("time.After", after)),
                ("Tick", f("time.Tick", after)),
                ("Timer", Member::Type(timer)),
                ("NewTimer", f("time.NewTimer", new_timer)),
                ("AfterFunc", f("time.AfterFunc", after_func)),
                ("Ticker", Member::Type(ticker)),
                ("NewTicker", f("time.NewTicker", new_ticker)),
                ("Until", f("time.Until", until)),
            ],
        );

        // sync
        let opaque = |b: &mut B, name: &str, pkg: &str| {
            let u = b.t.intern(Type::Struct(vec![]));
            let t = b.t.new_named(name, pkg, u);
            b.t.named_info_mut(t).unwrap().opaque = true;
            t
        };
        if let Some(n) = b.t.named_info_mut(builder) {
            n.opaque = true;
        }
        let mutex = opaque(&mut b, "Mutex", "sync");
        let rwmutex = opaque(&mut b, "RWMutex", "sync");
        let wg = opaque(&mut b, "WaitGroup", "sync");
        let once = opaque(&mut b, "Once", "sync");
        let v_b = b.func(vec![], vec![boolean]);
        set_methods(
            b.t,
            mutex,
            "sync.(*Mutex).",
            true,
            vec![("Lock", void), ("Unlock", void), ("TryLock", v_b)],
        );
        set_methods(
            b.t,
            rwmutex,
            "sync.(*RWMutex).",
            true,
            vec![
                ("Lock", void),
                ("Unlock", void),
                ("RLock", void),
                ("RUnlock", void),
            ],
        );
        let add_t = b.func(vec![int], vec![]);
        set_methods(
            b.t,
            wg,
            "sync.(*WaitGroup).",
            true,
            vec![("Add", add_t), ("Done", void), ("Wait", void)],
        );
        let do_t = b.func(vec![void], vec![]);
        set_methods(b.t, once, "sync.(*Once).", true, vec![("Do", do_t)]);
        add(
            &mut pk,
            "sync",
            "sync",
            vec![
                ("Mutex", Member::Type(mutex)),
                ("RWMutex", Member::Type(rwmutex)),
                ("WaitGroup", Member::Type(wg)),
                ("Once", Member::Type(once)),
            ],
        );

        // sync/atomic
        let mut atomic = Vec::new();
        for (tn, et) in [
            ("Int32", int32),
            ("Int64", int64),
            ("Uint32", uint32),
            ("Uint64", uint64),
        ] {
            let p = b.ptr(et);
            let add_f = b.func(vec![p, et], vec![et]);
            let load_f = b.func(vec![p], vec![et]);
            let store_f = b.func(vec![p, et], vec![]);
            let cas_f = b.func(vec![p, et, et], vec![boolean]);
            let swap_f = b.func(vec![p, et], vec![et]);
            for (fname, sig) in [
                ("Add", add_f),
                ("Load", load_f),
                ("Store", store_f),
                ("CompareAndSwap", cas_f),
                ("Swap", swap_f),
            ] {
                let full = format!("{fname}{tn}");
                atomic.push((full.clone(), f(&format!("atomic.{full}"), sig)));
            }
            let t = opaque(&mut b, tn, "atomic");
            let m_add = b.func(vec![et], vec![et]);
            let m_load = b.func(vec![], vec![et]);
            let m_store = b.func(vec![et], vec![]);
            let m_cas = b.func(vec![et, et], vec![boolean]);
            let m_swap = b.func(vec![et], vec![et]);
            let prefix = format!("atomic.(*{tn}).");
            set_methods(
                b.t,
                t,
                &prefix,
                true,
                vec![
                    ("Add", m_add),
                    ("Load", m_load),
                    ("Store", m_store),
                    ("CompareAndSwap", m_cas),
                    ("Swap", m_swap),
                ],
            );
            atomic.push((tn.to_string(), Member::Type(t)));
        }
        let abool = opaque(&mut b, "Bool", "atomic");
        let bl = b.func(vec![], vec![boolean]);
        let bs = b.func(vec![boolean], vec![]);
        set_methods(
            b.t,
            abool,
            "atomic.(*Bool).",
            true,
            vec![("Load", bl), ("Store", bs)],
        );
        atomic.push(("Bool".into(), Member::Type(abool)));
        pk.insert("sync/atomic", ("atomic", atomic.into_iter().collect()));

        // runtime and runtime/debug
        let gomaxprocs = b.func(vec![int], vec![int]);
        add(
            &mut pk,
            "runtime",
            "runtime",
            vec![
                ("GOMAXPROCS", f("runtime.GOMAXPROCS", gomaxprocs)),
                ("Gosched", f("runtime.Gosched", void)),
                ("Goexit", f("runtime.Goexit", void)),
                ("NumGoroutine", f("runtime.NumGoroutine", v_i)),
                ("NumCPU", f("runtime.NumCPU", v_i)),
                ("GC", f("runtime.GC", void)),
            ],
        );
        add(
            &mut pk,
            "runtime/debug",
            "debug",
            vec![
                ("SetMaxThreads", f("debug.SetMaxThreads", i_i)),
                ("SetGCPercent", f("debug.SetGCPercent", i_i)),
            ],
        );
        Library {
            packages: pk,
            error,
            any,
        }
    }
}

fn set_methods(
    t: &mut Types,
    named: TypeId,
    prefix: &str,
    ptr_recv: bool,
    methods: Vec<(&str, TypeId)>,
) {
    let info = t.named_info_mut(named).expect("library type is named");
    for (name, sig) in methods {
        info.methods.push(MethodDef {
            name: name.into(),
            sig,
            ptr_recv,
            imp: MethodImpl::Native(format!("{prefix}{name}")),
        });
    }
}

/// Why a program cannot import `path` here. Go's packages that cannot work
/// in a browser tab say why; others of Go's standard library say they are
/// not supported yet, never "undefined", since they exist in Go.
pub fn missing_package(path: &str) -> String {
    const NO_NETWORK: &[&str] = &["net", "net/http", "net/rpc", "net/smtp", "crypto/tls"];
    const NO_PROCESSES: &[&str] = &["os/exec", "os/signal", "syscall", "plugin"];
    const NO_MEMORY: &[&str] = &["reflect", "unsafe", "runtime/cgo", "C"];
    let why = if NO_NETWORK.contains(&path) || path.starts_with("net/http/") {
        "programs run in your browser, without a network"
    } else if NO_PROCESSES.contains(&path) {
        "programs run in your browser, without processes or signals"
    } else if NO_MEMORY.contains(&path) {
        "this page's runtime has no reflection, raw memory or C"
    } else if path.contains('.') {
        // A module path (github.com/...): there is no module download here.
        return format!(
            "package {path} is not available here: programs use Go's standard library only"
        );
    } else {
        return format!(
            "package {path} is not supported here yet (or is not in Go's standard library)"
        );
    };
    format!("package {path} is not available here: {why}")
}

/// Every package the compiler knows, with its exported members (`Println`,
/// `Builder`, `Builder.WriteString`), sorted: the natives declared here and
/// the packages written in Go (`golib`), merged. The book's "What Go runs
/// here" page lists it, so the list is the compiler's own.
pub fn catalog() -> Vec<(String, Vec<String>)> {
    let mut t = Types::new();
    let lib = Library::new(&mut t);
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for (path, (_, members)) in &lib.packages {
        let mut names = Vec::new();
        for (name, m) in members {
            if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
                continue;
            }
            names.push(name.clone());
            if let Member::Type(ty) = m {
                if let Some(n) = t.named_info(*ty) {
                    names.extend(n.methods.iter().map(|m| format!("{name}.{}", m.name)));
                }
            }
        }
        out.push((path.to_string(), names));
    }
    for (path, names) in crate::golib::exports() {
        // A part of a package (`fmt+scan`) lists its names under the package.
        let path = path.split('+').next().unwrap_or(path);
        let names = names
            .split(' ')
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        match out.iter_mut().find(|(p, _)| p == path) {
            Some((_, have)) => have.extend(names),
            None => out.push((path.to_string(), names.collect())),
        }
    }
    for (_, names) in &mut out {
        names.sort_unstable();
        names.dedup();
    }
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn catalog_merges_natives_and_go_source() {
        let c = super::catalog();
        let get = |p: &str| &c.iter().find(|(path, _)| path == p).unwrap().1;
        // Natives, with a library type's methods.
        assert!(get("fmt").contains(&"Println".to_string()));
        assert!(get("strings").contains(&"Builder.WriteString".to_string()));
        // Written in Go, with methods found by build.rs.
        assert!(get("strings").contains(&"Cut".to_string()));
        assert!(get("context").contains(&"WithCancel".to_string()));
        assert!(get("container/list").contains(&"List.PushBack".to_string()));
        assert!(
            get("sync").contains(&"Mutex".to_string())
                && get("sync").contains(&"OnceValue".to_string())
        );
        // Unexported names never appear.
        assert!(c
            .iter()
            .all(|(_, ns)| ns.iter().all(|n| n.starts_with(char::is_uppercase))));
        assert!(c.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
