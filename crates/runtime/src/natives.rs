//! Library functions implemented in the runtime, identified by stable names
//! (`"fmt.Println"`, `"strings.(*Builder).WriteString"`) that the loader
//! resolves to function pointers once, so calls never hash names.
//!
//! A native gets the register window of the call: its Go arguments in
//! order (a variadic parameter is one slice), and writes its results to the
//! start of the same window. A native that needs Go code to run (`sort.Slice`
//! calling `less`, `fmt` calling a `String()` method) returns
//! `Trap::Call(func value, args)`: the VM runs that call and re-executes the
//! native, which finds the results in `ctx.cb.results` and its own progress
//! in `ctx.cb.state`. Natives therefore have no side effects before their
//! last callback.

use crate::fmt::Printer;
use crate::g::NativeCb;
use crate::heap::Obj;
use crate::interp::new_filled_slice;
use crate::machine::{Machine, RtErr, Trap};
use golab_bytecode::{TypeDesc, TypeKind};
use std::sync::atomic::Ordering::Relaxed;

/// What a native sees.
pub(crate) struct Ctx<'a> {
    pub m: &'a mut Machine,
    pub cb: &'a mut NativeCb,
    /// The calling goroutine's id and index in `Sched::allgs`.
    pub goid: u64,
    pub gi: u32,
    /// Set by a native that parks the G: wait reason and the address
    /// waited on.
    pub park: Option<(crate::sched::WaitReason, u64)>,
    /// The calling G's `mutex_wait_start` (read and written back).
    pub mutex_wait_start: i64,
}

/// A native: the call's register window in, results written back to it.
pub(crate) type NativeFn = fn(&mut Ctx, &mut [u64]) -> Result<(), Trap>;

