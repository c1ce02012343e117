//! The contact person's notice of a confirmed request (no personal data, a staff link).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Sender;
use crate::domain::RequestKind;
use crate::email::Message;

/// Sent to the register's contact person when a request is confirmed. It carries no personal
/// data: the staff link leads to the details behind a sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRequest {
    pub sender: Sender,
    pub reference: String,
    pub kind: RequestKind,
    pub received_on: NaiveDate,
    pub deadline: NaiveDate,
    pub staff_link: String,
}

email_templates!(
    NewRequest,
    "emails/new_request/subject.txt",
    "emails/new_request/body.txt",
    "emails/new_request/body.html"
);

impl Message for NewRequest {}
