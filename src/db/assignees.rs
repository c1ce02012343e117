//! Who works a register's requests: the staff a request may be assigned to, and who gets its
//! reminders.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{staff_accounts, staff_registers};
use crate::domain::{Language, StaffId, StaffRole};

/// A staff member as offered for assignment.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = staff_accounts)]
pub struct StaffName {
    pub id: StaffId,
    pub name: String,
}

/// Active staff who may handle requests of `register`: admins and the register's handlers, by
/// name.
pub async fn eligible_for(conn: &mut AsyncPgConnection, register: &str) -> Result<Vec<StaffName>, DbError> {
    let granted = staff_registers::table
        .filter(staff_registers::register_key.eq(register.to_owned()))
        .select(staff_registers::staff_id);
    Ok(staff_accounts::table
        .filter(staff_accounts::disabled_at.is_null())
        .filter(staff_accounts::role.eq(StaffRole::Admin).or(staff_accounts::id.eq_any(granted)))
        .select(StaffName::as_select())
        .order((staff_accounts::name, staff_accounts::id))
        .load(conn)
        .await?)
}

/// A staff member an email goes to: the address and the language chosen on the profile page.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = staff_accounts)]
pub struct StaffAddress {
    pub email: String,
    pub language: Option<Language>,
}

/// The active handlers granted `register` (reminders of unassigned requests).
pub async fn handler_emails(
    conn: &mut AsyncPgConnection,
    register: &str,
) -> Result<Vec<StaffAddress>, DbError> {
    Ok(staff_accounts::table
        .inner_join(staff_registers::table)
        .filter(staff_registers::register_key.eq(register))
        .filter(staff_accounts::disabled_at.is_null())
        .filter(staff_accounts::role.eq(StaffRole::Handler))
        .select(StaffAddress::as_select())
        .order(staff_accounts::email)
        .load(conn)
        .await?)
}

/// The enabled administrators (who see every register).
pub async fn admin_emails(conn: &mut AsyncPgConnection) -> Result<Vec<StaffAddress>, DbError> {
    Ok(staff_accounts::table
        .filter(staff_accounts::disabled_at.is_null())
        .filter(staff_accounts::role.eq(StaffRole::Admin))
        .select(StaffAddress::as_select())
        .order(staff_accounts::email)
        .load(conn)
        .await?)
}

/// An active staff account.
pub async fn active_email(
    conn: &mut AsyncPgConnection,
    id: StaffId,
) -> Result<Option<StaffAddress>, DbError> {
    Ok(staff_accounts::table
        .find(id)
        .filter(staff_accounts::disabled_at.is_null())
        .select(StaffAddress::as_select())
        .first(conn)
        .await
        .optional()?)
}

/// The id and name of a staff account, enabled or not (a former assignee keeps their name).
pub async fn name_of(conn: &mut AsyncPgConnection, id: StaffId) -> Result<Option<StaffName>, DbError> {
    Ok(staff_accounts::table.find(id).select(StaffName::as_select()).first(conn).await.optional()?)
}

/// The ids and names of the accounts `ids`, enabled or not (the timeline names who acted).
pub async fn names_of(conn: &mut AsyncPgConnection, ids: &[StaffId]) -> Result<Vec<StaffName>, DbError> {
    Ok(staff_accounts::table
        .filter(staff_accounts::id.eq_any(ids))
        .select(StaffName::as_select())
        .load(conn)
        .await?)
}
