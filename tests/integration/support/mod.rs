//! Test support: databases, the spawned app, the SMTP capture server, a cuttable TCP proxy and a
//! webhook receiver.

pub mod app;
pub mod db;
pub mod journey;
pub mod logs;
pub mod oidc;
pub mod proxy;
pub mod smtp;
pub mod sources;
pub mod staff;
pub mod webhooks;

pub use app::spawn_app;
