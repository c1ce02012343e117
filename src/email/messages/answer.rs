//! The answer to a request, completed or refused, with the complaint notice when one is due.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Sender;
use crate::domain::answer::{Answer, ObjectionDecision, RestrictionDecision};
use crate::domain::{Jurisdiction, RequestKind};
use crate::email::Message;
use crate::i18n::Tr;

/// The answer to a request: completed (per kind) or refused. A refusal, or an answer that refuses
/// part of the request, names the supervisory authority and the judicial remedy (LAW.md §6.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerMail {
    pub sender: Sender,
    pub reference: String,
    pub name: String,
    pub kind: RequestKind,
    pub received_on: NaiveDate,
    /// `None` for a refusal.
    pub answer: Option<Answer>,
    /// A refusal's reasons.
    pub reasons: Option<String>,
    /// An inspection answer's download link and the last day it works.
    pub download: Option<(String, NaiveDate)>,
    /// The files of an answer sent as a letter (to a requester without email), enclosed with it
    /// instead of a download link.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enclosed: Vec<String>,
    /// The register's jurisdiction, when the complaint notice is due.
    pub complaint: Option<Jurisdiction>,
    /// The supervisory authority named in the register file, on one line in the request's
    /// language (messages queued before it existed name the jurisdiction's authority).
    #[serde(default)]
    pub authority: Option<String>,
    /// An erasure carried out in the company's systems: (system, `erased` or `anonymised`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<(String, String)>,
}

impl AnswerMail {
    /// The opening sentence's key.
    pub fn intro_key(&self) -> &'static str {
        match &self.answer {
            None => "answer-intro-refused",
            Some(a) if a.is_refusal() => "answer-intro-refused",
            Some(a) if a.refuses_part() => "answer-intro-partly",
            Some(_) => "answer-intro-completed",
        }
    }

    /// The handler's own words (message or reasons), possibly empty.
    /// The message of an answer with files (inspection, portability) is personal data: an email
    /// shows it behind the download link only; a letter, posted to the requester, carries it.
    pub fn message(&self) -> &str {
        match (&self.answer, &self.reasons) {
            (Some(a), _) if a.carries_files() && self.download.is_some() => "",
            (Some(a), _) => a.message(),
            (None, Some(r)) => r,
            (None, None) => "",
        }
    }

    /// Whether the answer is that the register holds no personal data of the requester.
    pub fn no_data_held(&self) -> bool {
        matches!(self.answer, Some(Answer::Inspection { no_data_held: true, .. }))
    }

    /// The sentence above the download link: the data are ready, or (no data held) the answer
    /// and the information on the register are.
    pub fn download_key(&self) -> &'static str {
        if self.no_data_held() { "answer-download-no-data" } else { "answer-download" }
    }

    /// One line per decided item, in the reader's language.
    pub fn lines(&self, t: &Tr) -> Vec<String> {
        match &self.answer {
            Some(Answer::Correction { items, recipients, no_recipients, .. }) => {
                let mut lines: Vec<String> = items
                    .iter()
                    .map(|i| {
                        let outcome = t.get(&format!("item-outcome-{}", i.outcome));
                        let line = t.fmt(
                            "answer-item",
                            &[("field", &i.field), ("corrected", &i.corrected_value), ("outcome", &outcome)],
                        );
                        match &i.reason {
                            Some(reason) => format!("{line} {reason}"),
                            None => line,
                        }
                    })
                    .collect();
                lines.extend(recipients_line(t, recipients, *no_recipients));
                lines
            }
            Some(Answer::Erasure { outcome, retention_duty, kept, recipients, no_recipients, .. }) => {
                let mut lines = vec![t.get(&format!("erasure-outcome-{outcome}"))];
                if let Some(kept) = kept {
                    lines.push(t.fmt("answer-kept", &[("kept", kept)]));
                }
                if let Some(duty) = retention_duty {
                    lines.push(t.fmt("answer-retention", &[("duty", duty)]));
                }
                if !self.systems.is_empty() {
                    lines.push(t.get("answer-erased-in-systems"));
                    for (system, effect) in &self.systems {
                        let effect = t.get(&format!("erasure-effect-{effect}"));
                        lines.push(t.fmt("answer-erased-in", &[("system", system), ("effect", &effect)]));
                    }
                }
                lines.extend(recipients_line(t, recipients, *no_recipients));
                lines
            }
            Some(Answer::Objection { .. }) => vec![t.get("answer-objection")],
            Some(Answer::Restriction { decision, .. }) => match decision {
                RestrictionDecision::Restricted { data, until, recipients, no_recipients } => vec![
                    t.fmt("answer-restriction-data", &[("data", data)]),
                    t.fmt("answer-restriction-until", &[("until", until)]),
                    t.get("answer-restriction-effect"),
                    t.get("answer-restriction-lifting"),
                    if *no_recipients {
                        t.get("answer-recipients-none")
                    } else {
                        t.fmt("answer-restriction-recipients", &[("recipients", recipients)])
                    },
                ],
                RestrictionDecision::Rejected => Vec::new(),
            },
            Some(Answer::GeneralObjection { decision, .. }) => match decision {
                ObjectionDecision::Upheld { processing } => {
                    vec![t.fmt("answer-general-objection-upheld", &[("processing", processing)])]
                }
                ObjectionDecision::Rejected { grounds } => vec![t.get(&grounds.message_key())],
            },
            Some(Answer::Portability { transmission, .. }) => {
                let mut lines = vec![t.get("answer-portability")];
                if let Some(transmission) = transmission {
                    lines.push(t.fmt("answer-portability-transmission", &[("transmission", transmission)]));
                }
                lines
            }
            Some(Answer::Inspection { .. }) | None => Vec::new(),
        }
    }
}

/// Who was told of a correction or erasure (GDPR Art 19), in the reader's language.
fn recipients_line(t: &Tr, recipients: &str, none: bool) -> Option<String> {
    if none {
        Some(t.get("answer-recipients-none"))
    } else if recipients.is_empty() {
        None
    } else {
        Some(t.fmt("answer-recipients", &[("recipients", recipients)]))
    }
}

email_templates!(
    AnswerMail,
    "emails/answer/subject.txt",
    "emails/answer/body.txt",
    "emails/answer/body.html"
);

impl Message for AnswerMail {}
