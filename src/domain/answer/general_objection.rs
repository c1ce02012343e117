//! The answer to a general objection (GDPR Art 21(1)): upheld (the processing stops), or rejected
//! because the controller demonstrates compelling legitimate grounds that override the requester's
//! interests, rights and freedoms, or needs the processing for legal claims: a refusal, with the
//! reasons and the complaint notice.

use serde::{Deserialize, Serialize};

use super::{Answer, AnswerInput, Problem, optional_text, required_text};
use crate::domain::Msg;
use crate::domain::OverridingGrounds;

/// What the handler decided on a general objection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ObjectionDecision {
    /// The processing objected to (as the requester named it) has stopped.
    Upheld { processing: String },
    /// The processing goes on, on these grounds; the reasons are the answer's message.
    Rejected { grounds: OverridingGrounds },
}

impl ObjectionDecision {
    /// The request's outcome as stored and reported.
    pub fn outcome(&self) -> &'static str {
        match self {
            ObjectionDecision::Upheld { .. } => "upheld",
            ObjectionDecision::Rejected { .. } => "rejected",
        }
    }

    /// Whether the objection was rejected (a refusal).
    pub fn is_rejected(&self) -> bool {
        matches!(self, ObjectionDecision::Rejected { .. })
    }
}

/// Checks the answer form of a general objection against `processing`.
pub(super) fn check(processing: &str, input: &AnswerInput, problems: &mut Vec<Problem>) -> Answer {
    match input.decision.trim() {
        "upheld" => {
            let message = optional_text("message", &input.message, Msg::new("what-message"))
                .unwrap_or_else(|p| {
                    problems.push(p);
                    None
                })
                .unwrap_or_default();
            Answer::GeneralObjection {
                message,
                decision: ObjectionDecision::Upheld { processing: processing.to_owned() },
            }
        }
        "rejected" => {
            let grounds = input.overriding_grounds.trim().parse::<OverridingGrounds>().unwrap_or_else(|_| {
                problems.push(Problem::new("overriding_grounds", Msg::new("problem-overriding-grounds")));
                OverridingGrounds::CompellingGrounds
            });
            let message = required_text("message", &input.message, Msg::new("what-objection-reasons"))
                .unwrap_or_else(|p| {
                    problems.push(p);
                    String::new()
                });
            Answer::GeneralObjection { message, decision: ObjectionDecision::Rejected { grounds } }
        }
        _ => {
            problems.push(Problem::new("decision", Msg::new("problem-objection-decision")));
            Answer::GeneralObjection {
                message: String::new(),
                decision: ObjectionDecision::Upheld { processing: processing.to_owned() },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check_answer;
    use super::*;
    use crate::domain::request::RequestDetails;

    fn details() -> RequestDetails {
        RequestDetails::GeneralObjection { processing: "Profiling".into(), situation: "Threats".into() }
    }

    #[test]
    fn an_upheld_objection_stops_the_processing_named() {
        let input = AnswerInput { decision: "upheld".into(), ..Default::default() };
        let answer = check_answer(&details(), &input).unwrap();
        assert_eq!(answer.outcome(), "upheld");
        assert!(!answer.is_refusal() && !answer.refuses_part());
        assert_eq!(
            answer,
            Answer::GeneralObjection {
                message: String::new(),
                decision: ObjectionDecision::Upheld { processing: "Profiling".into() }
            }
        );
    }

    #[test]
    fn a_rejected_objection_names_its_overriding_grounds_and_reasons_and_is_a_refusal() {
        let mut input = AnswerInput { decision: "rejected".into(), ..Default::default() };
        let fields: Vec<String> =
            check_answer(&details(), &input).unwrap_err().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["overriding_grounds", "message"]);
        input.overriding_grounds = "legal_claims".into();
        input.message = "The data are needed in the pending court case 123/2026.".into();
        let answer = check_answer(&details(), &input).unwrap();
        assert_eq!(answer.outcome(), "rejected");
        assert!(answer.is_refusal() && answer.refuses_part());
        input.decision = String::new();
        assert_eq!(check_answer(&details(), &input).unwrap_err()[0].field, "decision");
    }
}
