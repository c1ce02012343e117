//! The `rate_limits` table: fixed-window counters shared by every instance.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::rate_limits;

/// Counts one hit in `bucket` for the window starting at `window_start`; returns the hits so far.
pub async fn hit(
    conn: &mut AsyncPgConnection,
    bucket: &str,
    window_start: DateTime<Utc>,
) -> Result<i32, DbError> {
    conn.transaction::<_, DbError, _>(async |conn| {
        // All hits of one client update one row: without waiting for the disk flush the row lock is
        // released at once. A crash may lose the last few counts, which a rate limit can afford.
        super::commit_without_flush(conn).await?;
        Ok(diesel::insert_into(rate_limits::table)
            .values((
                rate_limits::bucket.eq(bucket),
                rate_limits::window_start.eq(window_start),
                rate_limits::hits.eq(1),
            ))
            .on_conflict((rate_limits::bucket, rate_limits::window_start))
            .do_update()
            .set(rate_limits::hits.eq(rate_limits::hits + 1))
            .returning(rate_limits::hits)
            .get_result(conn)
            .await?)
    })
    .await
}

/// Takes back one hit counted by [`hit`] (a sign-in that succeeded is not a failure); never
/// below zero.
pub async fn take_back(
    conn: &mut AsyncPgConnection,
    bucket: &str,
    window_start: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(rate_limits::table.find((bucket, window_start)).filter(rate_limits::hits.gt(0)))
        .set(rate_limits::hits.eq(rate_limits::hits - 1))
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes windows that ended before `before`.
pub async fn purge(conn: &mut AsyncPgConnection, before: DateTime<Utc>) -> Result<usize, DbError> {
    Ok(diesel::delete(rate_limits::table.filter(rate_limits::window_start.lt(before))).execute(conn).await?)
}

/// Hits so far in `bucket` for the window starting at `window_start` (without counting one).
pub async fn count(
    conn: &mut AsyncPgConnection,
    bucket: &str,
    window_start: DateTime<Utc>,
) -> Result<i32, DbError> {
    Ok(rate_limits::table
        .find((bucket, window_start))
        .select(rate_limits::hits)
        .first(conn)
        .await
        .optional()?
        .unwrap_or(0))
}
