//! golab-compiler: the Go subset front end and code generator.
pub mod lexer;
