//! Any unknown route: say so in both languages and offer a way back.

use crate::platform;
use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

#[function_component(NotFound)]
pub fn not_found() -> Html {
    use_effect_with((), |_| {
        platform::set_page("Not found · Go Concurrency Lab", "en")
    });
    html! {
        <main class="not-found" id="main" tabindex="-1">
            <h1>{ "Page not found" }</h1>
            <p lang="zh-CN">{ "找不到这个页面。" }</p>
            <p>{ "There is no chapter at this address. It may have been mistyped or renamed." }</p>
            <p><Link<Route> to={Route::Home} classes="button primary">{ "← Contents · 目录" }</Link<Route>></p>
        </main>
    }
}
