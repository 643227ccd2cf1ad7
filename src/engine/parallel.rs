//! The page's side of a parallel-mode run: the runtime's Ms run on workers
//! of the pool ([`crate::threads`]), and the page's thread only looks.
//!
//! The runtime asks for threads through [`Spawn`]; since only the page's
//! thread can post to workers, a request is queued on a channel and the
//! playground's frame loop hands each queued thread to a worker
//! ([`ParallelSession::take_threads`]). Everything the page reads goes
//! through `try_*` calls that never wait: the runtime's lock is taken by
//! the Ms all the time, and the page's thread must not block (browsers
//! forbid `Atomics.wait` there). A frame that finds the lock busy shows the
//! previous state.

use super::gomaxprocs::{self, Mode};
use super::{Console, Program, Settings};
use golab_runtime::parallel::{End, Parallel, Spawn, ThreadFn};
use golab_runtime::{Output, Snapshot};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};

/// Threads (Ms and sysmon) a run may have in the page: each is a Web Worker
/// with its own instance of the module, so a program that blocks thousands
/// of goroutines in system calls must end with the thread-limit error
/// instead of taking the tab down. Go's own limit (10000) still applies
/// below it via `debug.SetMaxThreads`.
pub const MAX_WORKERS: u32 = 64;

/// Queues thread requests for the page's thread (a channel: sending never
/// waits, whichever thread the runtime asks from).
struct Queue(Sender<ThreadFn>);

impl Spawn for Queue {
    fn spawn(&self, f: ThreadFn) {
        let _ = self.0.send(f);
        #[cfg(target_arch = "wasm32")]
        crate::threads::wake_page();
    }

    fn ended(&self) {
        #[cfg(target_arch = "wasm32")]
        crate::threads::wake_page();
    }
}

/// The Ms write into one capped console; the page copies it when it can.
struct SharedConsole(Arc<Mutex<Console>>);

impl Output for SharedConsole {
    fn stdout(&mut self, bytes: &[u8]) {
        if let Ok(mut c) = self.0.lock() {
            c.write(super::Stream::Stdout, bytes);
        }
    }
    fn stderr(&mut self, bytes: &[u8]) {
        if let Ok(mut c) = self.0.lock() {
            c.write(super::Stream::Stderr, bytes);
        }
    }
}

/// One parallel-mode run.
pub struct ParallelSession {
    run: Parallel,
    threads: Receiver<ThreadFn>,
    shared: Arc<Mutex<Console>>,
    console: Console,
    end: Option<End>,
    steps: u64,
    /// The first trace events, for the views (at most `trace_cap`).
    trace: Vec<golab_runtime::Event>,
    trace_cap: usize,
    /// Events the runtime has recorded (it keeps them all).
    trace_len: usize,
    /// How often the page looks at the run (ms): see [`poll_ms`].
    poll_ms: u32,
}

impl ParallelSession {
    /// Starts `program` with `settings.gomaxprocs` Ps on a machine with
    /// `cpus` logical CPUs; `clock` must give the same milliseconds on
    /// every thread (see [`super::frame::epoch_ms`]).
    pub fn start(
        program: &Program,
        settings: &Settings,
        cpus: u32,
        clock: fn() -> f64,
    ) -> ParallelSession {
        let mut config = settings.config();
        config.num_cpu = cpus.max(1);
        config.gomaxprocs = gomaxprocs::clamp_for(settings.gomaxprocs, Mode::Parallel, cpus);
        config.max_threads = MAX_WORKERS;
        let poll_ms = poll_ms(config.gomaxprocs, config.num_cpu);
        let (tx, rx) = channel();
        let shared = Arc::new(Mutex::new(Console::default()));
        let run = Parallel::start(
            program.0.clone(),
            config,
            clock,
            settings.trace,
            Arc::new(Queue(tx)),
            Box::new(SharedConsole(shared.clone())),
        );
        ParallelSession {
            run,
            threads: rx,
            shared,
            console: Console::default(),
            end: None,
            steps: 0,
            trace: Vec::new(),
            trace_cap: 0,
            trace_len: 0,
            poll_ms,
        }
    }

    /// Keep (a copy of) the first `cap` trace events for the views; see
    /// [`ParallelSession::trace`].
    pub fn keep_trace(&mut self, cap: usize) {
        self.trace_cap = cap;
    }

