//! The worker pool: module Web Workers that attach to the page's shared
//! `WebAssembly.Memory` and run Rust closures. In parallel mode each M of the
//! Go runtime runs on one of these workers.
//!
//! How a job travels: the page boxes a `FnOnce() + Send` closure, posts the
//! box's address to a worker (`static/worker.js`), and the worker, which
//! instantiated the same module on the same memory, calls
//! [`golab_worker_entry`] with that address. The closure runs on the worker's
//! thread; the worker then posts `done` and the page completes the job's
//! future. Because memory is shared, whatever the closure touches through an
//! `Arc` is the same memory the page sees.
//!
//! **Invariant:** the page's thread never blocks on a worker: jobs are
//! awaited through messages, never with `Atomics.wait`.

use crate::platform;
use futures_channel::oneshot;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// Why the pool could not run a job.
#[derive(Clone, Debug, PartialEq)]
pub enum PoolError {
    /// The page is not cross-origin isolated, so memory cannot be shared.
    NotIsolated,
    /// The script that bootstraps workers or the module's glue was not found.
    Setup(String),
    /// The worker failed while running the job (or died).
    Failed(String),
}

impl fmt::Display for PoolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PoolError::NotIsolated => {
                f.write_str("the page is not cross-origin isolated (no COOP/COEP headers)")
            }
            PoolError::Setup(m) => write!(f, "could not start workers: {m}"),
            PoolError::Failed(m) => write!(f, "a worker failed: {m}"),
        }
    }
}

type Job = Box<dyn FnOnce() + Send + 'static>;
type Pending = Rc<RefCell<HashMap<u32, oneshot::Sender<Result<(), PoolError>>>>>;

struct Slot {
    worker: Worker,
    // Kept alive as long as the worker: the browser calls them.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

/// A set of workers attached to this module's memory.
pub struct WorkerPool {
    slots: RefCell<Vec<Slot>>,
    pending: Pending,
    next_id: RefCell<u32>,
    glue_url: String,
}

thread_local! {
    static POOL: RefCell<Option<Rc<WorkerPool>>> = const { RefCell::new(None) };
}

impl WorkerPool {
    /// The page's pool, created on first use.
    pub fn global() -> Result<Rc<WorkerPool>, PoolError> {
        if let Some(pool) = POOL.with(|p| p.borrow().clone()) {
            return Ok(pool);
        }
        if !platform::cross_origin_isolated() {
            return Err(PoolError::NotIsolated);
        }
        let pool = Rc::new(WorkerPool {
            slots: RefCell::new(Vec::new()),
            pending: Rc::default(),
            next_id: RefCell::new(0),
            glue_url: glue_url().ok_or_else(|| {
                PoolError::Setup("the module's JS glue URL is not in the page".into())
            })?,
        });
        POOL.with(|p| *p.borrow_mut() = Some(pool.clone()));
        Ok(pool)
    }

    /// How many workers exist.
    pub fn len(&self) -> usize {
        self.slots.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Makes sure at least `n` workers exist (new Ms are created on demand).
    pub fn ensure(&self, n: usize) -> Result<(), PoolError> {
        while self.len() < n {
            let slot = self.spawn()?;
            self.slots.borrow_mut().push(slot);
        }
        Ok(())
    }

    fn spawn(&self) -> Result<Slot, PoolError> {
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        opts.set_name(&format!("golab-m{}", self.len()));
        let worker = Worker::new_with_options("/worker.js", &opts)
            .map_err(|e| PoolError::Setup(js_text(&e)))?;

        let pending = self.pending.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let get = |k: &str| {
                js_sys::Reflect::get(&data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
            };
            let kind = get("type").as_string().unwrap_or_default();
            let id = get("id").as_f64().map(|f| f as u32);
            let result = match kind.as_str() {
                "done" => Ok(()),
                "failed" | "error" => Err(PoolError::Failed(
                    get("message").as_string().unwrap_or_default(),
                )),
                _ => return,
            };
            match id {
                Some(id) => {
                    if let Some(tx) = pending.borrow_mut().remove(&id) {
                        let _ = tx.send(result);
                    }
                }
                // A worker that failed to start fails every job waiting on the pool.
                None if result.is_err() => {
                    for (_, tx) in pending.borrow_mut().drain() {
                        let _ = tx.send(result.clone());
                    }
                }
                None => {}
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));

        let pending = self.pending.clone();
        let on_error =
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
                for (_, tx) in pending.borrow_mut().drain() {
                    let _ = tx.send(Err(PoolError::Failed(e.message())));
                }
            });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

