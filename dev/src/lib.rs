//! kitap-dev: what kitap's tests and developers use and its users never run.
//!
//! [`sheetwrite`] writes small workbooks cell by cell for the tests and for the bundled
//! example; the binaries `ornek-veri` (the example project) and `olcum` (the speed benchmark)
//! live beside this library.

pub mod sheetwrite;
