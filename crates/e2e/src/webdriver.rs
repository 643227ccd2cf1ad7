//! Just enough of the W3C WebDriver protocol to drive headless Chromium:
//! a chromedriver child process, one session, JSON over HTTP/1.1 on loopback.
//!
//! Hand-written rather than a client crate because we need a dozen commands,
//! synchronous calls, and no TLS or async runtime in the test build.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Driver {
    chromedriver: Child,
    port: u16,
    session: String,
    profile: PathBuf,
}

/// Chromium's flags for running as root in CI, as the developers' guide gives them.
const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--window-size=1280,900",
];

impl Driver {
    /// Starts chromedriver and opens a session in a fresh profile.
    pub fn start(chromium: &str, chromedriver: &str) -> Result<Driver, String> {
        let port = free_port()?;
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {chromedriver}: {e}"))?;
        let profile =
            std::env::temp_dir().join(format!("golab-e2e-profile-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        let mut driver = Driver {
            chromedriver: child,
            port,
            session: String::new(),
            profile,
        };

        let deadline = Instant::now() + Duration::from_secs(20);
        while driver.request("GET", "/status", None).is_err() {
            if Instant::now() > deadline {
                return Err("chromedriver did not answer within 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", driver.profile.display()));
        // Extra flags for profiling a run by hand, e.g.
        // GOLAB_CHROMIUM_ARGS=--js-flags=--perf-basic-prof (then `perf`).
        if let Ok(extra) = std::env::var("GOLAB_CHROMIUM_ARGS") {
            args.extend(extra.split_whitespace().map(str::to_string));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
            "goog:loggingPrefs": {"browser": "ALL"},
        }}});
        let v = driver.request("POST", "/session", Some(caps))?;
        driver.session = v["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {v}"))?
            .to_string();
        Ok(driver)
    }

    fn url(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    /// One command; returns the response's `value`, or the WebDriver error.
    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .map_err(|e| e.to_string())?;
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.port,
            body.len()
        );
        stream
            .write_all(head.as_bytes())
            .and_then(|_| stream.write_all(body.as_bytes()))
            .map_err(|e| e.to_string())?;
        // chromedriver keeps the connection open despite `Connection: close`,
        // so read the head, then exactly Content-Length bytes (or chunks).
        let mut raw = Vec::new();
        let mut buf = [0u8; 16384];
        let split = loop {
            if let Some(p) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                break p;
            }
            let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("chromedriver closed the connection".into());
            }
            raw.extend_from_slice(&buf[..n]);
        };
        let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
        let mut body = raw[split + 4..].to_vec();
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok());
        let chunked = head.contains("transfer-encoding: chunked")
            || head.contains("transfer-encoding:chunked");
        loop {
            let complete = match length {
                Some(len) => body.len() >= len,
                None if chunked => body.windows(5).any(|w| w == b"0\r\n\r\n"),
                None => false,
            };
            if complete {
                break;
            }
            let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&buf[..n]);
        }
        let body = if chunked { dechunk(&body) } else { body };
        let v: Value = serde_json::from_slice(&body)
            .map_err(|e| format!("bad JSON from chromedriver: {e}"))?;
        let value = v.get("value").cloned().unwrap_or(Value::Null);
        if let Some(err) = value.get("error").and_then(Value::as_str) {
            return Err(format!(
                "{err}: {}",
                value["message"].as_str().unwrap_or("")
            ));
        }
        Ok(value)
    }

    pub fn goto(&self, url: &str) -> Result<(), String> {
        self.request("POST", &self.url("/url"), Some(json!({ "url": url })))
            .map(|_| ())
    }

    pub fn current_url(&self) -> Result<String, String> {
        Ok(self
            .request("GET", &self.url("/url"), None)?
            .as_str()
            .unwrap_or("")
            .to_string())
    }

    pub fn title(&self) -> Result<String, String> {
        Ok(self
            .request("GET", &self.url("/title"), None)?
            .as_str()
            .unwrap_or("")
            .to_string())
    }

    /// Runs a script in the page (`return ...;` gives a value).
    pub fn execute(&self, script: &str) -> Result<Value, String> {
        self.request(
            "POST",
            &self.url("/execute/sync"),
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Runs an asynchronous script: its last argument is a callback, and the
    /// call returns what the script passes to it (an error after
    /// `timeout`). Unlike [`Driver::wait_for`] it does not poll the page,
    /// which a benchmark needs: polling is work on the page's thread.
    pub fn execute_async(&self, script: &str, timeout: Duration) -> Result<Value, String> {
        let ms = timeout.as_millis() as u64;
        self.request(
            "POST",
            &self.url("/timeouts"),
            Some(json!({ "script": ms })),
        )?;
        self.request(
            "POST",
            &self.url("/execute/async"),
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Polls `script` until it returns something other than null/false/"".
    pub fn wait_for(&self, what: &str, script: &str, timeout: Duration) -> Result<Value, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.execute(script)?;
            let truthy = !matches!(&v, Value::Null | Value::Bool(false)) && v != json!("");
            if truthy {
                return Ok(v);
            }
            if Instant::now() > deadline {
                return Err(format!("timed out after {timeout:?} waiting for {what}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Clicks the first element matching `css` (through the DOM, so it also
    /// works for elements that are scrolled out of view).
    pub fn click(&self, css: &str) -> Result<(), String> {
        let script = format!("const e = document.querySelector({css:?}); if (!e) return false; e.click(); return true;");
        match self.execute(&script)? {
            Value::Bool(true) => Ok(()),
            _ => Err(format!("no element matches {css}")),
        }
    }

    /// Chromium's network emulation: `offline` cuts the page off the
    /// network (what the service worker answers from its cache still
    /// arrives).
    pub fn set_offline(&self, offline: bool) -> Result<(), String> {
        self.request(
            "POST",
            &self.url("/chromium/network_conditions"),
            Some(json!({"network_conditions": {
                "offline": offline, "latency": 0,
                "download_throughput": -1, "upload_throughput": -1,
            }})),
        )
        .map(|_| ())
    }

    /// A Chrome DevTools Protocol command (e.g. `Emulation.setEmulatedMedia`).
    pub fn cdp(&self, cmd: &str, params: Value) -> Result<Value, String> {
        self.request(
            "POST",
            &self.url("/goog/cdp/execute"),
            Some(json!({ "cmd": cmd, "params": params })),
        )
    }

    pub fn screenshot(&self, path: &Path) -> Result<(), String> {
        let v = self.request("GET", &self.url("/screenshot"), None)?;
        let png = base64_decode(v.as_str().ok_or("screenshot is not a string")?)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(path, png).map_err(|e| e.to_string())
    }

    /// Browser console messages at level SEVERE since the last call.
    pub fn console_errors(&self) -> Result<Vec<String>, String> {
        let v = self.request(
            "POST",
            &self.url("/se/log"),
            Some(json!({ "type": "browser" })),
        )?;
        Ok(v.as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or("").to_string())
            .collect())
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.request("DELETE", &self.url(""), None);
        }
        let _ = self.chromedriver.kill();
        let _ = self.chromedriver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> Result<u16, String> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&body[..end]).trim(), 16).unwrap_or(0);
        if size == 0 || body.len() < end + 2 + size {
            break;
        }
        out.extend_from_slice(&body[end + 2..end + 2 + size]);
        body = &body[(end + 4 + size).min(body.len())..];
    }
    out
}

fn base64_decode(s: &str) -> Result<Vec<u8>, String> {
    let value = |c: u8| -> Result<u32, String> {
        Ok(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(format!("bad base64 byte {c}")),
        } as u32)
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let keep = chunk.len() - 1;
        out.extend_from_slice(&n.to_be_bytes()[1..1 + keep]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_chunked_decoding() {
        assert_eq!(base64_decode("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(base64_decode("aGk=").unwrap(), b"hi");
        assert_eq!(base64_decode("YWJj").unwrap(), b"abc");
        assert_eq!(dechunk(b"5\r\nhello\r\n3\r\n wo\r\n0\r\n\r\n"), b"hello wo");
    }
}
