//! The email-possession check of a web or API request: a one-time link and a 6-digit code.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Sender;
use crate::domain::RequestKind;
use crate::email::Message;

/// Email-possession check of a web or API request: a one-time link and a 6-digit code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub sender: Sender,
    pub reference: String,
    pub name: String,
    pub kind: RequestKind,
    pub link: String,
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

impl Verification {
    /// The expiry as shown in the message (UTC, minutes).
    pub fn expires_text(&self) -> String {
        super::expiry_text(self.expires_at)
    }
}

email_templates!(
    Verification,
    "emails/verification/subject.txt",
    "emails/verification/body.txt",
    "emails/verification/body.html"
);

impl Message for Verification {}
