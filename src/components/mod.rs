//! Layout pieces shared by the pages.

pub mod chapter_nav;
pub mod header;
pub mod parallel_check;
pub mod sidebar;