/// Every native the runtime provides, by stable name.
pub const NAMES: &[&str] = &[
    "runtime.errorText",
    "runtime.runtimeErrorMark",
    "println",
    "print",
    "fmt.Println",
    "fmt.Print",
    "fmt.Printf",
    "fmt.Sprintf",
    "fmt.Sprint",
    "fmt.Sprintln",
    "fmt.Errorf",
    "errors.New",
    "errors.Unwrap",
    "errors.As",
    "errors.Join",
    "errors.(*errorString).Error",
    "fmt.(*wrapError).Error",
    "fmt.(*wrapError).Unwrap",
    "fmt.(*wrapErrors).Error",
    "fmt.(*wrapErrors).Unwrap",
    "errors.(*joinError).Error",
    "errors.(*joinError).Unwrap",
    "strings.Repeat",
    "strings.Join",
    "strings.Split",
    "strings.Fields",
    "strings.Contains",
    "strings.ToUpper",
    "strings.ToLower",
    "strings.EqualFold",
    "unicode.ToUpper",
    "unicode.ToLower",
    "unicode.ToTitle",
    "unicode.IsUpper",
    "unicode.IsLower",
    "unicode.IsNumber",
    "strings.TrimSpace",
    "strings.HasPrefix",
    "strings.HasSuffix",
    "strings.Index",
    "strings.ReplaceAll",
    "strings.(*Builder).WriteString",
    "strings.(*Builder).WriteByte",
    "strings.(*Builder).WriteRune",
    "strings.(*Builder).String",
    "strings.(*Builder).Len",
    "strconv.Itoa",
    "strconv.FormatFloat",
    "strconv.parseFloat",
    "strconv.IsPrint",
    "strconv.IsGraphic",
    "sort.Slice",
    "math.Sqrt",
    "math.Sin",
    "math.Cos",
    "math.Tan",
    "math.Asin",
    "math.Acos",
    "math.Atan",
    "math.Sinh",
    "math.Cosh",
    "math.Tanh",
    "math.Asinh",
    "math.Acosh",
    "math.Atanh",
    "math.Exp",
    "math.Exp2",
    "math.Expm1",
    "math.Log",
    "math.Log2",
    "math.Log10",
    "math.Log1p",
    "math.Cbrt",
    "math.Trunc",
    "math.Round",
    "math.RoundToEven",
    "math.Atan2",
    "math.Hypot",
    "math.Mod",
    "math.Float64bits",
    "math.Float64frombits",
    "math.Float32bits",
    "math.Float32frombits",
    "math.Abs",
    "math.Max",
    "math.Min",
    "math.Floor",
    "math.Ceil",
    "math.Pow",
    "rand.runtime_rand",
    "rand.rngCooked",
    "os.Exit",
    "time.Now",
    "time.Since",
    "time.Duration.String",
    "time.Duration.Seconds",
    "time.Duration.Milliseconds",
    "runtime.Gosched",
    "runtime.Goexit",
    "iter.goexit",
    "runtime.NumGoroutine",
    "runtime.GOMAXPROCS",
    "runtime.NumCPU",
    "time.Duration.Minutes",
    "time.Duration.Hours",
    "time.Duration.Microseconds",
    "time.Duration.Nanoseconds",
    "time.Time.Sub",
    "time.Time.Add",
    "time.Time.Before",
    "time.Time.After",
    "time.Time.Equal",
    "time.Until",
    "time.AfterFunc",
    "strings.(*Builder).Reset",
    "strings.(*Builder).Grow",
    "errors.Is",
    "atomic.AddInt64",
    "atomic.AddInt32",
    "atomic.LoadInt64",
    "atomic.LoadInt32",
    "atomic.StoreInt64",
    "atomic.StoreInt32",
    "atomic.CompareAndSwapInt64",
    "atomic.CompareAndSwapInt32",
    "sync.(*Mutex).Lock",
    "sync.(*Mutex).Unlock",
    "sync.(*Mutex).TryLock",
    "sync.(*RWMutex).Lock",
    "sync.(*RWMutex).Unlock",
    "sync.(*RWMutex).RLock",
    "sync.(*RWMutex).RUnlock",
    "sync.(*WaitGroup).Add",
    "sync.(*WaitGroup).Done",
    "sync.(*WaitGroup).Wait",
    "sync.(*Once).Do",
    "atomic.AddUint32",
    "atomic.AddUint64",
    "atomic.LoadUint32",
    "atomic.LoadUint64",
    "atomic.StoreUint32",
    "atomic.StoreUint64",
    "atomic.CompareAndSwapUint32",
    "atomic.CompareAndSwapUint64",
    "atomic.SwapInt32",
    "atomic.SwapInt64",
    "atomic.SwapUint32",
    "atomic.SwapUint64",
    "atomic.(*Int32).Add",
    "atomic.(*Int32).Load",
    "atomic.(*Int32).Store",
    "atomic.(*Int32).CompareAndSwap",
    "atomic.(*Int32).Swap",
    "atomic.(*Int64).Add",
    "atomic.(*Int64).Load",
    "atomic.(*Int64).Store",
    "atomic.(*Int64).CompareAndSwap",
    "atomic.(*Int64).Swap",
    "atomic.(*Uint32).Add",
    "atomic.(*Uint32).Load",
    "atomic.(*Uint32).Store",
    "atomic.(*Uint32).CompareAndSwap",
    "atomic.(*Uint32).Swap",
    "atomic.(*Uint64).Add",
    "atomic.(*Uint64).Load",
    "atomic.(*Uint64).Store",
    "atomic.(*Uint64).CompareAndSwap",
    "atomic.(*Uint64).Swap",
    "atomic.(*Bool).Load",
    "atomic.(*Bool).Store",
    "time.nanosOf",
    "time.makeTime",
    "runtime.memstats",
    "runtime.GC",
    "debug.SetMaxThreads",
    "debug.SetGCPercent",
    "time.Sleep",
    "time.After",
    "time.Tick",
    "time.NewTimer",
    "time.(*Timer).Stop",
    "time.(*Timer).Reset",
    "time.NewTicker",
    "time.(*Ticker).Stop",
    "time.(*Ticker).Reset",
    "os.ReadFile",
    "os.write",
];

