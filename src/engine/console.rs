//! What a run wrote, kept in the order it was written and capped.
//!
//! A program may print without end (`for { fmt.Println(i) }`); the page must
//! stay responsive and the console legible, so we keep the first
//! [`Console::DEFAULT_CAP`] bytes (the head: the start of the story) and the
//! last quarter of that again (the tail: how it ended, a total printed
//! last), and count what was cut between them. A panic or fatal error is
//! written to stderr, which gets its own reserve in the head, so the reason
//! a run ended is never cut.

use golab_runtime::Output;
use std::collections::VecDeque;

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
    /// The head: the first writes, up to the cap.
    chunks: Vec<(Stream, Vec<u8>)>,
    /// The tail: the latest writes once the head is full, at most
    /// `cap / 4` bytes (older ones leave from the front and count as cut).
    tail: VecDeque<(Stream, Vec<u8>)>,
    tail_len: usize,
    /// The head's stdout, for `// Output:` checks and histograms.
    stdout: Vec<u8>,
    kept: usize,
    stderr_kept: usize,
    cap: usize,
    /// Bytes dropped between the head and the tail.
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
            tail: VecDeque::new(),
            tail_len: 0,
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
        // Once anything went to the tail, later writes go there too, so
        // the order of what is shown stays the order of writing.
        let take = if self.tail.is_empty() && self.cut == 0 {
            bytes.len().min(room)
        } else {
            0
        };
        if take > 0 {
            let head = &bytes[..take];
            match stream {
                Stream::Stdout => {
                    self.kept += take;
                    self.stdout.extend_from_slice(head);
                }
                Stream::Stderr => self.stderr_kept += take,
            }
            match self.chunks.last_mut() {
                Some((s, buf)) if *s == stream => buf.extend_from_slice(head),
                _ => self.chunks.push((stream, head.to_vec())),
            }
        }
        if take < bytes.len() {
            self.push_tail(stream, &bytes[take..]);
        }
    }

    /// Appends to the tail, then drops its oldest bytes beyond `cap / 4`
    /// (whole characters: a cut never leaves half of one).
    fn push_tail(&mut self, stream: Stream, bytes: &[u8]) {
        match self.tail.back_mut() {
            Some((s, buf)) if *s == stream => buf.extend_from_slice(bytes),
            _ => self.tail.push_back((stream, bytes.to_vec())),
        }
        self.tail_len += bytes.len();
        let limit = self.cap / 4;
        while self.tail_len > limit {
            let Some((_, front)) = self.tail.front_mut() else {
                break;
            };
            let excess = self.tail_len - limit;
            if front.len() <= excess {
                self.tail_len -= front.len();
                self.cut += front.len();
                self.tail.pop_front();
            } else {
                let mut n = excess;
                while n < front.len() && front[n] & 0xC0 == 0x80 {
                    n += 1;
                }
                front.drain(..n);
                self.tail_len -= n;
                self.cut += n;
            }
        }
    }

    /// The chunks as text (invalid UTF-8 shown as U+FFFD, as a terminal
    /// would): the head's, then the tail's; the first
    /// [`Console::head_chunks`] are the head's, and [`Console::cut`] bytes
    /// were dropped between the two.
    pub fn chunks(&self) -> impl Iterator<Item = (Stream, String)> + '_ {
        self.chunks
            .iter()
            .chain(self.tail.iter())
            .map(|(s, b)| (*s, String::from_utf8_lossy(b).into_owned()))
    }

    /// How many of [`Console::chunks`] are the head's.
    pub fn head_chunks(&self) -> usize {
        self.chunks.len()
    }

    /// Everything kept from stdout (the head's, then the tail's).
    pub fn stdout(&self) -> String {
        let mut s = self.stdout.clone();
        for (stream, b) in &self.tail {
            if *stream == Stream::Stdout {
                s.extend_from_slice(b);
            }
        }
        String::from_utf8_lossy(&s).into_owned()
    }

    /// Everything kept from stderr.
    pub fn stderr(&self) -> String {
        let mut s = Vec::new();
        for (stream, b) in self.chunks.iter().chain(self.tail.iter()) {
            if *stream == Stream::Stderr {
                s.extend_from_slice(b);
            }
        }
        String::from_utf8_lossy(&s).into_owned()
    }

    /// Bytes not kept because of the cap (between the head and the tail).
    pub fn cut(&self) -> usize {
        self.cut
    }

    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty() && self.tail.is_empty() && self.cut == 0
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
    fn keeps_the_head_and_the_tail_and_counts_what_was_cut_between() {
        // Head 40 bytes, tail 10.
        let mut c = Console::with_cap(40);
        for i in 0..20 {
            c.write(Stream::Stdout, format!("line {i:02}\n").as_bytes());
        }
        c.write(Stream::Stdout, b"total 7\n");
        let out = c.stdout();
        assert!(out.starts_with("line 00\nline 01\n"), "{out:?}");
        assert!(out.ends_with("total 7\n"), "the last line is kept: {out:?}");
        assert_eq!(c.head_chunks(), 1);
        let written = 20 * 8 + 8;
        let shown: usize = c.chunks().map(|(_, t)| t.len()).sum();
        assert_eq!(shown + c.cut(), written);
        assert_eq!(shown, 40 + 10);
        // A crash after the flood is in the tail, whole if it fits.
        c.write(Stream::Stderr, b"fatal!\n");
        assert!(c.stderr().ends_with("fatal!\n"), "{:?}", c.stderr());
    }

    #[test]
    fn the_head_keeps_a_crash_written_right_after_a_flood() {
        let mut c = Console::with_cap(10);
        c.write(Stream::Stdout, b"0123456789");
        c.write(Stream::Stderr, b"panic: x\n");
        assert_eq!(c.stderr(), "panic: x\n");
        assert_eq!(c.cut(), 0);
    }

    #[test]
    fn the_tail_never_keeps_half_a_character() {
        let mut c = Console::with_cap(16);
        c.write(Stream::Stdout, "0123456789abcdef".as_bytes());
        c.write(Stream::Stdout, "世界世界".as_bytes());
        let tail: String = c.chunks().skip(c.head_chunks()).map(|(_, t)| t).collect();
        assert!(!tail.contains('\u{FFFD}'), "{tail:?}");
        assert!(tail.ends_with('界'));
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
