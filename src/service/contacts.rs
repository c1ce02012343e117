//! Who receives what is addressed to a register's contact person (the notice of a new request, the
//! monthly report, a reminder nobody else would get): their email address, or, when the register
//! description publishes none, the register's handlers, else every administrator.

use diesel_async::AsyncPgConnection;

use crate::db::{DbError, assignees};
use crate::domain::{Email as Address, Register};

/// The addresses of the contact person's notices for `register`; empty only when the contact
/// person has no email address and no enabled staff member could read the notice.
pub async fn contact_recipients(
    conn: &mut AsyncPgConnection,
    register: &Register,
) -> Result<Vec<Address>, DbError> {
    if let Some(email) = &register.contact.email {
        return Ok(vec![email.clone()]);
    }
    let mut staff = assignees::handler_emails(conn, &register.key).await?;
    if staff.is_empty() {
        staff = assignees::admin_emails(conn).await?;
    }
    let recipients: Vec<Address> = staff.iter().filter_map(|e| Address::parse(e).ok()).collect();
    if recipients.is_empty() {
        tracing::warn!(register = %register.key, "the contact person has no email address and the register no staff: notice not sent");
    }
    Ok(recipients)
}
