//! `/:lang/play`: a playground for any program, blank or opened from a
//! share link (`#v1.…`, see [`crate::share`]), with every control a
//! chapter's playground has and a choice of views.
//!
//! A link's program is saved under a key of its own (a hash of the link),
//! so opening a link never overwrites the reader's own program, and a
//! broken link leaves it where it was: the page says why the link failed
//! and shows the reader's program (or the default one).

use crate::block_context::BlockContext;
use crate::components::header::Header;
use crate::directive::{RunBlock, View};
use crate::engine::Mode;
use crate::lang::{t, Lang};
use crate::platform;
use crate::share::{self, Broken, Shared};
use crate::widgets::playground::{Playground, Replay};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The program a blank playground starts with.
pub fn default_program(lang: Lang) -> String {
    let (comment, hello) = match lang {
        Lang::Zh => (
            "// 在这里写任何 Go 程序，然后按“运行”。",
            "你好，来自 goroutine",
        ),
        Lang::En => (
            "// Write any Go program here, then press Run.",
            "hello from goroutine",
        ),
    };
    format!(
        "package main\n\n{comment}\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\nfunc main() {{\n\tvar wg sync.WaitGroup\n\tfor i := 1; i <= 3; i++ {{\n\t\twg.Add(1)\n\t\tgo func(id int) {{\n\t\t\tdefer wg.Done()\n\t\t\tfmt.Println(\"{hello}\", id)\n\t\t}}(i)\n\t}}\n\twg.Wait()\n}}\n"
    )
}

/// What a page opened with a fragment shows: the program and settings,
/// the replay that brings a step-mode link to its position, and why the
/// link failed, if it did.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub block: RunBlock,
    pub replay: Option<Replay>,
    pub broken: Option<Broken>,
    /// The language the link was shared in (the page's own for no link).
    pub lang: Lang,
}

/// Opens `fragment` (the URL's `#…`, possibly empty) for a playground
/// whose saved copies live under `place` ("play" or "embed").
pub fn open(fragment: &str, lang: Lang, place: &str) -> Opened {
    let fragment = fragment.trim_start_matches('#');
    // `#main` (the skip link) and other anchors are not links: only a
    // fragment shaped `v<digits>.` is read, so a newer version's link still
    // says it is one.
    let is_link = fragment
        .strip_prefix('v')
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let decoded = is_link.then(|| share::decode(fragment));
    let (shared, broken) = match decoded {
        Some(Ok(s)) => (Some(s), None),
        Some(Err(b)) => (None, Some(b)),
        None => (None, None),
    };
    // The reader's own program lives under the blank key; each link's
    // edits under the link's hash.
    let id = match &shared {
        Some(_) => format!("{place}.{:016x}", fnv1a(fragment.as_bytes())),
        None => format!("{place}.{}", lang.code()),
    };
    let Shared {
        code,
        mode,
        gomaxprocs,
        seed,
        race,
        views,
        steps,
        lang: shared_lang,
    } = shared.unwrap_or_else(|| Shared {
        code: default_program(lang),
        mode: Mode::Step,
        gomaxprocs: 1,
        seed: 1,
        race: false,
        views: vec![View::Gmp],
        steps: 0,
        lang,
    });
    let replay = (steps > 0 && mode == Mode::Step).then_some(Replay {
        seed,
        gomaxprocs,
        race,
        at_step: steps,
        nonce: 1,
    });
    Opened {
        block: RunBlock {
            code,
            views,
            gomaxprocs: Some(gomaxprocs),
            mode,
            seed: Some(seed),
            editable: true,
            race,
            exit: 0,
            id: Some(id),
            expected: None,
        },
        replay,
        broken,
        lang: shared_lang,
    }
}

/// A stable 64-bit hash of a link (FNV-1a): a storage key, not security.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The URL's fragment, kept current: pasting another link into the
/// address bar changes only the fragment, and the page must follow it.
#[hook]
pub fn use_fragment() -> String {
    let hash = || {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    };
    let fragment = use_state(hash);
    {
        let fragment = fragment.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || fragment.set(hash()));
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    (*fragment).clone()
}

