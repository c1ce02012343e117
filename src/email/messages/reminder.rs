//! The handlers' reminder: a deadline is near, or has passed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Sender;
use crate::domain::RequestKind;
use crate::email::Message;

/// To the assignee (or the register's handlers): a deadline is near, or has passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub sender: Sender,
    pub reference: String,
    pub kind: RequestKind,
    pub deadline: NaiveDate,
    /// Working days left (7 or 2), or `None` when overdue.
    pub working_days_left: Option<u32>,
    /// Calendar days past the deadline.
    pub days_overdue: i64,
    /// Set for the reminder of a question unanswered since this date (the request waits to be
    /// closed or refused; the other fields then give the paused deadline).
    #[serde(default)]
    pub unanswered_since: Option<NaiveDate>,
    pub staff_link: String,
}

email_templates!(
    Reminder,
    "emails/reminder/subject.txt",
    "emails/reminder/body.txt",
    "emails/reminder/body.html"
);

impl Message for Reminder {}
