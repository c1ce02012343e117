//! The `registers` table: the configured registers, synced at start-up.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::registers;
use crate::domain::Register;

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = registers)]
struct RegisterRow<'a> {
    key: &'a str,
    register_name: &'a str,
    controller_name: &'a str,
    jurisdiction: &'a str,
    languages: Vec<&'a str>,
    contact_email: &'a str,
    config: serde_json::Value,
    active: bool,
    synced_at: chrono::DateTime<Utc>,
}

/// What a sync changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub upserted: usize,
    pub deactivated: Vec<String>,
}

/// Writes every configured register and marks registers missing from the configuration inactive
/// (their requests and history stay), in one transaction.
/// The stored descriptions of the registers no longer configured (as their files last were).
pub async fn retired(conn: &mut AsyncPgConnection) -> Result<Vec<(String, serde_json::Value)>, DbError> {
    Ok(registers::table
        .filter(registers::active.eq(false))
        .select((registers::key, registers::config))
        .order(registers::key)
        .load(conn)
        .await?)
}

pub async fn sync(conn: &mut AsyncPgConnection, configured: &[Register]) -> Result<SyncReport, DbError> {
    let now = Utc::now();
    let rows: Vec<RegisterRow<'_>> = configured
        .iter()
        .map(|r| {
            Ok(RegisterRow {
                key: &r.key,
                register_name: r.register_name.original(),
                controller_name: &r.controller.name,
                jurisdiction: r.jurisdiction.as_str(),
                languages: r.languages.iter().map(|l| l.as_str()).collect(),
                // Empty when the contact person has no email address (the description in
                // `config` says how they are reached).
                contact_email: r.contact.email.as_ref().map_or("", |e| e.as_str()),
                config: serde_json::to_value(r)
                    .map_err(|e| DbError::corrupt(format!("register {} not serialisable: {e}", r.key)))?,
                active: true,
                synced_at: now,
            })
        })
        .collect::<Result<_, DbError>>()?;
    let keys: Vec<&str> = configured.iter().map(|r| r.key.as_str()).collect();
    let report = conn
        .transaction::<_, diesel::result::Error, _>(async |conn| {
            let mut upserted = 0;
            for row in &rows {
                upserted += diesel::insert_into(registers::table)
                    .values(row)
                    .on_conflict(registers::key)
                    .do_update()
                    .set(row)
                    .execute(conn)
                    .await?;
            }
            let deactivated = diesel::update(registers::table.filter(registers::key.ne_all(&keys)))
                .filter(registers::active.eq(true))
                .set(registers::active.eq(false))
                .returning(registers::key)
                .get_results::<String>(conn)
                .await?;
            Ok(SyncReport { upserted, deactivated })
        })
        .await?;
    Ok(report)
}

/// Keys of the active registers.
pub async fn active_keys(conn: &mut AsyncPgConnection) -> Result<Vec<String>, DbError> {
    Ok(registers::table
        .filter(registers::active.eq(true))
        .select(registers::key)
        .order(registers::key)
        .load(conn)
        .await?)
}

/// Keys of every register ever synced, active or not (a register removed from the configuration
/// keeps its history, and the command-line report can still show it).
pub async fn all_keys(conn: &mut AsyncPgConnection) -> Result<Vec<String>, DbError> {
    Ok(registers::table.select(registers::key).order(registers::key).load(conn).await?)
}

/// Records that the monthly report of `register` for the month starting `month` is being sent;
/// `false` when it already was (call it in the transaction that queues the email).
pub async fn claim_monthly_report(
    conn: &mut AsyncPgConnection,
    register: &str,
    month: chrono::NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, DbError> {
    use super::schema::monthly_reports_sent;
    let inserted = diesel::insert_into(monthly_reports_sent::table)
        .values((
            monthly_reports_sent::register_key.eq(register),
            monthly_reports_sent::month.eq(month),
            monthly_reports_sent::sent_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    Ok(inserted == 1)
}
