//! One file per message: its payload (waiting in the outbox as JSON until sent), what its
//! templates call, and its templates' declaration. What every message carries lives here.

mod answer;
mod clarification;
mod download_code;
mod extension;
mod monthly_report;
mod new_request;
mod password_reset;
mod receipt;
mod reminder;
mod staff_notice;
mod verification;
mod withdrawal;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{Jurisdiction, Language, Register};
use crate::i18n::Tr;

pub use answer::AnswerMail;
pub use clarification::Clarification;
pub use download_code::DownloadCode;
pub use extension::Extension;
pub use monthly_report::MonthlyReport;
pub use new_request::NewRequest;
pub use password_reset::PasswordReset;
pub use receipt::Receipt;
pub use reminder::Reminder;
pub use staff_notice::{StaffNotice, StaffNoticeEvent};
pub use verification::Verification;
pub use withdrawal::WithdrawalMail;

/// Who a message is sent on behalf of (shown in every footer). The contact person is Reply-To when
/// they have an email address; otherwise replies reach the desk's own address and the footer shows
/// the other ways to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sender {
    pub controller: String,
    /// The register's name in the message's language.
    pub register: String,
    pub contact_name: String,
    /// `None` when the contact person has no email address.
    pub contact_email: Option<String>,
    /// The contact person's phone number, contact page and postal address, shown when there is no
    /// email address (absent in messages queued before they were shown).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contact_other: Vec<String>,
    /// The register's privacy notice in the message's language (absent for a register no longer
    /// configured, and in messages queued before notices were linked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_link: Option<String>,
    /// The message is printed as a letter: its footer says nothing of replying to an email.
    /// Set when a letter is printed, never stored.
    #[serde(default, skip_serializing)]
    pub on_paper: bool,
}

impl Sender {
    /// The sender of `register`'s messages in `language`, linking to its privacy notice.
    pub fn of(register: &Register, language: Language, privacy_link: Option<String>) -> Self {
        let contact = &register.contact;
        Self {
            controller: register.controller.name.clone(),
            register: register.name_in(language).to_owned(),
            contact_name: contact.name.clone(),
            contact_email: contact.email.as_ref().map(|e| e.as_str().to_owned()),
            contact_other: match &contact.email {
                Some(_) => Vec::new(),
                None => contact.reach().into_iter().map(str::to_owned).collect(),
            },
            privacy_link,
            on_paper: false,
        }
    }

    /// How the footer tells the reader to reach the contact person.
    pub fn contact_reach(&self) -> String {
        match &self.contact_email {
            Some(email) => email.clone(),
            None => self.contact_other.join(", "),
        }
    }

    /// Whether the contact person is reached only through this service: the register description
    /// gives no way to reach them, and replies go to the desk's own address.
    pub fn contact_through_desk(&self) -> bool {
        self.contact_email.is_none() && self.contact_other.is_empty()
    }

    /// The footer's lines on the contact person and on replying, in `t`'s language: a reply reaches
    /// the contact person when they have an email address; otherwise the footer shows their other
    /// contact details, or, with none, says that a reply reaches them through the desk.
    pub fn footer_contact(&self, t: &Tr) -> [String; 2] {
        let name = ("name", self.contact_name.as_str());
        if self.on_paper {
            let contact = if self.contact_through_desk() {
                t.fmt("letter-footer-contact", &[name])
            } else {
                t.fmt("email-footer-contact", &[name, ("contact", self.contact_reach().as_str())])
            };
            return [contact, String::new()];
        }
        if self.contact_through_desk() {
            return [t.fmt("email-footer-contact-desk", &[name]), t.get("email-footer-automatic-reply-desk")];
        }
        let contact = t.fmt("email-footer-contact", &[name, ("contact", self.contact_reach().as_str())]);
        let reply = if self.contact_email.is_some() {
            "email-footer-automatic"
        } else {
            "email-footer-automatic-desk"
        };
        [contact, t.get(reply)]
    }
}

/// An expiry time as messages show it: the register's local time, to the minute, written as the
/// message's language writes dates and times (people read times in their own zone; never UTC).
fn expiry_text(at: DateTime<Utc>, jurisdiction: Jurisdiction, t: &Tr) -> String {
    t.date_time(at.with_timezone(&jurisdiction.time_zone()).naive_local())
}

/// The translation key of a register's local time ("Finnish time", "Estonian time").
fn time_zone_key(jurisdiction: Jurisdiction) -> String {
    format!("time-zone-{jurisdiction}")
}

fn finnish() -> Jurisdiction {
    Jurisdiction::Fi
}
