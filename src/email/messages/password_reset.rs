//! A staff member's password reset link (no register: the desk's own message).

use serde::{Deserialize, Serialize};

use crate::email::Message;

/// The link that sets a new password, valid for an hour and once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordReset {
    pub name: String,
    pub link: String,
    /// When the link stops working, as the message shows it (Helsinki time, to the minute).
    pub expires: String,
}

email_templates!(
    PasswordReset,
    "emails/password_reset/subject.txt",
    "emails/password_reset/body.txt",
    "emails/password_reset/body.html"
);

impl Message for PasswordReset {}
