//! The handler's decisions on a request, checked before anything is written: the answer of each
//! kind (LAW.md §6.3–6.4), a refusal (§6.1) and an extension's reasons (§6.2). The answers of a
//! restriction (GDPR Art 18), a general objection (Art 21(1)) and portability (Art 20) are checked
//! in their own modules.

mod general_objection;
mod portability;
mod restriction;

use serde::{Deserialize, Serialize};

pub use general_objection::ObjectionDecision;
pub use portability::{FileFacts, check_portable_files};
pub use restriction::RestrictionDecision;

use super::request::RequestDetails;
use super::{ErasureOutcome, ItemOutcome};

/// The outcome of an inspection answer that finds no personal data of the requester.
pub const NO_DATA_HELD: &str = "no_data_held";

/// Longest answer message or reason text accepted (characters).
pub const MAX_TEXT: usize = 20_000;

use super::message::Msg;
pub use super::message::Problem;

/// What a handler typed into the answer form (every field optional until checked).
#[derive(Debug, Clone, Default)]
pub struct AnswerInput {
    pub message: String,
    /// Inspection: the register holds no personal data of the requester (the message is then
    /// optional: the answer has its own wording).
    pub no_data_held: bool,
    /// Correction: one (outcome, reason) per item of the request, in order.
    pub items: Vec<(String, String)>,
    /// Correction and erasure: the recipients informed (GDPR Art 19).
    pub recipients: String,
    /// Correction and erasure: the checkbox "the data were disclosed to no one".
    pub no_recipients: bool,
    /// Erasure: erased, anonymised or partly_refused.
    pub erasure_outcome: String,
    /// Erasure partly refused: the retention duty that keeps data (GDPR Art 17(3)).
    pub retention_duty: String,
    /// Erasure partly refused: what is kept.
    pub kept: String,
    /// Restriction: `restricted` or `rejected`; general objection: `upheld` or `rejected`.
    pub decision: String,
    /// Restriction: the data whose processing is restricted.
    pub restricted_data: String,
    /// Restriction: until when, or on what condition, the restriction lasts.
    pub restricted_until: String,
    /// General objection rejected: `compelling_grounds` or `legal_claims` (GDPR Art 21(1)).
    pub overriding_grounds: String,
    /// Portability: what became of the direct transmission to another controller (Art 20(2)).
    pub transmission: String,
    /// The handler confirms that answering closes the question the requester has not answered.
    pub close_question: bool,
}

/// One correction item with its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDecision {
    pub field: String,
    pub corrected_value: String,
    pub outcome: ItemOutcome,
    pub reason: Option<String>,
}

/// A checked answer, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    /// The message accompanies the attachments, fetched through the download link. With
    /// `no_data_held` the answer is that the register holds nothing about the requester (no
    /// files); the Art 15 information and the rights still go with it.
    Inspection {
        message: String,
        #[serde(default)]
        no_data_held: bool,
    },
    Correction {
        message: String,
        items: Vec<ItemDecision>,
        /// The recipients informed of the correction (GDPR Art 19); empty with `no_recipients`.
        recipients: String,
        /// The data were disclosed to no one, so no one needed to be told.
        #[serde(default)]
        no_recipients: bool,
    },
    Objection {
        message: String,
    },
    Erasure {
        message: String,
        outcome: ErasureOutcome,
        /// Why data are kept (partly refused): the retention duty (GDPR Art 17(3)).
        retention_duty: Option<String>,
        /// What is kept (partly refused).
        #[serde(default)]
        kept: Option<String>,
        /// The recipients informed of the erasure (GDPR Art 19).
        #[serde(default)]
        recipients: String,
        #[serde(default)]
        no_recipients: bool,
    },
    /// Restricted, or refused with the reasons in the message.
    Restriction {
        message: String,
        decision: RestrictionDecision,
    },
    /// Processing stopped, or continued on overriding grounds with the reasons in the message.
    GeneralObjection {
        message: String,
        decision: ObjectionDecision,
    },
    /// The message accompanies the machine-readable files, fetched through the download link.
    Portability {
        message: String,
        /// What became of the direct transmission asked for (Art 20(2)), if it was asked for.
        transmission: Option<String>,
    },
}

