//! What a run wrote, kept in the order it was written and capped.
//!
//! A program may print without end (`for { fmt.Println(i) }`); the page must
//! stay responsive and the console legible, so we keep the first
//! [`Console::DEFAULT_CAP`] bytes and count the rest instead of storing them.
//! The first bytes are the ones worth keeping: they hold the start of the
//! story, and a panic or fatal error is written to stderr, which gets its own
//! reserve so the reason a run ended is never cut.

use golab_runtime::Output;

/// Which stream a chunk of output went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// One run's output: chunks in write order (consecutive writes to the same
/// stream merged), plus how many bytes were cut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Console {
    chunks: Vec<(Stream, Vec<u8>)>,
    /// All of stdout that was kept, for `// Output:` checks and histograms.
    stdout: Vec<u8>,
    kept: usize,
    stderr_kept: usize,
    cap: usize,
    cut: usize,
}

impl Default for Console {
    fn default() -> Self {
        Console::with_cap(Console::DEFAULT_CAP)
    }
}

impl Console {
    /// 64 KiB: a few thousand lines, far more than a chapter example prints.
    pub const DEFAULT_CAP: usize = 64 * 1024;
    /// Stderr kept beyond the cap, so the panic or fatal error that ends a
    /// run flooding stdout is still shown.
    const STDERR_RESERVE: usize = 8 * 1024;

    pub fn with_cap(cap: usize) -> Console {
        Console {
            chunks: Vec::new(),
            stdout: Vec::new(),
            kept: 0,
            stderr_kept: 0,
            cap,
            cut: 0,
        }
    }

    pub fn write(&mut self, stream: Stream, bytes: &[u8]) {
        let room = match stream {
            Stream::Stdout => self.cap.saturating_sub(self.kept),
            Stream::Stderr => {
                (self.cap + Console::STDERR_RESERVE).saturating_sub(self.kept + self.stderr_kept)
            }
        };
        let take = bytes.len().min(room);
        self.cut += bytes.len() - take;
        if take == 0 {
            return;
        }
        let bytes = &bytes[..take];
        match stream {
            Stream::Stdout => {
                self.kept += take;
                self.stdout.extend_from_slice(bytes);
            }
            Stream::Stderr => self.stderr_kept += take,
        }
        match self.chunks.last_mut() {
            Some((s, buf)) if *s == stream => buf.extend_from_slice(bytes),
            _ => self.chunks.push((stream, bytes.to_vec())),
        }
    }

    /// The chunks as text (invalid UTF-8 shown as U+FFFD, as a terminal would).
    pub fn chunks(&self) -> impl Iterator<Item = (Stream, String)> + '_ {
        self.chunks
            .iter()
            .map(|(s, b)| (*s, String::from_utf8_lossy(b).into_owned()))
    }

    /// Everything kept from stdout.
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Everything kept from stderr.
    pub fn stderr(&self) -> String {
        let mut s = Vec::new();
        for (stream, b) in &self.chunks {
            if *stream == Stream::Stderr {
                s.extend_from_slice(b);
            }
        }
        String::from_utf8_lossy(&s).into_owned()
    }

    /// Bytes not kept because of the cap.
    pub fn cut(&self) -> usize {
        self.cut
    }

    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty() && self.cut == 0
    }
}

impl Output for Console {
    fn stdout(&mut self, bytes: &[u8]) {
        self.write(Stream::Stdout, bytes);
    }
    fn stderr(&mut self, bytes: &[u8]) {
        self.write(Stream::Stderr, bytes);
    }
}

/// How a chunk of stderr should look: Go's crash reports stand out from a
/// program's own `println` lines.
pub fn is_crash(stderr_text: &str) -> bool {
    stderr_text.starts_with("panic:")
        || stderr_text.starts_with("fatal error:")
        || stderr_text.contains("\npanic:")
        || stderr_text.contains("\nfatal error:")
        || stderr_text.starts_with("WARNING: DATA RACE")
        || stderr_text.starts_with("==================")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_write_order_and_merges_runs_of_one_stream() {
        let mut c = Console::default();
        c.write(Stream::Stdout, b"a\n");
        c.write(Stream::Stdout, b"b\n");
        c.write(Stream::Stderr, b"panic: x\n");
        let chunks: Vec<_> = c.chunks().collect();
        assert_eq!(
            chunks,
            vec![
                (Stream::Stdout, "a\nb\n".to_string()),
                (Stream::Stderr, "panic: x\n".to_string())
            ]
        );
        assert_eq!(c.stdout(), "a\nb\n");
        assert_eq!(c.stderr(), "panic: x\n");
        assert_eq!(c.cut(), 0);
    }

    #[test]
    fn caps_stdout_and_counts_what_was_cut_but_keeps_the_crash() {
        let mut c = Console::with_cap(10);
        for _ in 0..5 {
            c.write(Stream::Stdout, b"0123456\n");
        }
        assert_eq!(c.stdout(), "0123456\n01");
        assert_eq!(c.cut(), 40 - 10);
        c.write(Stream::Stderr, b"fatal error: x\n");
        assert_eq!(c.stderr(), "fatal error: x\n");
        assert_eq!(c.cut(), 30);
    }

    #[test]
    fn a_character_split_across_writes_comes_out_whole() {
        let mut c = Console::default();
        let s = "世".as_bytes();
        c.write(Stream::Stdout, &s[..1]);
        c.write(Stream::Stdout, &s[1..]);
        assert_eq!(c.stdout(), "世");
    }

    #[test]
    fn crash_reports_are_recognised() {
        assert!(is_crash("panic: boom\n\ngoroutine 1 [running]:\n"));
        assert!(is_crash(
            "fatal error: all goroutines are asleep - deadlock!\n"
        ));
        assert!(!is_crash("hello from println\n"));
    }
}
