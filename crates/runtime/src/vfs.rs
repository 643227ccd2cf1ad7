//! The virtual file system and its one system call, `os.ReadFile`.
//!
//! Programs read a few built-in files, each with a read latency. A read is
//! a real blocking system call as the scheduler sees it
//! (`SchedReq::Syscall`): the G and its M leave the P (`entersyscall`),
//! sysmon hands the P to another M if the call lasts (`handoffp`), and the
//! G comes back through `exitsyscall`. That is what the book's chapters on
//! threads and hand-off show, so the latency, not the contents, is the
//! point. A missing file fails at once-ish (20 µs) with Go's
//! `*fs.PathError` text.

use crate::machine::Trap;
use crate::natives::NativeFn;
use crate::sched::SchedReq;

/// A file of the virtual file system: contents and read latency.
pub struct VFile {
    /// Path as programs open it.
    pub path: &'static str,
    /// Contents.
    pub data: &'static str,
    /// Virtual nanoseconds a read blocks its M.
    pub latency_ns: i64,
}

/// The built-in virtual file system `os.ReadFile` reads.
pub const VFS: &[VFile] = &[
    VFile {
        path: "data/slow.txt",
        data: "This file lives on a slow disk: every read blocks its thread for 30 ms.\n",
        latency_ns: 30_000_000,
    },
    VFile {
        path: "data/fast.txt",
        data: "This file is cached: a read blocks for 50 microseconds.\n",
        latency_ns: 50_000,
    },
    VFile {
        path: "data/hello.txt",
        data: "hello, world\n",
        latency_ns: 1_000_000,
    },
];

/// Resolves `os.ReadFile`.
pub(crate) fn lookup(name: &str) -> Option<NativeFn> {
    Some(match name {
        "os.ReadFile" => |c, w| {
            let name = c.m.heap.str_lossy(w[0]);
            let name = name.strip_prefix("./").unwrap_or(&name).to_string();
            let file = VFS.iter().find(|f| f.path == name);
            let latency = file.map(|f| f.latency_ns).unwrap_or(20_000);
            match file {
                Some(f) => {
                    let byte = c.m.rt.byte;
                    w[0] = crate::interp::new_filled_slice(
                        c.m,
                        byte,
                        f.data.bytes().map(|b| b as u64),
                    );
                    w[1] = 0;
                }
                None => {
                    let ty = c.m.rt_error_type("*fs.PathError");
                    w[0] = 0;
                    w[1] =
                        c.m.new_error(ty, &format!("open {name}: no such file or directory"));
                }
            }
            Err(Trap::Sched(SchedReq::Syscall(latency)))
        },
        _ => return None,
    })
}