        let init = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| {
            js_sys::Reflect::set(&init, &JsValue::from_str(k), v).map(|_| ())
        };
        set("type", &JsValue::from_str("init"))
            .and_then(|_| set("module", &wasm_bindgen::module()))
            .and_then(|_| set("memory", &wasm_bindgen::memory()))
            .and_then(|_| set("glueUrl", &JsValue::from_str(&self.glue_url)))
            .and_then(|_| worker.post_message(&init))
            .map_err(|e| PoolError::Setup(js_text(&e)))?;
        Ok(Slot {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Ends every worker at once (`Worker.terminate`), failing the jobs
    /// they were running; the next job starts fresh workers. Used when a
    /// worker died mid-run: the others may wait forever for a lock the dead
    /// one held, and terminating is the only way to get them back.
    pub fn terminate_all(&self) {
        for slot in self.slots.borrow_mut().drain(..) {
            slot.worker.terminate();
        }
        for (_, tx) in self.pending.borrow_mut().drain() {
            let _ = tx.send(Err(PoolError::Failed("the worker was terminated".into())));
        }
    }

    /// Runs `job` on worker `index` (created if needed); completes when the
    /// worker has finished it.
    pub async fn execute(
        &self,
        index: usize,
        job: impl FnOnce() + Send + 'static,
    ) -> Result<(), PoolError> {
        self.ensure(index + 1)?;
        let id = {
            let mut next = self.next_id.borrow_mut();
            *next = next.wrapping_add(1);
            *next
        };
        let (tx, rx) = oneshot::channel();
        self.pending.borrow_mut().insert(id, tx);
        let boxed: Box<Job> = Box::new(Box::new(job));
        let ptr = Box::into_raw(boxed) as usize;
        let msg = js_sys::Object::new();
        let posted = js_sys::Reflect::set(&msg, &"type".into(), &"job".into())
            .and_then(|_| js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from(id)))
            .and_then(|_| js_sys::Reflect::set(&msg, &"job".into(), &JsValue::from(ptr as f64)))
            .and_then(|_| self.slots.borrow()[index].worker.post_message(&msg));
        if let Err(e) = posted {
            self.pending.borrow_mut().remove(&id);
            // SAFETY: the message was not delivered, so no worker owns the box.
            drop(unsafe { Box::from_raw(ptr as *mut Job) });
            return Err(PoolError::Setup(js_text(&e)));
        }
        rx.await
            .unwrap_or_else(|_| Err(PoolError::Failed("the job was dropped".into())))
    }
}

/// Called by `static/worker.js` on a worker's thread with a job's address.
#[wasm_bindgen]
pub fn golab_worker_entry(ptr: usize) {
    // SAFETY: `ptr` came from `Box::into_raw` in `WorkerPool::execute`, and
    // each posted job is run exactly once.
    let job = unsafe { Box::from_raw(ptr as *mut Job) };
    job();
}

/// The URL of this module's JS glue: trunk adds it as a module preload.
fn glue_url() -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let link = doc.query_selector("link[rel=modulepreload]").ok()??;
    link.dyn_into::<web_sys::HtmlLinkElement>()
        .ok()
        .map(|l| l.href())
}

fn js_text(v: &JsValue) -> String {
    v.as_string()
        .or_else(|| js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| format!("{v:?}"))
}
