//! The proof suite: the real `dsr-desk serve` binary under a bounded load while it is killed with
//! SIGKILL and restarted, and while its PostgreSQL is restarted. Run by `scripts/proof`, which
//! gives these tests a PostgreSQL cluster of their own (the database restart would break any other
//! test sharing the cluster); the ordinary `cargo test` run skips them.

// clippy.toml allows them in `#[test]` functions; the harness they call unwraps too.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "a failure in a test helper is a failed test")]

// The integration tests' database and SMTP harness, shared rather than copied.
#[allow(dead_code)]
#[path = "../integration/support/db.rs"]
mod db;
#[allow(dead_code)]
#[path = "../integration/support/smtp.rs"]
mod smtp;

mod harness;

mod crash;
mod db_restart;
