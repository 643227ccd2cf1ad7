//! The root component: the router around every page, and the one place that
//! maps a route to its page.

use crate::content;
use crate::lang::Lang;
use crate::pages::{
    chapter::ChapterPage, embed::EmbedPage, home::Home, not_found::NotFound, play::PlayPage,
};
use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    html! {
        <BrowserRouter>
            <Switch<Route> render={switch} />
        </BrowserRouter>
    }
}

/// Maps a route to its page. A known route shape with an unknown language or
/// chapter is a not-found page too, so a typo never shows an empty page.
pub fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::Chapter { lang, chapter } => match (Lang::parse(&lang), content::find(&chapter)) {
            (Some(lang), Some((index, _))) => html! { <ChapterPage {lang} {index} /> },
            _ => html! { <NotFound /> },
        },
        Route::Play { lang } => match Lang::parse(&lang) {
            Some(lang) => html! { <PlayPage {lang} /> },
            None => html! { <NotFound /> },
        },
        Route::Embed => html! { <EmbedPage /> },
        Route::NotFound => html! { <NotFound /> },
    }
}
