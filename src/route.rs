//! The book's routes: one enum. The pages link with it; the app maps it to
//! the pages (`app::switch`), so that pages and routes do not name each other.

use crate::lang::Lang;
use yew_router::prelude::*;

#[derive(Clone, Debug, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    /// A playground for any program (blank, or from a share link's fragment).
    #[at("/:lang/play")]
    Play { lang: String },
    /// One playground alone, for other sites' iframes.
    #[at("/embed")]
    Embed,
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
