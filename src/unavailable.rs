//! Compile errors about what this page cannot run (a package that needs a
//! network, a feature not here yet), in the reader's language, with a link
//! to "What Go runs here". The compiler words them in English, as Go's
//! diagnostics are; the page translates the few it knows by their shape.

use crate::lang::Lang;

/// The slug of the appendix that lists what Go runs here.
pub const PAGE: &str = "what-go-runs-here";

/// For a diagnostic about something unavailable here: its text in `lang`
/// (English stays as the compiler wrote it). None for other diagnostics.
pub fn explain(message: &str, lang: Lang) -> Option<String> {
    let unavailable = message.contains(" is not available here")
        || message.contains(" is not supported here")
        || message.contains("are not supported yet");
    if !unavailable {
        return None;
    }
    if lang == Lang::En {
        return Some(message.to_string());
    }
    // "package net/http is not available here: programs run in ..."
    if let Some(rest) = message.strip_prefix("package ") {
        if let Some((path, why)) = rest.split_once(" is not available here: ") {
            let why = match why {
                "programs run in your browser, without a network" => {
                    "程序在你的浏览器里运行，没有网络"
                }
                "programs run in your browser, without processes or signals" => {
                    "程序在你的浏览器里运行，没有进程和信号"
                }
                "this page's runtime has no reflection, raw memory or C" => {
                    "本页的运行时没有反射、原始内存和 C"
                }
                "programs use Go's standard library only" => "程序只能使用 Go 标准库",
                other => other,
            };
            return Some(format!("这里不能使用包 {path}：{why}"));
        }
        if let Some((path, _)) = rest.split_once(" is not supported here yet") {
            return Some(format!("这里还不支持包 {path}（或者它不在 Go 标准库中）"));
        }
    }
    Some(match message {
        "complex numbers are not supported yet" => "这里还不支持复数".to_string(),
        "dot imports are not supported yet" => "这里还不支持点导入（import . \"包\"）".to_string(),
        "defer in the body of a range-over-func loop is not supported here" => {
            "这里还不支持在对函数的 range 循环体中使用 defer".to_string()
        }
        "goto in the body of a range-over-func loop is not supported here" => {
            "这里还不支持在对函数的 range 循环体中使用 goto".to_string()
        }
        other => other.to_string(),
    })
}

/// The link's text.
pub fn see(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "参见：这里能运行哪些 Go",
        Lang::En => "See: What Go runs here",
    }
}

/// The table of packages in "What Go runs here", made from the compiler's
/// own (`golab_compiler::library::catalog`): the chapters hold it as
/// Markdown, so the page carries no copy of it, and a test keeps it equal
/// to the compiler's (`GOLAB_UPDATE_CATALOG=1` rewrites it).
#[cfg(test)]
fn catalog_table(lang: Lang) -> String {
    let mut t = String::from(match lang {
        Lang::Zh => "| 包 | 可用的名字 |\n|---|---|\n",
        Lang::En => "| Package | What it has here |\n|---|---|\n",
    });
    for (path, names) in golab_compiler::library::catalog() {
        let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        t.push_str(&format!("| `{path}` | {} |\n", names.join(" ")));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_go_runs_here_lists_the_compilers_packages() {
        for lang in Lang::ALL {
            let path = format!("chapters/{}/10-what-go-runs-here.md", lang.code());
            let text = std::fs::read_to_string(&path).unwrap();
            let header = catalog_table(lang).lines().next().unwrap().to_string();
            let start = text
                .find(&header)
                .unwrap_or_else(|| panic!("{path}: no table"));
            let end = text[start..]
                .find("\n\n")
                .map_or(text.len(), |e| start + e + 1);
            let want = catalog_table(lang);
            if text[start..end] != want {
                if std::env::var_os("GOLAB_UPDATE_CATALOG").is_some() {
                    let new = format!("{}{}{}", &text[..start], want, &text[end..]);
                    std::fs::write(&path, new).unwrap();
                } else {
                    panic!("{path}: the package table differs from the compiler's; GOLAB_UPDATE_CATALOG=1 rewrites it");
                }
            }
        }
    }

    #[test]
    fn compiler_messages_are_recognised_and_translated() {
        let net = golab_compiler::library::missing_package("net/http");
        assert_eq!(explain(&net, Lang::En).as_deref(), Some(net.as_str()));
        assert_eq!(
            explain(&net, Lang::Zh).as_deref(),
            Some("这里不能使用包 net/http：程序在你的浏览器里运行，没有网络")
        );
        for path in ["os/exec", "reflect", "github.com/x/y", "image/png"] {
            let m = golab_compiler::library::missing_package(path);
            let zh = explain(&m, Lang::Zh).unwrap();
            assert!(zh.starts_with("这里") && zh.contains(path), "{m} -> {zh}");
            assert!(
                !zh.contains("available") && !zh.contains("supported"),
                "{zh}"
            );
        }
        assert_eq!(explain("x declared but not used", Lang::Zh), None);
    }
}
