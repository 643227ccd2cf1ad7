//! The Go heap: a table of objects addressed by 32-bit handles.
//!
//! A reference word (see `golab_bytecode`'s crate docs) is a handle in its
//! low 32 bits; a pointer also carries a word offset in its high 32 bits.
//! Handle 0 is nil. Mutable words (struct fields, array elements, cells,
//! globals) are `AtomicU64` read and written with `Ordering::Relaxed`: on
//! x86 and wasm that compiles to plain moves, so ordinary Go loads and stores
//! cost nothing extra, and when parallel mode runs goroutines on several
//! threads a racy `x++` loses updates as in Go without being undefined
//! behaviour in Rust. `sync/atomic` uses `SeqCst` on the same words.
//!
//! Why handles instead of Rust references: the tracing collector (`gc`) can
//! enumerate, mark and sweep the table, roots are plain words in frames and
//! globals, and handles stay valid across threads. Strings, slice headers and
//! interface boxes are immutable, so sharing them needs no copying.

use golab_bytecode::{Callee, TypeId};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// A handle: index into the object table. 0 is nil.
pub type Handle = u32;

/// Builds a pointer word from a handle and a word offset.
#[inline]
pub fn ptr(h: Handle, off: u32) -> u64 {
    h as u64 | (off as u64) << 32
}

/// The handle of a reference word.
#[inline]
pub fn handle(w: u64) -> Handle {
    w as u32
}

/// The word offset of a pointer word.
#[inline]
pub fn offset(w: u64) -> u32 {
    (w >> 32) as u32
}

/// How the words of a `Words` object are typed (for copies, formatting and
/// the collector's scan).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A struct or opaque value of type `ty` (one word per field).
    Struct,
    /// An array or a slice's backing array; `ty` is the element type.
    Array,
    /// A one-word cell holding a value of type `ty` (escaped variables, `new(int)`).
    Cell,
    /// The package-level variables.
    Globals,
}

/// A Go map: insertion-ordered entries plus an index by key identity.
#[derive(Debug, Default)]
pub struct GoMap {
    /// Key type.
    pub key_ty: TypeId,
    /// Value type.
    pub val_ty: TypeId,
    /// Key identity → position in `entries`.
    pub index:
        HashMap<MapKey, usize, BuildHasherDefault<std::collections::hash_map::DefaultHasher>>,
    /// `(key word, value word)`; `None` for deleted entries.
    pub entries: Vec<Option<(u64, u64)>>,
    /// Number of live entries.
    pub len: usize,
}

/// The identity of a map key under Go's `==` (strings by content, structs
/// field by field, interfaces by dynamic type and value; see
/// `Machine::key`). Never a tree: a key can nest as deep as the heap allows
/// (an interface holding an array holding an interface ...), and deriving
/// `Hash`, `Eq` and `Drop` on a tree would recurse once per level.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MapKey {
    /// Integers, bools, pointers, chans, floats (+0 and -0 unified).
    Word(u64),
    /// Strings.
    Str(Box<[u8]>),
    /// Structs, arrays and interfaces: their flat encoding, unambiguous for
    /// one static key type (see `Machine::key`).
    Flat(Box<[u8]>),
    /// A key that contains a NaN, as looked up: equal to no stored key.
    NaN,
    /// A stored key that contains a NaN, numbered by its entry: Go's NaN
    /// is not equal to itself, so `m[NaN] = 1` twice makes two entries,
    /// and no lookup finds either.
    Unique(usize),
}

