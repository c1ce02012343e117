//! Background work, run by `dsr-desk serve` and `dsr-desk worker` on any number of instances:
//! the email outbox, general jobs and recurring schedules, all held in PostgreSQL. Workers wake on
//! `LISTEN dsr_work` (NOTIFY from triggers) and poll as a fallback; every unit of work is claimed
//! with `FOR UPDATE SKIP LOCKED` inside the transaction that records its outcome.

pub mod collect;
pub mod monthly;
pub mod outbox;
pub mod reminders;
pub mod runner;
pub mod schedule;
pub mod webhooks;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use diesel_async::AsyncPgConnection;
use futures_util::future::BoxFuture;

use crate::clock::SharedClock;
use crate::config::{Settings, WorkerSettings};
use crate::db::DbPool;
use crate::db::jobs::Job;
use crate::domain::Register;
use crate::email::mailer::Mailer;
use crate::service::retention;
use crate::service::retention::expire_unverified;

pub use runner::Worker;
pub use schedule::{Schedule, ScheduleError};

/// What every job and the outbox sender may use.
#[derive(Clone)]
pub struct JobContext {
    pub pool: DbPool,
    pub clock: SharedClock,
    pub settings: Arc<Settings>,
    pub registers: Arc<Vec<Register>>,
    pub mailer: Arc<Mailer>,
    /// The use cases, for jobs that apply them.
    pub service: crate::service::Context,
    /// The HTTP client and signing keys of objection webhooks.
    pub webhooks: Arc<webhooks::Outbound>,
}

/// One kind of job. `run` gets the connection of the transaction that claimed the job: its writes
/// commit together with the job being marked done, or roll back with the failure recorded.
pub trait JobHandler: Send + Sync {
    fn run<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        ctx: &'a JobContext,
        job: &'a Job,
    ) -> BoxFuture<'a, anyhow::Result<()>>;

    /// After `run` failed and its writes rolled back, in the claiming transaction: writes what must
    /// outlive the failure (the record of an attempt made outside the database). `retry_at` is
    /// when the job runs again, `None` when it is parked as dead.
    fn failed<'a>(
        &'a self,
        _conn: &'a mut AsyncPgConnection,
        _ctx: &'a JobContext,
        _job: &'a Job,
        _error: &'a anyhow::Error,
        _retry_at: Option<DateTime<Utc>>,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async { Ok(()) })
    }
}

/// Context of a job failure that retrying cannot mend (`error.context(Permanent)`): the job is
/// parked as dead at once.
#[derive(Debug, Clone, Copy)]
pub struct Permanent;

impl std::fmt::Display for Permanent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not retried")
    }
}

/// The job kinds and schedules a worker serves.
#[derive(Clone, Default)]
pub struct Registry {
    pub handlers: HashMap<String, Arc<dyn JobHandler>>,
    pub schedules: Vec<Schedule>,
}

impl Registry {
    /// The product's built-in jobs and schedules; a malformed built-in pattern fails start-up.
    pub fn builtin() -> Result<Self, ScheduleError> {
        let mut registry = Self::default()
            .with_handler(
                EXPIRE_UNVERIFIED,
                Step {
                    what: "unverified requests expired",
                    step: |conn, ctx| {
                        Box::pin(async move { Ok(expire_unverified(&ctx.service, conn).await?) })
                    },
                },
            )
            .with_handler(
                reminders::DEADLINE_REMINDERS,
                Step {
                    what: "deadline reminders sent",
                    step: |conn, ctx| Box::pin(reminders::send_due(conn, ctx)),
                },
            )
            .with_handler(
                reminders::PURGE_DOWNLOADS,
                Step {
                    what: "expired answer files deleted",
                    step: |conn, ctx| {
                        Box::pin(async move {
                            let files =
                                crate::db::answers::purge_expired_files(conn, ctx.clock.now()).await?;
                            // Rows collected for requests that closed without an answer's copy.
                            Ok(files + crate::db::collections::purge_closed(conn).await?)
                        })
                    },
                },
            )
            .with_handler(
                reminders::APPLY_RETENTION,
                Step {
                    what: "requests anonymised after their retention period",
                    step: |conn, ctx| {
                        Box::pin(async move { Ok(retention::apply(&ctx.service, conn).await?) })
                    },
                },
            )
            .with_handler(crate::service::collection::COLLECT_JOB, collect::Collect)
            .with_handler(crate::service::collection::ERASE_JOB, collect::Erase)
            .with_handler(
                monthly::MONTHLY_REPORTS,
                Step {
                    what: "monthly deadline reports queued",
                    step: |conn, ctx| Box::pin(monthly::send_due(conn, ctx)),
                },
            )
            .with_handler(webhooks::DELIVER_WEBHOOK, webhooks::DeliverWebhook);
        let schedules = [
            // Unverified requests older than seven days are expired.
            (EXPIRE_UNVERIFIED, "*/15 * * * *"),
            // Hourly, so that each register's local day is covered whatever its time zone; the
            // reminders table keeps it to one per request, kind and day.
            (reminders::DEADLINE_REMINDERS, "5 * * * *"),
            (reminders::PURGE_DOWNLOADS, "20 3 * * *"),
            (reminders::APPLY_RETENTION, "40 2 * * *"),
            // Daily rather than only on the 1st, so that a day lost to an outage is caught up; the
            // `monthly_reports_sent` row keeps it to one report per register and month. 06:10 UTC
            // is already the 1st in Helsinki and Tallinn.
            (monthly::MONTHLY_REPORTS, "10 6 * * *"),
        ];
        for (name, cron) in schedules {
            registry = registry.with_schedule(Schedule::new(name, cron, chrono_tz::UTC, name)?);
        }
        Ok(registry)
    }