    /// The first trace events (up to the cap of [`ParallelSession::keep_trace`]).
    pub fn trace(&self) -> &[golab_runtime::Event] {
        &self.trace
    }

    /// Whether the runtime's trace reached [`super::TRACE_LIMIT`]: the page
    /// stops the run then, as in step mode.
    pub fn trace_full(&self) -> bool {
        self.trace_len >= super::TRACE_LIMIT
    }

    /// Threads the runtime asked for since the last call (its Ms and
    /// sysmon); each must be started on a worker of its own.
    pub fn take_threads(&self) -> Vec<ThreadFn> {
        self.threads.try_iter().collect()
    }

    /// Catches up with the run without waiting: copies the output and the
    /// instruction count if their locks are free, and returns how the run
    /// ended once every thread has left.
    pub fn poll(&mut self) -> Option<End> {
        if let Ok(c) = self.shared.try_lock() {
            if *c != self.console {
                self.console = c.clone();
            }
        }
        if let Some(steps) = self.run.try_steps() {
            self.steps = steps;
        }
        let want = self.trace_cap.saturating_sub(self.trace.len());
        if let Some((events, len)) = self.run.try_trace_from(self.trace.len(), want) {
            self.trace.extend(events);
            self.trace_len = len;
        }
        if self.end.is_none() {
            self.end = self.run.try_end();
            if self.end.is_some() {
                // The last words (a panic, the race summary) were written
                // before the threads left.
                if let Ok(c) = self.shared.try_lock() {
                    self.console = c.clone();
                }
            }
        }
        self.end
    }

    /// Stop: every M leaves at its next check-in (well under a millisecond
    /// of interpretation); [`ParallelSession::poll`] then reports `Stopped`.
    pub fn stop(&self) {
        self.run.stop();
    }

    pub fn console(&self) -> &Console {
        &self.console
    }

    /// The exit status, once the program has ended by itself.
    pub fn exit(&self) -> Option<i32> {
        match self.end {
            Some(End::Exited(code)) => Some(code),
            _ => None,
        }
    }

    /// Whether every thread has left (exit or Stop).
    pub fn ended(&self) -> bool {
        self.end.is_some()
    }

    /// Instructions executed so far (as of the last successful poll).
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The scheduler's state, if the runtime's lock is free right now.
    pub fn try_snapshot(&self) -> Option<Snapshot> {
        self.run.try_snapshot()
    }

    /// The race detector's reports, if the runtime's lock is free right now.
    pub fn try_races(&self) -> Option<Vec<super::races::Race>> {
        self.run
            .try_race_reports()
            .map(|rs| rs.iter().map(super::races::Race::of).collect())
    }
}

/// How often the page's thread looks at (and the playground draws) a
/// parallel run with `gomaxprocs` Ps on `cpus` logical CPUs, in ms, when no
/// worker wakes it sooner (a thread queued, the run over, Stop).
///
/// Not every animation frame: the page's thread and the browser's
/// compositor share the cores with the Ms, and each drawing of a running
/// program (a new "real time" in the console, a new snapshot for the views)
/// costs a few ms of style, layout, paint and raster. Ten times a second
/// is live enough when a core is left over; when the Ms take every core
/// that work comes straight out of the program's time (measured on two
/// cores: about 5% of a core, the speed-up from 1.9x down to 1.75x), so a
/// run is drawn four times a second then.
pub fn poll_ms(gomaxprocs: u32, cpus: u32) -> u32 {
    if gomaxprocs >= cpus {
        250
    } else {
        100
    }
}

/// How long a stopped run may take to leave before its workers are
/// terminated (a thread stuck in a runtime bug must not keep them).
const STOP_GRACE_MS: f64 = 2000.0;

