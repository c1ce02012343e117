//! The one-time code that opens an inspection answer's download link.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Sender;
use crate::domain::Jurisdiction;
use crate::email::Message;
use crate::i18n::Tr;

/// The one-time code that opens an inspection answer's download link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DownloadCode {
    pub sender: Sender,
    pub reference: String,
    pub code: String,
    pub expires_at: DateTime<Utc>,
    /// Whose local time the expiry is shown in: the register's. Messages queued before this field
    /// existed were all of Finnish registers.
    #[serde(default = "super::finnish")]
    pub jurisdiction: Jurisdiction,
}

impl DownloadCode {
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
    DownloadCode,
    "emails/download_code/subject.txt",
    "emails/download_code/body.txt",
    "emails/download_code/body.html"
);

impl Message for DownloadCode {}
