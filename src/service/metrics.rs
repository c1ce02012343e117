//! What `/metrics` reads from PostgreSQL at each scrape: the work queues' backlog by state, the
//! open requests due within a week and overdue per register, and the pool's use. (Counts of HTTP
//! requests are the instance's own, kept at the edge.)

use super::Context;
use crate::db::request_queue::DeadlineCounts;
use crate::db::work_queue::StateCount;
use crate::db::{self, DbError};
use crate::domain::{Jurisdiction, deadline};

/// Days ahead that count as "due soon".
pub const DUE_SOON_DAYS: u32 = 7;

/// The database's side of a scrape.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub outbox: Vec<StateCount>,
    pub jobs: Vec<StateCount>,
    pub deadlines: Vec<DeadlineCounts>,
    pub pool: PoolUse,
}

/// The connection pool of this instance.
#[derive(Debug, Clone, Copy)]
pub struct PoolUse {
    pub max: usize,
    pub open: usize,
    pub idle: usize,
    /// Callers waiting for a connection.
    pub waiting: usize,
}

/// Reads the snapshot (three queries on one connection).
pub async fn snapshot(ctx: &Context) -> Result<Snapshot, DbError> {
    let status = ctx.pool.status();
    let pool =
        PoolUse { max: status.max_size, open: status.size, idle: status.available, waiting: status.waiting };
    let mut conn = db::conn(&ctx.pool).await?;
    // Helsinki and Tallinn share their offset: one "today" serves every register.
    let today = deadline::receipt_date(Jurisdiction::Fi, ctx.clock.now());
    Ok(Snapshot {
        outbox: db::outbox::counts(&mut conn).await?,
        jobs: db::jobs::counts(&mut conn).await?,
        deadlines: db::request_queue::deadline_counts(&mut conn, today, DUE_SOON_DAYS).await?,
        pool,
    })
}
