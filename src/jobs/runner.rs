//! The worker loop: wakes on NOTIFY or the poll interval, runs due schedules, then drains the
//! outbox and the job queue; stops between units of work when cancelled (SIGTERM drains).

use std::sync::Arc;
use std::time::Duration;

use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use futures_util::StreamExt;
use secrecy::ExposeSecret;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::outbox::{self, Delivery};
use super::{JobContext, Permanent, Registry, retry_at};
use crate::db::{self, DbError, jobs as store};
use crate::telemetry::redact;

/// Counts of one drain, for tests and logs.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Drained {
    pub scheduled: usize,
    pub sent: usize,
    pub retrying: usize,
    pub dead: usize,
    pub jobs_done: usize,
    pub jobs_failed: usize,
}

/// A worker: a [`JobContext`] and the jobs and schedules it serves.
#[derive(Clone)]
pub struct Worker {
    ctx: JobContext,
    registry: Arc<Registry>,
}

impl Worker {
    pub fn new(ctx: JobContext, registry: Registry) -> Self {
        Self { ctx, registry: Arc::new(registry) }
    }

    pub fn context(&self) -> &JobContext {
        &self.ctx
    }

    /// Registers the schedules (first next run computed from now; unchanged ones keep theirs).
    pub async fn register_schedules(&self) -> Result<(), anyhow::Error> {
        let mut conn = db::conn(&self.ctx.pool).await?;
        let now = self.ctx.clock.now();
        for s in &self.registry.schedules {
            let next = s.next_after(now)?;
            store::upsert_schedule(&mut conn, &s.name, &s.cron, s.time_zone.name(), &s.job_kind, next)
                .await?;
        }
        Ok(())
    }

    /// Runs every due schedule occurrence, then sends every due email and runs every due job.
    pub async fn drain(&self) -> Result<Drained, DbError> {
        let mut drained = Drained { scheduled: self.run_schedules().await?, ..Drained::default() };
        loop {
            let batch = outbox::send_batch(&self.ctx).await?;
            if batch.is_empty() {
                break;
            }
            for delivery in batch {
                match delivery {
                    Delivery::Sent { .. } => drained.sent += 1,
                    Delivery::Retrying { .. } => drained.retrying += 1,
                    Delivery::Dead { .. } => drained.dead += 1,
                }
            }
        }
        while let Some(ok) = self.run_next_job().await? {
            if ok {
                drained.jobs_done += 1;
            } else {
                drained.jobs_failed += 1;
            }
        }
        Ok(drained)
    }

    /// Enqueues the job of every due occurrence; returns how many this worker took.
    async fn run_schedules(&self) -> Result<usize, DbError> {
        let mut conn = db::conn(&self.ctx.pool).await?;
        let now = self.ctx.clock.now();
        let mut taken = 0;
        for row in store::due_schedules(&mut conn, now).await? {
            let Some(schedule) = self.registry.schedules.iter().find(|s| s.name == row.name) else {
                continue;
            };
            let next = match schedule.next_after(now) {
                Ok(next) => next,
                Err(e) => {
                    tracing::error!(schedule = %row.name, error = %e, "schedule cannot advance");
                    continue;
                }
            };
            let occurrence = row.next_run_at;
            let took = conn
                .transaction::<_, DbError, _>(async |conn| {
                    if !store::advance_schedule(conn, &row.name, occurrence, next, now).await? {
                        return Ok(false);
                    }
                    let key = format!("schedule:{}:{}", row.name, occurrence.to_rfc3339());
                    let payload = serde_json::json!({ "scheduled_for": occurrence });
                    store::enqueue(conn, &row.job_kind, payload, Some(&key), now, now).await?;
                    Ok(true)
                })
                .await?;
            if took {
                taken += 1;
                tracing::info!(schedule = %row.name, %occurrence, "schedule ran");
            }
        }
        Ok(taken)
    }

