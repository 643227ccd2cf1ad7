//! Layout pieces shared by the pages.

pub mod chapter_nav;
pub mod copy_button;
pub mod header;
pub mod parallel_check;
pub mod search;
pub mod sidebar;
