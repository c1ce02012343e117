//! The answer to a request to restrict processing (GDPR Art 18): restricted (which data, until
//! when or on what condition, and the recipients informed under Art 19), or refused with reasons.

use serde::{Deserialize, Serialize};

use super::{Answer, AnswerInput, Problem, optional_text, required_text};
use crate::domain::Msg;

/// What the handler decided on a restriction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RestrictionDecision {
    /// Processing of `data` is restricted until `until` (a date or a condition, such as "until the
    /// accuracy of your address is verified"); `recipients` were informed (Art 19), or, with
    /// `no_recipients`, the data had been disclosed to no one.
    Restricted {
        data: String,
        until: String,
        recipients: String,
        #[serde(default)]
        no_recipients: bool,
    },
    /// Not restricted: a refusal, with the reasons in the answer's message.
    Rejected,
}

impl RestrictionDecision {
    /// The request's outcome as stored and reported.
    pub fn outcome(&self) -> &'static str {
        match self {
            RestrictionDecision::Restricted { .. } => "restricted",
            RestrictionDecision::Rejected => "rejected",
        }
    }
}

/// Checks the answer form of a restriction.
pub(super) fn check(input: &AnswerInput, problems: &mut Vec<Problem>) -> Answer {
    let mut keep = |r: Result<String, Problem>| r.map_err(|p| problems.push(p)).unwrap_or_default();
    match input.decision.trim() {
        "restricted" => {
            let data = keep(required_text(
                "restricted_data",
                &input.restricted_data,
                Msg::new("what-restricted-data"),
            ));
            let until = keep(required_text(
                "restricted_until",
                &input.restricted_until,
                Msg::new("what-restricted-until"),
            ));
            let recipients = keep(super::recipients_informed(input, "what-recipients-restriction"));
            let message = optional_text("message", &input.message, Msg::new("what-message"))
                .unwrap_or_else(|p| {
                    problems.push(p);
                    None
                })
                .unwrap_or_default();
            Answer::Restriction {
                message,
                decision: RestrictionDecision::Restricted {
                    data,
                    until,
                    recipients,
                    no_recipients: input.no_recipients,
                },
            }
        }
        "rejected" => Answer::Restriction {
            message: keep(required_text("message", &input.message, Msg::new("what-restriction-reasons"))),
            decision: RestrictionDecision::Rejected,
        },
        _ => {
            problems.push(Problem::new("decision", Msg::new("problem-restriction-decision")));
            Answer::Restriction { message: String::new(), decision: RestrictionDecision::Rejected }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check_answer;
    use super::*;
    use crate::domain::RestrictionGround;
    use crate::domain::request::RequestDetails;

    fn details() -> RequestDetails {
        RequestDetails::Restriction { grounds: vec![RestrictionGround::AccuracyContested], explanation: None }
    }

    fn fields(problems: Vec<Problem>) -> Vec<String> {
        problems.into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_restriction_names_the_data_its_duration_and_the_recipients_informed() {
        let mut input = AnswerInput { decision: "restricted".into(), ..Default::default() };
        assert_eq!(
            fields(check_answer(&details(), &input).unwrap_err()),
            ["restricted_data", "restricted_until", "recipients"]
        );
        input.restricted_data = "Postal address".into();
        input.restricted_until = "until its accuracy is verified".into();
        // "Disclosed to no one" is a tick, not a typed word; the two together are refused.
        input.recipients = "Posti Oy".into();
        input.no_recipients = true;
        assert_eq!(fields(check_answer(&details(), &input).unwrap_err()), ["recipients"]);
        input.recipients.clear();
        let answer = check_answer(&details(), &input).unwrap();
        assert!(matches!(
            answer,
            Answer::Restriction { decision: RestrictionDecision::Restricted { no_recipients: true, .. }, .. }
        ));
        assert_eq!(answer.outcome(), "restricted");
        assert!(!answer.is_refusal() && !answer.refuses_part() && !answer.carries_files());
        assert_eq!(answer.message(), "");
    }

    #[test]
    fn a_rejected_restriction_is_a_refusal_with_reasons() {
        let mut input = AnswerInput { decision: "rejected".into(), ..Default::default() };
        assert_eq!(fields(check_answer(&details(), &input).unwrap_err()), ["message"]);
        input.message = "The address was verified as accurate on 3 March.".into();
        let answer = check_answer(&details(), &input).unwrap();
        assert_eq!(answer.outcome(), "rejected");
        assert!(answer.is_refusal() && answer.refuses_part());
        input.decision = "maybe".into();
        assert_eq!(fields(check_answer(&details(), &input).unwrap_err()), ["decision"]);
    }
}
