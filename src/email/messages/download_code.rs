//! The one-time code that opens an inspection answer's download link.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Sender;
use crate::email::Message;

/// The one-time code that opens an inspection answer's download link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DownloadCode {
    pub sender: Sender,
    pub reference: String,
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

impl DownloadCode {
    /// The expiry as shown in the message (UTC, minutes).
    pub fn expires_text(&self) -> String {
        super::expiry_text(self.expires_at)
    }
}

email_templates!(
    DownloadCode,
    "emails/download_code/subject.txt",
    "emails/download_code/body.txt",
    "emails/download_code/body.html"
);

impl Message for DownloadCode {}
