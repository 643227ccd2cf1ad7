//! A static file server for the built site, on loopback only.
//!
//! Like `trunk serve` it answers every path that is not a file with
//! `index.html` (the app routes on the client), and it can add the COOP/COEP
//! headers or leave them out, so both the isolated page and the fallback can
//! be tested. Thread per connection: the tests open a handful at a time.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;

/// How responses may be cached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caching {
    /// `no-store`: every check sees the build as it is now.
    None,
    /// As a static host serves a trunk build (the benchmark's warm loads):
    /// hashed assets for an hour; `index.html`, `coi.js` and `worker.js`,
    /// which keep their names across builds, revalidated.
    Static,
}

/// Starts serving `root` on an ephemeral loopback port; returns the base URL.
pub fn start(root: PathBuf, isolated: bool) -> std::io::Result<String> {
    start_with(root, isolated, Caching::None)
}

/// [`start`] with a caching policy.
pub fn start_with(root: PathBuf, isolated: bool, caching: Caching) -> std::io::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            thread::spawn(move || {
                let _ = handle(stream, &root, isolated, caching);
            });
        }
    });
    Ok(format!("http://{addr}"))
}

/// A server that can be stopped, for the offline check: after
/// [`Stoppable::stop`] its port refuses connections, as a network that
/// went away would.
pub struct Stoppable {
    pub url: String,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Stoppable {
    pub fn start(root: PathBuf, isolated: bool) -> std::io::Result<Stoppable> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let url = format!("http://{}", listener.local_addr()?);
        // Non-blocking, so the loop sees the stop flag between connections.
        listener.set_nonblocking(true)?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = thread::spawn(move || {
            while !flag.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let root = root.clone();
                        thread::spawn(move || {
                            let _ = stream.set_nonblocking(false);
                            let _ = handle(stream, &root, isolated, Caching::None);
                        });
                    }
                    Err(_) => thread::sleep(std::time::Duration::from_millis(5)),
                }
            }
            // The listener is dropped here: the port is closed.
        });
        Ok(Stoppable {
            url,
            stop,
            thread: Some(thread),
        })
    }

    /// Closes the port (waits until it is closed).
    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Stoppable {
    fn drop(&mut self) {
        self.stop();
    }
}

fn cache_control(file: &Path, caching: Caching) -> &'static str {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    match caching {
        Caching::None => "no-store",
        Caching::Static if name.ends_with(".html") || name == "coi.js" || name == "worker.js" => {
            "no-cache"
        }
        Caching::Static => "public, max-age=3600",
    }
}

fn handle(
    mut stream: TcpStream,
    root: &Path,
    isolated: bool,
    caching: Caching,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; the server needs none of them.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let file = resolve(root, path);
    let (status, body, content_type) = match std::fs::read(&file) {
        Ok(body) => ("200 OK", body, content_type(&file)),
        Err(_) => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: {}\r\nConnection: close\r\n",
        body.len(),
        cache_control(&file, caching)
    );
    if isolated {
        head.push_str("Cross-Origin-Opener-Policy: same-origin\r\nCross-Origin-Embedder-Policy: require-corp\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&body)?;
    stream.flush()
}

/// A URL path → a file under `root`; unknown paths (client routes) → index.html.
fn resolve(root: &Path, url_path: &str) -> PathBuf {
    let mut file = root.to_path_buf();
    for part in Path::new(url_path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => file.push(p),
            // No way out of the served folder.
            _ => return root.join("index.html"),
        }
    }
    if file.is_file() {
        file
    } else {
        root.join("index.html")
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "md" => "text/markdown; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_routes_fall_back_to_index_and_paths_cannot_escape() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(resolve(root, "/Cargo.toml"), root.join("Cargo.toml"));
        assert_eq!(resolve(root, "/en/scheduler"), root.join("index.html"));
        assert_eq!(resolve(root, "/../Cargo.toml"), root.join("index.html"));
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        let (wasm, index) = (Path::new("a-1f2e.wasm"), Path::new("index.html"));
        assert_eq!(cache_control(wasm, Caching::None), "no-store");
        assert_eq!(cache_control(wasm, Caching::Static), "public, max-age=3600");
        assert_eq!(cache_control(index, Caching::Static), "no-cache");
    }
}
