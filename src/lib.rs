//! normlint: checks Chinese standardization documents against GB/T 1.1-2020.
//!
//! The pipeline runs one way: discover paths, decode, read into the one [`model::Document`],
//! run the enabled rules, sort and render. See `docs/architecture.md`.

pub mod annotate;
pub mod baseline;
pub mod budget;
pub mod cache;
pub mod catalogue;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod facts;
pub mod findings;
pub mod fix;
pub mod fsutil;
pub mod hash;
pub mod lexicon;
pub mod model;
pub mod noise;
pub mod outline;
pub mod profile;
pub mod read;
pub mod report;
pub mod rule_timing;
pub mod rules;
pub mod set;
pub mod settings;
pub mod source;
pub mod suppress;
