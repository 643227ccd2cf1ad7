//! `/embed#v1.…`: one playground and nothing else, for other sites'
//! iframes (README: "Embedding"). Its controls speak the language the
//! link was shared in; a link back opens the same program on the book's
//! play page. Without a link (or with a broken one) it shows the default
//! program, and says why.

use super::play::{context, open, use_fragment};
use crate::lang::t;
use crate::platform;
use crate::widgets::playground::Playground;
use yew::prelude::*;

#[function_component(EmbedPage)]
pub fn embed_page() -> Html {
    let fragment = use_fragment();
    let opened = use_memo(fragment.clone(), |f| {
        open(f, platform::preferred_lang(), "embed")
    });
    let lang = opened.lang;
    use_effect_with(lang, |lang| {
        platform::set_page(
            t(
                *lang,
                "Go 并发实验室 · 嵌入的演练场",
                "Go Concurrency Lab · embedded playground",
            ),
            lang.html_lang(),
        )
    });
    let block = opened.block.clone();
    let key = opened.block.id.clone().unwrap_or_default();
    html! {
        <main class="embed" id="main" tabindex="-1" lang={lang.html_lang()}>
            <p class="embed-bar">
                <a href={format!("/{}/play{}", lang.code(), fragment)} target="_blank" rel="noopener">
                    { t(lang, "在 Go 并发实验室中打开 ↗", "Open in Go Concurrency Lab ↗") }
                </a>
            </p>
            if let Some(broken) = opened.broken {
                <p class="notice share-broken" role="alert">{ broken.message(lang) }</p>
            }
            <div class="run-example">
                <Playground {key} {block}
                ctx={context(lang, "embed")} replay={opened.replay} />
                </div>
        </main>
    }
}