impl Answer {
    /// The request's outcome as stored and reported.
    pub fn outcome(&self) -> &'static str {
        match self {
            Answer::Inspection { no_data_held: true, .. } => NO_DATA_HELD,
            Answer::Inspection { .. } => "disclosed",
            Answer::Correction { items, .. } => {
                let rejected = items.iter().filter(|i| i.outcome == ItemOutcome::Rejected).count();
                match rejected {
                    0 => "corrected",
                    n if n == items.len() => "rejected",
                    _ => "partly_corrected",
                }
            }
            Answer::Objection { .. } => "confirmed",
            Answer::Erasure { outcome, .. } => outcome.as_str(),
            Answer::Restriction { decision, .. } => decision.outcome(),
            Answer::GeneralObjection { decision, .. } => decision.outcome(),
            Answer::Portability { .. } => "provided",
        }
    }

    /// Whether the answer discloses personal data in files, delivered through the download link
    /// (the message too stays behind it).
    pub fn carries_files(&self) -> bool {
        matches!(self, Answer::Inspection { .. } | Answer::Portability { .. })
    }

    /// Whether nothing of the request is acted on: a correction whose every item is rejected.
    /// That is a refusal (Art 12(4)): refusal wording, and due by the one-month deadline.
    pub fn is_refusal(&self) -> bool {
        match self {
            Answer::Correction { items, .. } => {
                !items.is_empty() && items.iter().all(|i| i.outcome == ItemOutcome::Rejected)
            }
            Answer::Restriction { decision, .. } => *decision == RestrictionDecision::Rejected,
            Answer::GeneralObjection { decision, .. } => decision.is_rejected(),
            _ => false,
        }
    }

    /// Whether part of the request is not acted on: the answer then carries the refusal notice
    /// (reasons, supervisory authority, judicial remedy; LAW.md §6.1, §6.4).
    pub fn refuses_part(&self) -> bool {
        match self {
            Answer::Correction { items, .. } => items.iter().any(|i| i.outcome == ItemOutcome::Rejected),
            Answer::Erasure { outcome, .. } => *outcome == ErasureOutcome::PartlyRefused,
            Answer::Restriction { .. } | Answer::GeneralObjection { .. } => self.is_refusal(),
            Answer::Inspection { .. } | Answer::Objection { .. } | Answer::Portability { .. } => false,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            Answer::Inspection { message, .. }
            | Answer::Correction { message, .. }
            | Answer::Objection { message }
            | Answer::Erasure { message, .. }
            | Answer::Restriction { message, .. }
            | Answer::GeneralObjection { message, .. }
            | Answer::Portability { message, .. } => message,
        }
    }
}

impl super::Jurisdiction {
    /// The translation key naming the supervisory authority a requester may complain to, with its
    /// contact details (LAW.md §3.2, §3.3, §6.1).
    pub fn complaint_key(self) -> &'static str {
        match self {
            super::Jurisdiction::Fi => "authority-fi",
            super::Jurisdiction::Ee => "authority-ee",
        }
    }
}

/// A required free text of 1..=[`MAX_TEXT`] characters, trimmed; `what` names it in a problem.
pub fn required_text(field: &str, value: &str, what: Msg) -> Result<String, Problem> {
    let value = value.trim();
    if value.is_empty() {
        Err(Problem::new(field, Msg::new("problem-required").nested("what", what)))
    } else if value.chars().count() > MAX_TEXT {
        Err(Problem::new(field, Msg::new("problem-too-long").nested("what", what).text("max", MAX_TEXT)))
    } else {
        Ok(value.to_owned())
    }
}

fn optional_text(field: &str, value: &str, what: Msg) -> Result<Option<String>, Problem> {
    if value.trim().is_empty() { Ok(None) } else { required_text(field, value, what).map(Some) }
}

