//! kitap: a municipality's directorate workbooks → the Stratejik Plan, the Performans Programı
//! and the Faaliyet Raporu, print-ready.
//!
//! The pipeline, one module per stage: [`ingest`] finds and reads the workbooks, [`model`] holds
//! the canonical types and merges the workbooks with the plan, [`rules`] checks them and
//! [`performance`] computes the realisation rates, [`amend`] applies council decisions,
//! [`render`] turns the model into Typst source and [`typeset`] compiles it to PDF.
//! [`pipeline`] runs the stages in order.

pub mod amend;
pub mod app;
pub mod assets;
pub mod books;
pub mod cli;
pub mod command_line;
pub mod config;
pub mod failure;
pub mod finding;
pub mod guide;
pub mod ingest;
pub mod mark;
pub mod merge;
pub mod model;
pub mod opendata;
pub mod output;
pub mod performance;
pub mod pipeline;
pub mod printable;
pub mod publish;
pub mod render;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod template;
pub mod text;
pub mod typeset;
pub mod watch;