    /// Claims and runs the next due job inside its own transaction; `Some(true)` when it succeeded.
    // The span is enabled under any log level, so that every line of a job names it.
    #[tracing::instrument(
        name = "job",
        level = "error",
        skip_all,
        fields(job_id = tracing::field::Empty, kind = tracing::field::Empty)
    )]
    async fn run_next_job(&self) -> Result<Option<bool>, DbError> {
        let mut conn = db::conn(&self.ctx.pool).await?;
        let ctx = &self.ctx;
        let registry = &self.registry;
        conn.transaction::<_, DbError, _>(async |conn| {
            let Some(job) = store::claim_due(conn, ctx.clock.now()).await? else { return Ok(None) };
            tracing::Span::current().record("job_id", job.id.0).record("kind", job.kind.as_str());
            let handler = registry.handlers.get(&job.kind);
            let outcome = match handler {
                None => Err(anyhow::anyhow!("no handler for job kind `{}`", job.kind)),
                Some(handler) => {
                    // A savepoint: a failing job's writes roll back, its failure is still recorded.
                    conn.transaction::<_, JobError, _>(async |conn| {
                        handler.run(conn, ctx, &job).await.map_err(JobError::Job)
                    })
                    .await
                    .map_err(JobError::into_anyhow)
                }
            };
            let now = ctx.clock.now();
            match outcome {
                Ok(()) => {
                    store::mark_done(conn, job.id, now).await?;
                    tracing::info!(job_id = job.id.0, kind = %job.kind, "job done");
                    Ok(Some(true))
                }
                Err(error) => {
                    let attempts = u32::try_from(job.attempts).unwrap_or(0).saturating_add(1);
                    let next = match error.downcast_ref::<Permanent>() {
                        Some(_) => None,
                        None => retry_at(&ctx.settings.worker, attempts, now),
                    };
                    if let Some(handler) = handler {
                        let kept = conn
                            .transaction::<_, JobError, _>(async |conn| {
                                handler.failed(conn, ctx, &job, &error, next).await.map_err(JobError::Job)
                            })
                            .await;
                        if let Err(e) = kept {
                            let e = redact(&format!("{e:#}"));
                            tracing::warn!(job_id = job.id.0, kind = %job.kind, error = %e, "recording a job's failure failed");
                        }
                    }
                    let error = redact(&format!("{error:#}"));
                    store::mark_failed(conn, job.id, &error, next, now).await?;
                    tracing::warn!(job_id = job.id.0, kind = %job.kind, attempts, %error, dead = next.is_none(), "job failed");
                    Ok(Some(false))
                }
            }
        })
        .await
    }

    /// Runs until `cancel` fires: drains on every NOTIFY wake-up and every poll interval.
    pub async fn run(self, cancel: CancellationToken) {
        if let Err(e) = self.register_schedules().await {
            tracing::error!(error = %e, "registering schedules failed; retrying on the next poll");
        }
        let wake = Arc::new(Notify::new());
        let listener = tokio::spawn(listen(
            self.ctx.settings.database.url.expose_secret().to_owned(),
            wake.clone(),
            cancel.clone(),
        ));
        let poll = Duration::from_secs(self.ctx.settings.worker.poll_interval_secs);
        tracing::info!("worker started");
        loop {
            match self.drain().await {
                Ok(d) if d != Drained::default() => tracing::debug!(?d, "worker drained"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "worker pass failed; retrying"),
            }
            tokio::select! {
                _ = cancel.cancelled() => break,
                _ = wake.notified() => {}
                _ = tokio::time::sleep(poll) => {}
            }
        }
        listener.abort();
        tracing::info!("worker stopped");
    }
}

#[derive(Debug, thiserror::Error)]
enum JobError {
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
    #[error("{0:#}")]
    Job(anyhow::Error),
}

impl JobError {
    /// The job's own error as it was returned (so that its context, e.g. [`Permanent`], is kept).
    fn into_anyhow(self) -> anyhow::Error {
        match self {
            JobError::Job(e) => e,
            db @ JobError::Db(_) => anyhow::Error::new(db),
        }
    }
}

/// Holds a dedicated connection on `LISTEN dsr_work` and wakes the worker on each notification;
/// reconnects after a database outage (polling covers the gap).
async fn listen(url: String, wake: Arc<Notify>, cancel: CancellationToken) {
    let mut delay = Duration::from_secs(1);
    while !cancel.is_cancelled() {
        match AsyncPgConnection::establish(&url).await {
            Ok(mut conn) => {
                if diesel::sql_query("LISTEN dsr_work").execute(&mut conn).await.is_ok() {
                    delay = Duration::from_secs(1);
                    // Work may have arrived while no one was listening.
                    wake.notify_one();
                    let mut stream = std::pin::pin!(conn.notifications_stream());
                    loop {
                        tokio::select! {
                            _ = cancel.cancelled() => return,
                            item = stream.next() => match item {
                                Some(Ok(_)) => wake.notify_one(),
                                _ => break,
                            },
                        }
                    }
                }
            }
            Err(e) => tracing::debug!(error = %e, "LISTEN connection failed"),
        }
        tokio::select! {
            _ = cancel.cancelled() => return,
            _ = tokio::time::sleep(delay) => {}
        }
        delay = (delay * 2).min(Duration::from_secs(30));
    }
}
