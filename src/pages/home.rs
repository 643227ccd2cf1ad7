//! `/`: the contents page, in both languages side by side.

use crate::components::header::SkipLink;
use crate::components::parallel_check::ParallelCheck;
use crate::components::search::Search;
use crate::content::{chapters, strings};
use crate::lang::Lang;
use crate::platform;
use crate::progress;
use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

#[function_component(Home)]
pub fn home() -> Html {
    use_effect_with((), |_| {
        platform::set_page("Go Concurrency Lab · Go 并发实验室", "zh-CN")
    });
    // Bumped by a reset, so the tallies are read again from storage.
    let resets = use_state(|| 0u32);
    // The tallies need the chapters' quizzes: their texts are fetched after
    // the first paint, in one language (the quizzes' keys and answers are
    // the same in both), the one the browser prefers.
    let loaded = use_state(|| false);
    {
        let loaded = loaded.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if progress::load_all(platform::preferred_lang()).await.is_ok() {
                    loaded.set(true);
                }
            });
        });
    }
    let column = |lang: Lang| {
        let s = strings(lang);
        let intro = match lang {
            Lang::Zh => "一本可以运行的书：每个示例都是真正的 Go 程序，你可以修改它，并在页面里运行，看调度器如何安排每一个 goroutine。",
            Lang::En => "A book you can run: every example is a real Go program that you can edit and run in the page, and watch the scheduler place every goroutine.",
        };
        html! {
            <section class="contents-column" lang={lang.html_lang()}>
                <h2>{ s.contents }{ " · " }{ lang.native_name() }</h2>
                <p class="intro">{ intro }</p>
                <ol class="contents-list">
                    { for chapters().iter().enumerate().map(|(i, c)| {
                        let tally = progress::chapter_tally(lang, i);
                        let reset = {
                            let resets = resets.clone();
                            Callback::from(move |_: MouseEvent| {
                                progress::reset_chapter(lang, i);
                                resets.set(*resets + 1);
                            })
                        };
                        html! {
                            <li>
                                <Link<Route> to={Route::chapter(lang, c.slug)}>
                                    <span class="num">{ i + 1 }</span>
                                    <span class="title">{ c.title(lang) }</span>
                                    // The cheat sheet asks nothing: no badge.
                                    if let Some(tally) = tally.filter(|t| t.questions + t.exercises > 0) {
                                        <progress::Badge {lang} {tally} />
                                    }
                                </Link<Route>>
                                if tally.is_some_and(|t| t.answered > 0 || t.solved > 0) {
                                    <button class="reset-progress" onclick={reset}
                                        aria-label={format!("{} {}", s.reset_progress, c.title(lang))}>{ s.reset_progress }</button>
                                }
                            </li>
                        }
                    }) }
                </ol>
            </section>
        }
    };
    html! {
        <div class="home">
            <SkipLink lang={platform::preferred_lang()} />
            <header class="hero">
                <h1>{ "Go Concurrency Lab" }<span class="subtitle" lang="zh-CN">{ "Go 并发实验室" }</span></h1>
                <p>{ "Processes, threads, goroutines, the G/M/P scheduler, races, atomics, mutexes and channels, running in your browser." }</p>
                <p class="hero-tools">
                    <Search lang={platform::preferred_lang()} />
                    <Link<Route> to={Route::Play { lang: platform::preferred_lang().code().to_string() }} classes="button">
                        { strings(platform::preferred_lang()).playground }
                    </Link<Route>>
                </p>
            </header>
            <div class="contents-grid" id="main" tabindex="-1">
                { column(Lang::Zh) }
                { column(Lang::En) }
            </div>
            <ParallelCheck lang={Lang::En} />
        </div>
    }
}
