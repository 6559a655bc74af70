//! normlint: checks Chinese standardization documents against GB/T 1.1-2020.
//!
//! The pipeline runs one way: discover paths, decode, read into the one [`model::Document`],
//! run the enabled rules, sort and render. See `docs/architecture.md`.

pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod model;
pub mod outline;
pub mod profile;
pub mod read;
pub mod report;
pub mod rules;
pub mod source;
pub mod catalogue;
pub mod set;
pub mod config;
pub mod settings;
pub mod suppress;
pub mod fsutil;
pub mod baseline;
