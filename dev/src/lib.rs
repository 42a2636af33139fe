//! kitap-dev: what kitap's tests and developers use and its users never run.
//!
//! [`sheetwrite`] writes small workbooks cell by cell for the tests and for the bundled
//! example, with the header rows of [`headers`]; [`large`] writes the large municipality of the benchmark and the page review. The
//! binaries `ornek-veri` (the example project), `olcum` (the speed benchmark) and `sayfalar`
//! (the page review) live beside this library.

pub mod headers;
pub mod large;
pub mod pages;
pub mod sheetwrite;
