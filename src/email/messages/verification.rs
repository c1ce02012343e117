//! The email-possession check of a web or API request: a one-time link and a 6-digit code.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Sender;
use crate::domain::{Jurisdiction, RequestKind};
use crate::email::Message;
use crate::i18n::Tr;

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
    /// Whose local time the expiry is shown in: the register's. Messages queued before this field
    /// existed were all of Finnish registers.
    #[serde(default = "super::finnish")]
    pub jurisdiction: Jurisdiction,
}

impl Verification {
    /// The expiry as shown in the message: the register's local time, to the minute.
    pub fn expires_text(&self, t: &Tr) -> String {
        super::expiry_text(self.expires_at, self.jurisdiction, t)
    }

    /// The translation key naming that local time ("Finnish time").
    pub fn time_zone_key(&self) -> String {
        super::time_zone_key(self.jurisdiction)
    }
}

email_templates!(
    Verification,
    "emails/verification/subject.txt",
    "emails/verification/body.txt",
    "emails/verification/body.html"
);

impl Message for Verification {}
