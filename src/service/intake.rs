//! The requester's journey: submit a request (web form or API), prove possession of the email
//! address (link or code), ask for a new code, and the expiry of requests never verified.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use serde_json::json;

use super::{Context, contacts, letters};
use crate::db::{self, DbError, idempotency, requests, suppressions, verifications};
use crate::domain::deadline::{self, Pause};
use crate::domain::event::Actor;
use crate::domain::lifecycle::{Action, IllegalTransition, Status};
use crate::domain::request::{RequestDetails, ValidRequest};
use crate::domain::verification::{self, CodeCheck, Issued, Purpose};
use crate::domain::{
    Email as Address, EventKind, PostalAddress, Reference, Register, RequestId, WebhookEvent,
};
use crate::email::{self, Email};
use crate::outbox::{Outgoing, enqueue};

/// Unverified requests are expired, and their personal data deleted, after this long.
pub const UNVERIFIED_TTL_DAYS: i64 = 7;

/// How a request reached the controller.
pub use crate::domain::RequestChannel as Channel;

/// An idempotency key is answered with its first response for this long; after that the same
/// key makes a new request.
pub const IDEMPOTENCY_TTL_HOURS: i64 = 24;

/// An idempotency key with the fingerprint of the request body it came with, in the scope of the
/// caller it belongs to ([`idempotency_scope`]).
pub struct Idempotency<'a> {
    pub scope: &'a str,
    pub key: &'a str,
    pub fingerprint: Vec<u8>,
}

/// Whose idempotency keys: the keys of one caller never meet another's.
#[derive(Debug, Clone, Copy)]
pub enum KeyOwner<'a> {
    /// A caller with an integration API key.
    ApiKey(crate::domain::ApiKeyId),
    /// An API caller without a key, by client address.
    Address(&'a str),
    /// The web form (its submission ids are random and known only to the page that got one).
    Form,
}

/// The scope of `owner`'s idempotency keys. An address is personal data: the scope holds only its
/// keyed hash, as the rate limits do.
pub fn idempotency_scope(ctx: &Context, owner: KeyOwner<'_>) -> String {
    match owner {
        KeyOwner::ApiKey(id) => format!("api-key:{id}"),
        KeyOwner::Address(address) => format!(
            "api-addr:{}",
            hex::encode(&ctx.hasher.hash(Purpose::RateLimit, &format!("idempotency:{address}"))[..16])
        ),
        KeyOwner::Form => "form".to_owned(),
    }
}

/// The answer to a submission (the same shape for a first submission and for a replay).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Submitted {
    pub reference: String,
    pub status: String,
}

