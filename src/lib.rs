//! newsline: a folder of news articles becomes dated events with places.
//!
//! The core modules are pure (no UI): loading, text normalisation, places,
//! dates, events and export. The window lives in [`app`] and only reads the
//! model the core builds.

// TEMP pub mod app;
pub mod corpus;
pub mod dates;
pub mod events;
pub mod export;
pub mod loader;
pub mod model;
pub mod places;
pub mod text;
pub mod fsutil;
pub mod people;
