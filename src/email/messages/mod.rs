//! One file per message: its payload (waiting in the outbox as JSON until sent), what its
//! templates call, and its templates' declaration. What every message carries lives here.

mod answer;
mod clarification;
mod download_code;
mod extension;
mod monthly_report;
mod new_request;
mod receipt;
mod reminder;
mod verification;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{Jurisdiction, Register};

pub use answer::AnswerMail;
pub use clarification::Clarification;
pub use download_code::DownloadCode;
pub use extension::Extension;
pub use monthly_report::MonthlyReport;
pub use new_request::NewRequest;
pub use receipt::Receipt;
pub use reminder::Reminder;
pub use verification::Verification;

/// Who a message is sent on behalf of (shown in every footer; the contact person is Reply-To).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sender {
    pub controller: String,
    pub register: String,
    pub contact_name: String,
    pub contact_email: String,
}

impl Sender {
    /// The sender of `register`'s messages.
    pub fn of(register: &Register) -> Self {
        Self {
            controller: register.controller.name.clone(),
            register: register.register_name.clone(),
            contact_name: register.contact.name.clone(),
            contact_email: register.contact.email.as_str().to_owned(),
        }
    }
}

/// An expiry time as messages show it: the register's local time, to the minute (people read
/// times in their own zone; never UTC).
fn expiry_text(at: DateTime<Utc>, jurisdiction: Jurisdiction) -> String {
    at.with_timezone(&jurisdiction.time_zone()).format("%Y-%m-%d %H:%M").to_string()
}

/// The translation key of a register's local time ("Finnish time", "Estonian time").
fn time_zone_key(jurisdiction: Jurisdiction) -> String {
    format!("time-zone-{jurisdiction}")
}

fn finnish() -> Jurisdiction {
    Jurisdiction::Fi
}
