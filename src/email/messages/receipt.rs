//! The requester's receipt once the email address is confirmed: what was asked, the deadline and
//! the private status link.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Sender;
use crate::domain::request::RequestDetails;
use crate::email::Message;
use crate::i18n::Tr;

/// Sent to the requester once the email address is confirmed: reference, what was asked, the
/// deadline, the private status link and what happens next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub sender: Sender,
    pub reference: String,
    pub name: String,
    pub received_on: NaiveDate,
    pub deadline: NaiveDate,
    pub extended_deadline: NaiveDate,
    pub status_link: String,
    pub details: RequestDetails,
}

impl Receipt {
    /// One line per thing asked, in the reader's language.
    pub fn summary(&self, t: &Tr) -> Vec<String> {
        match &self.details {
            RequestDetails::Inspection { scope } | RequestDetails::Erasure { scope } => vec![match scope {
                Some(scope) => t.fmt("receipt-scope", &[("scope", scope)]),
                None => t.get("receipt-scope-none"),
            }],
            RequestDetails::Correction { items } => items
                .iter()
                .map(|i| {
                    t.fmt(
                        "receipt-item",
                        &[
                            ("field", &i.field),
                            ("current", i.current_value.as_deref().unwrap_or("")),
                            ("corrected", &i.corrected_value),
                        ],
                    )
                })
                .collect(),
            RequestDetails::Objection { purposes, channels } => {
                let purposes: Vec<String> = purposes.iter().map(|p| t.get(&format!("purpose-{p}"))).collect();
                let channels: Vec<String> = channels.iter().map(|c| t.get(&format!("channel-{c}"))).collect();
                vec![t.fmt(
                    "receipt-objection-effect",
                    &[("purposes", &purposes.join(", ")), ("channels", &channels.join(", "))],
                )]
            }
            RequestDetails::Restriction { grounds, explanation } => {
                let mut lines: Vec<String> = grounds
                    .iter()
                    .map(|g| {
                        t.fmt(
                            "receipt-restriction-ground",
                            &[("point", g.letter()), ("ground", &t.get(&g.message_key()))],
                        )
                    })
                    .collect();
                if let Some(explanation) = explanation {
                    lines.push(t.fmt("receipt-explanation", &[("explanation", explanation)]));
                }
                lines
            }
            RequestDetails::GeneralObjection { processing, situation } => vec![
                t.fmt("receipt-processing", &[("processing", processing)]),
                t.fmt("receipt-situation", &[("situation", situation)]),
                t.get("receipt-general-objection-effect"),
            ],
            RequestDetails::Portability { scope, format, receiving_controller } => {
                let mut lines = vec![match scope {
                    Some(scope) => t.fmt("receipt-scope", &[("scope", scope)]),
                    None => t.get("receipt-portability-scope-none"),
                }];
                lines.push(match format {
                    Some(format) => t.fmt("receipt-format", &[("format", &format.as_str().to_uppercase())]),
                    None => t.get("receipt-format-any"),
                });
                if let Some(controller) = receiving_controller {
                    lines.push(t.fmt("receipt-receiving-controller", &[("controller", controller)]));
                }
                lines
            }
        }
    }
}

email_templates!(
    Receipt,
    "emails/receipt/subject.txt",
    "emails/receipt/body.txt",
    "emails/receipt/body.html"
);

impl Message for Receipt {}
