//! The confirmation that the requester withdrew a request: what ends, in the request's language.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Sender;
use crate::domain::RequestKind;
use crate::email::Message;

/// The requester withdrew the request on its status page; the message says what ends with it (for
/// an objection to direct marketing: the objection, so marketing may resume).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawalMail {
    pub sender: Sender,
    pub reference: String,
    pub name: String,
    pub kind: RequestKind,
    pub withdrawn_on: NaiveDate,
    /// The status page, which shows the withdrawal.
    pub status_link: String,
}

impl WithdrawalMail {
    /// The key of the sentence saying what ends with a withdrawal of this kind of request.
    pub fn ends_key(&self) -> String {
        format!("withdraw-ends-{}", self.kind.as_str())
    }
}

email_templates!(
    WithdrawalMail,
    "emails/withdrawal/subject.txt",
    "emails/withdrawal/body.txt",
    "emails/withdrawal/body.html"
);

impl Message for WithdrawalMail {}