#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error("the idempotency key was already used with a different request")]
    IdempotencyMismatch,
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<diesel::result::Error> for IntakeError {
    fn from(e: diesel::result::Error) -> Self {
        IntakeError::Db(e.into())
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, DbError> {
    serde_json::to_value(value).map_err(|e| DbError::corrupt(format!("not serialisable: {e}")))
}

/// Stores a new request awaiting verification, its first event and the verification email, in one
/// transaction. The response is the same whether or not the address is known anywhere.
pub async fn submit(
    ctx: &Context,
    register: &Register,
    request: &ValidRequest,
    channel: Channel,
    idempotency: Option<Idempotency<'_>>,
) -> Result<Submitted, IntakeError> {
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, IntakeError, _>(async |conn| {
        if let Some(idem) = &idempotency {
            let expired_before = now - Duration::hours(IDEMPOTENCY_TTL_HOURS);
            match idempotency::claim(conn, idem.scope, idem.key, &idem.fingerprint, now, expired_before)
                .await?
            {
                idempotency::Claim::New => {}
                idempotency::Claim::Replay { body, .. } => {
                    return serde_json::from_value(body).map_err(|_| IntakeError::IdempotencyMismatch);
                }
                idempotency::Claim::Mismatch => return Err(IntakeError::IdempotencyMismatch),
            }
        }
        let actor = if channel == Channel::Api { Actor::Integration } else { Actor::Requester };
        let received_on = deadline::receipt_date(register.jurisdiction, now);
        let (id, reference) =
            insert_request(conn, register, request, channel, &actor, received_on, now).await?;
        issue_verification(ctx, conn, register, id, &reference, request, now).await?;
        let submitted = Submitted {
            reference: reference.to_string(),
            status: Status::AwaitingVerification.as_str().to_owned(),
        };
        if let Some(idem) = &idempotency {
            idempotency::store(conn, idem.scope, idem.key, 202, &to_json(&submitted)?).await?;
        }
        Ok(submitted)
    })
    .await
}

/// Inserts a request awaiting verification with its `submitted` event; returns its id and
/// reference.
pub(crate) async fn insert_request(
    conn: &mut AsyncPgConnection,
    register: &Register,
    request: &ValidRequest,
    channel: Channel,
    actor: &Actor,
    received_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(RequestId, Reference), DbError> {
    let details = to_json(&request.details)?;
    let requester = &request.requester;
    let phone = requester.phone.as_ref().map(|p| p.as_str().to_owned());
    let mut inserted = None;
    // A reference collision is astronomically rare; try a fresh one rather than fail.
    for _ in 0..3 {
        let reference = Reference::generate();
        let new = requests::NewRequest {
            reference: &reference,
            register_key: &register.key,
            kind: request.kind,
            channel,
            language: request.language,
            status: Status::AwaitingVerification,
            requester_name: Some(&requester.name),
            requester_email: requester.email.as_ref().map(Address::as_str),
            requester_postal_address: requester.postal_address.as_ref().map(PostalAddress::as_str),
            requester_phone: phone.as_deref(),
            customer_number: requester.customer_number.as_deref(),
            details: details.clone(),
            submitted_at: now,
            received_on,
            created_at: now,
            updated_at: now,
        };
        if let Some(id) = requests::insert_unless_reference_taken(conn, &new).await? {
            inserted = Some((id, reference));
            break;
        }
    }
    let Some((id, reference)) = inserted else {
        return Err(DbError::corrupt("three references drawn in a row were taken"));
    };
    db::events::append(
        conn,
        id,
        reference.as_str(),
        actor,
        EventKind::Submitted,
        json!({
            "channel": channel.as_str(),
            "kind": request.kind.as_str(),
            "language": request.language.as_str(),
            "received_on": received_on,
        }),
        now,
    )
    .await?;
    Ok((id, reference))
}

/// Issues a link token and a code (stored as keyed hashes) and queues the email carrying them.
async fn issue_verification(
    ctx: &Context,
    conn: &mut AsyncPgConnection,
    register: &Register,
    request_id: RequestId,
    reference: &Reference,
    request: &ValidRequest,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let token = verification::new_token();
    let code = verification::new_code();
    let issued = Issued::new(now);
    verifications::insert(
        conn,
        request_id,
        &ctx.hasher.hash(Purpose::VerificationToken, &token),
        &ctx.hasher.hash_code(request_id.0, &code),
        &issued,
    )
    .await?;
    let email = Email::Verification(email::Verification {
        sender: ctx.sender(register, request.language),
        reference: reference.to_string(),
        name: request.requester.name.clone(),
        kind: request.kind,
        link: ctx.link(&format!("/verify/{token}?lang={}", request.language)),
        code,
        expires_at: issued.expires_at,
        jurisdiction: register.jurisdiction,
    });
    // Self-service requests always carry an address (validation requires it).
    let to = request
        .requester
        .email
        .as_ref()
        .ok_or_else(|| DbError::corrupt(format!("request {reference} has no email address to verify")))?;
    enqueue(
        conn,
        &ctx.from,
        Outgoing {
            request_id: Some(request_id),
            register_key: Some(&register.key),
            to,
            reply_to: ctx.reply_to(register).as_ref(),
            language: request.language,
            email,
        },
        now,
    )
    .await?;
    Ok(())
}

/// How the requester proves possession of the address.
#[derive(Debug, Clone, Copy)]
pub enum Proof<'a> {
    /// The link's token.
    Token(&'a str),
    /// The code typed in, for the request with this reference.
    Code { reference: &'a str, code: &'a str },
}

/// The result of a verification attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Verified now: the request is received; `status_token` opens the status page.
    Verified {
        reference: String,
        status_token: String,
    },
    /// This request was verified before.
    AlreadyVerified {
        reference: String,
    },
    Wrong {
        attempts_left: i32,
    },
    Locked,
    Expired,
    /// No such link, reference or request state.
    NotFound,
    /// The register confirms this kind of request by strong electronic identification only.
    IdentificationRequired,
}

/// Checks a link or code and, when it holds, makes the request `received`: the deadline is
/// computed (the time until verification is a pause, LAW.md 1.4 policy 3), an objection writes its
/// suppression entries at once, and the receipt and the contact person's notice are queued.
/// Wrong attempts are recorded (and lock the code after five) even though the answer is an error.
pub async fn verify(ctx: &Context, proof: Proof<'_>) -> Result<Verification, DbError> {
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        // Lock order: request, then its verification row (as every other writer does).
        let request = match proof {
            Proof::Token(token) => {
                if !verification::is_token_shaped(token) {
                    return Ok(Verification::NotFound);
                }
                let hash = ctx.hasher.hash(Purpose::VerificationToken, token);
                let Some(request_id) = verifications::request_of_token(conn, &hash).await? else {
                    return Ok(Verification::NotFound);
                };
                requests::lock_by_id(conn, request_id).await?
            }
            Proof::Code { reference, .. } => match Reference::parse(reference) {
                Ok(reference) => requests::lock_by_reference(conn, &reference).await?,
                Err(_) => None,
            },
        };
        let Some(request) = request else { return Ok(Verification::NotFound) };
        let status = request.status;
        if status != Status::AwaitingVerification {
            return Ok(match status {
                Status::Expired | Status::Withdrawn => Verification::NotFound,
                _ => Verification::AlreadyVerified { reference: request.reference.to_string() },
            });
        }
        // Checked before the code, so that a register demanding strong identification counts no
        // attempt: the email alone can never confirm the request.
        if ctx
            .register(&request.register_key)
            .is_some_and(|r| !r.identification.accepts(request.kind, crate::domain::Proof::Email))
        {
            return Ok(Verification::IdentificationRequired);
        }
        let row = match proof {
            Proof::Token(token) => {
                verifications::lock_by_token(conn, &ctx.hasher.hash(Purpose::VerificationToken, token))
                    .await?
            }
            Proof::Code { .. } => verifications::lock_latest(conn, request.id).await?,
        };
        let Some(row) = row else { return Ok(Verification::NotFound) };
        let check = match proof {
            Proof::Token(_) => verification::check_link(&row.issued(), now),
            Proof::Code { code, .. } => {
                let matched = verification::normalise_code(code)
                    .is_some_and(|code| ctx.hasher.verify_code(request.id.0, &code, &row.code_hash));
                verification::check(&row.issued(), now, matched)
            }
        };
        let method = if matches!(proof, Proof::Token(_)) { "link" } else { "code" };
        match check {
            CodeCheck::Accepted => {}
            CodeCheck::Wrong { attempts_left } => {
                let locked = (attempts_left == 0).then_some(now);
                verifications::record_wrong(conn, row.id, locked).await?;
                db::events::append(
                    conn,
                    request.id,
                    request.reference.as_str(),
                    &Actor::Requester,
                    EventKind::VerificationFailed,
                    json!({ "attempts_left": attempts_left }),
                    now,
                )
                .await?;
                return Ok(if attempts_left == 0 {
                    Verification::Locked
                } else {
                    Verification::Wrong { attempts_left }
                });
            }
            CodeCheck::Locked => return Ok(Verification::Locked),
            CodeCheck::Expired => return Ok(Verification::Expired),
            CodeCheck::Used => {
                return Ok(Verification::AlreadyVerified { reference: request.reference.to_string() });
            }
        }
        let Some(register) = ctx.register(&request.register_key) else { return Ok(Verification::NotFound) };
        verifications::mark_used(conn, row.id, now).await?;
        let status_token = confirm_by_requester(ctx, conn, &request, register, method, now).await?;
        tracing::info!(reference = %request.reference, register = %register.key, method, "request verified");
        Ok(Verification::Verified { reference: request.reference.to_string(), status_token })
    })
    .await
}

