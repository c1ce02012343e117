//! The handler's question to the requester (identity or clarification); the clock stands still.

use serde::{Deserialize, Serialize};

use super::Sender;
use crate::domain::QuestionReason;
use crate::email::Message;

/// The handler asks the requester for identity information or a clarification; the deadline
/// clock stands still until the answer arrives (LAW.md §1.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clarification {
    pub sender: Sender,
    pub reference: String,
    pub name: String,
    pub reason: QuestionReason,
    pub question: String,
    /// A link to the status page, where the requester can answer (messages queued before it
    /// existed point to the receipt's link instead).
    #[serde(default)]
    pub status_link: Option<String>,
}

email_templates!(
    Clarification,
    "emails/clarification/subject.txt",
    "emails/clarification/body.txt",
    "emails/clarification/body.html"
);

impl Message for Clarification {}
