//! The data-source jobs: collecting a request's data from the company's systems after
//! verification (or when a handler re-runs a source), and running an approved erasure there
//! (`service::collection`).

use diesel_async::AsyncPgConnection;
use futures_util::future::BoxFuture;

use super::{JobContext, JobHandler};
use crate::db::jobs::Job;
use crate::service::collection::{self, CollectJob};

/// Collects (`collection::COLLECT_JOB`).
pub struct Collect;

impl JobHandler for Collect {
    fn run<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        ctx: &'a JobContext,
        job: &'a Job,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let payload: CollectJob = serde_json::from_value(job.payload.clone())?;
            let n = collection::collect(&ctx.service, conn, &payload).await?;
            tracing::info!(lookups = n, "data collected");
            Ok(())
        })
    }
}

/// Erases (`collection::ERASE_JOB`).
pub struct Erase;

#[derive(serde::Deserialize)]
struct EraseJob {
    request_id: crate::domain::RequestId,
}

impl JobHandler for Erase {
    fn run<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        ctx: &'a JobContext,
        job: &'a Job,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let payload: EraseJob = serde_json::from_value(job.payload.clone())?;
            let n = collection::erase(&ctx.service, conn, payload.request_id).await?;
            tracing::info!(steps = n, "erasure steps run in the data sources");
            Ok(())
        })
    }
}
