//! dsr-desk handles data-subject requests (inspection, correction, objection, erasure) for the
//! customer registers of `config/registers/`, with their legal deadlines kept in PostgreSQL.
//!
//! Dependencies point one way: [`domain`] ← [`db`] ← [`service`] ← ([`http`], [`cli`]).
//! - [`domain`]: pure value types, register descriptions, deadlines and holiday calendars;
//! - [`db`]: the pool, embedded migrations and queries (the only module that knows diesel);
//! - [`service`]: one function per use case, one transaction each;
//! - [`http`]: routes, middleware and handlers (the only module that knows actix);
//! - [`cli`]: the `dsr-desk` command line; [`startup`]: the one application builder.

pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod domain;
pub mod email;
pub mod error;
pub mod http;
pub mod i18n;
pub mod jobs;
pub mod outbox;
pub mod registers;
pub mod service;
pub mod startup;
pub mod telemetry;
