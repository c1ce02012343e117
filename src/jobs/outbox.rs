//! The email outbox: enqueue inside the caller's transaction; deliver from a worker that holds
//! the row lock while sending, so two workers never send the same row, and a crash mid-send leaves
//! the row pending (at-least-once, never lost).

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use lettre::message::Mailbox;
use rand::Rng;

use super::{JobContext, retry_at};
use crate::db::outbox::{self as store, NewOutboxMessage};
use crate::db::{self, DbError};
use crate::domain::{Email as Address, Language};
use crate::email::Email;
use crate::email::mailer::Envelope;
use crate::telemetry::redact;

/// An email to send, as the change that causes it describes it.
pub struct Outgoing<'a> {
    pub request_id: Option<i64>,
    pub register_key: Option<&'a str>,
    pub to: &'a Address,
    pub reply_to: Option<&'a Address>,
    pub language: Language,
    pub email: Email,
}

/// A fresh Message-ID in the sender's domain.
fn new_message_id(from: &Mailbox) -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("<{hex}@{}>", from.email.domain())
}

/// Writes the email to the outbox with the connection of the caller's transaction: it is sent only
/// if that transaction commits. Returns the stored Message-ID.
pub async fn enqueue(
    conn: &mut AsyncPgConnection,
    from: &Mailbox,
    outgoing: Outgoing<'_>,
    now: DateTime<Utc>,
) -> Result<String, DbError> {
    let message_id = new_message_id(from);
    let payload = serde_json::to_value(&outgoing.email)
        .map_err(|e| DbError::Query(diesel::result::Error::SerializationError(e.into())))?;
    store::insert(
        conn,
        NewOutboxMessage {
            request_id: outgoing.request_id,
            register_key: outgoing.register_key,
            template: outgoing.email.template(),
            language: outgoing.language.as_str(),
            recipient: outgoing.to.as_str(),
            reply_to: outgoing.reply_to.map(Address::as_str),
            payload,
            message_id: &message_id,
            next_attempt_at: now,
            created_at: now,
        },
    )
    .await?;
    Ok(message_id)
}

/// What happened to one claimed message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Sent { id: i64 },
    Retrying { id: i64, at: DateTime<Utc> },
    Dead { id: i64 },
}

/// Messages one worker claims per transaction: one claim and one commit serve this many emails,
/// and at most this many are sent again if the worker dies mid-batch.
pub const BATCH: i64 = 16;

/// Claims up to [`BATCH`] due messages and sends them one by one; empty when none is due.
pub async fn send_batch(ctx: &JobContext) -> Result<Vec<Delivery>, DbError> {
    let from: Mailbox = ctx
        .settings
        .mail
        .from
        .parse()
        .map_err(|e: lettre::address::AddressError| DbError::Unavailable(format!("mail.from: {e}")))?;
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
            let outcome = settle(ctx, conn, &from, &message).await?;
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
    fields(outbox_id = message.id, template = %message.template)
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
                outbox_id = message.id,
                request_id = message.request_id,
                template = %message.template,
                message_id = %message.message_id,
                "email sent"
            );
            Ok(Delivery::Sent { id: message.id })
        }
        Err(error) => {
            let error = redact(&error);
            let next = retry_at(&ctx.settings.worker, attempts, ctx.clock.now());
            store::mark_failed(conn, message.id, &error, next).await?;
            tracing::warn!(
                outbox_id = message.id,
                request_id = message.request_id,
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
    let language: Language = message.language.parse().map_err(|e| format!("{e}"))?;
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
