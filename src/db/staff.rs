//! The `staff_accounts` and `staff_registers` tables.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{registers, staff_accounts, staff_registers};

#[derive(Insertable)]
#[diesel(table_name = staff_accounts)]
pub struct NewStaff<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: &'a str,
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
    let n: i64 = staff_accounts::table
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("lower(email) = lower(")
                .bind::<diesel::sql_types::Text, _>(email)
                .sql(")"),
        )
        .count()
        .get_result(conn)
        .await?;
    Ok(n > 0)
}

/// Inserts an account and its register grants in one transaction; returns its id.
pub async fn create(
    conn: &mut AsyncPgConnection,
    staff: NewStaff<'_>,
    register_keys: &[String],
) -> Result<i64, CreateStaffError> {
    conn.transaction::<_, CreateStaffError, _>(async |conn| {
        for key in register_keys {
            let active: Option<bool> = registers::table
                .find(key)
                .select(registers::active)
                .first(conn)
                .await
                .optional()
                .map_err(DbError::from)?;
            if active != Some(true) {
                return Err(CreateStaffError::UnknownRegister(key.clone()));
            }
        }
        let id: i64 = match diesel::insert_into(staff_accounts::table)
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
        let grants: Vec<_> = register_keys
            .iter()
            .map(|k| (staff_registers::staff_id.eq(id), staff_registers::register_key.eq(k)))
            .collect();
        diesel::insert_into(staff_registers::table)
            .values(&grants)
            .execute(conn)
            .await
            .map_err(DbError::from)?;
        Ok(id)
    })
    .await
}

/// Whether any enabled administrator exists.
pub async fn any_admin(conn: &mut AsyncPgConnection) -> Result<bool, DbError> {
    let n: i64 = staff_accounts::table
        .filter(staff_accounts::role.eq("admin"))
        .filter(staff_accounts::disabled_at.is_null())
        .count()
        .get_result(conn)
        .await?;
    Ok(n > 0)
}

/// What sign-in needs of an account: (id, password hash, disabled).
pub async fn credentials(
    conn: &mut AsyncPgConnection,
    email: &str,
) -> Result<Option<(i64, String, bool)>, DbError> {
    let row: Option<(i64, String, Option<chrono::DateTime<chrono::Utc>>)> = staff_accounts::table
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("lower(email) = lower(")
                .bind::<diesel::sql_types::Text, _>(email)
                .sql(")"),
        )
        .select((staff_accounts::id, staff_accounts::password_hash, staff_accounts::disabled_at))
        .first(conn)
        .await
        .optional()?;
    Ok(row.map(|(id, hash, disabled)| (id, hash, disabled.is_some())))
}

/// The register keys granted to an account.
pub async fn registers_of(conn: &mut AsyncPgConnection, staff_id: i64) -> Result<Vec<String>, DbError> {
    Ok(staff_registers::table
        .filter(staff_registers::staff_id.eq(staff_id))
        .select(staff_registers::register_key)
        .order(staff_registers::register_key)
        .load(conn)
        .await?)
}

pub async fn password_hash(conn: &mut AsyncPgConnection, staff_id: i64) -> Result<String, DbError> {
    Ok(staff_accounts::table.find(staff_id).select(staff_accounts::password_hash).first(conn).await?)
}

pub async fn set_password(
    conn: &mut AsyncPgConnection,
    staff_id: i64,
    hash: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbError> {
    diesel::update(staff_accounts::table.find(staff_id))
        .set((
            staff_accounts::password_hash.eq(hash),
            staff_accounts::must_change_password.eq(false),
            staff_accounts::updated_at.eq(now),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Disables an account and deletes its sessions; returns whether an enabled account matched.
pub async fn disable(
    conn: &mut AsyncPgConnection,
    email: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, DbError> {
    conn.transaction::<_, DbError, _>(async |conn| {
        let id: Option<i64> = diesel::update(
            staff_accounts::table
                .filter(
                    diesel::dsl::sql::<diesel::sql_types::Bool>("lower(email) = lower(")
                        .bind::<diesel::sql_types::Text, _>(email)
                        .sql(")"),
                )
                .filter(staff_accounts::disabled_at.is_null()),
        )
        .set((staff_accounts::disabled_at.eq(now), staff_accounts::updated_at.eq(now)))
        .returning(staff_accounts::id)
        .get_result(conn)
        .await
        .optional()?;
        if let Some(id) = id {
            super::sessions::delete_all_of(conn, id).await?;
        }
        Ok(id.is_some())
    })
    .await
}
