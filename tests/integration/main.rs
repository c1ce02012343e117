//! Integration tests: one binary, real PostgreSQL (a fresh database per test, cloned from a
//! migrated template), the app spawned on port 0, and a real SMTP server on loopback.

#![allow(clippy::unwrap_used, clippy::expect_used)]

// Not every helper is used by every capability's tests yet.
#[allow(dead_code)]
mod support;

mod admin;
mod cli;
mod decisions;
mod error_pages;
mod health;
mod migrations;
mod outbox;
mod registers;
mod report;
mod requester;
mod smtp_harness;
mod staff;
mod suppressions;
