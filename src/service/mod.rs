//! Use cases: each function opens its transaction, applies the domain rules and writes the result.

pub mod staff;
