//! Widgets: views over runs of the Go runtime, one component per file.
//!
//! Every widget gets plain data (source text, settings, [`crate::engine`]'s
//! console and counters, and, for the scheduler views, the runtime's
//! snapshots and trace events as plain structs), never the runtime's
//! internals. Each widget keeps its state in one reducer with one `Action`
//! enum, draws with SVG and CSS, is usable with the keyboard, and reads in
//! both themes and both languages.

pub mod atomic_counter;
pub mod channel_compare;
pub mod channels;
pub mod console;
pub mod editor;
pub mod gmp;
pub mod playground;
pub mod process_vs_thread;
pub mod race;
pub mod run_many;
pub mod run_tools;
pub mod timeline;

/// `1234567` → `1,234,567` (both editions group digits by thousands).
pub fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn grouped_digits() {
        assert_eq!(super::grouped(0), "0");
        assert_eq!(super::grouped(999), "999");
        assert_eq!(super::grouped(1234567), "1,234,567");
    }
}
