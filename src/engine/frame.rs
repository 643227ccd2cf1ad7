//! Waiting for the next animation frame and reading the clock: the two
//! browser facts the run loops need. Natively (tests) a frame is a no-op
//! and the clock is `Instant`-based, so the loops' logic is shared.

/// Milliseconds of each frame a run may use; the rest is left to the
/// browser to paint and to handle input (16.7 ms per frame at 60 Hz).
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

/// Resolves at the next animation frame. Falls back to a short timer when
/// the page has no window (never in the book) so a loop cannot spin.
#[cfg(target_arch = "wasm32")]
pub async fn next_frame() {
    use wasm_bindgen::JsCast;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let ok = web_sys::window()
            .map(|w| w.request_animation_frame(resolve.unchecked_ref()).is_ok())
            .unwrap_or(false);
        if !ok {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn next_frame() {}

/// A wait the page's thread can cut short: [`Alarm::sleep`] resolves after
/// its time, or as soon as [`Alarm::ring`] is called (say, when a worker
/// posts a message). Parallel runs poll with it instead of every animation
/// frame: a frame loop keeps the browser's compositing threads busy 60
/// times a second, which on two cores is time taken from the Ms.
#[derive(Clone, Default)]
pub struct Alarm {
    #[cfg(target_arch = "wasm32")]
    resolve: std::rc::Rc<std::cell::RefCell<Option<js_sys::Function>>>,
}

impl Alarm {
    /// Waits `ms` milliseconds or until [`Alarm::ring`].
    #[cfg(target_arch = "wasm32")]
    pub async fn sleep(&self, ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            let ok = web_sys::window()
                .map(|w| {
                    w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                        .is_ok()
                })
                .unwrap_or(false);
            if !ok {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
            *self.resolve.borrow_mut() = Some(resolve);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        self.resolve.borrow_mut().take();
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub async fn sleep(&self, _ms: i32) {}

    /// Ends the current [`Alarm::sleep`] now (nothing if none is waiting).
    pub fn ring(&self) {
        #[cfg(target_arch = "wasm32")]
        if let Some(resolve) = self.resolve.borrow_mut().take() {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    }
}
