//! The `jobs` and `schedules` tables: background work claimed with `FOR UPDATE SKIP LOCKED`, and
//! recurring schedules whose occurrences are taken by exactly one instance.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{jobs, schedules};
use super::work_queue::{JOBS, StateCount};
use crate::domain::JobId;

/// A claimed job.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = jobs)]
pub struct Job {
    pub id: JobId,
    pub kind: String,
    pub payload: serde_json::Value,
    pub attempts: i32,
    pub run_at: DateTime<Utc>,
}

/// A job as listed for the admin.
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = jobs)]
pub struct JobSummary {
    pub id: JobId,
    pub kind: String,
    pub status: String,
    pub attempts: i32,
    pub run_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// Enqueues a job; with a `dedupe_key` a second enqueue of the same key does nothing. Returns the
/// new job's id, or `None` when the key already existed.
pub async fn enqueue(
    conn: &mut AsyncPgConnection,
    kind: &str,
    payload: serde_json::Value,
    dedupe_key: Option<&str>,
    run_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Option<JobId>, DbError> {
    Ok(diesel::insert_into(jobs::table)
        .values((
            jobs::kind.eq(kind),
            jobs::payload.eq(payload),
            jobs::dedupe_key.eq(dedupe_key),
            jobs::run_at.eq(run_at),
            jobs::created_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .returning(jobs::id)
        .get_result(conn)
        .await
        .optional()?)
}

/// Locks the next due job, skipping rows other workers hold. Call inside a transaction.
pub async fn claim_due(conn: &mut AsyncPgConnection, now: DateTime<Utc>) -> Result<Option<Job>, DbError> {
    Ok(jobs::table
        .filter(jobs::status.eq("pending"))
        .filter(jobs::run_at.le(now))
        .order((jobs::run_at, jobs::id))
        .select(Job::as_select())
        .for_update()
        .skip_locked()
        .first(conn)
        .await
        .optional()?)
}

pub async fn mark_done(conn: &mut AsyncPgConnection, id: JobId, now: DateTime<Utc>) -> Result<(), DbError> {
    JOBS.succeeded(conn, id.0, now).await
}

/// Records a failed run: retried at `retry_at`, or parked as dead when `None`.
pub async fn mark_failed(
    conn: &mut AsyncPgConnection,
    id: JobId,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    JOBS.failed(conn, id.0, error, retry_at, now).await
}

/// Jobs in `status` (all when `None`), newest first.
pub async fn list(
    conn: &mut AsyncPgConnection,
    status: Option<&str>,
    limit: i64,
) -> Result<Vec<JobSummary>, DbError> {
    let mut query =
        jobs::table.select(JobSummary::as_select()).order(jobs::id.desc()).limit(limit).into_boxed();
    if let Some(status) = status {
        query = query.filter(jobs::status.eq(status.to_owned()));
    }
    Ok(query.load(conn).await?)
}

/// Number of jobs per state: `pending`, `failing` (pending after a failed run), `done` and `dead`.
pub async fn counts(conn: &mut AsyncPgConnection) -> Result<Vec<StateCount>, DbError> {
    JOBS.counts(conn).await
}

/// A schedule as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = schedules)]
pub struct ScheduleRow {
    pub name: String,
    pub cron: String,
    pub time_zone: String,
    pub job_kind: String,
    pub next_run_at: DateTime<Utc>,
}

/// Registers a schedule. A new one, or one whose timing changed, gets `next_run_at`; an unchanged
/// one keeps its stored next run so that restarts neither skip nor repeat an occurrence.
pub async fn upsert_schedule(
    conn: &mut AsyncPgConnection,
    name: &str,
    cron: &str,
    time_zone: &str,
    job_kind: &str,
    next_run_at: DateTime<Utc>,
) -> Result<(), DbError> {
    let changed = schedules::cron
        .ne(diesel::upsert::excluded(schedules::cron))
        .or(schedules::time_zone.ne(diesel::upsert::excluded(schedules::time_zone)));
    diesel::insert_into(schedules::table)
        .values((
            schedules::name.eq(name),
            schedules::cron.eq(cron),
            schedules::time_zone.eq(time_zone),
            schedules::job_kind.eq(job_kind),
            schedules::next_run_at.eq(next_run_at),
        ))
        .on_conflict(schedules::name)
        .do_update()
        .set((
            schedules::cron.eq(diesel::upsert::excluded(schedules::cron)),
            schedules::time_zone.eq(diesel::upsert::excluded(schedules::time_zone)),
            schedules::job_kind.eq(diesel::upsert::excluded(schedules::job_kind)),
            schedules::next_run_at.eq(diesel::dsl::case_when(
                changed,
                diesel::upsert::excluded(schedules::next_run_at),
            )
            .otherwise(schedules::next_run_at)),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Schedules due at `now`.
pub async fn due_schedules(
    conn: &mut AsyncPgConnection,
    now: DateTime<Utc>,
) -> Result<Vec<ScheduleRow>, DbError> {
    Ok(schedules::table
        .filter(schedules::next_run_at.le(now))
        .select(ScheduleRow::as_select())
        .order(schedules::name)
        .load(conn)
        .await?)
}

/// Moves a schedule from the occurrence `expected` to `next`; true only for the one caller that
/// made the move (a racing instance sees the row already moved and gets false).
pub async fn advance_schedule(
    conn: &mut AsyncPgConnection,
    name: &str,
    expected: DateTime<Utc>,
    next: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = diesel::update(schedules::table.find(name).filter(schedules::next_run_at.eq(expected)))
        .set((schedules::next_run_at.eq(next), schedules::last_run_at.eq(now)))
        .execute(conn)
        .await?;
    Ok(n == 1)
}
