//! A data-subject request as it arrives (the JSON body of `POST /api/v1/requests` or the public
//! form) and its validation into a [`ValidRequest`].
//!
//! Validation is pure: it takes the raw input, the objection purposes the register offers, the
//! register's default country calling code and default language, and returns either a
//! [`ValidRequest`] or **every** [`Issue`] found, each naming the field as written in the JSON
//! body (`requester.email`, `items[2].corrected_value`, ...) and carrying an [`IssueCode`] whose
//! [`IssueCode::message_key`] is a Fluent key and whose [`IssueCode::args`] are its arguments.
//!
//! Free text is cleaned before it is measured: control characters other than `\n` and `\t` are
//! removed (single-line fields turn `\n` and `\t` into spaces), then the text is trimmed; lengths
//! count characters, not bytes. Fields that belong to another kind of request are ignored.

mod details;
mod input;
mod issue;
mod text;
mod validate;

pub use details::{CorrectionItem, RequestDetails, Requester, ValidRequest};
pub use input::{CorrectionItemInput, RequestInput, RequesterInput};
pub use issue::{Issue, IssueCode};
pub use validate::{Post, validate, validate_entered};

pub use super::contact::{Phone, PhoneError};

/// Longest requester name, in characters.
pub const MAX_NAME: usize = 200;
/// Longest email address, in characters (as enforced by [`Email::parse`](super::Email::parse)).
pub const MAX_EMAIL: usize = 254;
/// Longest customer number, in characters.
pub const MAX_CUSTOMER_NUMBER: usize = 64;
/// Longest scope text of an inspection, erasure or portability request, and longest explanation of
/// a restriction or particular situation of a general objection, in characters.
pub const MAX_SCOPE: usize = 5000;
/// Longest description of the processing a general objection is against, in characters.
pub const MAX_PROCESSING: usize = 1000;
/// Longest name of the controller to transmit portable data to, in characters.
pub const MAX_RECEIVING_CONTROLLER: usize = 500;
/// Most correction items in one request.
pub const MAX_ITEMS: usize = 20;
/// Longest name of the field to be corrected, in characters.
pub const MAX_ITEM_FIELD: usize = 200;
/// Longest current value, corrected value or reason of a correction item, in characters.
pub const MAX_ITEM_TEXT: usize = 2000;

#[cfg(test)]
mod tests;