/// [`confirm`] for the requester's own proof (`method`: `link`, `code` or `oidc`): the time from
/// submission until now pauses the clock (LAW.md 1.4 policy 3).
pub(crate) async fn confirm_by_requester(
    ctx: &Context,
    conn: &mut AsyncPgConnection,
    request: &requests::RequestRow,
    register: &Register,
    method: &str,
    now: DateTime<Utc>,
) -> Result<String, DbError> {
    let verified_on = deadline::receipt_date(register.jurisdiction, now);
    let pause = Pause { asked_on: request.received_on, answered_on: Some(verified_on) };
    let c = Confirmation { method, actor: &Actor::Requester, pause: Some(pause), notify_contact: true, now };
    confirm(ctx, conn, request, register, c).await
}

/// How a request's identity was confirmed.
pub(crate) struct Confirmation<'a> {
    /// `link`, `code`, or `staff` for a request entered by staff.
    pub method: &'a str,
    pub actor: &'a Actor,
    /// The time from receipt until the confirmation, when it pauses the clock (web and API).
    pub pause: Option<Pause>,
    /// Whether the contact person is told of the new request (not when staff entered it).
    pub notify_contact: bool,
    pub now: DateTime<Utc>,
}

/// Makes a request `received`: its deadlines are computed, an objection writes its suppression
/// entries at once, the receipt with the private status link is queued (and the contact person's
/// notice). Returns the status link's token.
pub(crate) async fn confirm(
    ctx: &Context,
    conn: &mut AsyncPgConnection,
    request: &requests::RequestRow,
    register: &Register,
    c: Confirmation<'_>,
) -> Result<String, DbError> {
    let (now, method) = (c.now, c.method);
    let next = request.status.apply(Action::Verify).map_err(transition_error)?;
    let received = request.received_on;
    let today = deadline::receipt_date(register.jurisdiction, now);
    let pauses: Vec<Pause> = c.pause.into_iter().collect();
    for pause in &pauses {
        requests::add_verification_pause(conn, request.id, *pause).await?;
    }
    let deadlines = deadline::compute(register.jurisdiction, received, &pauses, today);
    let status_token = verification::new_token();
    verifications::invalidate_all(conn, request.id, now).await?;
    requests::mark_verified(
        conn,
        request.id,
        requests::Verified {
            verified_at: now,
            deadline: deadlines.deadline,
            extended_deadline: deadlines.extended_deadline,
            status_token_hash: &ctx.hasher.hash(Purpose::StatusToken, &status_token),
        },
    )
    .await?;
    db::events::append(
        conn,
        request.id,
        request.reference.as_str(),
        c.actor,
        EventKind::Verified,
        json!({
            "method": method,
            "status": next.as_str(),
            "received_on": received,
            "paused_days": deadlines.paused_days,
            "deadline": deadlines.deadline,
            "extended_deadline": deadlines.extended_deadline,
        }),
        now,
    )
    .await?;
    // The request's data are collected from the company's systems (nothing leaves without review).
    let verified = requests::RequestRow { verified_at: Some(now), ..request.clone() };
    super::collection::start_on_verification(conn, &verified, register, now).await?;
    let details: RequestDetails = serde_json::from_value(request.details.clone()).map_err(|e| {
        DbError::corrupt(format!("request {} has unreadable details: {e}", request.reference))
    })?;
    let email = request.requester_email.as_deref().and_then(|e| Address::parse(e).ok());
    if let RequestDetails::Objection { purposes, channels } = &details {
        write_suppressions(conn, request, register, email.as_ref(), purposes, channels, now).await?;
    }
    let language = request.language;
    // By email, or as a letter to a requester without email (entered by staff).
    let delivered = letters::to_requester(
        conn,
        ctx,
        request,
        register,
        Email::Receipt(email::Receipt {
            sender: ctx.sender(register, language),
            reference: request.reference.to_string(),
            name: request.requester_name.clone().unwrap_or_default(),
            received_on: received,
            deadline: deadlines.deadline,
            extended_deadline: deadlines.extended_deadline,
            status_link: ctx.link(&format!("/status/{status_token}?lang={language}")),
            details: details.clone(),
        }),
        now,
    )
    .await?;
    if delivered.is_none() {
        return Err(DbError::corrupt(format!(
            "request {} has neither an email nor a postal address",
            request.reference
        )));
    }
    if c.notify_contact {
        let notice = email::NewRequest {
            sender: ctx.sender(register, register.default_language()),
            reference: request.reference.to_string(),
            kind: details.kind(),
            received_on: received,
            deadline: deadlines.deadline,
            staff_link: ctx.link(&format!("/staff/requests/{}", request.reference)),
        };
        for recipient in contacts::contact_recipients(conn, register).await? {
            let notice =
                email::NewRequest { sender: ctx.sender(register, recipient.language), ..notice.clone() };
            enqueue(
                conn,
                &ctx.from,
                Outgoing {
                    request_id: Some(request.id),
                    register_key: Some(&register.key),
                    to: &recipient.to,
                    reply_to: None,
                    language: recipient.language,
                    email: Email::NewRequest(notice),
                },
                now,
            )
            .await?;
        }
    }
    Ok(status_token)
}

