//! The request lifecycle (DESIGN.md "Lifecycle"): which action is allowed in which state and where
//! it leads. Every state change goes through [`Status::apply`], so an illegal transition is refused
//! here, with a clear error, whatever the caller.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::vocab::UnknownValue;

/// The state of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    AwaitingVerification,
    Received,
    InProgress,
    AwaitingRequester,
    Completed,
    Refused,
    Withdrawn,
    Expired,
}

/// Something that changes a request's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The requester proved possession of the email address.
    Verify,
    /// Seven days passed without verification.
    Expire,
    /// A handler starts working on it (claim).
    Start,
    /// A handler asks the requester for identity information or clarification.
    AskRequester,
    /// The requester's answer arrived.
    RequesterAnswered,
    Complete,
    Refuse,
    /// The requester withdraws the request.
    Withdraw,
}

/// An action the current state does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a request that is {from} cannot be {}", action.past_participle())]
pub struct IllegalTransition {
    pub from: Status,
    pub action: Action,
}

impl IllegalTransition {
    /// Why, in the reader's words.
    pub fn message(&self) -> super::Msg {
        super::Msg::new("refused-transition")
            .state("state", self.from)
            .term("action", self.action.message_key())
    }
}

impl Action {
    /// The key of the action's past participle ("completed"), for [`IllegalTransition::message`].
    fn message_key(self) -> &'static str {
        match self {
            Action::Verify => "action-verified",
            Action::Expire => "action-expired",
            Action::Start => "action-started",
            Action::AskRequester => "action-put-on-hold",
            Action::RequesterAnswered => "action-resumed",
            Action::Complete => "action-completed",
            Action::Refuse => "action-refused",
            Action::Withdraw => "action-withdrawn",
        }
    }

    fn past_participle(self) -> &'static str {
        match self {
            Action::Verify => "verified",
            Action::Expire => "expired",
            Action::Start => "started",
            Action::AskRequester => "put on hold for the requester",
            Action::RequesterAnswered => "resumed",
            Action::Complete => "completed",
            Action::Refuse => "refused",
            Action::Withdraw => "withdrawn",
        }
    }
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::AwaitingVerification,
        Status::Received,
        Status::InProgress,
        Status::AwaitingRequester,
        Status::Completed,
        Status::Refused,
        Status::Withdrawn,
        Status::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::AwaitingVerification => "awaiting_verification",
            Status::Received => "received",
            Status::InProgress => "in_progress",
            Status::AwaitingRequester => "awaiting_requester",
            Status::Completed => "completed",
            Status::Refused => "refused",
            Status::Withdrawn => "withdrawn",
            Status::Expired => "expired",
        }
    }

    /// Whether the request is finished (no deadline runs any more).
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Completed | Status::Refused | Status::Withdrawn | Status::Expired)
    }

    /// Whether a deadline runs (verified and not closed).
    pub fn is_open(self) -> bool {
        matches!(self, Status::Received | Status::InProgress | Status::AwaitingRequester)
    }

    /// The state after `action`, or why it is not allowed.
    pub fn apply(self, action: Action) -> Result<Status, IllegalTransition> {
        use Action as A;
        use Status as S;
        let next = match (self, action) {
            (S::AwaitingVerification, A::Verify) => S::Received,
            (S::AwaitingVerification, A::Expire) => S::Expired,
            (S::Received, A::Start) => S::InProgress,
            (S::Received | S::InProgress, A::AskRequester) => S::AwaitingRequester,
            (S::AwaitingRequester, A::RequesterAnswered) => S::InProgress,
            (S::Received | S::InProgress | S::AwaitingRequester, A::Complete | A::Refuse) => {
                if action == A::Complete { S::Completed } else { S::Refused }
            }
            (S::AwaitingVerification | S::Received | S::InProgress | S::AwaitingRequester, A::Withdraw) => {
                S::Withdrawn
            }
            (from, action) => return Err(IllegalTransition { from, action }),
        };
        Ok(next)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str().replace('_', " "))
    }
}

impl FromStr for Status {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL.into_iter().find(|st| st.as_str() == s).ok_or_else(|| UnknownValue {
            what: "status",
            value: s.chars().take(40).collect(),
            allowed: &[
                "awaiting_verification",
                "received",
                "in_progress",
                "awaiting_requester",
                "completed",
                "refused",
                "withdrawn",
                "expired",
            ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIONS: [Action; 8] = [
        Action::Verify,
        Action::Expire,
        Action::Start,
        Action::AskRequester,
        Action::RequesterAnswered,
        Action::Complete,
        Action::Refuse,
        Action::Withdraw,
    ];

    #[test]
    fn the_lifecycle_of_design_md() {
        use Action as A;
        use Status as S;
        let allowed = [
            (S::AwaitingVerification, A::Verify, S::Received),
            (S::AwaitingVerification, A::Expire, S::Expired),
            (S::AwaitingVerification, A::Withdraw, S::Withdrawn),
            (S::Received, A::Start, S::InProgress),
            (S::Received, A::AskRequester, S::AwaitingRequester),
            (S::Received, A::Complete, S::Completed),
            (S::Received, A::Refuse, S::Refused),
            (S::Received, A::Withdraw, S::Withdrawn),
            (S::InProgress, A::AskRequester, S::AwaitingRequester),
            (S::InProgress, A::Complete, S::Completed),
            (S::InProgress, A::Refuse, S::Refused),
            (S::InProgress, A::Withdraw, S::Withdrawn),
            (S::AwaitingRequester, A::RequesterAnswered, S::InProgress),
            (S::AwaitingRequester, A::Complete, S::Completed),
            (S::AwaitingRequester, A::Refuse, S::Refused),
            (S::AwaitingRequester, A::Withdraw, S::Withdrawn),
        ];
        for from in Status::ALL {
            for action in ACTIONS {
                let expected =
                    allowed.iter().find(|(f, a, _)| *f == from && *a == action).map(|(_, _, to)| *to);
                assert_eq!(from.apply(action).ok(), expected, "{from:?} × {action:?}");
            }
        }
    }

    #[test]
    fn closed_requests_accept_nothing_and_errors_read_well() {
        for closed in [Status::Completed, Status::Refused, Status::Withdrawn, Status::Expired] {
            assert!(closed.is_closed() && !closed.is_open());
            assert!(ACTIONS.iter().all(|a| closed.apply(*a).is_err()));
        }
        let err = Status::AwaitingVerification.apply(Action::Complete).unwrap_err();
        assert_eq!(err.to_string(), "a request that is awaiting verification cannot be completed");
    }

    #[test]
    fn statuses_round_trip_their_names() {
        for s in Status::ALL {
            assert_eq!(s.as_str().parse::<Status>().unwrap(), s);
        }
    }
}
