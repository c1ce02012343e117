//! Every service error mapped to [`AppError`], in one place, so that handlers only say `?`.
//! The policy: a missing or another register's record → 404 (indistinguishable), input the user
//! can fix → 422 naming the field, an action the state does not allow → 409, an unreachable
//! database → 503, anything else (a broken invariant, a corrupt row) → an opaque 500.

use crate::db::DbError;
use crate::error::{AppError, FieldIssue};
use crate::service::admin::AdminError;
use crate::service::intake::IntakeError;
use crate::service::integrations::KeyError;
use crate::service::queue::ActionError;
use crate::service::report::ReportError;
use crate::service::staff::AddStaffError;

/// The one mapping of database failures: only an unreachable database is worth a retry.
fn from_db(e: DbError) -> AppError {
    match e {
        DbError::Unavailable(cause) => AppError::Unavailable(cause),
        other => AppError::Internal(other.into()),
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        from_db(e)
    }
}

impl From<ActionError> for AppError {
    fn from(e: ActionError) -> Self {
        match e {
            ActionError::NotFound => AppError::NotFound,
            ActionError::Refused(message) => AppError::Conflict(message),
            // The service writes "field: reason" (several joined by "; ").
            ActionError::Invalid(message) => AppError::Validation(
                message
                    .split("; ")
                    .map(|issue| match issue.split_once(": ") {
                        Some((field, reason)) => FieldIssue { field: field.into(), reason: reason.into() },
                        None => FieldIssue { field: String::new(), reason: issue.into() },
                    })
                    .collect(),
            ),
            ActionError::Db(e) => from_db(e),
        }
    }
}

impl From<AdminError> for AppError {
    fn from(e: AdminError) -> Self {
        match e {
            AdminError::NotFound => AppError::NotFound,
            AdminError::OwnAccount
            | AdminError::LastAdmin
            | AdminError::OwnPassword
            | AdminError::OwnSecondFactor => AppError::invalid("account", e.to_string()),
            AdminError::Scope(_) | AdminError::UnknownRegister(_) => {
                AppError::invalid("registers", e.to_string())
            }
            AdminError::Db(e) => from_db(e),
            AdminError::Hash(_) => AppError::Internal(e.into()),
        }
    }
}

impl From<AddStaffError> for AppError {
    fn from(e: AddStaffError) -> Self {
        match (e.field(), e) {
            (Some(field), e) => AppError::invalid(field, e.to_string()),
            (
                None,
                AddStaffError::Db(e) | AddStaffError::Create(crate::db::staff::CreateStaffError::Db(e)),
            ) => from_db(e),
            (None, e) => AppError::Internal(e.into()),
        }
    }
}

impl From<KeyError> for AppError {
    fn from(e: KeyError) -> Self {
        match e {
            KeyError::Name => AppError::invalid("name", e.to_string()),
            KeyError::NoRegister | KeyError::UnknownRegister(_) => {
                AppError::invalid("registers", e.to_string())
            }
            KeyError::Db(e) => from_db(e),
        }
    }
}

impl From<ReportError> for AppError {
    fn from(e: ReportError) -> Self {
        match e {
            ReportError::Month(reason) => AppError::invalid("month", reason),
            ReportError::UnknownRegister(_) => AppError::NotFound,
            ReportError::Db(e) => from_db(e),
        }
    }
}

impl From<IntakeError> for AppError {
    fn from(e: IntakeError) -> Self {
        match e {
            IntakeError::IdempotencyMismatch => {
                AppError::invalid("Idempotency-Key", "was already used with a different request body")
            }
            IntakeError::Db(e) => from_db(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_action_names_each_field() {
        let e =
            AppError::from(ActionError::Invalid("item1_reason: is required; recipients: name them".into()));
        let AppError::Validation(issues) = e else { panic!("not a validation error") };
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["item1_reason", "recipients"]);
    }

    #[test]
    fn an_unreachable_database_is_unavailable() {
        assert!(matches!(AppError::from(DbError::Unavailable("down".into())), AppError::Unavailable(_)));
    }
}
