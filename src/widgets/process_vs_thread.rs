//! ` ```widget process-vs-thread `: two processes beside one process with two
//! threads. The reader has a thread write a variable, has the other side
//! read it, and ends the main thread; the drawing shows who sees the write
//! (threads share an address space, processes do not) and that ending the
//! main thread ends the process with every thread in it. Below, a real Go
//! program shows the same rule for goroutines.
//!
//! This widget models the operating system, not our runtime, so its state
//! is a small reducer of its own; the Go part is a real run.

use super::playground::Playground;
use crate::block_context::BlockContext;
use crate::directive::RunBlock;
use crate::lang::t;
use crate::lang::Lang;
use std::rc::Rc;
use yew::prelude::*;

/// The Go program shown under the drawing (unless the block brings its own):
/// `main` returns while a goroutine is still printing, and the goroutine
/// ends with it. Virtual time makes the count of its lines the same on every
/// run.
pub const DEFAULT_PROGRAM: &str = r#"package main

import (
	"fmt"
	"time"
)

func main() {
	go func() {
		for i := 1; ; i++ {
			fmt.Println("worker goroutine: still working", i)
			time.Sleep(time.Millisecond)
		}
	}()
	time.Sleep(3500 * time.Microsecond)
	fmt.Println("main: returning, the process ends")
}
"#;

/// One side of the drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Two processes, one thread each.
    Processes,
    /// One process, two threads.
    Threads,
}

/// What the reader has done so far, per side.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct World {
    /// `x` as seen by the first thread (process A / thread 1).
    pub x_first: i64,
    /// `x` as seen by the second thread (process B / thread 2).
    pub x_second: i64,
    /// What the second thread read, once it has read.
    pub read: Option<i64>,
    /// The main thread (of process A / of the process) has ended.
    pub main_ended: bool,
}