/// A state the row should not have been in when the caller locked it: a broken invariant.
fn transition_error(e: IllegalTransition) -> DbError {
    DbError::corrupt(e)
}

/// Objection to direct marketing is absolute (GDPR Art 21(3)): it takes effect on verification.
async fn write_suppressions(
    conn: &mut AsyncPgConnection,
    request: &requests::RequestRow,
    register: &Register,
    email: Option<&Address>,
    purposes: &[crate::domain::ObjectionPurpose],
    channels: &[crate::domain::ObjectionChannel],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    // A requester without email is suppressed by phone, when one was given.
    let email_id = email.map(Address::normalised);
    let mut identifiers: Vec<(&str, &str)> = email_id.iter().map(|e| ("email", e.as_str())).collect();
    if let Some(phone) = request.requester_phone.as_deref() {
        identifiers.push(("phone", phone));
    }
    let mut entries = Vec::new();
    for (identifier_kind, identifier) in &identifiers {
        for purpose in purposes {
            for channel in channels {
                entries.push(suppressions::NewSuppression {
                    register_key: &register.key,
                    identifier_kind,
                    identifier,
                    purpose: *purpose,
                    channel: *channel,
                });
            }
        }
    }
    let written = suppressions::insert_all(conn, request.id, &entries, now).await?;
    if written > 0 {
        super::webhooks::enqueue(conn, register, request.id, WebhookEvent::ObjectionRecorded, now).await?;
    }
    let purposes: Vec<&str> = purposes.iter().map(|p| p.as_str()).collect();
    let channels: Vec<&str> = channels.iter().map(|c| c.as_str()).collect();
    db::events::append(
        conn,
        request.id,
        request.reference.as_str(),
        &Actor::System,
        EventKind::SuppressionRecorded,
        json!({ "purposes": purposes, "channels": channels, "entries": written }),
        now,
    )
    .await
}

