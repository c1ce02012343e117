//! Test support: databases, the spawned app, the SMTP capture server and a cuttable TCP proxy.

pub mod app;
pub mod db;
pub mod journey;
pub mod logs;
pub mod oidc;
pub mod proxy;
pub mod smtp;
pub mod sources;
pub mod staff;

pub use app::spawn_app;
