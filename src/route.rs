//! The book's routes: one enum, one `switch` (Yew router example style).

use crate::content;
use crate::lang::Lang;
use crate::pages::{chapter::ChapterPage, home::Home, not_found::NotFound};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Clone, Debug, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/:lang/:chapter")]
    Chapter { lang: String, chapter: String },
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    pub fn chapter(lang: Lang, slug: &str) -> Route {
        Route::Chapter {
            lang: lang.code().to_string(),
            chapter: slug.to_string(),
        }
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
        Route::NotFound => html! { <NotFound /> },
    }
}
