//! One component per route.

pub mod chapter;
pub mod embed;
pub mod home;
pub mod not_found;
pub mod play;