/// Resolves a native name.
pub(crate) fn lookup(name: &str) -> Option<NativeFn> {
    Some(match name {
        "runtime.runtimeErrorMark" => |_, _| Ok(()),
        "runtime.errorText" => |_, w| {
            // The receiver of runtime-made error types is their text.
            let _ = w;
            Ok(())
        },
        "println" => |c, w| builtin_print(c, w[0], true),
        "print" => |c, w| builtin_print(c, w[0], false),
        "fmt.Println" => |c, w| {
            let mut s = sprint(c, w[0], true)?;
            s.push(b'\n');
            w[0] = s.len() as u64;
            c.m.stdio.stdout(s);
            w[1] = 0;
            Ok(())
        },
        "fmt.Print" => |c, w| {
            let s = sprint(c, w[0], false)?;
            w[0] = s.len() as u64;
            c.m.stdio.stdout(s);
            w[1] = 0;
            Ok(())
        },
        "fmt.Printf" => |c, w| {
            let s = sprintf(c, w[0], w[1])?;
            w[0] = s.len() as u64;
            c.m.stdio.stdout(s);
            w[1] = 0;
            Ok(())
        },
        "fmt.Sprintf" => |c, w| {
            let s = sprintf(c, w[0], w[1])?;
            crate::interp::check_memory(c.m, s.len())?;
            w[0] = c.m.heap.alloc_str(&s);
            Ok(())
        },
        "fmt.Sprint" => |c, w| {
            let s = sprint(c, w[0], false)?;
            crate::interp::check_memory(c.m, s.len())?;
            w[0] = c.m.heap.alloc_str(&s);
            Ok(())
        },
        "fmt.Sprintln" => |c, w| {
            let mut s = sprint(c, w[0], true)?;
            s.push(b'\n');
            crate::interp::check_memory(c.m, s.len())?;
            w[0] = c.m.heap.alloc_str(&s);
            Ok(())
        },
        "fmt.Errorf" => |c, w| {
            let words = c.m.heap.slice_words(w[1]);
            let f = c.m.heap.str_bytes(w[0]).to_vec();
            let mut p = Printer::new(c.m, &c.cb.results);
            p.wrap_errs = true;
            p.printf(&f, &words)?;
            let (text, wrapped) = (p.buf, p.wrapped);
            w[0] = crate::fmt::errorf_value(c.m, &text, &words, wrapped);
            Ok(())
        },
        "strings.Repeat" => |c, w| {
            let n = w[1] as i64;
            if n < 0 {
                return Err(panic_str(c.m, "strings: negative Repeat count"));
            }
            // Sized (and checked) before anything is allocated, as Go's
            // Repeat panics on overflow before making the result.
            // In 64-bit ints as Go's, also on wasm32.
            let Some(len) = (c.m.heap.str_bytes(w[0]).len() as i64).checked_mul(n) else {
                return Err(panic_str(c.m, "strings: Repeat count causes overflow"));
            };
            crate::interp::check_memory(c.m, usize::try_from(len).unwrap_or(usize::MAX))?;
            let s = c.m.heap.str_bytes(w[0]).repeat(n as usize);
            w[0] = c.m.heap.alloc_str(&s);
            Ok(())
        },
        "strings.Join" => |c, w| {
            let parts: Vec<Vec<u8>> =
                c.m.heap
                    .slice_words(w[0])
                    .iter()
                    .map(|&s| c.m.heap.str_bytes(s).to_vec())
                    .collect();
            let sep = c.m.heap.str_bytes(w[1]).to_vec();
            let s = parts.join(&sep[..]);
            w[0] = c.m.heap.alloc_str(&s);
            Ok(())
        },
        "strings.Split" => |c, w| {
            let s = c.m.heap.str_lossy(w[0]);
            let sep = c.m.heap.str_lossy(w[1]);
            let parts: Vec<String> = if sep.is_empty() {
                s.chars().map(|ch| ch.to_string()).collect()
            } else {
                s.split(sep.as_str()).map(str::to_string).collect()
            };
            w[0] = string_slice(c.m, &parts);
            Ok(())
        },
        "strings.Fields" => |c, w| {
            let s = c.m.heap.str_lossy(w[0]);
            let parts: Vec<String> = s.split_whitespace().map(str::to_string).collect();
            w[0] = string_slice(c.m, &parts);
            Ok(())
        },
        "strings.Contains" => |c, w| {
            w[0] =
                c.m.heap
                    .str_lossy(w[0])
                    .contains(c.m.heap.str_lossy(w[1]).as_str()) as u64;
            Ok(())
        },
        "strings.HasPrefix" => |c, w| {
            w[0] =
                c.m.heap
                    .str_bytes(w[0])
                    .starts_with(c.m.heap.str_bytes(w[1])) as u64;
            Ok(())
        },
        "strings.HasSuffix" => |c, w| {
            w[0] = c.m.heap.str_bytes(w[0]).ends_with(c.m.heap.str_bytes(w[1])) as u64;
            Ok(())
        },
        "strings.Index" => |c, w| {
            let (s, sub) = (c.m.heap.str_bytes(w[0]), c.m.heap.str_bytes(w[1]));
            w[0] = if sub.is_empty() {
                0
            } else {
                s.windows(sub.len())
                    .position(|x| x == sub)
                    .map(|i| i as i64)
                    .unwrap_or(-1) as u64
            };
            Ok(())
        },
        "strings.ReplaceAll" => |c, w| {
            let s =
                c.m.heap
                    .str_lossy(w[0])
                    .replace(&c.m.heap.str_lossy(w[1]), &c.m.heap.str_lossy(w[2]));
            w[0] = c.m.str(&s);
            Ok(())
        },
        // Rune by rune with Go's simple mappings (crate::case): "straße"
        // stays "STRAßE", and a final sigma is not special.
        "strings.ToUpper" => |c, w| {
            let s: String =
                c.m.heap
                    .str_lossy(w[0])
                    .chars()
                    .map(crate::case::to_upper)
                    .collect();
            w[0] = c.m.str(&s);
            Ok(())
        },
        "strings.ToLower" => |c, w| {
            let s: String =
                c.m.heap
                    .str_lossy(w[0])
                    .chars()
                    .map(crate::case::to_lower)
                    .collect();
            w[0] = c.m.str(&s);
            Ok(())
        },
        "strings.EqualFold" => |c, w| {
            let (a, b) = (c.m.heap.str_lossy(w[0]), c.m.heap.str_lossy(w[1]));
            w[0] = (a.chars().count() == b.chars().count()
                && a.chars()
                    .zip(b.chars())
                    .all(|(x, y)| crate::case::fold_eq(x, y))) as u64;
            Ok(())
        },
        "unicode.ToUpper" => |_, w| rune_map(w, crate::case::to_upper),
        "unicode.ToLower" => |_, w| rune_map(w, crate::case::to_lower),
        "unicode.ToTitle" => |_, w| rune_map(w, crate::case::to_title),
        "unicode.IsUpper" => |_, w| rune_test(w, crate::case::is_upper),
        "unicode.IsLower" => |_, w| rune_test(w, crate::case::is_lower),
        "unicode.IsNumber" => |_, w| rune_test(w, char::is_numeric),
        "strings.TrimSpace" => |c, w| {
            let s = c.m.heap.str_lossy(w[0]).trim().to_string();
            w[0] = c.m.str(&s);
            Ok(())
        },
        "strings.(*Builder).WriteString" => |c, w| {
            let bytes = c.m.heap.str_bytes(w[1]).to_vec();
            builder_write(c.m, w[0], &bytes)?;
            w[0] = bytes.len() as u64;
            w[1] = 0;
            Ok(())
        },
        "strings.(*Builder).WriteByte" => |c, w| {
            builder_write(c.m, w[0], &[w[1] as u8])?;
            w[0] = 0;
            Ok(())
        },
        "strings.(*Builder).WriteRune" => |c, w| {
            let ch = u32::try_from(w[1] as i64)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{FFFD}');
            let mut b = [0u8; 4];
            let s = ch.encode_utf8(&mut b).as_bytes().to_vec();
            builder_write(c.m, w[0], &s)?;
            w[0] = s.len() as u64;
            w[1] = 0;
            Ok(())
        },
        "strings.(*Builder).String" => |c, w| {
            let buf = c.m.heap.load(w[0]).ok_or(Trap::Runtime(RtErr::NilDeref))?;
            let bytes = match c.m.heap.get(buf) {
                Some(Obj::Buf(b)) => b.clone(),
                _ => Vec::new(),
            };
            w[0] = c.m.heap.alloc_str(&bytes);
            Ok(())
        },
        "strings.(*Builder).Len" => |c, w| {
            let buf = c.m.heap.load(w[0]).ok_or(Trap::Runtime(RtErr::NilDeref))?;
            w[0] = match c.m.heap.get(buf) {
                Some(Obj::Buf(b)) => b.len() as u64,
                _ => 0,
            };
            Ok(())
        },
        "strconv.Itoa" => |c, w| {
            w[0] = c.m.str(&(w[0] as i64).to_string());
            Ok(())
        },
        // strconv.FormatFloat(f, fmt, prec, bitSize): Go's fmt rules.
        "strconv.FormatFloat" => |c, w| {
            let x = f64::from_bits(w[0]);
            let prec = (w[2] as i64 >= 0).then_some(w[2] as usize);
            let s = crate::fmt::format_float(x, w[1] as u8 as char, prec, w[3] == 32);
            w[0] = c.m.str(&s);
            Ok(())
        },
        // strconv.parseFloat(s, bitSize) (f, code): code 0 ok, 1 syntax, 2
        // range; the Go side (golib strconv.go) makes the NumError.
        // A rune that is not a valid char (out of range, a surrogate) is
        // not printable, as in Go.
        "strconv.IsPrint" => |_, w| {
            w[0] = char::from_u32(w[0] as u32).is_some_and(crate::fmt::is_print) as u64;
            Ok(())
        },
        "strconv.IsGraphic" => |_, w| {
            w[0] = char::from_u32(w[0] as u32).is_some_and(crate::fmt::is_graphic) as u64;
            Ok(())
        },
        "strconv.parseFloat" => |c, w| {
            let s = c.m.heap.str_lossy(w[0]);
            let t = s.trim_start_matches(['+', '-']).to_ascii_lowercase();
            let literal_inf = t == "inf" || t == "infinity";
            let (x, code) = match crate::strconv::parse_float(&s, w[1] == 32) {
                Some(v) => (v, (v.is_infinite() && !literal_inf) as u64 * 2),
                None => (0.0, 1),
            };
            w[0] = x.to_bits();
            w[1] = code;
            Ok(())
        },
        "sort.Slice" => sort_slice,
        "math.Sqrt" => |_, w| float1(w, f64::sqrt),
        "math.Abs" => |_, w| float1(w, f64::abs),
        "math.Floor" => |_, w| float1(w, f64::floor),
        "math.Ceil" => |_, w| float1(w, f64::ceil),
        "math.Max" => |_, w| {
            float2(w, |a, b| {
                if a.is_nan() || b.is_nan() {
                    f64::NAN
                } else {
                    a.max(b)
                }
            })
        },
        "math.Min" => |_, w| {
            float2(w, |a, b| {
                if a.is_nan() || b.is_nan() {
                    f64::NAN
                } else {
                    a.min(b)
                }
            })
        },
        "math.Pow" => |_, w| float2(w, f64::powf),
        "math.Sin" => |_, w| float1(w, f64::sin),
        "math.Cos" => |_, w| float1(w, f64::cos),
        "math.Tan" => |_, w| float1(w, f64::tan),
        "math.Asin" => |_, w| float1(w, f64::asin),
        "math.Acos" => |_, w| float1(w, f64::acos),
        "math.Atan" => |_, w| float1(w, f64::atan),
        "math.Sinh" => |_, w| float1(w, f64::sinh),
        "math.Cosh" => |_, w| float1(w, f64::cosh),
        "math.Tanh" => |_, w| float1(w, f64::tanh),
        "math.Asinh" => |_, w| float1(w, f64::asinh),
        "math.Acosh" => |_, w| float1(w, f64::acosh),
        "math.Atanh" => |_, w| float1(w, f64::atanh),
        "math.Exp" => |_, w| float1(w, f64::exp),
        "math.Exp2" => |_, w| float1(w, f64::exp2),
        "math.Expm1" => |_, w| float1(w, f64::exp_m1),
        "math.Log" => |_, w| float1(w, f64::ln),
        "math.Log2" => |_, w| float1(w, f64::log2),
        "math.Log10" => |_, w| float1(w, f64::log10),
        "math.Log1p" => |_, w| float1(w, f64::ln_1p),
        "math.Cbrt" => |_, w| float1(w, f64::cbrt),
        "math.Trunc" => |_, w| float1(w, f64::trunc),
        "math.Round" => |_, w| float1(w, f64::round),
        "math.RoundToEven" => |_, w| float1(w, f64::round_ties_even),
        "math.Atan2" => |_, w| float2(w, f64::atan2),
        "math.Hypot" => |_, w| float2(w, f64::hypot),
        // Go's Mod has the sign of x, as Rust's float remainder does.
        "math.Mod" => |_, w| float2(w, |x, y| x % y),
        // A float64 is its bits in a word already.
        "math.Float64bits" | "math.Float64frombits" => |_, _| Ok(()),
        // A float32 is held widened to float64.
        "math.Float32bits" => |_, w| {
            w[0] = (f64::from_bits(w[0]) as f32).to_bits() as u64;
            Ok(())
        },
        "math.Float32frombits" => |_, w| {
            w[0] = (f32::from_bits(w[0] as u32) as f64).to_bits();
            Ok(())
        },

        // runtime.rand, behind the top-level functions of math/rand and v2.
        "runtime.Goexit" | "iter.goexit" => |_, _| Err(Trap::Goexit),
        "rand.runtime_rand" => |c, w| {
            w[0] = c.m.rand.uint64();
            Ok(())
        },
        "rand.rngCooked" => |c, w| match crate::gorand::rng_cooked(w[0] as i64) {
            Some(v) => {
                w[0] = v as u64;
                Ok(())
            }
            None => Err(panic_str(c.m, "index out of range")),
        },
        // A process exit status is one byte: os.Exit(300) exits 44, as on Linux.
        "os.Exit" => |_, w| Err(Trap::Exit((w[0] as i64 & 0xff) as i32)),
        // os.write(fd, b) n: what (*os.File).Write of golib's os.go calls
        // for Stdout (1) and Stderr (2).
        "os.write" => |c, w| {
            let bytes: Vec<u8> =
                c.m.heap
                    .slice_words(w[1])
                    .iter()
                    .map(|&b| b as u8)
                    .collect();
            let n = bytes.len() as u64;
            if w[0] == 2 {
                c.m.stdio.stderr(bytes);
            } else {
                c.m.stdio.stdout(bytes);
            }
            w[0] = n;
            Ok(())
        },
        // Go's GC blocks the caller until a cycle ends (`gcWaitOnMark` parks
        // it), and other goroutines run meanwhile: a scheduling point, so a
        // loop calling it does not starve them even with one P.
        "runtime.GC" => |c, _| {
            c.m.gc_requested = true;
            Err(Trap::Sched(crate::sched::SchedReq::Gosched))
        },
        "debug.SetMaxThreads" => |c, w| {
            let prev = c.m.sched.maxmcount;
            let n = (w[0] as i64).clamp(1, u32::MAX as i64) as u32;
            c.m.sched.maxmcount = n;
            w[0] = prev as u64;
            Ok(())
        },
        "debug.SetGCPercent" => |_, w| {
            w[0] = 100;
            Ok(())
        },
        "runtime.Gosched" => |_, _| Err(Trap::Sched(crate::sched::SchedReq::Gosched)),
        // runtime.memstats(): what golib's runtime.go makes a MemStats of:
        // heap bytes live and ever allocated, objects allocated and freed,
        // collections, and the goroutines' stacks sized as Go sizes them
        // (2 KiB, doubled while the frames need more).
        "runtime.memstats" => |c, w| {
            let stacks: u64 =
                c.m.sched
                    .allgs
                    .iter()
                    .flatten()
                    .filter(|g| g.status != crate::g::GStatus::Gdead)
                    .map(|g| ((g.stack.len() * 8) as u64).max(2048).next_power_of_two())
                    .sum();
            w[0] = c.m.heap.bytes as u64;
            w[1] = c.m.heap.total_bytes;
            w[2] = c.m.heap.mallocs;
            w[3] = c.m.heap.mallocs - c.m.heap.live_objects() as u64;
            w[4] = c.m.gc_stats.cycles;
            w[5] = stacks;
            Ok(())
        },
        "runtime.NumGoroutine" => |c, w| {
            w[0] = c.m.sched.gcount as u64;
            Ok(())
        },
        "runtime.GOMAXPROCS" => |c, w| {
            let s = &mut c.m.sched;
            let old = if s.newprocs != 0 {
                s.newprocs
            } else {
                s.gomaxprocs
            };
            let n = w[0] as i64;
            w[0] = old as u64;
            if n > 0 && n as u32 != old {
                s.newprocs = n.min(crate::sched::MAX_GOMAXPROCS as i64) as u32;
                return Err(Trap::Sched(crate::sched::SchedReq::Stw));
            }
            Ok(())
        },
        "runtime.NumCPU" => |c, w| {
            // The host's CPU count when it gave one (parallel mode), else
            // the initial GOMAXPROCS, as a machine with that many cores.
            let n = match c.m.config.num_cpu {
                0 => c.m.config.gomaxprocs,
                n => n,
            };
            w[0] = n as u64;
            Ok(())
        },
        "strings.(*Builder).Reset" => |c, w| {
            if !c.m.heap.store(w[0], 0) {
                return Err(Trap::Runtime(RtErr::NilDeref));
            }
            Ok(())
        },
        "strings.(*Builder).Grow" => |c, w| {
            if (w[1] as i64) < 0 {
                return Err(panic_str(c.m, "strings.Builder.Grow: negative count"));
            }
            Ok(())
        },
        _ => {
            return crate::atomic::lookup(name)
                .or_else(|| crate::errors::lookup(name))
                .or_else(|| crate::sync::lookup(name))
                .or_else(|| crate::time::lookup(name))
                .or_else(|| crate::vfs::lookup(name))
        }
    })
}

