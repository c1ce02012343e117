//! The state machine shared by the two work queues, the email outbox and the job table: a row is
//! `pending` until its work succeeds (then `sent` or `done`), a failed attempt is retried at a
//! later time or, once its attempts are spent, parked as `dead` for the admin to re-queue. One
//! implementation writes both tables; each table only names its columns.

use chrono::{DateTime, Utc};
use diesel::sql_types::{BigInt, Text, Timestamptz};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;

/// A table of work items: `id`, `status`, `attempts`, `last_error`, a due-time column and a
/// completion-time column.
#[derive(Debug, Clone, Copy)]
pub struct Queue {
    table: &'static str,
    /// When the next attempt is due.
    due: &'static str,
    /// The status of finished work.
    done: &'static str,
    /// When the work succeeded.
    finished: &'static str,
    /// Further assignments made on success (the outbox empties a payload that may hold secrets).
    on_success: &'static str,
    /// Whether a dead row also records when it was given up (`finished` then holds that time).
    finish_dead: bool,
}

/// `outbox_messages`: `pending` → `sent` | `dead`.
pub const OUTBOX: Queue = Queue {
    table: "outbox_messages",
    due: "next_attempt_at",
    done: "sent",
    finished: "sent_at",
    on_success: ", payload = '{}'::jsonb",
    finish_dead: false,
};

/// `jobs`: `pending` → `done` | `dead`.
pub const JOBS: Queue = Queue {
    table: "jobs",
    due: "run_at",
    done: "done",
    finished: "finished_at",
    on_success: "",
    finish_dead: true,
};

/// How many rows are in one state.
#[derive(Debug, Clone, PartialEq, Eq, diesel::QueryableByName, serde::Serialize)]
pub struct StateCount {
    #[diesel(sql_type = Text)]
    pub state: String,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

impl Queue {
    /// Records a successful attempt.
    pub async fn succeeded(
        &self,
        conn: &mut AsyncPgConnection,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        let sql = format!(
            "UPDATE {t} SET status = '{done}', attempts = attempts + 1, {finished} = $2, last_error = NULL{extra} \
             WHERE id = $1",
            t = self.table,
            done = self.done,
            finished = self.finished,
            extra = self.on_success,
        );
        diesel::sql_query(sql).bind::<BigInt, _>(id).bind::<Timestamptz, _>(now).execute(conn).await?;
        Ok(())
    }

    /// Records a failed attempt: retried at `retry_at`, or parked as dead when `None`.
    pub async fn failed(
        &self,
        conn: &mut AsyncPgConnection,
        id: i64,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        let (t, due, finished) = (self.table, self.due, self.finished);
        let failed = "attempts = attempts + 1, last_error = $2";
        let query = diesel::sql_query(match retry_at {
            Some(_) => format!("UPDATE {t} SET {failed}, {due} = $3 WHERE id = $1"),
            None if self.finish_dead => {
                format!("UPDATE {t} SET {failed}, status = 'dead', {finished} = $3 WHERE id = $1")
            }
            None => format!("UPDATE {t} SET {failed}, status = 'dead' WHERE id = $1"),
        })
        .bind::<BigInt, _>(id)
        .bind::<Text, _>(error);
        match retry_at {
            Some(at) => query.bind::<Timestamptz, _>(at).execute(conn).await?,
            None if self.finish_dead => query.bind::<Timestamptz, _>(now).execute(conn).await?,
            None => query.execute(conn).await?,
        };
        Ok(())
    }

    /// Puts a dead row back in the queue, due now, with a fresh attempt budget; `false` when no
    /// dead row has this id.
    pub async fn revive(
        &self,
        conn: &mut AsyncPgConnection,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, DbError> {
        let sql = format!(
            "UPDATE {t} SET status = 'pending', attempts = 0, {due} = $2 WHERE id = $1 AND status = 'dead'",
            t = self.table,
            due = self.due,
        );
        let n =
            diesel::sql_query(sql).bind::<BigInt, _>(id).bind::<Timestamptz, _>(now).execute(conn).await?;
        Ok(n == 1)
    }

    /// Rows per state: `pending`, `failing` (pending after a failed attempt), done and `dead`.
    pub async fn counts(&self, conn: &mut AsyncPgConnection) -> Result<Vec<StateCount>, DbError> {
        let sql = format!(
            "SELECT CASE WHEN status = 'pending' AND attempts > 0 THEN 'failing' ELSE status END AS state, \
             count(*) AS n FROM {t} GROUP BY 1 ORDER BY 1",
            t = self.table,
        );
        Ok(diesel::sql_query(sql).load(conn).await?)
    }

    /// Rows that failed and were not noticed: dead ones, and pending ones with a failed attempt.
    pub async fn failures(&self, conn: &mut AsyncPgConnection) -> Result<i64, DbError> {
        Ok(self
            .counts(conn)
            .await?
            .into_iter()
            .filter(|c| c.state == "dead" || c.state == "failing")
            .map(|c| c.n)
            .sum())
    }
}
