//! Go's own fields of the library types whose layout the runtime owns
//! (`TypeKind::Opaque`: `sync.Mutex`, `sync.WaitGroup`, `atomic.Int64`...),
//! so `fmt` prints a struct holding one as Go does: `%+v` of
//! `struct{ mu sync.Mutex }` is `{mu:{_:{} mu:{state:0 sema:0}}}`.
//!
//! `fmt` asks for a *view*: a struct value of Go's type, built on the
//! heap from the runtime's words, that it then prints like any struct.
//! The layouts are those of the current Go release (1.26), read in its
//! sources (`src/sync/mutex.go`, `rwmutex.go`, `waitgroup.go`, `once.go`,
//! `src/internal/sync/mutex.go`, `src/sync/atomic/type.go`):
//!
//! ```text
//! sync.Mutex     { _ noCopy; mu isync.Mutex }           // Go 1.24: was {state int32; sema uint32}
//! isync.Mutex    { state int32; sema uint32 }           // prints as sync.Mutex (package sync)
//! sync.RWMutex   { w Mutex; writerSem, readerSem uint32; readerCount, readerWait atomic.Int32 }
//! sync.WaitGroup { noCopy noCopy; state atomic.Uint64; sema uint32 }  // counter in state's high half
//! sync.Once      { _ noCopy; done atomic.Bool; m Mutex }
//! atomic.Int32   { _ noCopy; v int32 }                  // Int64, Uint64: { _ noCopy; _ align64; v }
//! ```
//!
//! The values are Go's where a program can see them deterministically
//! (locked, a counter, done); semaphores, which only move while
//! goroutines are blocked, print 0.

use crate::heap::Shape;
use crate::machine::Machine;
use golab_bytecode::{Field, IntKind, TypeDesc, TypeId, TypeKind};
use std::sync::atomic::Ordering::Relaxed;

/// `mutexWaiterShift`: Go keeps a mutex's waiter count above its 3 flag bits.
const MUTEX_WAITER_SHIFT: u32 = 3;
/// `rwmutexMaxReaders`: a pending writer subtracts it from `readerCount`.
const RWMUTEX_MAX_READERS: i64 = 1 << 30;

/// Go's view of opaque value `word` of type `ty`: (struct type, value), or
/// None for a type this module does not describe.
pub(crate) fn view(m: &mut Machine, ty: TypeId, word: u64) -> Option<(TypeId, u64)> {
    let name = m.types[ty as usize].name.clone();
    let w: Vec<u64> = m
        .heap
        .words(word)?
        .iter()
        .map(|a| a.load(Relaxed))
        .collect();
    let at = |i: usize| w.get(i).copied().unwrap_or(0);
    let mut b = Builder { m };
    Some(match name.as_str() {
        // Words: [state, waiters].
        "sync.Mutex" => b.mutex(at(0) | at(1) << MUTEX_WAITER_SHIFT),
        // Words: [writer holds it, active readers, waiting writers, -].
        "sync.RWMutex" => {
            let held = at(0) != 0;
            let mu = b.mutex(held as u64 | at(2) << MUTEX_WAITER_SHIFT);
            let pending = if held { RWMUTEX_MAX_READERS } else { 0 };
            let count = b.atomic("Int32", IntKind::I32, (at(1) as i64 - pending) as u64);
            let wait = b.atomic("Int32", IntKind::I32, 0);
            let u32t = b.int(IntKind::U32);
            let t = b.named(
                "sync.RWMutex",
                "sync.RWMutex",
                &[
                    ("w", mu.0),
                    ("writerSem", u32t),
                    ("readerSem", u32t),
                    ("readerCount", count.0),
                    ("readerWait", wait.0),
                ],
            );
            (t, b.value(t, &[mu.1, 0, 0, count.1, wait.1]))
        }
        // Words: [counter, -]; Go: counter << 32 | waiters.
        "sync.WaitGroup" => {
            let nc = b.no_copy("sync");
            let state = b.atomic("Uint64", IntKind::U64, at(0) << 32);
            let u32t = b.int(IntKind::U32);
            let t = b.named(
                "sync.WaitGroup",
                "sync.WaitGroup",
                &[("noCopy", nc.0), ("state", state.0), ("sema", u32t)],
            );
            (t, b.value(t, &[nc.1, state.1, 0]))
        }
        // Words: [done, Do in progress (its mutex held)].
        "sync.Once" => {
            let nc = b.no_copy("sync");
            let done = b.atomic("Bool", IntKind::U32, at(0));
            let mu = b.mutex(at(1));
            let t = b.named(
                "sync.Once",
                "sync.Once",
                &[("_", nc.0), ("done", done.0), ("m", mu.0)],
            );
            (t, b.value(t, &[nc.1, done.1, mu.1]))
        }
        "atomic.Int32" => b.atomic("Int32", IntKind::I32, at(0)),
        "atomic.Int64" => b.atomic("Int64", IntKind::I64, at(0)),
        "atomic.Uint32" => b.atomic("Uint32", IntKind::U32, at(0)),
        "atomic.Uint64" => b.atomic("Uint64", IntKind::U64, at(0)),
        "atomic.Bool" => b.atomic("Bool", IntKind::U32, at(0)),
        _ => return None,
    })
}