/// Runs a text-producing native method (`Error()` of runtime error types,
/// `time.Duration.String`) directly, for fmt and panic printing.
pub(crate) fn call_text_native(m: &mut Machine, nid: u32, recv: u64) -> Option<String> {
    let f = (*m.natives.get(nid as usize)?)?;
    let mut cb = NativeCb::default();
    let mut ctx = Ctx {
        m,
        cb: &mut cb,
        goid: 0,
        gi: crate::sched::NIL,
        park: None,
        mutex_wait_start: 0,
    };
    let mut w = [recv, 0, 0];
    f(&mut ctx, &mut w).ok()?;
    Some(m.heap.str_lossy(w[0]))
}

fn panic_str(m: &mut Machine, s: &str) -> Trap {
    let ty = m.rt.string;
    let w = m.str(s);
    Trap::Panic(m.heap.alloc_iface(ty, w))
}

fn sprint(c: &mut Ctx, args: u64, ln: bool) -> Result<Vec<u8>, Trap> {
    let words = c.m.heap.slice_words(args);
    let mut p = Printer::new(c.m, &c.cb.results);
    p.print(&words, ln)?;
    Ok(p.buf)
}

fn sprintf(c: &mut Ctx, format: u64, args: u64) -> Result<Vec<u8>, Trap> {
    let words = c.m.heap.slice_words(args);
    let f = c.m.heap.str_bytes(format).to_vec();
    let mut p = Printer::new(c.m, &c.cb.results);
    p.printf(&f, &words)?;
    Ok(p.buf)
}

