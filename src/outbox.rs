//! Writing an email to the outbox: a row inserted with the connection of the caller's transaction,
//! so the email exists exactly when the change that causes it commits. Delivery is the worker's
//! (`jobs::outbox`).

use chrono::{DateTime, Utc};
use diesel_async::AsyncPgConnection;
use lettre::message::Mailbox;
use rand::Rng;

use crate::db::DbError;
use crate::db::outbox::{self as store, NewOutboxMessage};
use crate::domain::{Email as Address, Language, RequestId};
use crate::email::Email;

/// An email to send, as the change that causes it describes it.
pub struct Outgoing<'a> {
    pub request_id: Option<RequestId>,
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
    format!("<{}@{}>", hex::encode(bytes), from.email.domain())
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
    let payload = serde_json::to_value(&outgoing.email).map_err(|e| {
        DbError::corrupt(format!("email {} not serialisable: {e}", outgoing.email.template()))
    })?;
    store::insert(
        conn,
        NewOutboxMessage {
            request_id: outgoing.request_id,
            register_key: outgoing.register_key,
            template: outgoing.email.template(),
            language: outgoing.language,
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
