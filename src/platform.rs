//! Small facts about the page's browser, read without blocking.

use wasm_bindgen::JsValue;

/// Whether the page is cross-origin isolated (COOP + COEP), which browsers
/// require before they let workers share a `WebAssembly.Memory`.
pub fn cross_origin_isolated() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crossOriginIsolated"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Whether the page is a secure context (HTTPS, or localhost): browsers
/// isolate only those, whatever headers the server sends, and register
/// service workers only there.
pub fn secure_context() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("isSecureContext"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}

/// Why parallel mode is off on a page that is not cross-origin isolated,
/// in the reader's language: on a plain-HTTP address no header helps, so
/// the reason given must be the right one.
pub fn why_not_isolated(lang: crate::lang::Lang, secure: bool) -> &'static str {
    use crate::lang::t;
    if secure {
        t(lang,
          "并行模式已关闭：此页面没有跨源隔离（服务器未发送 COOP/COEP 响应头，本书的 service worker 也未能补上），浏览器因此不允许工作线程共享内存。所有示例都以单步模式运行。",
          "Parallel mode is off: this page is not cross-origin isolated (the server sent no COOP/COEP headers, and the book's service worker could not add them), so the browser does not let workers share memory. Every example runs in step mode.")
    } else {
        t(lang,
          "并行模式已关闭：此页面不是安全上下文（它通过普通 HTTP 从 localhost 以外的地址打开），浏览器只对 HTTPS 或 localhost 的页面允许跨源隔离和共享内存，响应头也无济于事。用 HTTPS 或 localhost 打开本书即可使用并行模式；所有示例现在都以单步模式运行。",
          "Parallel mode is off: this page is not a secure context (it was opened over plain HTTP from an address other than localhost), and browsers allow cross-origin isolation and shared memory only on HTTPS or localhost pages, whatever headers the server sends. Open the book over HTTPS or on localhost for parallel mode; every example runs in step mode now.")
    }
}

/// Logical CPUs the browser reports (`navigator.hardwareConcurrency`), at least 1.
pub fn hardware_concurrency() -> u32 {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency() as u32)
        .unwrap_or(1)
        .max(1)
}

/// The book's language the browser prefers (`navigator.language`): Chinese
/// for any `zh`, else English.
pub fn preferred_lang() -> crate::lang::Lang {
    let language = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    if language.starts_with("zh") {
        crate::lang::Lang::Zh
    } else {
        crate::lang::Lang::En
    }
}

/// Sets `document.title` and `<html lang>` for the current page.
pub fn set_page(title: &str, html_lang: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    doc.set_title(title);
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", html_lang);
    }
}

/// Sets the URL's fragment without a new history entry or a scroll.
pub fn replace_fragment(id: &str) {
    let Some(w) = web_sys::window() else { return };
    let Ok(history) = w.history() else { return };
    let path = w.location().pathname().unwrap_or_default();
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}#{id}")));
}

/// Scrolls to the element with this id (a heading anchor), or to the top.
pub fn scroll_to_fragment_or_top() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hash = window.location().hash().unwrap_or_default();
    let id = js_sys::decode_uri_component(hash.trim_start_matches('#'))
        .map(String::from)
        .unwrap_or_default();
    let target = window.document().and_then(|d| {
        if id.is_empty() {
            None
        } else {
            d.get_element_by_id(&id)
        }
    });
    match target {
        Some(el) => el.scroll_into_view(),
        None => window.scroll_to_with_x_and_y(0.0, 0.0),
    }
}

/// The page's localStorage, when the browser allows it (private modes and
/// some embeddings refuse it: callers then simply don't persist).
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// A saved string, or `None` (nothing saved, or no storage).
pub fn load(key: &str) -> Option<String> {
    local_storage().and_then(|s| s.get_item(key).ok().flatten())
}

/// Fetches `url` (same origin) as text. The error says what failed, for a
/// message the reader can act on (offline, or a missing file).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| format!("{url}: {}", describe(&e)))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = response
        .text()
        .map_err(|e| format!("{url}: {}", describe(&e)))?;
    JsFuture::from(text)
        .await
        .map_err(|e| format!("{url}: {}", describe(&e)))?
        .as_string()
        .ok_or_else(|| format!("{url}: not text"))
}

/// A thrown JS value as text (a `TypeError`'s message, say).
fn describe(e: &JsValue) -> String {
    use wasm_bindgen::JsCast;
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "failed".into())
}

/// Saves `text` as a file named `name` (the browser's download).
pub fn download(text: &str, name: &str, mime: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Puts `text` on the clipboard (`navigator.clipboard.writeText`); false
/// where the browser refuses (no secure context, no permission), and the
/// caller then shows the text to copy by hand.
pub async fn copy_text(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let clipboard = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("clipboard")).ok())
        .filter(|c| !c.is_undefined() && !c.is_null());
    let Some(clipboard) = clipboard else {
        return false;
    };
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(write) = write else { return false };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) else {
        return false;
    };
    match promise.dyn_into::<js_sys::Promise>() {
        Ok(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::why_not_isolated;
    use crate::lang::Lang;

    #[test]
    fn an_insecure_page_is_not_told_to_send_headers() {
        for lang in Lang::ALL {
            let insecure = why_not_isolated(lang, false);
            assert!(!insecure.contains("COOP"), "{insecure}");
            assert!(
                insecure.contains("HTTPS") && insecure.contains("localhost"),
                "{insecure}"
            );
            assert!(why_not_isolated(lang, true).contains("COOP/COEP"));
        }
    }
}