/// The builtins `print`/`println` (to stderr, runtime formats).
fn builtin_print(c: &mut Ctx, args: u64, ln: bool) -> Result<(), Trap> {
    let mut s = String::new();
    for (i, a) in c.m.heap.slice_words(args).into_iter().enumerate() {
        if ln && i > 0 {
            s.push(' ');
        }
        match c.m.heap.iface(a) {
            None => s.push_str("(0x0,0x0)"),
            Some((ty, w)) => match &c.m.types[ty as usize].kind {
                TypeKind::Bool => s.push_str(if w != 0 { "true" } else { "false" }),
                TypeKind::Int(k) if k.signed() => s.push_str(&(w as i64).to_string()),
                TypeKind::Int(_) => s.push_str(&w.to_string()),
                TypeKind::Float32 | TypeKind::Float64 => {
                    s.push_str(&crate::panic::print_float(f64::from_bits(w)))
                }
                TypeKind::String => s.push_str(&c.m.heap.str_lossy(w)),
                _ => s.push_str(&format!("0xc{:09x}", (w as u32) as u64 * 16)),
            },
        }
    }
    if ln {
        s.push('\n');
    }
    c.m.stdio.stderr(s.as_bytes());
    Ok(())
}

fn string_slice(m: &mut Machine, parts: &[String]) -> u64 {
    let words: Vec<u64> = parts.iter().map(|p| m.str(p)).collect();
    let st = m.rt.string;
    let elem = slice_of(m, st);
    let _ = elem;
    new_filled_slice(m, st, words.into_iter())
}

