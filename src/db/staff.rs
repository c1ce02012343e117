//! The `staff_accounts` and `staff_registers` tables.

use chrono::{DateTime, Utc};
use diesel::expression::{AsExpression, SqlLiteral, UncheckedBind};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{registers, staff_accounts, staff_registers};
use crate::domain::{Language, StaffId, StaffRole};

type EmailIs<'a> =
    SqlLiteral<Bool, UncheckedBind<SqlLiteral<Bool>, <&'a str as AsExpression<Text>>::Expression>>;

/// Matches the account with this email, ignoring case (as the unique index does).
fn email_is(email: &str) -> EmailIs<'_> {
    diesel::dsl::sql::<Bool>("lower(email) = lower(").bind::<Text, _>(email).sql(")")
}

#[derive(Insertable)]
#[diesel(table_name = staff_accounts)]
pub struct NewStaff<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: StaffRole,
    pub password_hash: &'a str,
}

/// Why a staff account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateStaffError {
    #[error("a staff account with this email already exists")]
    EmailTaken,
    #[error("unknown or inactive register `{0}`")]
    UnknownRegister(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<diesel::result::Error> for CreateStaffError {
    fn from(e: diesel::result::Error) -> Self {
        CreateStaffError::Db(e.into())
    }
}

/// Whether an account with this email exists (case-insensitive).
pub async fn exists(conn: &mut AsyncPgConnection, email: &str) -> Result<bool, DbError> {
    let n: i64 = staff_accounts::table.filter(email_is(email)).count().get_result(conn).await?;
    Ok(n > 0)
}

/// Inserts an account and its register grants in one transaction; returns its id.
pub async fn create(
    conn: &mut AsyncPgConnection,
    staff: NewStaff<'_>,
    register_keys: &[String],
) -> Result<StaffId, CreateStaffError> {
    conn.transaction::<_, CreateStaffError, _>(async |conn| {
        if let Some(key) = unknown_register(conn, register_keys).await? {
            return Err(CreateStaffError::UnknownRegister(key));
        }
        let id: StaffId = match diesel::insert_into(staff_accounts::table)
            .values(&staff)
            .returning(staff_accounts::id)
            .get_result(conn)
            .await
        {
            Ok(id) => id,
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {
                return Err(CreateStaffError::EmailTaken);
            }
            Err(e) => return Err(DbError::from(e).into()),
        };
        grant(conn, id, register_keys).await?;
        Ok(id)
    })
    .await
}

/// The first of `keys` that is not an active register, if any.
pub async fn unknown_register(
    conn: &mut AsyncPgConnection,
    keys: &[String],
) -> Result<Option<String>, DbError> {
    let active: Vec<String> = registers::table
        .filter(registers::key.eq_any(keys))
        .filter(registers::active)
        .select(registers::key)
        .load(conn)
        .await?;
    Ok(keys.iter().find(|k| !active.contains(k)).cloned())
}

async fn grant(conn: &mut AsyncPgConnection, staff_id: StaffId, keys: &[String]) -> Result<(), DbError> {
    let grants: Vec<_> = keys
        .iter()
        .map(|k| (staff_registers::staff_id.eq(staff_id), staff_registers::register_key.eq(k)))
        .collect();
    diesel::insert_into(staff_registers::table).values(&grants).execute(conn).await?;
    Ok(())
}

/// Replaces an account's register grants (call inside a transaction).
pub async fn replace_registers(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
    keys: &[String],
) -> Result<(), DbError> {
    diesel::delete(staff_registers::table.filter(staff_registers::staff_id.eq(staff_id)))
        .execute(conn)
        .await?;
    grant(conn, staff_id, keys).await
}

/// Whether any enabled administrator exists.
pub async fn any_admin(conn: &mut AsyncPgConnection) -> Result<bool, DbError> {
    let n: i64 = staff_accounts::table
        .filter(staff_accounts::role.eq(StaffRole::Admin))
        .filter(staff_accounts::disabled_at.is_null())
        .count()
        .get_result(conn)
        .await?;
    Ok(n > 0)
}

/// What sign-in needs of an account.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = staff_accounts)]
pub struct Credentials {
    pub id: StaffId,
    pub password_hash: String,
    pub disabled_at: Option<DateTime<Utc>>,
}

pub async fn credentials(conn: &mut AsyncPgConnection, email: &str) -> Result<Option<Credentials>, DbError> {
    Ok(staff_accounts::table
        .filter(email_is(email))
        .select(Credentials::as_select())
        .first(conn)
        .await
        .optional()?)
}

/// The register keys granted to an account.
pub async fn registers_of(conn: &mut AsyncPgConnection, staff_id: StaffId) -> Result<Vec<String>, DbError> {
    Ok(staff_registers::table
        .filter(staff_registers::staff_id.eq(staff_id))
        .select(staff_registers::register_key)
        .order(staff_registers::register_key)
        .load(conn)
        .await?)
}

pub async fn password_hash(conn: &mut AsyncPgConnection, staff_id: StaffId) -> Result<String, DbError> {
    Ok(staff_accounts::table.find(staff_id).select(staff_accounts::password_hash).first(conn).await?)
}

/// Sets a password chosen by its owner.
pub async fn set_password(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    write_password(conn, staff_id, hash, false, now).await.map(|_| ())
}

/// Sets a generated password that must be changed at the next sign-in; returns the account's email
/// (None: no such account).
pub async fn set_one_time_password(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbError> {
    write_password(conn, staff_id, hash, true, now).await
}

async fn write_password(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
    hash: &str,
    must_change: bool,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbError> {
    Ok(diesel::update(staff_accounts::table.find(staff_id))
        .set((
            staff_accounts::password_hash.eq(hash),
            staff_accounts::must_change_password.eq(must_change),
            staff_accounts::updated_at.eq(now),
        ))
        .returning(staff_accounts::email)
        .get_result(conn)
        .await
        .optional()?)
}

/// An enabled account's id, email and name, by email (case-insensitive).
pub async fn enabled_by_email(
    conn: &mut AsyncPgConnection,
    email: &str,
) -> Result<Option<(StaffId, String, String)>, DbError> {
    Ok(staff_accounts::table
        .filter(email_is(email))
        .filter(staff_accounts::disabled_at.is_null())
        .select((staff_accounts::id, staff_accounts::email, staff_accounts::name))
        .first(conn)
        .await
        .optional()?)
}

/// Sets the language of an account's pages and emails (`None`: the browser's, and the register's for
/// emails).
pub async fn set_language(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
    language: Option<Language>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(staff_accounts::table.find(staff_id))
        .set((staff_accounts::language.eq(language), staff_accounts::updated_at.eq(now)))
        .execute(conn)
        .await?;
    Ok(())
}

/// The language an account chose, if any.
pub async fn language_of(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
) -> Result<Option<Language>, DbError> {
    let found: Option<Option<Language>> =
        staff_accounts::table.find(staff_id).select(staff_accounts::language).first(conn).await.optional()?;
    Ok(found.flatten())
}

/// The language chosen by the enabled account with this email (case-insensitive), if any: an
/// address a register names as its contact person may be a staff member's.
pub async fn language_of_address(
    conn: &mut AsyncPgConnection,
    email: &str,
) -> Result<Option<Language>, DbError> {
    let found: Option<Option<Language>> = staff_accounts::table
        .filter(email_is(email))
        .filter(staff_accounts::disabled_at.is_null())
        .select(staff_accounts::language)
        .first(conn)
        .await
        .optional()?;
    Ok(found.flatten())
}

/// An account's email and name.
pub async fn email_and_name(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
) -> Result<Option<(String, String)>, DbError> {
    Ok(staff_accounts::table
        .find(staff_id)
        .select((staff_accounts::email, staff_accounts::name))
        .first(conn)
        .await
        .optional()?)
}

/// The id of the account with this email (case-insensitive).
pub async fn id_by_email(conn: &mut AsyncPgConnection, email: &str) -> Result<Option<StaffId>, DbError> {
    Ok(staff_accounts::table
        .filter(email_is(email))
        .select(staff_accounts::id)
        .first(conn)
        .await
        .optional()?)
}

/// An account's role and whether it is disabled.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = staff_accounts)]
pub struct AccountState {
    pub role: StaffRole,
    pub disabled_at: Option<DateTime<Utc>>,
}

/// An account's state, locked until the transaction ends.
pub async fn lock(conn: &mut AsyncPgConnection, staff_id: StaffId) -> Result<Option<AccountState>, DbError> {
    Ok(staff_accounts::table
        .find(staff_id)
        .select(AccountState::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()?)
}

/// Locks the enabled administrators and returns their ids: two admins disabling each other at
/// the same moment then queue up here, so one of them always stays.
pub async fn lock_enabled_admins(conn: &mut AsyncPgConnection) -> Result<Vec<StaffId>, DbError> {
    Ok(staff_accounts::table
        .filter(staff_accounts::role.eq(StaffRole::Admin))
        .filter(staff_accounts::disabled_at.is_null())
        .select(staff_accounts::id)
        .for_update()
        .load(conn)
        .await?)
}

/// Disables (`Some(time)`) or enables (`None`) an account.
pub async fn set_disabled(
    conn: &mut AsyncPgConnection,
    staff_id: StaffId,
    disabled_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(staff_accounts::table.find(staff_id))
        .set((staff_accounts::disabled_at.eq(disabled_at), staff_accounts::updated_at.eq(now)))
        .execute(conn)
        .await?;
    Ok(())
}

/// An account as the admin pages list it.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = staff_accounts)]
pub struct StaffRow {
    pub id: StaffId,
    pub email: String,
    pub name: String,
    pub role: StaffRole,
    pub must_change_password: bool,
    pub disabled_at: Option<DateTime<Utc>>,
    #[diesel(column_name = totp_enabled_at)]
    pub second_factor_since: Option<DateTime<Utc>>,
}

/// Every account, by email.
pub async fn list(conn: &mut AsyncPgConnection) -> Result<Vec<StaffRow>, DbError> {
    Ok(staff_accounts::table
        .select(StaffRow::as_select())
        .order((staff_accounts::email, staff_accounts::id))
        .load(conn)
        .await?)
}

/// A register granted to a staff member.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = staff_registers)]
pub struct Grant {
    pub staff_id: StaffId,
    pub register_key: String,
}

/// Every register grant.
pub async fn all_grants(conn: &mut AsyncPgConnection) -> Result<Vec<Grant>, DbError> {
    Ok(staff_registers::table
        .select(Grant::as_select())
        .order((staff_registers::staff_id, staff_registers::register_key))
        .load(conn)
        .await?)
}
