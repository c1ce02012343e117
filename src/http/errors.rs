//! Every service error mapped to [`AppError`], in one place, so that handlers only say `?`.
//! The policy: a missing or another register's record → 404 (indistinguishable), input the user
//! can fix → 422 naming the field, an action the state does not allow → 409, an unreachable
//! database → 503, anything else (a broken invariant, a corrupt row) → an opaque 500.

use crate::db::DbError;
use crate::db::staff::CreateStaffError;
use crate::domain::Msg;
use crate::domain::contact::EmailError;
use crate::error::{AppError, FieldIssue};
use crate::service::admin::AdminError;
use crate::service::intake::IntakeError;
use crate::service::integrations::KeyError;
use crate::service::queue::ActionError;
use crate::service::report::ReportError;
use crate::service::staff::{AddStaffError, ScopeError};

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
            ActionError::Invalid(problems) => AppError::Validation(
                problems.into_iter().map(|p| FieldIssue { field: p.field, reason: p.message }).collect(),
            ),
            ActionError::Db(e) => from_db(e),
        }
    }
}

impl From<AdminError> for AppError {
    fn from(e: AdminError) -> Self {
        match e {
            AdminError::NotFound => AppError::NotFound,
            AdminError::OwnAccount => AppError::invalid("account", Msg::new("refused-admin-own-account")),
            AdminError::LastAdmin => AppError::invalid("account", Msg::new("refused-admin-last-admin")),
            AdminError::OwnPassword => AppError::invalid("account", Msg::new("refused-admin-own-password")),
            AdminError::OwnSecondFactor => AppError::invalid("account", Msg::new("refused-admin-own-factor")),
            AdminError::Scope(e) => AppError::invalid("registers", scope_message(&e)),
            AdminError::UnknownRegister(key) => AppError::invalid("registers", unknown_register(&key)),
            AdminError::Db(e) => from_db(e),
            AdminError::Hash(_) => AppError::Internal(e.into()),
        }
    }
}

impl From<AddStaffError> for AppError {
    fn from(e: AddStaffError) -> Self {
        match e {
            AddStaffError::Email(e) => AppError::invalid("email", email_message(&e)),
            AddStaffError::Create(CreateStaffError::EmailTaken) => {
                AppError::invalid("email", Msg::new("problem-email-taken"))
            }
            AddStaffError::Name => AppError::invalid("name", Msg::new("problem-is-required")),
            AddStaffError::Scope(e) => AppError::invalid("registers", scope_message(&e)),
            AddStaffError::Create(CreateStaffError::UnknownRegister(key)) => {
                AppError::invalid("registers", unknown_register(&key))
            }
            AddStaffError::Db(e) | AddStaffError::Create(CreateStaffError::Db(e)) => from_db(e),
            e @ AddStaffError::Hash(_) => AppError::Internal(e.into()),
        }
    }
}

impl From<KeyError> for AppError {
    fn from(e: KeyError) -> Self {
        match e {
            KeyError::Name => AppError::invalid("name", Msg::new("problem-key-name")),
            KeyError::NoRegister => AppError::invalid("registers", Msg::new("problem-key-no-register")),
            KeyError::UnknownRegister(key) => AppError::invalid("registers", unknown_register(&key)),
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

fn unknown_register(key: &str) -> Msg {
    Msg::new("problem-unknown-register").text("register", key)
}

fn scope_message(e: &ScopeError) -> Msg {
    match e {
        ScopeError::NoRegister => Msg::new("problem-handler-no-register"),
        ScopeError::AdminWithRegisters => Msg::new("problem-admin-with-registers"),
    }
}

fn email_message(e: &EmailError) -> Msg {
    match e {
        EmailError::Empty => Msg::new("problem-is-required"),
        EmailError::TooLong => Msg::new("problem-email-too-long"),
        EmailError::Invalid => Msg::new("problem-email-invalid"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_action_names_each_field() {
        let e = AppError::from(ActionError::Invalid(vec![
            crate::domain::Problem::new("item1_reason", Msg::new("problem-is-required")),
            crate::domain::Problem::new("recipients", Msg::new("problem-recipients-both")),
        ]));
        let AppError::Validation(issues) = e else { panic!("not a validation error") };
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["item1_reason", "recipients"]);
    }

    #[test]
    fn an_unreachable_database_is_unavailable() {
        assert!(matches!(AppError::from(DbError::Unavailable("down".into())), AppError::Unavailable(_)));
    }
}
