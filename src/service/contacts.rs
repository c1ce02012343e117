//! Who receives what is addressed to staff, and in which language. The contact person's notices
//! (the notice of a new request, the monthly report, a reminder nobody else would get) go to their
//! email address, or, when the register description publishes none, to the register's handlers,
//! else every administrator. Each recipient reads the email in the language chosen on their
//! profile page, else in the register's first language.

use diesel_async::AsyncPgConnection;

use crate::db::assignees::StaffAddress;
use crate::db::{self, DbError, assignees};
use crate::domain::{Email as Address, Language, Register, StaffId};

/// One recipient of a staff email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRecipient {
    pub to: Address,
    pub language: Language,
}

/// Staff accounts as recipients, each in their own language or the register's.
fn recipients_of(staff: Vec<StaffAddress>, register: &Register) -> Vec<StaffRecipient> {
    staff
        .into_iter()
        .filter_map(|s| {
            let to = Address::parse(&s.email).ok()?;
            Some(StaffRecipient { to, language: s.language.unwrap_or_else(|| register.default_language()) })
        })
        .collect()
}

/// The recipients of the contact person's notices for `register`; empty only when the contact
/// person has no email address and no enabled staff member could read the notice.
pub async fn contact_recipients(
    conn: &mut AsyncPgConnection,
    register: &Register,
) -> Result<Vec<StaffRecipient>, DbError> {
    if let Some(email) = &register.contact.email {
        let language = db::staff::language_of_address(conn, email.as_str())
            .await?
            .unwrap_or_else(|| register.default_language());
        return Ok(vec![StaffRecipient { to: email.clone(), language }]);
    }
    let mut staff = assignees::handler_emails(conn, &register.key).await?;
    if staff.is_empty() {
        staff = assignees::admin_emails(conn).await?;
    }
    let recipients = recipients_of(staff, register);
    if recipients.is_empty() {
        tracing::warn!(register = %register.key, "the contact person has no email address and the register no staff: notice not sent");
    }
    Ok(recipients)
}

/// The recipients of what concerns the handling of one request of `register`: its assignee, else
/// every handler of the register, else the contact person's recipients.
pub async fn handling_recipients(
    conn: &mut AsyncPgConnection,
    register: &Register,
    assignee: Option<StaffId>,
) -> Result<Vec<StaffRecipient>, DbError> {
    let mut staff = match assignee {
        Some(id) => assignees::active_email(conn, id).await?.into_iter().collect(),
        None => Vec::new(),
    };
    if staff.is_empty() {
        staff = assignees::handler_emails(conn, &register.key).await?;
    }
    let recipients = recipients_of(staff, register);
    if recipients.is_empty() {
        return contact_recipients(conn, register).await;
    }
    Ok(recipients)
}

/// One enabled staff member as a recipient (nobody once the account is disabled).
pub async fn staff_recipient(
    conn: &mut AsyncPgConnection,
    register: &Register,
    id: StaffId,
) -> Result<Vec<StaffRecipient>, DbError> {
    let staff = assignees::active_email(conn, id).await?.into_iter().collect();
    Ok(recipients_of(staff, register))
}