fn slice_of(m: &mut Machine, elem: u32) -> u32 {
    let name = format!("[]{}", m.types[elem as usize].name);
    find_or_add(m, TypeDesc::new(name, TypeKind::Slice(elem)))
}

pub(crate) fn find_or_add(m: &mut Machine, desc: TypeDesc) -> u32 {
    if let Some(i) = m
        .types
        .iter()
        .position(|t| t.name == desc.name && t.kind == desc.kind)
    {
        return i as u32;
    }
    m.types.push(desc);
    (m.types.len() - 1) as u32
}

fn builder_write(m: &mut Machine, b: u64, bytes: &[u8]) -> Result<(), Trap> {
    let buf = m.heap.load(b).ok_or(Trap::Runtime(RtErr::NilDeref))?;
    if m.heap.get(buf).is_none() {
        let h = m.heap.alloc(Obj::Buf(Vec::new())) as u64;
        m.heap.store(b, h);
        return builder_write(m, b, bytes);
    }
    crate::interp::check_memory(m, bytes.len())?;
    if let Some(Obj::Buf(v)) = m.heap.get_mut(buf) {
        v.extend_from_slice(bytes);
    }
    m.heap.bytes += bytes.len();
    Ok(())
}

/// A rune → rune native; a rune that is no char maps to itself, as in Go.
fn rune_map(w: &mut [u64], f: fn(char) -> char) -> Result<(), Trap> {
    if let Some(c) = char::from_u32(w[0] as u32).filter(|_| w[0] as i64 >= 0) {
        w[0] = f(c) as u64;
    }
    Ok(())
}