/// Every answer to a request for a new code takes at least this long, so that its timing does not
/// tell whether the reference and address matched (a match writes a code and queues an email).
pub const RESEND_MIN_MILLIS: u64 = 250;

/// Issues a new code and link for an unverified request when `email` matches its address and
/// fewer than five codes were issued in the last 24 hours; earlier codes stop working. Whether
/// anything was sent is not returned: the requester is told the same in every case, after at
/// least [`RESEND_MIN_MILLIS`].
pub async fn resend(ctx: &Context, reference: &str, email: Option<&Address>) -> Result<(), DbError> {
    let answer_at = tokio::time::Instant::now() + std::time::Duration::from_millis(RESEND_MIN_MILLIS);
    let sent = resend_if_matching(ctx, reference, email).await?;
    tracing::info!(sent, "new verification code asked for");
    tokio::time::sleep_until(answer_at).await;
    Ok(())
}

/// [`resend`] without the answer's floor; returns whether a code was sent.
async fn resend_if_matching(
    ctx: &Context,
    reference: &str,
    email: Option<&Address>,
) -> Result<bool, DbError> {
    let Some(email) = email else { return Ok(false) };
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        let Ok(reference) = Reference::parse(reference) else { return Ok(false) };
        let Some(request) = requests::lock_by_reference(conn, &reference).await? else {
            return Ok(false);
        };
        let matches = request.status == Status::AwaitingVerification
            && request.requester_email.as_deref().and_then(|e| Address::parse(e).ok()).as_ref()
                == Some(email);
        if !matches {
            return Ok(false);
        }
        let Some(register) = ctx.register(&request.register_key) else { return Ok(false) };
        if !verification::may_issue(
            verifications::issued_since(conn, request.id, now - Duration::hours(24)).await?,
        ) {
            return Ok(false);
        }
        verifications::invalidate_all(conn, request.id, now).await?;
        let valid = ValidRequest {
            kind: request.kind,
            language: request.language,
            requester: crate::domain::request::Requester {
                name: request.requester_name.clone().unwrap_or_default(),
                email: Some(email.clone()),
                postal_address: None,
                phone: None,
                customer_number: None,
            },
            details: serde_json::from_value(request.details.clone()).map_err(|e| {
                DbError::corrupt(format!("request {} has unreadable details: {e}", request.reference))
            })?,
        };
        issue_verification(ctx, conn, register, request.id, &request.reference, &valid, now).await?;
        db::events::append(
            conn,
            request.id,
            request.reference.as_str(),
            &Actor::Requester,
            EventKind::CodeResent,
            json!({}),
            now,
        )
        .await?;
        Ok(true)
    })
    .await
}
