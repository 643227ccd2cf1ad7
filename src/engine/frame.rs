//! Frames and clocks: the browser facts the run loops need. Animation
//! frames come from `gloo-render` and timers from `gloo-timers` (the Yew
//! ecosystem's own wrappers, already in the build through Yew); natively
//! (tests) a frame or a sleep is a no-op and the clock is `Instant`-based,
//! so the loops' logic is shared.

#[cfg(target_arch = "wasm32")]
use std::cell::Cell;

/// Milliseconds of each frame that runs may use, all runs on the page
/// together; the rest is left to the browser to paint and to handle input
/// (16.7 ms per frame at 60 Hz).
pub const FRAME_BUDGET_MS: f64 = 8.0;

/// A monotonic clock in milliseconds.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// Milliseconds on a clock every thread reads alike: parallel mode's Ms
/// run on workers, whose `performance.now()` counts from each worker's own
/// start, so the clock is `performance.timeOrigin + performance.now()`
/// (read from the global scope, which is a window or a worker).
#[cfg(target_arch = "wasm32")]
pub fn epoch_ms() -> f64 {
    use wasm_bindgen::JsCast;
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map(|p| p.time_origin() + p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// Natively [`now_ms`] already reads one process-wide clock.
#[cfg(not(target_arch = "wasm32"))]
pub fn epoch_ms() -> f64 {
    now_ms()
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// When the current animation frame began (see [`deadline`]).
    static FRAME_START: Cell<f64> = const { Cell::new(f64::NEG_INFINITY) };
}

/// Resolves at the next animation frame.
#[cfg(target_arch = "wasm32")]
pub async fn next_frame() {
    let (tx, rx) = futures_channel::oneshot::channel();
    // Dropping the handle would cancel the request: hold it until it fires.
    let _frame = gloo_render::request_animation_frame(move |_| {
        let _ = tx.send(());
    });
    let _ = rx.await;
    FRAME_START.with(|s| s.set(now_ms()));
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn next_frame() {}

/// Until when code running now may interpret: the current frame's start
/// plus [`FRAME_BUDGET_MS`]. Every run loop on the page reads the same
/// deadline, so two runs in one frame share its budget instead of taking
/// it twice; work that starts outside any frame (a click) gets a budget of
/// its own.
pub fn deadline() -> f64 {
    let now = now_ms();
    #[cfg(target_arch = "wasm32")]
    {
        FRAME_START.with(|s| {
            if now - s.get() > 1000.0 / 60.0 {
                s.set(now);
            }
            s.get() + FRAME_BUDGET_MS
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        now + FRAME_BUDGET_MS
    }
}

/// Waits `ms` milliseconds (natively: not at all).
pub async fn sleep(ms: u32) {
    #[cfg(target_arch = "wasm32")]
    gloo_timers::future::TimeoutFuture::new(ms).await;
    #[cfg(not(target_arch = "wasm32"))]
    let _ = ms;
}

/// A wait the page's thread can cut short: [`Alarm::sleep`] resolves after
/// its time, or as soon as [`Alarm::ring`] is called (say, when a worker
/// posts a message). Parallel runs poll with it instead of every animation
/// frame: a frame loop keeps the browser's compositing threads busy 60
/// times a second, which on two cores is time taken from the Ms.
#[derive(Clone, Default)]
pub struct Alarm {
    #[cfg(target_arch = "wasm32")]
    wake: std::rc::Rc<std::cell::RefCell<Option<futures_channel::oneshot::Sender<()>>>>,
}

impl Alarm {
    /// Waits `ms` milliseconds or until [`Alarm::ring`].
    #[cfg(target_arch = "wasm32")]
    pub async fn sleep(&self, ms: u32) {
        let (tx, rx) = futures_channel::oneshot::channel();
        *self.wake.borrow_mut() = Some(tx);
        let wake = self.wake.clone();
        // Dropped at the end of this call: a ring cancels the timer.
        let _timeout = gloo_timers::callback::Timeout::new(ms, move || {
            if let Some(tx) = wake.borrow_mut().take() {
                let _ = tx.send(());
            }
        });
        let _ = rx.await;
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub async fn sleep(&self, _ms: u32) {}

    /// Ends the current [`Alarm::sleep`] now (nothing if none is waiting).
    pub fn ring(&self) {
        #[cfg(target_arch = "wasm32")]
        if let Some(tx) = self.wake.borrow_mut().take() {
            let _ = tx.send(());
        }
    }
}
