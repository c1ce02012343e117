//! The `collections` and `source_erasures` tables: what each data source's lookups gave for a
//! request, and what its erasure steps did.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{collections as c, requests, source_erasures as se};
use crate::domain::lifecycle::Status;
use crate::domain::sources::{ErasureEffect, Records};
use crate::domain::{CollectionStatus, RequestId};

/// One lookup's result as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = c)]
pub struct CollectionRow {
    pub source: String,
    pub lookup: String,
    pub status: CollectionStatus,
    pub reason: Option<String>,
    pub records: Option<serde_json::Value>,
    pub excluded_rows: Vec<Option<i32>>,
    pub excluded_columns: Vec<Option<String>>,
    pub attempts: i32,
    pub collected_at: Option<DateTime<Utc>>,
}

impl CollectionRow {
    /// The rows collected (`None` when there are none, or they were deleted).
    pub fn records(&self) -> Result<Option<Records>, DbError> {
        self.records
            .clone()
            .map(|v| {
                serde_json::from_value(v).map_err(|e| DbError::corrupt(format!("collections.records: {e}")))
            })
            .transpose()
    }

    pub fn excluded_rows(&self) -> Vec<usize> {
        self.excluded_rows.iter().flatten().filter_map(|r| usize::try_from(*r).ok()).collect()
    }

    pub fn excluded_columns(&self) -> Vec<String> {
        self.excluded_columns.iter().flatten().cloned().collect()
    }
}

/// Marks the lookups `(source, lookup)` of a request as waiting to be collected (again): their
/// rows and exclusions are cleared.
pub async fn start(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    lookups: &[(String, String)],
) -> Result<(), DbError> {
    let rows: Vec<_> = lookups
        .iter()
        .map(|(source, lookup)| {
            (
                c::request_id.eq(request_id),
                c::source.eq(source),
                c::lookup.eq(lookup),
                c::status.eq(CollectionStatus::Pending),
            )
        })
        .collect();
    diesel::insert_into(c::table)
        .values(rows)
        .on_conflict((c::request_id, c::source, c::lookup))
        .do_update()
        .set((
            c::status.eq(excluded(c::status)),
            c::reason.eq(None::<String>),
            c::records.eq(None::<serde_json::Value>),
            c::excluded_rows.eq(Vec::<Option<i32>>::new()),
            c::excluded_columns.eq(Vec::<Option<String>>::new()),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Stores one lookup's outcome.
#[allow(clippy::too_many_arguments)]
pub async fn record(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    source: &str,
    lookup: &str,
    status: CollectionStatus,
    reason: Option<&str>,
    records: Option<&Records>,
    attempts: i32,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let records = records
        .map(serde_json::to_value)
        .transpose()
        .map_err(|e| DbError::corrupt(format!("records do not serialise: {e}")))?;
    diesel::update(c::table.find((request_id, source, lookup)))
        .set((
            c::status.eq(status),
            c::reason.eq(reason),
            c::records.eq(records),
            c::attempts.eq(c::attempts + attempts),
            c::collected_at.eq(now),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Every lookup result of a request, by source and lookup.
pub async fn of_request(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
) -> Result<Vec<CollectionRow>, DbError> {
    Ok(c::table
        .filter(c::request_id.eq(request_id))
        .order((c::source, c::lookup))
        .select(CollectionRow::as_select())
        .load(conn)
        .await?)
}

/// Adds rows (by index) and columns to what is left out of the answer; whether the lookup exists.
pub async fn exclude(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    source: &str,
    lookup: &str,
    rows: &[i32],
    columns: &[String],
) -> Result<bool, DbError> {
    let Some(current) = c::table
        .find((request_id, source, lookup))
        .select(CollectionRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()?
    else {
        return Ok(false);
    };
    let mut excluded_rows: Vec<Option<i32>> = current.excluded_rows;
    excluded_rows
        .extend(rows.iter().map(|r| Some(*r)).filter(|r| !excluded_rows.contains(r)).collect::<Vec<_>>());
    let mut excluded_columns = current.excluded_columns;
    for column in columns {
        if !excluded_columns.iter().flatten().any(|c| c == column) {
            excluded_columns.push(Some(column.clone()));
        }
    }
    diesel::update(c::table.find((request_id, source, lookup)))
        .set((c::excluded_rows.eq(excluded_rows), c::excluded_columns.eq(excluded_columns)))
        .execute(conn)
        .await?;
    Ok(true)
}

/// Deletes the collected rows of a request (its statuses stay).
pub async fn delete_records(conn: &mut AsyncPgConnection, request_id: RequestId) -> Result<usize, DbError> {
    Ok(diesel::update(c::table.filter(c::request_id.eq(request_id)).filter(c::records.is_not_null()))
        .set(c::records.eq(None::<serde_json::Value>))
        .execute(conn)
        .await?)
}

/// Deletes the collected rows of every closed request (the answer's copy, when there is one, is
/// kept with the answer's files for as long as its link works).
pub async fn purge_closed(conn: &mut AsyncPgConnection) -> Result<usize, DbError> {
    let closed = requests::table
        .filter(requests::status.eq_any([
            Status::Completed,
            Status::Refused,
            Status::Withdrawn,
            Status::Expired,
        ]))
        .select(requests::id);
    Ok(diesel::update(c::table.filter(c::request_id.eq_any(closed)).filter(c::records.is_not_null()))
        .set(c::records.eq(None::<serde_json::Value>))
        .execute(conn)
        .await?)
}

/// One erasure step's outcome as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = se)]
pub struct ErasureRow {
    pub source: String,
    pub step: String,
    pub status: String,
    pub effect: String,
    pub rows_affected: Option<i64>,
    pub reason: Option<String>,
    pub run_at: Option<DateTime<Utc>>,
}

/// Stores one erasure step's outcome (`done` or `failed`).
#[allow(clippy::too_many_arguments)]
pub async fn record_erasure(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    source: &str,
    step: &str,
    effect: ErasureEffect,
    outcome: Result<Option<u64>, &str>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let effect = match effect {
        ErasureEffect::Erased => "erased",
        ErasureEffect::Anonymised => "anonymised",
    };
    let (status, rows, reason) = match outcome {
        Ok(rows) => ("done", rows.and_then(|r| i64::try_from(r).ok()), None),
        Err(reason) => ("failed", None, Some(reason)),
    };
    diesel::insert_into(se::table)
        .values((
            se::request_id.eq(request_id),
            se::source.eq(source),
            se::step.eq(step),
            se::status.eq(status),
            se::effect.eq(effect),
            se::rows_affected.eq(rows),
            se::reason.eq(reason),
            se::run_at.eq(now),
        ))
        .on_conflict((se::request_id, se::source, se::step))
        .do_update()
        .set((
            se::status.eq(excluded(se::status)),
            se::rows_affected.eq(excluded(se::rows_affected)),
            se::reason.eq(excluded(se::reason)),
            se::run_at.eq(excluded(se::run_at)),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Every erasure step outcome of a request.
pub async fn erasures_of(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
) -> Result<Vec<ErasureRow>, DbError> {
    Ok(se::table
        .filter(se::request_id.eq(request_id))
        .order((se::source, se::step))
        .select(ErasureRow::as_select())
        .load(conn)
        .await?)
}
