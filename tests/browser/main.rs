//! Browser journeys: headless Chromium, driven through chromedriver, against the app spawned by the
//! integration tests' harness (its database, SMTP capture server and clock). Every page visited is
//! checked on a desktop (1280×800) and a phone (390×844) viewport; see `checks`.

// clippy.toml allows them in `#[test]` functions; the support helpers they call unwrap too.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "a failure in a test helper is a failed test")]

// The integration tests' harness, shared; the journeys use part of it.
#[allow(dead_code)]
#[path = "../integration/support/mod.rs"]
mod support;

mod checks;
mod driver;
mod requester;
mod staff;