/// Drives a parallel run from the page's thread, every [`poll_ms`] or at
/// once when a worker wakes it (a thread queued, the run over):
/// posts each thread the runtime asks for to a worker of its own, polls the
/// run, and calls `on_frame` with it (and with the reason, if a worker
/// died: the workers are then terminated and the run is over). When
/// `wanted()` turns false (Stop, Reset, a new run, leaving the page) the
/// run is stopped and driven, silently, until its threads have left; then
/// `on_left` gets the milliseconds that took (what Stop costs), with the
/// session free to borrow (`on_frame` gets it borrowed).
pub fn drive(
    session: std::rc::Rc<std::cell::RefCell<ParallelSession>>,
    wanted: impl Fn() -> bool + 'static,
    on_frame: impl Fn(&ParallelSession, Option<String>) + 'static,
    on_left: impl Fn(f64) + 'static,
) {
    // One copy of the loop for every caller (a generic one was compiled
    // once per caller's closures: kilobytes of the page's wasm each).
    drive_boxed(
        session,
        Box::new(wanted),
        Box::new(on_frame),
        Box::new(on_left),
    );
}

type OnFrame = Box<dyn Fn(&ParallelSession, Option<String>)>;

fn drive_boxed(
    session: std::rc::Rc<std::cell::RefCell<ParallelSession>>,
    wanted: Box<dyn Fn() -> bool>,
    on_frame: OnFrame,
    on_left: Box<dyn Fn(f64)>,
) {
    use crate::threads::{self, WorkerPool};
    use std::cell::RefCell;
    use std::rc::Rc;
    let failure: Rc<RefCell<Option<String>>> = Rc::default();
    let pool = match WorkerPool::global() {
        Ok(pool) => pool,
        Err(e) => {
            session.borrow().stop();
            on_frame(&session.borrow(), Some(e.to_string()));
            return;
        }
    };
    // The run's workers: claimed one per thread, released when its thread
    // leaves, replaced if the run has to be killed. Only those still claimed
    // are listed: a released worker may already run another run's thread,
    // which killing this run must not touch.
    let used: Rc<RefCell<Vec<usize>>> = Rc::default();
    // Starts the threads the runtime asked for. Called every frame, and at
    // once when a worker says a thread was queued (`threads::wake_page`):
    // an M created mid-run starts in well under a frame.
    let pump: Rc<dyn Fn()> = {
        let (session, pool, failure, used) =
            (session.clone(), pool.clone(), failure.clone(), used.clone());
        Rc::new(move || {
            let Ok(s) = session.try_borrow() else { return };
            for job in s.take_threads() {
                let index = match pool.claim() {
                    Ok(i) => i,
                    Err(e) => {
                        failure.borrow_mut().get_or_insert(e.to_string());
                        continue;
                    }
                };
                used.borrow_mut().push(index);
                let (pool, failure, used) = (pool.clone(), failure.clone(), used.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match pool.execute(index, job).await {
                        Ok(()) => {
                            used.borrow_mut().retain(|&i| i != index);
                            pool.release(index);
                        }
                        // The worker died (or was terminated): it stays
                        // claimed, so nothing (this run's next thread,
                        // another run) is posted to it and lost before the
                        // loop below replaces it with a fresh, idle one.
                        Err(e) => {
                            failure.borrow_mut().get_or_insert(e.to_string());
                        }
                    }
                });
            }
        })
    };
    // A worker's wake-up (a thread queued, the run over) also ends the
    // loop's wait, so the run's end is seen at once.
    let alarm = super::frame::Alarm::default();
    let waker: Rc<dyn Fn()> = {
        let (pump, alarm) = (pump.clone(), alarm.clone());
        Rc::new(move || {
            pump();
            alarm.ring();
        })
    };
    threads::on_wake(&waker);
    pump();
    wasm_bindgen_futures::spawn_local(async move {
        let mut stopped_at: Option<f64> = None;
        loop {
            let poll_ms = session.borrow().poll_ms;
            alarm.sleep(poll_ms).await;
            pump();
            let mut s = session.borrow_mut();
            if stopped_at.is_none() && !wanted() {
                s.stop();
                stopped_at = Some(super::frame::now_ms());
            }
            let ended = s.poll().is_some();
            if let Some(why) = failure.borrow_mut().take() {
                s.stop();
                pool.replace(&used.borrow());
                if stopped_at.is_none() {
                    on_frame(&s, Some(why));
                }
                return;
            }
            if stopped_at.is_none() {
                on_frame(&s, None);
            }
            if ended {
                // Released first: `on_left` may look at the session.
                drop(s);
                if let Some(t) = stopped_at {
                    on_left(super::frame::now_ms() - t);
                }
                // The waker goes with this future.
                drop(waker);
                return;
            }
            if stopped_at.is_some_and(|t| super::frame::now_ms() - t > STOP_GRACE_MS) {
                pool.replace(&used.borrow());
                return;
            }
        }
    });
}

