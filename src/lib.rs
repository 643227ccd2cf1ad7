//! The book app.