    pub fn with_handler(mut self, kind: &str, handler: impl JobHandler + 'static) -> Self {
        self.handlers.insert(kind.to_owned(), Arc::new(handler));
        self
    }

    pub fn with_schedule(mut self, schedule: Schedule) -> Self {
        self.schedules.push(schedule);
        self
    }
}

/// Job kind (and schedule name) of the expiry of unverified requests.
pub const EXPIRE_UNVERIFIED: &str = "expire_unverified";

/// A maintenance job: one step that reports how many things it did, logged as `what` when any.
pub struct Step {
    pub what: &'static str,
    pub step: for<'a> fn(&'a mut AsyncPgConnection, &'a JobContext) -> BoxFuture<'a, anyhow::Result<usize>>,
}

impl JobHandler for Step {
    fn run<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        ctx: &'a JobContext,
        _job: &'a Job,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let n = (self.step)(conn, ctx).await?;
            if n > 0 {
                tracing::info!(count = n, "{}", self.what);
            }
            Ok(())
        })
    }
}

/// When the next attempt after `attempts_made` failed attempts is due, or `None` when the budget
/// is spent: `retry_base_secs` doubling per attempt, at most one hour apart.
pub fn retry_at(settings: &WorkerSettings, attempts_made: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if attempts_made >= settings.max_attempts {
        return None;
    }
    Some(now + backoff(settings, attempts_made))
}

/// When an email that failed transiently `attempts_made` times is tried again: the same backoff
/// as [`retry_at`], for `mail_retry_hours` after it was written (an outage of a day does not lose
/// it), and at least `max_attempts` times (so that one put back with `outbox retry` is tried
/// again); then `None`.
pub fn mail_retry_at(
    settings: &WorkerSettings,
    attempts_made: u32,
    written: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let period = Duration::hours(i64::try_from(settings.mail_retry_hours.min(1 << 20)).unwrap_or(72));
    (now < written + period || attempts_made < settings.max_attempts)
        .then(|| now + backoff(settings, attempts_made))
}

/// `retry_base_secs` doubled per failed attempt after the first, at most one hour.
fn backoff(settings: &WorkerSettings, attempts_made: u32) -> Duration {
    let exponent = attempts_made.saturating_sub(1).min(16);
    let delay = settings.retry_base_secs.saturating_mul(1 << exponent).min(3600);
    Duration::seconds(i64::try_from(delay).unwrap_or(3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour_and_stops_at_the_budget() {
        let settings = WorkerSettings {
            max_attempts: 10,
            retry_base_secs: 30,
            poll_interval_secs: 5,
            mail_retry_hours: 72,
            mail_lease_secs: 600,
        };
        let now = DateTime::<Utc>::from_timestamp(0, 0).unwrap();
        let delays: Vec<i64> =
            (1..10).map(|n| (retry_at(&settings, n, now).unwrap() - now).num_seconds()).collect();
        assert_eq!(delays, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(retry_at(&settings, 10, now), None);
    }

    #[test]
    fn an_email_is_retried_hourly_for_its_retry_period_whatever_the_attempt_count() {
        let settings = WorkerSettings {
            max_attempts: 8,
            retry_base_secs: 30,
            poll_interval_secs: 5,
            mail_retry_hours: 72,
            mail_lease_secs: 600,
        };
        let written = DateTime::<Utc>::from_timestamp(0, 0).unwrap();
        let day = written + Duration::hours(24);
        assert_eq!(mail_retry_at(&settings, 40, written, day), Some(day + Duration::hours(1)));
        assert_eq!(mail_retry_at(&settings, 1, written, written), Some(written + Duration::seconds(30)));
        assert_eq!(mail_retry_at(&settings, 80, written, written + Duration::hours(72)), None);
        // Put back after the period, it still gets the attempt budget.
        let late = written + Duration::hours(100);
        assert_eq!(mail_retry_at(&settings, 1, written, late), Some(late + Duration::seconds(30)));
        assert_eq!(mail_retry_at(&settings, 8, written, late), None);
    }

    #[test]
    fn every_built_in_schedule_parses() {
        let registry = Registry::builtin().unwrap();
        assert_eq!(registry.schedules.len(), 5);
        assert!(registry.schedules.iter().all(|s| registry.handlers.contains_key(&s.job_kind)));
    }
}
