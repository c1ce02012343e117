//! Delivering the email outbox (written by [`crate::outbox::enqueue`] inside the transaction of
//! each change): a worker holds the row lock while sending, so two workers never send the same
//! row, and a crash mid-send leaves the row pending (at-least-once, never lost).

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use lettre::message::Mailbox;

use super::{JobContext, retry_at};
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

/// Messages one worker claims per transaction: one claim and one commit serve this many emails,
/// and at most this many are sent again if the worker dies mid-batch.
pub const BATCH: i64 = 16;

/// Claims up to [`BATCH`] due messages and sends them one by one; empty when none is due.
pub async fn send_batch(ctx: &JobContext) -> Result<Vec<Delivery>, DbError> {
    let from = &ctx.service.from;
    let mut conn = db::conn(&ctx.pool).await?;
    let now = ctx.clock.now();
    conn.transaction::<_, DbError, _>(async |conn| {
        let messages = store::claim_due(conn, now, BATCH).await?;
        if messages.is_empty() {
            return Ok(Vec::new());
        }
        // Delivery is at least once (a crash between the sends and this commit sends them again,
        // with the same Message-IDs), so the outcome need not wait for the disk: losing it in a
        // server crash means the same resends, and the intake's commits do not queue behind it.
        db::commit_without_flush(conn).await?;
        let mut outcomes = Vec::with_capacity(messages.len());
        for message in messages {
            let outcome = settle(ctx, conn, from, &message).await?;
            let failed = !matches!(outcome, Delivery::Sent { .. });
            outcomes.push(outcome);
            // After a failure (often the relay being down) the rest of the batch is released
            // untried at commit, to be claimed again at once: a transaction then lasts one
            // SMTP timeout, not one per message of the batch.
            if failed {
                break;
            }
        }
        Ok(outcomes)
    })
    .await
}

/// Sends one claimed message and records the outcome in the claiming transaction.
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
    match result {
        Ok(()) => {
            store::mark_sent(conn, message.id, ctx.clock.now()).await?;
            tracing::info!(
                outbox_id = message.id.0,
                request_id = message.request_id.map(|r| r.0),
                template = %message.template,
                message_id = %message.message_id,
                "email sent"
            );
            Ok(Delivery::Sent { id: message.id })
        }
        Err(error) => {
            let error = redact(&error);
            let next = retry_at(&ctx.settings.worker, attempts, ctx.clock.now());
            store::mark_failed(conn, message.id, &error, next, ctx.clock.now()).await?;
            tracing::warn!(
                outbox_id = message.id.0,
                request_id = message.request_id.map(|r| r.0),
                template = %message.template,
                attempts,
                %error,
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

async fn deliver(ctx: &JobContext, from: &Mailbox, message: &store::OutboxMessage) -> Result<(), String> {
    let email: Email = serde_json::from_value(message.payload.clone())
        .map_err(|e| format!("unreadable payload for template {}: {e}", message.template))?;
    let language = message.language;
    let rendered = email.render(language).map_err(|e| format!("rendering {}: {e}", message.template))?;
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
        .map_err(|e| e.to_string())
}
