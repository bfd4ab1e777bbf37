//! newsline: a folder of news articles becomes dated events with places.
//!
//! The core modules are pure (no UI): loading, text normalisation, places,
//! dates, events and export. The window lives in [`app`] and only reads the
//! model the core builds.

pub mod annotations;
pub mod app;
pub mod corpus;
pub mod dates;
pub mod events;
pub mod export;
pub mod fsutil;
pub(crate) mod fxhash;
pub mod inference;
pub mod loader;
pub mod model;
pub mod people;
pub mod places;
pub mod text;

/// The integration tests' helpers (a temporary folder removed when dropped),
/// shared with the unit tests.
#[cfg(test)]
#[path = "../tests/common/mod.rs"]
mod test_common;
