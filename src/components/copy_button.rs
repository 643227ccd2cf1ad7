//! A Copy button: puts a text on the clipboard and says, for two seconds,
//! whether it worked. Code blocks, the console and share links use it.

use crate::lang::{t, Lang};
use crate::platform;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Called on click for the text to copy (the console's output can be
    /// long: it is read only when the reader asks).
    pub text: Callback<(), String>,
    pub lang: Lang,
    /// What is copied, for screen readers ("Copy the code").
    pub label: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Idle,
    Copied,
    Failed,
}

#[function_component(CopyButton)]
pub fn copy_button(props: &Props) -> Html {
    let lang = props.lang;
    let status = use_state(|| Status::Idle);
    let onclick = {
        let (status, text) = (status.clone(), props.text.clone());
        Callback::from(move |_: MouseEvent| {
            let (status, text) = (status.clone(), text.emit(()));
            wasm_bindgen_futures::spawn_local(async move {
                let ok = platform::copy_text(&text).await;
                status.set(if ok { Status::Copied } else { Status::Failed });
                crate::engine::frame::sleep(2000).await;
                status.set(Status::Idle);
            });
        })
    };
    let shown = match *status {
        Status::Idle => t(lang, "复制", "Copy"),
        Status::Copied => t(lang, "已复制 ✓", "Copied ✓"),
        Status::Failed => t(lang, "无法复制", "Can't copy"),
    };
    html! {
        <button type="button" class="button copy" {onclick} aria-label={props.label.clone()}
            title={props.label.clone()} data-status={(*status != Status::Idle).then_some("done")}>
            { shown }
            // Announced when it changes (the label alone would not be).
            <span class="visually-hidden" role="status">{ match *status {
                Status::Idle => "",
                Status::Copied => t(lang, "已复制到剪贴板", "Copied to the clipboard"),
                Status::Failed => t(lang, "浏览器不允许复制，请手动选择并复制", "The browser refused: select the text and copy it by hand"),
            } }</span>
        </button>
    }
}