/// The recipients told of a correction or erasure (GDPR Art 19): named, or the checkbox that
/// there were none, exactly one of the two.
fn recipients_informed(input: &AnswerInput, what: &'static str) -> Result<String, Problem> {
    match (input.no_recipients, input.recipients.trim().is_empty()) {
        (true, true) => Ok(String::new()),
        (true, false) => Err(Problem::new("recipients", Msg::new("problem-recipients-both"))),
        (false, _) => required_text("recipients", &input.recipients, Msg::new(what)),
    }
}

/// Checks the answer form against what the request asked for.
pub fn check_answer(details: &RequestDetails, input: &AnswerInput) -> Result<Answer, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut keep = |r: Result<String, Problem>| r.map_err(|p| problems.push(p)).unwrap_or_default();
    let answer = match details {
        RequestDetails::Inspection { .. } if input.no_data_held => {
            Answer::Inspection { message: input.message.trim().to_owned(), no_data_held: true }
        }
        RequestDetails::Inspection { .. } => Answer::Inspection {
            message: keep(required_text("message", &input.message, Msg::new("what-answer-message"))),
            no_data_held: false,
        },
        RequestDetails::Objection { .. } => Answer::Objection {
            message: keep(required_text("message", &input.message, Msg::new("what-confirmation-message"))),
        },
        RequestDetails::Correction { items } => {
            let message = input.message.trim().to_owned();
            let mut decided = Vec::new();
            for (n, item) in items.iter().enumerate() {
                let (outcome, reason) = input.items.get(n).cloned().unwrap_or_default();
                let field = format!("item{n}_outcome");
                let Ok(outcome) = outcome.parse::<ItemOutcome>() else {
                    problems.push(Problem::new(
                        field,
                        Msg::new("problem-item-outcome").text("number", n + 1).text("item", &item.field),
                    ));
                    continue;
                };
                let reason_field = format!("item{n}_reason");
                let reason = if outcome == ItemOutcome::Rejected {
                    match required_text(&reason_field, &reason, Msg::new("what-item-reason")) {
                        Ok(r) => Some(r),
                        Err(p) => {
                            problems.push(p);
                            None
                        }
                    }
                } else {
                    optional_text(&reason_field, &reason, Msg::new("what-note")).unwrap_or_else(|p| {
                        problems.push(p);
                        None
                    })
                };
                decided.push(ItemDecision {
                    field: item.field.clone(),
                    corrected_value: item.corrected_value.clone(),
                    outcome,
                    reason,
                });
            }
            let changed = decided.iter().any(|i| i.outcome != ItemOutcome::Rejected);
            let recipients = if changed {
                recipients_informed(input, "what-recipients-correction").unwrap_or_else(|p| {
                    problems.push(p);
                    String::new()
                })
            } else {
                input.recipients.trim().to_owned()
            };
            Answer::Correction { message, items: decided, recipients, no_recipients: input.no_recipients }
        }
        RequestDetails::Erasure { .. } => {
            let message = input.message.trim().to_owned();
            let outcome = match input.erasure_outcome.parse::<ErasureOutcome>() {
                Ok(o) => o,
                Err(_) => {
                    problems.push(Problem::new("erasure_outcome", Msg::new("problem-erasure-outcome")));
                    ErasureOutcome::Erased
                }
            };
            let retention_duty = if outcome == ErasureOutcome::PartlyRefused {
                match required_text("retention_duty", &input.retention_duty, Msg::new("what-retention-duty"))
                {
                    Ok(d) => Some(d),
                    Err(p) => {
                        problems.push(p);
                        None
                    }
                }
            } else {
                None
            };
            let kept = if outcome == ErasureOutcome::PartlyRefused {
                required_text("kept", &input.kept, Msg::new("what-kept")).map(Some).unwrap_or_else(|p| {
                    problems.push(p);
                    None
                })
            } else {
                None
            };
            let recipients = recipients_informed(input, "what-recipients-erasure").unwrap_or_else(|p| {
                problems.push(p);
                String::new()
            });
            Answer::Erasure {
                message,
                outcome,
                retention_duty,
                kept,
                recipients,
                no_recipients: input.no_recipients,
            }
        }
        RequestDetails::Restriction { .. } => restriction::check(input, &mut problems),
        RequestDetails::GeneralObjection { processing, .. } => {
            general_objection::check(processing, input, &mut problems)
        }
        RequestDetails::Portability { receiving_controller, .. } => {
            portability::check(receiving_controller.as_deref(), input, &mut problems)
        }
    };
    if answer.message().chars().count() > MAX_TEXT {
        problems.push(Problem::new(
            "message",
            Msg::new("problem-too-long").term("what", "what-message").text("max", MAX_TEXT),
        ));
    }
    if problems.is_empty() { Ok(answer) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::request::CorrectionItem;

    fn correction(n: usize) -> RequestDetails {
        RequestDetails::Correction {
            items: (0..n)
                .map(|i| CorrectionItem {
                    field: format!("field {i}"),
                    current_value: None,
                    corrected_value: format!("value {i}"),
                    reason: None,
                })
                .collect(),
        }
    }

    #[test]
    fn every_correction_item_needs_an_outcome_and_a_rejection_its_reason() {
        let input = AnswerInput {
            items: vec![("corrected".into(), String::new()), ("rejected".into(), " ".into())],
            recipients: "Posti".into(),
            ..Default::default()
        };
        let problems = check_answer(&correction(3), &input).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["item1_reason", "item2_outcome"]);
    }

    #[test]
    fn correction_outcomes_and_art_19_recipients() {
        let mut input = AnswerInput {
            items: vec![("corrected".into(), String::new()), ("rejected".into(), "Accurate".into())],
            ..Default::default()
        };
        let problems = check_answer(&correction(2), &input).unwrap_err();
        assert_eq!(problems[0].field, "recipients");
        input.no_recipients = true;
        let answer = check_answer(&correction(2), &input).unwrap();
        assert_eq!(answer.outcome(), "partly_corrected");
        assert!(answer.refuses_part());
        // Everything rejected needs no recipients: nothing was changed.
        let all_rejected =
            AnswerInput { items: vec![("rejected".into(), "Accurate".into())], ..Default::default() };
        let answer = check_answer(&correction(1), &all_rejected).unwrap();
        assert_eq!(answer.outcome(), "rejected");
    }

    #[test]
    fn a_partly_refused_erasure_names_what_is_kept_why_and_who_was_told() {
        let details = RequestDetails::Erasure { scope: None };
        let mut input = AnswerInput { erasure_outcome: "partly_refused".into(), ..Default::default() };
        let fields: Vec<String> =
            check_answer(&details, &input).unwrap_err().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["retention_duty", "kept", "recipients"]);
        input.retention_duty = "Kirjanpitolaki 2:10".into();
        input.kept = "Invoices".into();
        input.no_recipients = true;
        let answer = check_answer(&details, &input).unwrap();
        assert_eq!(answer.outcome(), "partly_refused");
        assert!(answer.refuses_part());
        input.erasure_outcome = "shredded".into();
        assert_eq!(check_answer(&details, &input).unwrap_err()[0].field, "erasure_outcome");
    }

    #[test]
    fn inspection_and_objection_need_a_message() {
        for details in [
            RequestDetails::Inspection { scope: None },
            RequestDetails::Objection { purposes: vec![], channels: vec![] },
        ] {
            assert_eq!(check_answer(&details, &AnswerInput::default()).unwrap_err()[0].field, "message");
            let ok = AnswerInput { message: "Done".into(), ..Default::default() };
            assert!(!check_answer(&details, &ok).unwrap().refuses_part());
        }
        assert!(required_text("x", &"a".repeat(MAX_TEXT + 1), Msg::new("what-message")).is_err());
    }
}
