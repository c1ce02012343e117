//! The notice that the deadline is extended, with its reasons.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Sender;
use crate::email::Message;

/// The deadline is extended once, with its reasons (GDPR Art 12(3), LAW.md §6.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub sender: Sender,
    pub reference: String,
    pub name: String,
    pub received_on: NaiveDate,
    pub new_deadline: NaiveDate,
    pub reasons: String,
    /// The supervisory authority the requester may complain to, on one line in the request's
    /// language.
    #[serde(default)]
    pub authority: Option<String>,
}

email_templates!(
    Extension,
    "emails/extension/subject.txt",
    "emails/extension/body.txt",
    "emails/extension/body.html"
);

impl Message for Extension {}
