//! Whether parallel mode works in this browser, and a check that proves it:
//! two workers each add 1,000,000 to one shared atomic counter, and the page
//! shows the total (exactly 2,000,000 when memory is really shared).

use crate::engine::workers::{shared_counter_check, INCREMENTS, WORKERS};
use crate::lang::Lang;
use crate::platform;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
}

#[derive(Clone, PartialEq)]
enum CheckState {
    Idle,
    Running,
    Done { total: u64, millis: f64 },
    Failed(String),
}

#[function_component(ParallelCheck)]
pub fn parallel_check(props: &Props) -> Html {
    let state = use_state(|| CheckState::Idle);
    let isolated = platform::cross_origin_isolated();
    let zh = props.lang == Lang::Zh;
    let t = |a: &'static str, b: &'static str| if zh { a } else { b };
    let run = {
        let state = state.clone();
        Callback::from(move |_| {
            let state = state.clone();
            state.set(CheckState::Running);
            wasm_bindgen_futures::spawn_local(async move {
                state.set(match shared_counter_check().await {
                    Ok((total, millis)) => CheckState::Done { total, millis },
                    Err(e) => CheckState::Failed(e),
                });
            });
        })
    };
    let expected = INCREMENTS * WORKERS as u64;
    html! {
        <section class="parallel-check" aria-live="polite">
            if isolated {
                <p id="parallel-status" data-isolated="true">
                    { t("并行模式可用：", "Parallel mode is available: ") }
                    { format!("{} ", platform::hardware_concurrency()) }
                    { t("个逻辑 CPU，工作线程可以共享同一块内存。", "logical CPUs, and workers can share memory.") }
                </p>
                <button id="parallel-check-run" class="button" onclick={run} disabled={*state == CheckState::Running}>
                    { t("检查：两个工作线程共享一个计数器", "Check: two workers share one counter") }
                </button>
                { match &*state {
                    CheckState::Idle => html! {},
                    CheckState::Running => html! { <p>{ t("运行中…", "Running…") }</p> },
                    CheckState::Done { total, millis } => html! {
                        <p id="parallel-check-result" data-total={total.to_string()} data-exact={(*total == expected).to_string()}>
                            { format!("{WORKERS} × {INCREMENTS} atomic.Add → {total} ") }
                            { if *total == expected { t("（精确）", "(exact)") } else { t("（丢失了更新！）", "(updates lost!)") } }
                            { format!(" · {millis:.0} ms") }
                        </p>
                    },
                    CheckState::Failed(e) => html! { <p id="parallel-check-result" class="error" data-total="error">{ e.clone() }</p> },
                } }
            } else {
                <p id="parallel-status" class="notice" data-isolated="false" role="note">
                    { platform::why_not_isolated(props.lang, platform::secure_context()) }
                </p>
            }
        </section>
    }
}