/// The context a page-level playground saves under (`golab.code.play.…`).
pub fn context(lang: Lang, place: &'static str) -> BlockContext {
    BlockContext {
        lang,
        chapter: place,
        path: place.to_string(),
        line: 0,
        index: 0,
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
}

const VIEWS: [(View, &str, &str); 4] = [
    (View::Gmp, "G/M/P 调度图", "G/M/P diagram"),
    (View::Timeline, "时间线", "timeline"),
    (View::Channels, "通道", "channels"),
    (View::Race, "竞争视图", "race view"),
];

#[function_component(PlayPage)]
pub fn play_page(props: &Props) -> Html {
    let lang = props.lang;
    let fragment = use_fragment();
    let opened = use_memo((fragment.clone(), lang), |(f, lang)| open(f, *lang, "play"));
    // The reader's choice of views, starting from the link's.
    let views = use_state(|| opened.block.views.clone());
    {
        let views = views.clone();
        use_effect_with(opened.clone(), move |o| views.set(o.block.views.clone()));
    }
    use_effect_with(lang, |lang| {
        platform::set_page(
            t(
                *lang,
                "演练场 · Go 并发实验室",
                "Playground · Go Concurrency Lab",
            ),
            lang.html_lang(),
        )
    });
    let block = RunBlock {
        views: (*views).clone(),
        ..opened.block.clone()
    };
    let toggle = |view: View| {
        let views = views.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            let mut v: Vec<View> = (*views).clone();
            v.retain(|&x| x != view);
            if on {
                v.push(view);
            }
            // In the views' own order, so a link does not depend on clicks.
            v.sort_by_key(|x| VIEWS.iter().position(|(y, ..)| y == x));
            views.set(v);
        })
    };
    let key = opened.block.id.clone().unwrap_or_default();
    let switch_href = format!("/{}/play{}", lang.other().code(), fragment);
    html! {
        <div class="play-page" lang={lang.html_lang()}>
            <Header {lang} switch_href={Some(switch_href)} />
            <main class="play" id="main" tabindex="-1">
                <h1>{ t(lang, "演练场", "Playground") }</h1>
                <p class="intro">{ t(lang,
                    "在这里运行任何 Go 程序：单步或并行模式、GOMAXPROCS、种子、-race 和视图都与各章的示例相同。“分享”生成的链接会带上程序和这些设置。",
                    "Run any Go program here: step or parallel mode, GOMAXPROCS, the seed, -race and the views work as in the chapters' examples. Share makes a link that carries the program and these settings.") }</p>
                if let Some(broken) = opened.broken {
                    <p class="notice share-broken" role="alert">{ broken.message(lang) }{ t(lang, "", " ") }{
                        t(lang, "下面是你自己的程序（或默认程序）。", "Below is your own program (or the default one).")
                    }</p>
                }
                <fieldset class="play-views">
                    <legend>{ t(lang, "视图", "Views") }</legend>
                    { for VIEWS.iter().map(|&(view, zh, en)| html! {
                        <label class="control">
                            <input type="checkbox" class={format!("view-toggle view-{}", view.name())}
                                checked={views.contains(&view)} onchange={toggle(view)} />
                            <span>{ t(lang, zh, en) }</span>
                        </label>
                    }) }
                </fieldset>
                <div class="run-example">
                <Playground {key} {block}
                    ctx={context(lang, "play")} replay={opened.replay} />
                </div>
            </main>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_opens_its_program_under_a_key_of_its_own() {
        let shared = Shared {
            code: "package main\n\nfunc main() {}\n".into(),
            mode: Mode::Step,
            gomaxprocs: 2,
            seed: 9,
            race: true,
            views: vec![View::Timeline],
            steps: 40,
            lang: Lang::Zh,
        };
        let link = share::encode(&shared);
        let o = open(&format!("#{link}"), Lang::En, "play");
        assert_eq!(o.broken, None);
        assert_eq!(o.block.code, shared.code);
        assert_eq!(
            (o.block.gomaxprocs, o.block.seed, o.block.race),
            (Some(2), Some(9), true)
        );
        assert_eq!(o.block.views, vec![View::Timeline]);
        assert_eq!(o.lang, Lang::Zh);
        assert_eq!(o.replay.map(|r| (r.at_step, r.seed)), Some((40, 9)));
        let own = open("", Lang::En, "play");
        assert_ne!(
            o.block.id, own.block.id,
            "a link never overwrites the reader's program"
        );
    }

    #[test]
    fn a_broken_link_says_why_and_keeps_the_readers_program() {
        let o = open("#v1.garbled!", Lang::Zh, "play");
        assert_eq!(o.broken, Some(Broken::Damaged));
        assert_eq!(
            open("#v2.later", Lang::Zh, "play").broken,
            Some(Broken::Format)
        );
        // The skip link's target is an anchor, not a link.
        assert_eq!(open("#main", Lang::Zh, "play").broken, None);
        assert_eq!(o.block.id, open("", Lang::Zh, "play").block.id);
        assert_eq!(o.block.code, default_program(Lang::Zh));
    }
}
