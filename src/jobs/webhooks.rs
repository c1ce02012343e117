//! The job `deliver_webhook`: one signed POST of an objection event to one endpoint (Standard
//! Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`). A 2xx answer delivers it;
//! 408, 429, 5xx, a timeout or no connection is retried with the queue's backoff under the same
//! `webhook-id`; any other 4xx is final. Every attempt is recorded per endpoint
//! (`webhook_attempts`), a failed one by `failed` once the run's writes rolled back.
//!
//! At least once: a worker that dies after the endpoint answered but before its commit sends the
//! event again with the same id, which receivers use to drop repeats.

use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use diesel_async::AsyncPgConnection;
use futures_util::future::BoxFuture;

use super::{JobContext, JobHandler, Permanent};
use crate::db::jobs::Job;
use crate::db::webhooks::{self, Attempt};
use crate::domain::webhook::{Verdict, WebhookKeys};
use crate::domain::{DeliveryId, DeliveryStatus};
use crate::service::webhooks::body;
use crate::telemetry::redact;

pub use crate::service::webhooks::DELIVER_WEBHOOK;

/// The HTTP client and the endpoints' signing keys.
pub struct Outbound {
    client: reqwest::Client,
    keys: WebhookKeys,
}

impl Outbound {
    pub fn new(keys: WebhookKeys, timeout: Duration) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            // A redirect would send personal data somewhere the register file does not name.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("dsr-desk/", env!("CARGO_PKG_VERSION")))
            .build()
            .context("building the webhook HTTP client")?;
        Ok(Self { client, keys })
    }
}

/// An attempt that reached no 2xx: the endpoint's status, or why there was none.
#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
struct NotDelivered {
    status: Option<u16>,
    reason: String,
}

fn delivery_of(job: &Job) -> anyhow::Result<DeliveryId> {
    job.payload["delivery"]
        .as_i64()
        .map(DeliveryId)
        .context("job payload names no delivery")
        .context(Permanent)
}

fn attempt_number(job: &Job) -> i32 {
    job.attempts.saturating_add(1)
}

/// The `deliver_webhook` handler.
pub struct DeliverWebhook;

impl JobHandler for DeliverWebhook {
    fn run<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        ctx: &'a JobContext,
        job: &'a Job,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let id = delivery_of(job)?;
            let delivery =
                webhooks::find(conn, id).await?.context("the delivery row is gone").context(Permanent)?;
            let endpoint = ctx
                .registers
                .iter()
                .find(|r| r.key == delivery.register_key)
                .and_then(|r| r.webhooks.iter().find(|w| w.name == delivery.endpoint))
                .context("the endpoint is no longer configured")
                .context(Permanent)?;
            let body = body(conn, &delivery)
                .await?
                .context("the request was anonymised; nothing is left to send")
                .context(Permanent)?;
            let key =
                ctx.webhooks.keys.get(&delivery.register_key, &delivery.endpoint).with_context(|| {
                    format!("the signing secret is not set (environment variable {})", endpoint.secret_env)
                })?;
            let now = ctx.clock.now();
            let timestamp = now.timestamp();
            let answer = ctx
                .webhooks
                .client
                .post(&endpoint.url)
                .header("content-type", "application/json")
                .header("webhook-id", &delivery.event_id)
                .header("webhook-timestamp", timestamp.to_string())
                .header("webhook-signature", key.sign(&delivery.event_id, timestamp, &body))
                .body(body)
                .send()
                .await;
            let status = match answer {
                Ok(response) => response.status().as_u16(),
                Err(e) => {
                    // Without the URL: it may carry a token of the receiver's.
                    let reason = redact(&format!("{:#}", anyhow::Error::new(e.without_url())));
                    return Err(NotDelivered { status: None, reason }.into());
                }
            };
            match Verdict::of_status(status) {
                Verdict::Delivered => {
                    let attempt = Attempt {
                        number: attempt_number(job),
                        status_code: Some(status),
                        error: None,
                        at: now,
                    };
                    webhooks::record(conn, id, &attempt, DeliveryStatus::Delivered, None).await?;
                    tracing::info!(
                        register = %delivery.register_key,
                        endpoint = %delivery.endpoint,
                        event = %delivery.event_type,
                        status,
                        "webhook delivered"
                    );
                    Ok(())
                }
                Verdict::Retry => {
                    Err(NotDelivered { status: Some(status), reason: format!("HTTP {status}") }.into())
                }
                Verdict::Refused => Err(anyhow::Error::new(NotDelivered {
                    status: Some(status),
                    reason: format!("HTTP {status}"),
                })
                .context(Permanent)),
            }
        })
    }

    fn failed<'a>(
        &'a self,
        conn: &'a mut AsyncPgConnection,
        ctx: &'a JobContext,
        job: &'a Job,
        error: &'a anyhow::Error,
        retry_at: Option<DateTime<Utc>>,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let Ok(id) = delivery_of(job) else { return Ok(()) };
            let Some(delivery) = webhooks::find(conn, id).await? else { return Ok(()) };
            let (status_code, reason) = match error.downcast_ref::<NotDelivered>() {
                Some(NotDelivered { status: Some(code), .. }) => (Some(*code), None),
                Some(NotDelivered { status: None, reason }) => (None, Some(reason.clone())),
                None => (None, Some(redact(&format!("{error:#}")))),
            };
            let attempt = Attempt {
                number: attempt_number(job),
                status_code,
                error: reason.as_deref(),
                at: ctx.clock.now(),
            };
            let status = if retry_at.is_some() { DeliveryStatus::Failing } else { DeliveryStatus::Failed };
            webhooks::record(conn, id, &attempt, status, retry_at).await?;
            tracing::warn!(
                register = %delivery.register_key,
                endpoint = %delivery.endpoint,
                event = %delivery.event_type,
                status_code,
                retried = retry_at.is_some(),
                "webhook not delivered"
            );
            Ok(())
        })
    }
}
