//! Where a directive block stands in the book: its chapter, language, file
//! position and index. Every block and widget gets one, to name itself in
//! error messages and to key what it saves. A module of its own (not in
//! `blocks`, which hosts the widgets) so that widgets can take it without a
//! `blocks` <-> `widgets` cycle.

use crate::content::ChapterSource;
use crate::lang::Lang;

/// Where a block stands: enough to name it in errors and to key saved state.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockContext {
    pub lang: Lang,
    pub chapter: &'static str,
    /// Repository path of the chapter file, for error messages.
    pub path: String,
    /// 1-based line of the block's opening fence.
    pub line: usize,
    /// Position among the chapter's directives (1-based).
    pub index: usize,
}

impl BlockContext {
    /// The context of a chapter's top level, before any block.
    pub fn for_chapter(chapter: &'static ChapterSource, lang: Lang) -> BlockContext {
        BlockContext {
            lang,
            chapter: chapter.slug,
            path: chapter.path(lang),
            line: 0,
            index: 0,
        }
    }

    pub fn at(&self, line: usize, index: usize) -> BlockContext {
        BlockContext {
            line,
            index,
            ..self.clone()
        }
    }

    /// Where the reader's edits of a block's code are saved: per language,
    /// since each edition's programs differ (their comments, their output
    /// text), and an edit on one page must not replace the other's program.
    pub fn code_key(&self, id: Option<&str>) -> String {
        let at = id.map_or_else(|| self.index.to_string(), str::to_string);
        format!("golab.code.{}.{}.{at}", self.lang.code(), self.chapter)
    }

    /// The saved edit of a block's code: this language's, else one saved
    /// before edits were kept per language ([`BlockContext::storage_key`]
    /// with kind `code`), which both editions read until the reader edits.
    pub fn saved_code(&self, id: Option<&str>) -> Option<String> {
        crate::platform::load(&self.code_key(id))
            .or_else(|| crate::platform::load(&self.storage_key("code", id)))
    }

    /// Forgets the reader's edits of a block's code (Reset), in both key forms.
    pub fn forget_code(&self, id: Option<&str>) {
        if let Some(s) = crate::platform::local_storage() {
            let _ = s.remove_item(&self.code_key(id));
            let _ = s.remove_item(&self.storage_key("code", id));
        }
    }

    /// A key for localStorage that survives edits elsewhere in the chapter
    /// when the author gave an `id=`; otherwise the directive's position.
    /// Quiz answers use it in both languages (the questions are the same).
    pub fn storage_key(&self, kind: &str, id: Option<&str>) -> String {
        match id {
            Some(id) => format!("golab.{kind}.{}.{}", self.chapter, id),
            None => format!("golab.{kind}.{}.{}", self.chapter, self.index),
        }
    }
}
