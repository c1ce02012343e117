//! The handler's notice that something happened on a request they look after (no personal data,
//! a staff link).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Sender;
use crate::domain::RequestKind;
use crate::email::Message;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffNoticeEvent {
    /// The requester answered the handler's question on the status page: the pause has ended.
    RequesterAnswered,
    /// The requester withdrew the request: nothing more is to be done.
    Withdrawn,
    /// Another staff member assigned the request to the recipient.
    Assigned,
}

/// To the assignee (or, for an unassigned request, the register's contact person). Like the
/// new-request notice it carries no personal data: the answer's text is behind the sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffNotice {
    pub sender: Sender,
    pub reference: String,
    pub kind: RequestKind,
    pub event: StaffNoticeEvent,
    /// Who assigned the request (for [`StaffNoticeEvent::Assigned`]).
    #[serde(default)]
    pub by: Option<String>,
    /// The deadline as it stands after the event; `None` once the request is closed.
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    pub staff_link: String,
}

impl StaffNotice {
    /// The subject's translation key.
    pub fn subject_key(&self) -> &'static str {
        match self.event {
            StaffNoticeEvent::RequesterAnswered => "staff-notice-answered-subject",
            StaffNoticeEvent::Withdrawn => "staff-notice-withdrawn-subject",
            StaffNoticeEvent::Assigned => "staff-notice-assigned-subject",
        }
    }

    /// The first paragraph's translation key.
    pub fn intro_key(&self) -> &'static str {
        match self.event {
            StaffNoticeEvent::RequesterAnswered => "staff-notice-answered-intro",
            StaffNoticeEvent::Withdrawn => "staff-notice-withdrawn-intro",
            StaffNoticeEvent::Assigned => "staff-notice-assigned-intro",
        }
    }

    pub fn by(&self) -> &str {
        self.by.as_deref().unwrap_or("")
    }
}

email_templates!(
    StaffNotice,
    "emails/staff_notice/subject.txt",
    "emails/staff_notice/body.txt",
    "emails/staff_notice/body.html"
);

impl Message for StaffNotice {}
