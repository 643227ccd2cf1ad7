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
            PoolError::NotIsolated => f.write_str("the page is not cross-origin isolated"),
            PoolError::Setup(m) => write!(f, "could not start workers: {m}"),
            PoolError::Failed(m) => write!(f, "a worker failed: {m}"),
        }
    }
}

type Job = Box<dyn FnOnce() + Send + 'static>;
/// Jobs posted and not finished: id → (worker index, who awaits it).
type Pending = Rc<RefCell<HashMap<u32, (usize, oneshot::Sender<Result<(), PoolError>>)>>>;

struct Slot {
    worker: Worker,
    /// Claimed by a run ([`WorkerPool::claim`]) until released.
    busy: bool,
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
    /// Called when a worker posts `wake` (see [`wake_page`]).
    static WAKERS: RefCell<Vec<std::rc::Weak<dyn Fn()>>> = const { RefCell::new(Vec::new()) };
}

/// Fails every pending job of worker `index` (it died or was terminated).
fn fail_jobs_of(pending: &Pending, index: usize, why: &PoolError) {
    let ids: Vec<u32> = pending
        .borrow()
        .iter()
        .filter(|(_, (i, _))| *i == index)
        .map(|(id, _)| *id)
        .collect();
    for id in ids {
        if let Some((_, tx)) = pending.borrow_mut().remove(&id) {
            let _ = tx.send(Err(why.clone()));
        }
    }
}

/// Registers `f` to run on the page's thread whenever a worker asks the page
/// to look (see [`wake_page`]); it stays registered while the caller keeps
/// the `Rc`.
pub fn on_wake(f: &Rc<dyn Fn()>) {
    WAKERS.with(|w| {
        let mut w = w.borrow_mut();
        w.retain(|x| x.strong_count() > 0);
        w.push(Rc::downgrade(f));
    });
}

/// On the page's thread: runs what [`on_wake`] registered, as a worker's
/// `wake` does (the playground's Stop uses it, so a parallel run's loop
/// sees the Stop at once rather than at its next poll).
pub fn run_wakers() {
    let wakers: Vec<_> = WAKERS.with(|w| w.borrow().iter().filter_map(|x| x.upgrade()).collect());
    for f in wakers {
        f();
    }
}

/// From a worker's thread: asks the page's thread to look now (e.g. the
/// runtime queued a thread to start) instead of at its next animation
/// frame. Does nothing on the page's own thread.
pub fn wake_page() {
    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
        return;
    };
    let msg = js_sys::Object::new();
    if js_sys::Reflect::set(&msg, &"type".into(), &"wake".into()).is_ok() {
        let _ = scope.post_message(&msg);
    }
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
            let slot = self.spawn(self.len())?;
            self.slots.borrow_mut().push(slot);
        }
        Ok(())
    }

    /// Claims an idle worker (a new one if none is idle) for a long job:
    /// runs running at the same time never queue behind each other's
    /// threads. [`WorkerPool::release`] gives it back.
    pub fn claim(&self) -> Result<usize, PoolError> {
        let idle = self.slots.borrow().iter().position(|s| !s.busy);
        let index = match idle {
            Some(i) => i,
            None => {
                self.ensure(self.len() + 1)?;
                self.len() - 1
            }
        };
        self.slots.borrow_mut()[index].busy = true;
        Ok(index)
    }

    /// The worker's job is over: it may be claimed again.
    pub fn release(&self, index: usize) {
        if let Some(s) = self.slots.borrow_mut().get_mut(index) {
            s.busy = false;
        }
    }

    fn spawn(&self, index: usize) -> Result<Slot, PoolError> {
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        opts.set_name(&format!("golab-m{index}"));
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
                "wake" => {
                    run_wakers();
                    return;
                }
                "done" => Ok(()),
                "failed" | "error" => Err(PoolError::Failed(
                    get("message").as_string().unwrap_or_default(),
                )),
                _ => return,
            };
            match (id, result) {
                (Some(id), result) => {
                    let done = pending.borrow_mut().remove(&id);
                    if let Some((_, tx)) = done {
                        let _ = tx.send(result);
                    }
                }
                // A worker that failed to start fails the jobs waiting on it.
                (None, Err(e)) => fail_jobs_of(&pending, index, &e),
                (None, Ok(())) => {}
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));

        let pending = self.pending.clone();
        let on_error =
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
                fail_jobs_of(&pending, index, &PoolError::Failed(e.message()));
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
            busy: false,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Ends workers `indices` (`Worker.terminate`), failing the jobs they
    /// were running, and puts fresh, idle workers in their places. Used
    /// when a worker of a run died: the run's other threads may wait
    /// forever for a lock the dead one held, and terminating them is the
    /// only way to get their workers back. Other runs' workers are left
    /// alone.
    pub fn replace(&self, indices: &[usize]) {
        for &i in indices {
            if i >= self.len() {
                continue;
            }
            self.slots.borrow()[i].worker.terminate();
            let why = PoolError::Failed("the worker was terminated".into());
            fail_jobs_of(&self.pending, i, &why);
            match self.spawn(i) {
                Ok(fresh) => self.slots.borrow_mut()[i] = fresh,
                // Keep the dead worker's slot, but never hand it out again.
                Err(_) => self.slots.borrow_mut()[i].busy = true,
            }
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
        self.pending.borrow_mut().insert(id, (index, tx));
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