/// A rune → bool native; a rune that is no char is in no class.
fn rune_test(w: &mut [u64], f: fn(char) -> bool) -> Result<(), Trap> {
    w[0] = (w[0] as i64 >= 0 && char::from_u32(w[0] as u32).is_some_and(f)) as u64;
    Ok(())
}

fn float1(w: &mut [u64], f: fn(f64) -> f64) -> Result<(), Trap> {
    w[0] = f(f64::from_bits(w[0])).to_bits();
    Ok(())
}

fn float2(w: &mut [u64], f: fn(f64, f64) -> f64) -> Result<(), Trap> {
    w[0] = f(f64::from_bits(w[0]), f64::from_bits(w[1])).to_bits();
    Ok(())
}

/// Progress of `sort.Slice`: Go's insertion sort (what pdqsort does for
/// up to 12 elements), one `less(j, j-1)` callback at a time, swapping in
/// place as Go's `reflect.Swapper` does.
struct SortState {
    i: usize,
    j: usize,
}

fn sort_slice(c: &mut Ctx, w: &mut [u64]) -> Result<(), Trap> {
    let Some((_, s)) = c.m.heap.iface(w[0]) else {
        return Ok(());
    };
    let less = w[1];
    let (arr, off, len, _) = c.m.heap.slice(s);
    let n = len as usize;
    let mut st = match c
        .cb
        .state
        .take()
        .and_then(|b| b.downcast::<SortState>().ok())
    {
        Some(b) => *b,
        None => SortState { i: 1, j: 1 },
    };
    if let Some(r) = c.cb.results.pop() {
        if r.first().copied().unwrap_or(0) != 0 {
            if let Some(ws) = c.m.heap.words(arr as u64) {
                let (a, b) = (off as usize + st.j, off as usize + st.j - 1);
                let (x, y) = (ws[a].load(Relaxed), ws[b].load(Relaxed));
                ws[a].store(y, Relaxed);
                ws[b].store(x, Relaxed);
            }
            st.j -= 1;
        } else {
            st.i += 1;
            st.j = st.i;
        }
        c.cb.results.clear();
    }
    loop {
        if st.i >= n {
            return Ok(());
        }
        if st.j == 0 {
            st.i += 1;
            st.j = st.i;
            continue;
        }
        let (a, b) = (st.j as u64, (st.j - 1) as u64);
        c.cb.state = Some(Box::new(st));
        return Err(Trap::Call(less, vec![a, b]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_resolves() {
        for n in NAMES {
            assert!(lookup(n).is_some(), "{n}");
        }
        assert!(lookup("fmt.Nope").is_none());
    }
}
