//! Where a run's output goes, and how the host stops a run through it.
//!
//! The runtime never writes to the host's sink from deep inside the
//! interpreter, the scheduler or the race detector. Everything a program
//! or the runtime writes (`fmt.Println`, `println`, panics, fatal errors,
//! race reports) is queued in the machine's [`Stdio`], in order, and the
//! driver hands the queue to the host's [`Output`] after every execution
//! chunk (at most `sched::GC_CHECK_INSTRUCTIONS` instructions in step mode;
//! every locked section in parallel mode) and when the run ends. Why: no
//! internal function needs the sink as a parameter, the same code serves
//! step mode (a borrowed sink per call) and parallel mode (a sink owned by
//! the run), and the host sees the same bytes in the same order as a
//! direct write would give, at most one chunk later.
//!
//! # Stop protocol
//! After each write it delivers (and in step mode after every chunk, even
//! when nothing was written), the driver asks [`Output::stop_requested`]. Once the sink
//! says yes, the rest of the queue is dropped and the run ends at that
//! instruction boundary: [`crate::Vm::run_slice`] returns
//! [`crate::Status::Stopped`] (from then on, every call does), and a
//! parallel run ends with `parallel::End::Stopped`, exactly as if the
//! host had called `Parallel::stop`. A stopped run has no exit status;
//! the race detector's summary is not printed.

/// Where a program's output goes: the CLI writes to real stdout/stderr,
/// the page captures it. Only `stdout` and `stderr` are required.
pub trait Output {
    /// Bytes written to os.Stdout.
    fn stdout(&mut self, bytes: &[u8]);
    /// Bytes written to os.Stderr (panics, fatal errors, `println`).
    fn stderr(&mut self, bytes: &[u8]);
    /// Whether the host wants the run to stop (see the module docs): asked
    /// after every write and every execution chunk. Default: never.
    fn stop_requested(&self) -> bool {
        false
    }
}

/// Writes a run has made that the host's sink has not seen yet.
#[derive(Default)]
pub(crate) struct Stdio {
    /// `(to stderr, bytes)`, oldest first.
    queue: Vec<(bool, Vec<u8>)>,
    /// The sink asked to stop; nothing more is delivered.
    pub stopped: bool,
}

impl Stdio {
    /// Queues bytes for os.Stdout.
    pub fn stdout(&mut self, bytes: impl Into<Vec<u8>>) {
        self.queue.push((false, bytes.into()));
    }

    /// Queues bytes for os.Stderr.
    pub fn stderr(&mut self, bytes: impl Into<Vec<u8>>) {
        self.queue.push((true, bytes.into()));
    }

    /// Whether writes are waiting for the sink.
    pub fn has_pending(&self) -> bool {
        !self.queue.is_empty()
    }

    /// Hands the queued writes to `sink` in order, asking it after each
    /// whether to stop. Returns false once the run must stop (the rest of
    /// the queue is dropped).
    pub fn deliver(&mut self, sink: &mut dyn Output) -> bool {
        if self.stopped {
            self.queue.clear();
            return false;
        }
        for (err, bytes) in self.queue.drain(..) {
            if err {
                sink.stderr(&bytes);
            } else {
                sink.stdout(&bytes);
            }
            if sink.stop_requested() {
                self.stopped = true;
                break;
            }
        }
        // Dropped unseen once stopped; asked again for a stop without output.
        self.queue.clear();
        if !self.stopped && sink.stop_requested() {
            self.stopped = true;
        }
        !self.stopped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keeps what it is given; asks to stop after its first newline.
    #[derive(Default)]
    struct OneLine(Vec<u8>);

    impl Output for OneLine {
        fn stdout(&mut self, bytes: &[u8]) {
            self.0.extend_from_slice(bytes);
        }
        fn stderr(&mut self, bytes: &[u8]) {
            self.0.extend_from_slice(bytes);
        }
        fn stop_requested(&self) -> bool {
            self.0.contains(&b'\n')
        }
    }

    #[test]
    fn delivery_keeps_order_and_stops_at_the_sinks_request() {
        let mut s = Stdio::default();
        s.stdout(&b"one"[..]);
        s.stderr(&b"\n"[..]);
        s.stdout(&b"two\n"[..]);
        let mut sink = OneLine::default();
        assert!(!s.deliver(&mut sink));
        assert_eq!(sink.0, b"one\n");
        assert!(s.stopped);
        s.stdout(&b"three\n"[..]);
        assert!(!s.deliver(&mut sink), "stopped for good");
        assert_eq!(sink.0, b"one\n");
    }
}