/// A heap object.
#[derive(Debug)]
pub enum Obj {
    /// A free slot.
    Free,
    /// Mutable words.
    Words {
        /// See [`Shape`].
        shape: Shape,
        /// Struct type, element type or cell type.
        ty: TypeId,
        /// The words.
        w: Box<[AtomicU64]>,
    },
    /// An immutable string (never empty: "" is the nil word).
    Str(Box<[u8]>),
    /// An immutable slice header.
    Slice {
        /// Backing array handle.
        arr: Handle,
        /// First element's index in the array.
        off: u32,
        /// Length.
        len: u32,
        /// Capacity.
        cap: u32,
    },
    /// An immutable interface box.
    Iface {
        /// Dynamic type.
        ty: TypeId,
        /// The value word.
        word: u64,
    },
    /// A map.
    Map(Box<GoMap>),
    /// A map iterator (for `range`).
    MapIter {
        /// The map (0 for a nil map).
        map: Handle,
        /// Next entry index.
        next: usize,
    },
    /// A func value.
    Closure {
        /// What it calls.
        callee: Callee,
        /// Captured words.
        caps: Box<[u64]>,
    },
    /// A growable byte buffer (`strings.Builder`).
    Buf(Vec<u8>),
    /// A channel.
    Chan(Box<crate::chan::HChan>),
}

/// The object table.
#[derive(Debug)]
pub struct Heap {
    objs: Vec<Obj>,
    free: Vec<Handle>,
    /// Approximate bytes held by live objects.
    pub bytes: usize,
    /// Bytes and objects ever allocated, for `runtime.ReadMemStats`.
    pub total_bytes: u64,
    pub mallocs: u64,
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

impl Heap {
    /// An empty heap (handle 0 reserved for nil).
    pub fn new() -> Heap {
        Heap {
            objs: vec![Obj::Free],
            free: Vec::new(),
            bytes: 0,
            total_bytes: 0,
            mallocs: 0,
        }
    }

    /// Number of live objects.
    pub fn live_objects(&self) -> usize {
        self.objs.len() - 1 - self.free.len()
    }

    /// Number of slots in the table (live or free).
    pub fn slots(&self) -> usize {
        self.objs.len()
    }

    /// Allocates an object; returns its handle.
    pub fn alloc(&mut self, obj: Obj) -> Handle {
        let size = 32 + obj_payload_bytes(&obj);
        self.bytes += size;
        self.total_bytes += size as u64;
        self.mallocs += 1;
        if let Some(h) = self.free.pop() {
            self.objs[h as usize] = obj;
            h
        } else {
            self.objs.push(obj);
            (self.objs.len() - 1) as Handle
        }
    }

    /// Frees an object (used by the collector).
    pub fn free(&mut self, h: Handle) {
        let old = std::mem::replace(&mut self.objs[h as usize], Obj::Free);
        self.bytes = self.bytes.saturating_sub(32 + obj_payload_bytes(&old));
        self.free.push(h);
    }

    /// The object of a reference word (None for nil or a dangling handle).
    #[inline]
    pub fn get(&self, w: u64) -> Option<&Obj> {
        let h = handle(w);
        if h == 0 {
            return None;
        }
        self.objs.get(h as usize)
    }

    /// Mutable access to the object of a reference word.
    #[inline]
    pub fn get_mut(&mut self, w: u64) -> Option<&mut Obj> {
        let h = handle(w);
        if h == 0 {
            return None;
        }
        self.objs.get_mut(h as usize)
    }

    /// A zeroed words object.
    pub fn alloc_words(&mut self, shape: Shape, ty: TypeId, n: usize) -> Handle {
        let w: Box<[AtomicU64]> = (0..n).map(|_| AtomicU64::new(0)).collect();
        self.alloc(Obj::Words { shape, ty, w })
    }

    /// The words of a words object.
    #[inline]
    pub fn words(&self, w: u64) -> Option<&[AtomicU64]> {
        match self.get(w) {
            Some(Obj::Words { w, .. }) => Some(w),
            _ => None,
        }
    }

    /// Loads the word a pointer points to.
    #[inline]
    pub fn load(&self, p: u64) -> Option<u64> {
        self.words(p)?
            .get(offset(p) as usize)
            .map(|a| a.load(Relaxed))
    }

