//! Delivering the email outbox (written by [`crate::outbox::enqueue`] inside the transaction of
//! each change): a worker claims a batch under row locks and leases it, so two workers never send
//! the same row; each send is recorded as soon as it is made, and a crash leaves the unsent rows
//! pending (at-least-once, never lost; at most the message in flight is sent twice).

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use lettre::message::Mailbox;

use super::{JobContext, mail_retry_at};
use crate::db::outbox as store;
use crate::db::{self, DbError};
use crate::domain::OutboxId;
use crate::email::Email;
use crate::email::mailer::Envelope;
use crate::telemetry::redact;

/// What happened to one claimed message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Sent { id: OutboxId },
    Retrying { id: OutboxId, at: DateTime<Utc> },
    Dead { id: OutboxId },
}

/// Messages one worker claims at a time: one claim serves this many emails.
pub const BATCH: i64 = 16;

/// How long claimed messages stay leased to their worker (`worker.mail_lease_secs`, ten minutes by
/// default). A batch that fails stops at its first failure, so a lease outlasts any batch by far; a
/// worker that dies leaves its unsent messages due again when it ends.
fn lease(ctx: &JobContext) -> chrono::TimeDelta {
    chrono::TimeDelta::seconds(i64::try_from(ctx.settings.worker.mail_lease_secs.min(86_400)).unwrap_or(600))
}

/// Claims up to [`BATCH`] due messages and sends them one by one; empty when none is due. The
/// claim commits at once (the messages leased to this worker), and each outcome is recorded in a
/// transaction of its own right after its delivery: a crash mid-batch sends again at most the
/// message in flight.
pub async fn send_batch(ctx: &JobContext) -> Result<Vec<Delivery>, DbError> {
    let from = &ctx.service.from;
    let mut conn = db::conn(&ctx.pool).await?;
    let now = ctx.clock.now();
    let leased_until = now + lease(ctx);
    let messages = conn
        .transaction::<_, DbError, _>(async |conn| {
            let messages = store::claim_due(conn, now, BATCH).await?;
            if !messages.is_empty() {
                let ids: Vec<OutboxId> = messages.iter().map(|m| m.id).collect();
                store::lease(conn, &ids, leased_until).await?;
            }
            Ok(messages)
        })
        .await?;
    let mut outcomes = Vec::with_capacity(messages.len());
    let mut messages = messages.into_iter();
    for message in messages.by_ref() {
        let outcome = settle(ctx, &mut conn, from, &message).await?;
        let failed = !matches!(outcome, Delivery::Sent { .. });
        outcomes.push(outcome);
        // After a failure (often the relay being down) the rest of the batch is given back
        // untried, due at once: a batch lasts one SMTP timeout, not one per message.
        if failed {
            break;
        }
    }
    let untried: Vec<OutboxId> = messages.map(|m| m.id).collect();
    if !untried.is_empty() {
        store::release(&mut conn, &untried, leased_until, now).await?;
    }
    Ok(outcomes)
}

/// Sends one claimed message and records the outcome in a short transaction of its own.
// The span is enabled under any log level, so that every line of a delivery names it.
#[tracing::instrument(
    name = "outbox",
    level = "error",
    skip_all,
    fields(outbox_id = message.id.0, template = %message.template)
)]
async fn settle(
    ctx: &JobContext,
    conn: &mut AsyncPgConnection,
    from: &Mailbox,
    message: &store::OutboxMessage,
) -> Result<Delivery, DbError> {
    let result = deliver(ctx, from, message).await;
    let attempts = u32::try_from(message.attempts).unwrap_or(0).saturating_add(1);
    let now = ctx.clock.now();
    match result {
        Ok(()) => {
            record(conn, message.id, now, None).await?;
            tracing::info!(
                outbox_id = message.id.0,
                request_id = message.request_id.map(|r| r.0),
                template = %message.template,
                message_id = %message.message_id,
                "email sent"
            );
            Ok(Delivery::Sent { id: message.id })
        }
        Err(Failure { error, permanent }) => {
            let error = redact(&error);
            // A refusal (5xx) or a message that cannot be built is parked at once; anything else
            // (the relay down, a timeout, 4xx) is retried for `worker.mail_retry_hours`.
            let next = if permanent {
                None
            } else {
                mail_retry_at(&ctx.settings.worker, attempts, message.created_at, now)
            };
            record(conn, message.id, now, Some((&error, next))).await?;
            tracing::warn!(
                outbox_id = message.id.0,
                request_id = message.request_id.map(|r| r.0),
                template = %message.template,
                attempts,
                %error,
                permanent,
                dead = next.is_none(),
                "email not sent"
            );
            Ok(match next {
                Some(at) => Delivery::Retrying { id: message.id, at },
                None => Delivery::Dead { id: message.id },
            })
        }
    }
}

/// Records a send (`failed` is `None`) or a failure with its next attempt, in a transaction of
/// its own that commits without waiting for the disk: delivery is at least once, so losing the
/// last outcomes in a server crash means the same resends, and the intake's commits do not queue
/// behind them.
async fn record(
    conn: &mut AsyncPgConnection,
    id: OutboxId,
    now: DateTime<Utc>,
    failed: Option<(&str, Option<DateTime<Utc>>)>,
) -> Result<(), DbError> {
    conn.transaction::<_, DbError, _>(async |conn| {
        db::commit_without_flush(conn).await?;
        match failed {
            None => store::mark_sent(conn, id, now).await,
            Some((error, next)) => store::mark_failed(conn, id, error, next, now).await,
        }
    })
    .await
}

/// Why a message was not sent, and whether trying again can help.
struct Failure {
    error: String,
    permanent: bool,
}

async fn deliver(ctx: &JobContext, from: &Mailbox, message: &store::OutboxMessage) -> Result<(), Failure> {
    let broken = |error: String| Failure { error, permanent: true };
    let email: Email = serde_json::from_value(message.payload.clone())
        .map_err(|e| broken(format!("unreadable payload for template {}: {e}", message.template)))?;
    let language = message.language;
    let rendered =
        email.render(language).map_err(|e| broken(format!("rendering {}: {e}", message.template)))?;
    ctx.mailer
        .send(Envelope {
            from,
            to: &message.recipient,
            reply_to: message.reply_to.as_deref(),
            message_id: &message.message_id,
            language,
            rendered: &rendered,
        })
        .await
        .map_err(|e| Failure { permanent: e.is_permanent(), error: e.to_string() })
}