/// How a parallel run driven natively ended.
pub struct NativeEnd {
    pub console: Console,
    /// `None` if the run was still going after a minute.
    pub end: Option<End>,
}

/// Runs `program` in parallel mode natively to its end, with std threads
/// standing in for the page's workers and the page's own polling logic
/// (tests of the engine and of the widgets' programs; the page never calls
/// it: it would block its thread).
pub fn run_on_std_threads(program: &Program, settings: &Settings, cpus: u32) -> NativeEnd {
    let mut s = ParallelSession::start(program, settings, cpus, super::frame::epoch_ms);
    for _ in 0..60_000 {
        for t in s.take_threads() {
            std::thread::spawn(t);
        }
        if s.poll().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    NativeEnd {
        end: s.poll(),
        console: s.console().clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> f64 {
        super::super::frame::epoch_ms()
    }

    fn run(src: &str, procs: u32) -> (Console, Option<End>) {
        let program = super::super::compile(src).unwrap();
        let settings = Settings {
            gomaxprocs: procs,
            ..Settings::default()
        };
        let out = run_on_std_threads(&program, &settings, 2);
        (out.console, out.end)
    }

    #[test]
    fn atomics_on_two_threads_give_the_exact_total() {
        let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n\t\"sync/atomic\"\n)\n\nfunc main() {\n\tvar n int64\n\tvar wg sync.WaitGroup\n\tfor g := 0; g < 2; g++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tfor i := 0; i < 100000; i++ {\n\t\t\t\tatomic.AddInt64(&n, 1)\n\t\t\t}\n\t\t}()\n\t}\n\twg.Wait()\n\tfmt.Println(n)\n}\n";
        let (console, end) = run(src, 2);
        assert_eq!(end, Some(End::Exited(0)), "{}", console.stderr());
        assert_eq!(console.stdout(), "200000\n");
    }

    #[test]
    fn the_page_caps_its_workers() {
        // Goroutines that read forever keep entering system calls, so hand-offs
        // keep creating Ms until the cap is crossed, however slow the machine.
        let src = "package main\n\nimport (\n\t\"os\"\n\t\"time\"\n)\n\nfunc main() {\n\tfor i := 0; i < 200; i++ {\n\t\tgo func() {\n\t\t\tfor {\n\t\t\t\tos.ReadFile(\"data/slow.txt\")\n\t\t\t}\n\t\t}()\n\t}\n\ttime.Sleep(time.Minute)\n}\n";
        let (console, end) = run(src, 2);
        assert_eq!(end, Some(End::Exited(2)));
        assert!(
            console.stderr().starts_with(&format!(
                "runtime: program exceeds this host's {MAX_WORKERS}-thread limit (parallel mode)\nfatal error: thread exhaustion\n"
            )),
            "{}",
            console.stderr()
        );
    }

    #[test]
    fn stop_ends_an_endless_loop_on_every_thread() {
        let src = "package main\n\nfunc main() {\n\tgo func() {\n\t\tfor {\n\t\t}\n\t}()\n\tfor {\n\t}\n}\n";
        let program = super::super::compile(src).unwrap();
        let settings = Settings {
            gomaxprocs: 2,
            ..Settings::default()
        };
        let mut s = ParallelSession::start(&program, &settings, 2, clock);
        for t in s.take_threads() {
            std::thread::spawn(t);
        }
        std::thread::sleep(std::time::Duration::from_millis(30));
        assert_eq!(s.poll(), None);
        let t0 = clock();
        s.stop();
        while s.poll().is_none() {
            for t in s.take_threads() {
                std::thread::spawn(t);
            }
            assert!(clock() - t0 < 10_000.0, "Stop did not end the run");
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert_eq!(s.poll(), Some(End::Stopped));
        // The 100 ms bound is the e2e check's, in the page; here (a debug
        // build, maybe on a loaded machine) only the end is asserted.
        eprintln!("Stop: every thread left in {:.1} ms", clock() - t0);
    }
}