impl World {
    /// Thread 1 stores `x = 1` into its own address space.
    fn write(&mut self, side: Side) {
        if self.main_ended {
            return;
        }
        self.x_first += 1;
        if side == Side::Threads {
            // One address space: the other thread's `x` is the same word.
            self.x_second = self.x_first;
        }
    }
    /// The second thread loads `x`.
    fn read(&mut self, side: Side) {
        // In the threads side, the reading thread died with the process.
        if side == Side::Threads && self.main_ended {
            return;
        }
        self.read = Some(self.x_second);
    }
    fn end_main(&mut self) {
        self.main_ended = true;
    }
    /// Is thread `n` (0 or 1) still alive on this side?
    pub fn alive(&self, side: Side, n: usize) -> bool {
        match (side, n) {
            (_, 0) => !self.main_ended,
            // Another process is not affected by process A's exit.
            (Side::Processes, _) => true,
            (Side::Threads, _) => !self.main_ended,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct State {
    pub processes: World,
    pub threads: World,
}

pub enum Action {
    Write,
    Read,
    EndMain,
    Reset,
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Write => {
                s.processes.write(Side::Processes);
                s.threads.write(Side::Threads);
            }
            Action::Read => {
                s.processes.read(Side::Processes);
                s.threads.read(Side::Threads);
            }
            Action::EndMain => {
                s.processes.end_main();
                s.threads.end_main();
            }
            Action::Reset => s = State::default(),
        }
        Rc::new(s)
    }
}

fn thread_box(lang: Lang, name: String, alive: bool, pc: &'static str, stack: String) -> Html {
    html! {
        <div class={classes!("pvt-thread", (!alive).then_some("dead"))}>
            <div class="pvt-thread-name">{ name }
                if !alive { <span class="pvt-dead">{ t(lang, " 已结束", " ended") }</span> }
            </div>
            <div class="pvt-field"><span>{ t(lang, "程序计数器", "program counter") }</span><code>{ pc }</code></div>
            <div class="pvt-field"><span>{ t(lang, "栈", "stack") }</span><code>{ stack }</code></div>
        </div>
    }
}

fn memory(lang: Lang, x: i64, flash: bool) -> Html {
    html! {
        <div class="pvt-memory">
            <div class="pvt-mem-title">{ t(lang, "地址空间", "address space") }</div>
            <div class="pvt-segments">
                <span class="pvt-seg">{ t(lang, "代码", "code") }</span>
                <span class={classes!("pvt-seg", "pvt-global", flash.then_some("changed"))}>
                    { t(lang, "全局变量 ", "globals ") }<code>{ format!("x = {x}") }</code>
                </span>
                <span class="pvt-seg">{ t(lang, "堆", "heap") }</span>
            </div>
            <div class="pvt-files">{ t(lang, "打开的文件：0 stdin · 1 stdout · 2 stderr", "open files: 0 stdin · 1 stdout · 2 stderr") }</div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub ctx: BlockContext,
    /// A program to run instead of [`DEFAULT_PROGRAM`].
    #[prop_or_default]
    pub code: Option<String>,
}

#[function_component(ProcessVsThread)]
pub fn process_vs_thread(props: &Props) -> Html {
    let lang = props.lang;
    let state = use_reducer(State::default);
    let act = |a: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(a()))
    };
    let p = &state.processes;
    let th = &state.threads;
    let read_note = |w: &World, side: Side| -> Option<String> {
        let alive = w.alive(side, 1);
        w.read.map(|v| match (lang, side, alive) {
            (Lang::Zh, Side::Processes, _) => {
                format!("进程 B 读到 x = {v}：它有自己的 x，看不到进程 A 的写入。")
            }
            (Lang::En, Side::Processes, _) => format!(
                "Process B reads x = {v}: it has its own x and cannot see process A's write."
            ),
            (Lang::Zh, Side::Threads, _) => format!("线程 2 读到 x = {v}：两个线程共享同一个 x。"),
            (Lang::En, Side::Threads, _) => {
                format!("Thread 2 reads x = {v}: both threads share one x.")
            }
        })
    };
    let stack = |w: &World, n: usize| -> String {
        if n == 0 {
            "main() → work()".into()
        } else {
            match w.read {
                Some(v) => format!("worker() · v = {v}"),
                None => "worker()".into(),
            }
        }
    };
    let program = props
        .code
        .clone()
        .unwrap_or_else(|| DEFAULT_PROGRAM.to_string());
    let run_block = RunBlock {
        id: Some("process-vs-thread".into()),
        expected: None,
        ..RunBlock::new(&program)
    };
    html! {
        <div class="pvt" data-wrote={(th.x_first > 0).to_string()} data-main-ended={th.main_ended.to_string()}>
            <div class="pvt-actions" role="toolbar" aria-label={t(lang, "操作", "Actions")}>
                <button class="button pvt-write" onclick={act(|| Action::Write)} disabled={th.main_ended}>
                    { t(lang, "① 线程 1 写 x = x + 1", "① Thread 1 writes x = x + 1") }</button>
                <button class="button pvt-read" onclick={act(|| Action::Read)}>
                    { t(lang, "② 另一边读 x", "② The other side reads x") }</button>
                <button class="button pvt-end" onclick={act(|| Action::EndMain)} disabled={th.main_ended}>
                    { t(lang, "③ 结束主线程", "③ End the main thread") }</button>
                <button class="button pvt-reset" onclick={act(|| Action::Reset)}>{ t(lang, "重来", "Start over") }</button>
            </div>
            <div class="pvt-sides">
                <section class="pvt-side" aria-label={t(lang, "两个进程", "Two processes")}>
                    <h4>{ t(lang, "两个进程，各一个线程", "Two processes, one thread each") }</h4>
                    <div class="pvt-row">
                        <div class={classes!("pvt-process", p.main_ended.then_some("dead"))}>
                            <div class="pvt-proc-title">{ t(lang, "进程 A", "Process A") }
                                if p.main_ended { <span class="pvt-dead">{ t(lang, " 已退出", " exited") }</span> }</div>
                            { memory(lang, p.x_first, p.x_first > 0) }
                            { thread_box(lang, t(lang, "主线程", "main thread").into(), p.alive(Side::Processes, 0), "work+0x12", stack(p, 0)) }
                        </div>
                        <div class="pvt-process">
                            <div class="pvt-proc-title">{ t(lang, "进程 B", "Process B") }</div>
                            { memory(lang, p.x_second, false) }
                            { thread_box(lang, t(lang, "主线程", "main thread").into(), p.alive(Side::Processes, 1), "worker+0x8", stack(p, 1)) }
                        </div>
                    </div>
                    <p class="pvt-note" aria-live="polite">{ read_note(p, Side::Processes).unwrap_or_default() }
                        if p.main_ended { { t(lang, " 进程 A 退出了，进程 B 照常运行。", " Process A exited; process B runs on.") } }</p>
                </section>
                <section class="pvt-side" aria-label={t(lang, "一个进程，两个线程", "One process, two threads")}>
                    <h4>{ t(lang, "一个进程，两个线程", "One process, two threads") }</h4>
                    <div class={classes!("pvt-process", "wide", th.main_ended.then_some("dead"))}>
                        <div class="pvt-proc-title">{ t(lang, "进程", "Process") }
                            if th.main_ended { <span class="pvt-dead">{ t(lang, " 已退出", " exited") }</span> }</div>
                        { memory(lang, th.x_first, th.x_first > 0) }
                        <div class="pvt-row">
                            { thread_box(lang, t(lang, "线程 1（主线程）", "thread 1 (main)").into(), th.alive(Side::Threads, 0), "work+0x12", stack(th, 0)) }
                            { thread_box(lang, t(lang, "线程 2", "thread 2").into(), th.alive(Side::Threads, 1), "worker+0x8", stack(th, 1)) }
                        </div>
                    </div>
                    <p class="pvt-note" aria-live="polite">{ read_note(th, Side::Threads).unwrap_or_default() }
                        if th.main_ended { { t(lang, " 主线程结束 → 进程退出 → 线程 2 也随之结束。", " The main thread ended → the process exited → thread 2 ended with it.") } }</p>
                </section>
            </div>
            <div class="pvt-go">
                <h4>{ t(lang, "在 Go 里：main 返回，所有 goroutine 随之结束", "In Go: main returns, every goroutine ends with it") }</h4>
                <Playground block={run_block} ctx={props.ctx.clone()} />
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(actions: Vec<Action>) -> State {
        let mut s = Rc::new(State::default());
        for a in actions {
            s = s.reduce(a);
        }
        (*s).clone()
    }

    #[test]
    fn threads_see_the_write_processes_do_not() {
        let s = apply(vec![Action::Write, Action::Read]);
        assert_eq!(s.threads.read, Some(1));
        assert_eq!(s.processes.read, Some(0));
    }

    #[test]
    fn ending_the_main_thread_ends_the_process_with_its_threads() {
        let s = apply(vec![Action::EndMain]);
        assert!(!s.threads.alive(Side::Threads, 0));
        assert!(!s.threads.alive(Side::Threads, 1));
        assert!(!s.processes.alive(Side::Processes, 0));
        assert!(
            s.processes.alive(Side::Processes, 1),
            "the other process runs on"
        );
        // A dead thread neither writes nor reads.
        let s = apply(vec![Action::EndMain, Action::Write, Action::Read]);
        assert_eq!(s.threads.x_first, 0);
        assert_eq!(s.threads.read, None);
        assert_eq!(s.processes.read, Some(0));
    }

    #[test]
    fn the_default_program_shows_main_ending_the_worker() {
        let out = crate::engine::run_to_end(DEFAULT_PROGRAM, &crate::engine::Settings::default())
            .expect("compiles");
        assert_eq!(out.exit, 0, "{}", out.stderr);
        let lines: Vec<&str> = out.stdout.lines().collect();
        assert_eq!(lines.last(), Some(&"main: returning, the process ends"));
        assert!(
            lines.len() >= 2,
            "the worker printed before main returned: {lines:?}"
        );
    }
}