struct Builder<'a> {
    m: &'a mut Machine,
}

impl Builder<'_> {
    fn int(&mut self, k: IntKind) -> TypeId {
        let name = match k {
            IntKind::I32 => "int32",
            IntKind::I64 => "int64",
            IntKind::U32 => "uint32",
            IntKind::U64 => "uint64",
            _ => "int",
        };
        crate::natives::find_or_add(self.m, TypeDesc::new(name, TypeKind::Int(k)))
    }

    /// A struct type printed as `name`, made once per `key` (Go's internal
    /// `sync.Mutex` and the public one share a name but not a layout).
    fn named(&mut self, key: &str, name: &str, fields: &[(&str, TypeId)]) -> TypeId {
        let key = format!("layout:{key}");
        if let Some((_, id)) = self.m.rt_named.iter().find(|(n, _)| *n == key) {
            return *id;
        }
        let fields = fields
            .iter()
            .map(|&(n, ty)| Field {
                name: n.into(),
                ty,
                embedded: false,
            })
            .collect();
        self.m
            .types
            .push(TypeDesc::new(name, TypeKind::Struct(fields)));
        let id = (self.m.types.len() - 1) as TypeId;
        self.m.rt_named.push((key, id));
        id
    }

    /// A struct value of type `t` with these field words.
    fn value(&mut self, t: TypeId, words: &[u64]) -> u64 {
        let obj = self.m.heap.alloc_words(Shape::Struct, t, words.len()) as u64;
        let ws = self.m.heap.words(obj).expect("just allocated");
        for (a, &v) in ws.iter().zip(words) {
            a.store(v, Relaxed);
        }
        obj
    }

    /// `noCopy` (package `pkg`'s empty struct that `go vet` looks for).
    fn no_copy(&mut self, pkg: &str) -> (TypeId, u64) {
        let name = format!("{pkg}.noCopy");
        let t = self.named(&name, &name, &[]);
        (t, self.value(t, &[]))
    }

    /// `sync.Mutex{_ noCopy; mu isync.Mutex{state, sema}}` with this state.
    fn mutex(&mut self, state: u64) -> (TypeId, u64) {
        let (i32t, u32t) = (self.int(IntKind::I32), self.int(IntKind::U32));
        let inner = self.named(
            "internal/sync.Mutex",
            "sync.Mutex",
            &[("state", i32t), ("sema", u32t)],
        );
        let mu = self.value(inner, &[state, 0]);
        let nc = self.no_copy("sync");
        let t = self.named("sync.Mutex", "sync.Mutex", &[("_", nc.0), ("mu", inner)]);
        (t, self.value(t, &[nc.1, mu]))
    }

    /// `atomic.NAME{_ noCopy; [_ align64;] v}` holding `v`.
    fn atomic(&mut self, name: &str, k: IntKind, v: u64) -> (TypeId, u64) {
        let vt = self.int(k);
        let nc = self.no_copy("atomic");
        let full = format!("atomic.{name}");
        if matches!(k, IntKind::I64 | IntKind::U64) {
            let al = self.named("atomic.align64", "atomic.align64", &[]);
            let alv = self.value(al, &[]);
            let t = self.named(&full, &full, &[("_", nc.0), ("_", al), ("v", vt)]);
            (t, self.value(t, &[nc.1, alv, v]))
        } else {
            let t = self.named(&full, &full, &[("_", nc.0), ("v", vt)]);
            (t, self.value(t, &[nc.1, v]))
        }
    }
}
