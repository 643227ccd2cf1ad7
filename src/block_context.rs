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

    /// A key for localStorage that survives edits elsewhere in the chapter
    /// when the author gave an `id=`; otherwise the directive's position.
    pub fn storage_key(&self, kind: &str, id: Option<&str>) -> String {
        match id {
            Some(id) => format!("golab.{kind}.{}.{}", self.chapter, id),
            None => format!("golab.{kind}.{}.{}", self.chapter, self.index),
        }
    }
}
