//! The row under a playground's console: Share (a link that reopens the
//! program with its settings, see [`crate::share`]), Copy output, and
//! Download trace (Chrome trace JSON that Perfetto opens) for any run.

use crate::components::copy_button::CopyButton;
use crate::engine::{self, Mode, Settings};
use crate::lang::t;
use crate::platform;
use crate::share::{self, Shared};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The reader's code and the settings the controls show, as a link
    /// carries them (`steps`: a paused step-mode run's position, else 0).
    pub shared: Shared,
    pub output: Rc<engine::Console>,
    /// The code of the last run, for its trace (`None`: nothing ran yet).
    pub ran_code: Option<String>,
}

/// The link that reopens `shared` on the play page of this site.
pub fn play_link(shared: &Shared) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!(
        "{origin}/{}/play#{}",
        shared.lang.code(),
        share::encode(shared)
    )
}

#[function_component(RunTools)]
pub fn run_tools(props: &Props) -> Html {
    let lang = props.shared.lang;
    // The last link made, shown so it can be copied by hand or opened.
    let link = use_state(|| None::<String>);
    let link_copied = use_state(|| false);
    let tracing = use_state(|| false);
    let on_share = {
        let (link, link_copied) = (link.clone(), link_copied.clone());
        let shared = props.shared.clone();
        Callback::from(move |_: MouseEvent| {
            let url = play_link(&shared);
            link.set(Some(url.clone()));
            let link_copied = link_copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                link_copied.set(platform::copy_text(&url).await);
            });
        })
    };
    let on_trace = {
        let tracing = tracing.clone();
        let code = props.ran_code.clone();
        let settings = Settings {
            gomaxprocs: props.shared.gomaxprocs,
            seed: props.shared.seed,
            race: props.shared.race,
            ..Settings::default()
        };
        Callback::from(move |_: MouseEvent| {
            let Some(program) = code.as_deref().and_then(|c| engine::compile(c).ok()) else {
                return;
            };
            let (tracing, settings) = (tracing.clone(), settings.clone());
            tracing.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let json = engine::to_end::chrome_trace(&program, &settings).await;
                platform::download(&json, "trace.json", "application/json");
                tracing.set(false);
            });
        })
    };
    let output = props.output.clone();
    let copy_output =
        Callback::from(move |()| output.chunks().map(|(_, text)| text).collect::<String>());
    let trace_title = match props.shared.mode {
        Mode::Step => t(lang, "本次运行的 Chrome trace JSON，可在 Perfetto（ui.perfetto.dev）中打开", "This run as Chrome trace JSON: open it in Perfetto (ui.perfetto.dev)"),
        Mode::Parallel => t(lang, "以相同种子和 GOMAXPROCS 在单步模式下运行一次，保存其 Chrome trace JSON（并行运行无法重放）", "A step-mode run with the same seed and GOMAXPROCS, as Chrome trace JSON (a parallel run cannot be replayed)"),
    };
    html! {
        <div class="run-tools">
            <button type="button" class="button share" onclick={on_share}
                title={t(lang, "生成一个链接，打开后是这段程序和这些设置", "Make a link that opens this program with these settings")}>
                { t(lang, "分享", "Share") }
            </button>
            <CopyButton text={copy_output} {lang} label={t(lang, "复制程序输出", "Copy the output")} />
            <button type="button" class="button download-trace" onclick={on_trace}
                disabled={props.ran_code.is_none() || *tracing} title={trace_title}>
                { if *tracing { t(lang, "正在生成 trace…", "Making the trace…") } else { t(lang, "下载 trace", "Download trace") } }
            </button>
            if let Some(url) = (*link).clone() {
                <p class="share-link" role="status">
                    <span>{ if *link_copied {
                        t(lang, "链接已复制到剪贴板：", "Link copied to the clipboard:")
                    } else {
                        t(lang, "分享链接（选中后复制）：", "Share link (select and copy it):")
                    } }</span>
                    <input class="share-url" type="text" readonly=true value={url.clone()}
                        aria-label={t(lang, "分享链接", "Share link")}
                        onfocus={Callback::from(|e: FocusEvent| {
                            use wasm_bindgen::JsCast;
                            if let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        })} />
                    <a href={url} target="_blank" rel="noopener">{ t(lang, "在新标签页打开", "Open in a new tab") }</a>
                </p>
            }
        </div>
    }
}