    /// Stores through a pointer; false if nil/invalid.
    #[inline]
    pub fn store(&self, p: u64, v: u64) -> bool {
        match self.words(p).and_then(|w| w.get(offset(p) as usize)) {
            Some(a) => {
                a.store(v, Relaxed);
                true
            }
            None => false,
        }
    }

    /// Every live object with its handle.
    pub fn iter(&self) -> impl Iterator<Item = (Handle, &Obj)> {
        self.objs
            .iter()
            .enumerate()
            .filter(|(_, o)| !matches!(o, Obj::Free))
            .map(|(i, o)| (i as Handle, o))
    }

    /// Allocates a string; "" is the nil word.
    pub fn alloc_str(&mut self, bytes: &[u8]) -> u64 {
        if bytes.is_empty() {
            return 0;
        }
        self.alloc(Obj::Str(bytes.into())) as u64
    }

    /// The bytes of a string word ("" for nil).
    #[inline]
    pub fn str_bytes(&self, w: u64) -> &[u8] {
        match self.get(w) {
            Some(Obj::Str(b)) => b,
            _ => &[],
        }
    }

    /// A string word's contents as Rust text (lossy).
    pub fn str_lossy(&self, w: u64) -> String {
        String::from_utf8_lossy(self.str_bytes(w)).into_owned()
    }

    /// A slice header word → (array, off, len, cap); nil → zeros.
    #[inline]
    pub fn slice(&self, w: u64) -> (Handle, u32, u32, u32) {
        match self.get(w) {
            Some(Obj::Slice { arr, off, len, cap }) => (*arr, *off, *len, *cap),
            _ => (0, 0, 0, 0),
        }
    }

    /// Allocates a slice header.
    pub fn alloc_slice(&mut self, arr: Handle, off: u32, len: u32, cap: u32) -> u64 {
        self.alloc(Obj::Slice { arr, off, len, cap }) as u64
    }

    /// The elements of a slice as words.
    pub fn slice_words(&self, w: u64) -> Vec<u64> {
        let (arr, off, len, _) = self.slice(w);
        match self.words(arr as u64) {
            Some(ws) => ws[off as usize..(off + len) as usize]
                .iter()
                .map(|a| a.load(Relaxed))
                .collect(),
            None => Vec::new(),
        }
    }

    /// An interface word → (dynamic type, value); None for nil.
    #[inline]
    pub fn iface(&self, w: u64) -> Option<(TypeId, u64)> {
        match self.get(w) {
            Some(Obj::Iface { ty, word }) => Some((*ty, *word)),
            _ => None,
        }
    }

    /// Allocates an interface box.
    pub fn alloc_iface(&mut self, ty: TypeId, word: u64) -> u64 {
        self.alloc(Obj::Iface { ty, word }) as u64
    }
}

fn obj_payload_bytes(obj: &Obj) -> usize {
    match obj {
        Obj::Words { w, .. } => w.len() * 8,
        Obj::Str(b) => b.len(),
        Obj::Map(m) => m.entries.len() * 48,
        Obj::Closure { caps, .. } => caps.len() * 8,
        Obj::Buf(b) => b.capacity(),
        Obj::Chan(c) => c.buf.len() * 8 + 96,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_pack_handle_and_offset() {
        let p = ptr(7, 3);
        assert_eq!(handle(p), 7);
        assert_eq!(offset(p), 3);
    }

    #[test]
    fn free_slots_are_reused_and_bytes_tracked() {
        let mut h = Heap::new();
        let a = h.alloc_words(Shape::Cell, 0, 1);
        assert!(h.store(ptr(a, 0), 42));
        assert_eq!(h.load(ptr(a, 0)), Some(42));
        assert!(h.load(0).is_none());
        let before = h.bytes;
        h.free(a);
        assert!(h.bytes < before);
        let b = h.alloc_str(b"x");
        assert_eq!(handle(b), a);
        assert_eq!(h.str_bytes(b), b"x");
        assert_eq!(h.alloc_str(b""), 0);
    }
}
