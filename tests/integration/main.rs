//! Integration tests: one binary, real PostgreSQL (a fresh database per test, cloned from a
//! migrated template), the app spawned on port 0, and a real SMTP server on loopback.

// clippy.toml allows them in `#[test]` functions; the support helpers they call unwrap too.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "a failure in a test helper is a failed test")]

// Not every helper is used by every capability's tests yet.
#[allow(dead_code)]
mod support;

mod admin;
mod answers;
mod audit;
mod cli;
mod connections;
mod data_errors;
mod decisions;
mod error_pages;
mod hardening_auth;
mod hardening_robust;
mod health;
mod identification;
mod letters;
mod logs;
mod metrics;
mod migrations;
mod openapi;
mod outbox;
mod packaging;
mod page_snapshots;
mod privacy;
mod registers;
mod report;
mod requester;
mod requester_pages;
mod rights;
mod second_factor;
mod smtp_harness;
mod sources;
mod staff;
mod staff_language;
mod staff_notices;
mod staff_sso;
mod suppressions;
mod webhooks;
