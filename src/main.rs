//! Entry point of the book app.

fn main() {
    // The same module is instantiated in each worker of the thread pool; only
    // the page (which has a `window`) renders the book.
    if web_sys::window().is_some() {
        yew::Renderer::<golab_book::App>::new().render();
    }
}
