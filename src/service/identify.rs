//! Strong electronic identification of requesters (OpenID Connect): confirming a request by
//! identifying, and opening an answer by identifying again as the same person.
//!
//! A sign-in in flight lives in `oidc_flows` (any instance may receive the provider's answer):
//! the keyed hashes of its `state` and of a cookie binding it to the browser that started it, the
//! nonce and PKCE verifier, and what it is for. The provider's answer takes the row out whatever
//! it says. Of a successful identification only the name as returned, the `acr` and a keyed hash
//! of the national identifier are kept; the identifier and the tokens are dropped.

use chrono::{DateTime, Duration, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use serde_json::json;

use super::Context;
use super::intake::confirm_by_requester;
use super::oidc::{self, OidcError};
use crate::config::IdentityProvider;
use crate::db::{self, DbError, answers, identification, requests, verifications};
use crate::domain::event::Actor;
use crate::domain::lifecycle::Status;
use crate::domain::verification::{self, Purpose};
use crate::domain::{EventKind, IdentityMethod, Language, Proof, Reference, RequestId};

/// The path of the redirect URI every provider sends its answer to.
pub const CALLBACK_PATH: &str = "/identify/callback";

/// What a requester identifies for.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// The request with this reference, just submitted in this browser.
    Submitted(&'a str),
    /// The request of this emailed verification link.
    VerificationLink(&'a str),
    /// The answer of this download link.
    Download(&'a str),
}

/// A sign-in started: send the browser to `url` with `cookie` set.
#[derive(Debug, Clone)]
pub struct Started {
    pub url: String,
    /// The value of the cookie binding the sign-in to this browser.
    pub cookie: String,
}

/// Why a sign-in could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// No such provider, request or link, or it cannot be identified for (already confirmed,
    /// strong identification not accepted, an answer of no identified person).
    #[error("nothing to identify for")]
    NotFound,
    #[error(transparent)]
    Provider(#[from] OidcError),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The providers offered for confirming a request of `kind` in `register`, when it accepts
/// strong identification.
pub fn offered<'a>(
    ctx: &'a Context,
    register: &crate::domain::Register,
    kind: Option<crate::domain::RequestKind>,
) -> Vec<&'a IdentityProvider> {
    let accepts = match kind {
        Some(kind) => register.identification.accepts(kind, Proof::Oidc),
        None => {
            crate::domain::RequestKind::ALL.iter().any(|k| register.identification.accepts(*k, Proof::Oidc))
        }
    };
    if accepts { ctx.settings.identity.providers.iter().collect() } else { Vec::new() }
}

fn provider<'a>(ctx: &'a Context, key: &str) -> Option<&'a IdentityProvider> {
    ctx.settings.identity.providers.iter().find(|p| p.key == key)
}

/// Starts a sign-in with the provider `provider_key` for `target`, in `language`.
pub async fn start(
    ctx: &Context,
    provider_key: &str,
    target: Target<'_>,
    language: Language,
) -> Result<Started, StartError> {
    let p = provider(ctx, provider_key).ok_or(StartError::NotFound)?;
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    let (purpose, request_id, download) = match target {
        Target::Submitted(reference) => {
            let reference = Reference::parse(reference).map_err(|_| StartError::NotFound)?;
            let row =
                requests::find_by_reference(&mut conn, &reference).await?.ok_or(StartError::NotFound)?;
            ("verify", confirmable(ctx, &row)?, None)
        }
        Target::VerificationLink(token) => {
            if !verification::is_token_shaped(token) {
                return Err(StartError::NotFound);
            }
            let hash = ctx.hasher.hash(Purpose::VerificationToken, token);
            let id = verifications::request_of_token(&mut conn, &hash).await?.ok_or(StartError::NotFound)?;
            let row = requests::lock_by_id(&mut conn, id).await?.ok_or(StartError::NotFound)?;
            ("verify", confirmable(ctx, &row)?, None)
        }
        Target::Download(token) => {
            if !verification::is_token_shaped(token) {
                return Err(StartError::NotFound);
            }
            let hash = ctx.hasher.hash(Purpose::DownloadToken, token);
            let answer = answers::by_download_token(&mut conn, &hash).await?.ok_or(StartError::NotFound)?;
            let open = answer.download_expires_at.is_some_and(|until| now < until);
            let known = identification::of_request(&mut conn, answer.request_id)
                .await?
                .is_some_and(|i| i.person_hash.is_some());
            if !(open && known) {
                return Err(StartError::NotFound);
            }
            ("download", answer.request_id, Some(token))
        }
    };
    let state = verification::new_token();
    let nonce = verification::new_token();
    let browser = verification::new_token();
    let redirect = ctx.link(CALLBACK_PATH);
    // Every identification authenticates afresh: a session left at the provider on a shared
    // computer must not identify the next person.
    let authorization = ctx.oidc.authorize(p, &redirect, &state, &nonce, true).await?;
    let flow = identification::Flow {
        state_hash: ctx.hasher.hash(Purpose::OidcState, &state),
        browser_hash: ctx.hasher.hash(Purpose::OidcBrowser, &browser),
        purpose: purpose.to_owned(),
        provider: p.key.clone(),
        nonce,
        pkce_verifier: authorization.pkce_verifier,
        request_id: Some(request_id),
        language,
        created_at: now,
        expires_at: now + Duration::minutes(i64::from(ctx.settings.identity.flow_minutes)),
    };
    identification::insert_flow(&mut conn, &flow).await?;
    // The download token rides in the browser's own cookie (it came from its address bar): the
    // database keeps only its hash.
    let cookie = match download {
        Some(token) => format!("{browser}.{token}"),
        None => browser,
    };
    Ok(Started { url: authorization.url, cookie })
}

/// A request that strong identification may confirm: awaiting verification, of a register that
/// accepts it for its kind.
fn confirmable(ctx: &Context, row: &requests::RequestRow) -> Result<RequestId, StartError> {
    let register = ctx.register(&row.register_key).ok_or(StartError::NotFound)?;
    let ok =
        row.status == Status::AwaitingVerification && register.identification.accepts(row.kind, Proof::Oidc);
    if ok { Ok(row.id) } else { Err(StartError::NotFound) }
}

/// The provider's answer at the callback.
#[derive(Debug, Clone, Copy)]
pub enum Answer<'a> {
    Code(&'a str),
    /// `error=…` (`access_denied` when the person cancelled).
    Error(&'a str),
}

/// Why an identification did not succeed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The person cancelled at the provider.
    Cancelled,
    /// Took longer than `identity.flow_minutes`.
    Expired,
    /// The ID token failed a check, or the code was refused.
    Refused,
    /// Identified at an assurance level the configuration does not accept.
    LevelTooLow,
    /// The provider returned no national identifier.
    NoIdentifier,
    /// Identified as someone else than the person of the request (download).
    OtherPerson,
    /// The provider could not be reached.
    ProviderDown,
}

impl Failure {
    /// Its wire name (a query parameter of the page returned to).
    pub fn as_str(self) -> &'static str {
        match self {
            Failure::Cancelled => "cancelled",
            Failure::Expired => "expired",
            Failure::Refused => "refused",
            Failure::LevelTooLow => "level",
            Failure::NoIdentifier => "no-identifier",
            Failure::OtherPerson => "other-person",
            Failure::ProviderDown => "unavailable",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Failure::Cancelled,
            Failure::Expired,
            Failure::Refused,
            Failure::LevelTooLow,
            Failure::NoIdentifier,
            Failure::OtherPerson,
            Failure::ProviderDown,
        ]
        .into_iter()
        .find(|f| f.as_str() == s)
    }
}

/// What became of an identification.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The request is confirmed; `status_token` opens its status page.
    Verified { status_token: String, language: Language },
    /// It was confirmed before (by the email code, or an earlier identification).
    AlreadyVerified { language: Language },
    /// The same person as before: the answer is open.
    Opened { download_token: String, opened: super::download::Opened },
    /// Failed: back to the confirmation page, or to the download page of `download_token`.
    Failed { failure: Failure, language: Language, download_token: Option<String> },
    /// No sign-in of this browser with this `state` (unknown, used, or another browser's).
    UnknownState,
}

/// Finishes a sign-in: takes its flow out (whatever the answer), checks the answer and records
/// what it proved.
pub async fn finish(
    ctx: &Context,
    state: &str,
    cookie: Option<&str>,
    answer: Answer<'_>,
) -> Result<Outcome, DbError> {
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    let Some(flow) =
        identification::take_flow(&mut conn, &ctx.hasher.hash(Purpose::OidcState, state)).await?
    else {
        return Ok(Outcome::UnknownState);
    };
    let (browser, download_token) = match cookie.unwrap_or("").split_once('.') {
        Some((browser, token)) => (browser, Some(token.to_owned())),
        None => (cookie.unwrap_or(""), None),
    };
    let ours = ctx.hasher.verify(Purpose::OidcBrowser, browser, &flow.browser_hash)
        && (flow.purpose == "download") == download_token.is_some();
    let (Some(request_id), true) = (flow.request_id, ours) else { return Ok(Outcome::UnknownState) };
    let fail = |failure| {
        Ok(Outcome::Failed { failure, language: flow.language, download_token: download_token.clone() })
    };
    if now >= flow.expires_at {
        return fail(Failure::Expired);
    }
    let code = match answer {
        Answer::Code(code) => code,
        Answer::Error("access_denied") => return fail(Failure::Cancelled),
        Answer::Error(_) => return fail(Failure::Refused),
    };
    let Some(p) = provider(ctx, &flow.provider) else { return fail(Failure::ProviderDown) };
    let verified =
        match ctx.oidc.finish(p, &ctx.link(CALLBACK_PATH), code, &flow.pkce_verifier, &flow.nonce, now).await
        {
            Ok(verified) => verified,
            Err(OidcError::Unavailable(e)) => {
                tracing::warn!(provider = %p.key, error = %e, "identity provider unavailable");
                return fail(Failure::ProviderDown);
            }
            Err(OidcError::Refused(e)) => {
                tracing::warn!(provider = %p.key, error = %e, "identification refused");
                return fail(Failure::Refused);
            }
        };
    let Some(acr) = verified.acr.filter(|acr| p.acr_values.contains(acr)) else {
        return fail(Failure::LevelTooLow);
    };
    let Some(identifier) = oidc::claim(&verified.claims, &p.id_claim) else {
        return fail(Failure::NoIdentifier);
    };
    let person_hash = ctx.hasher.hash(Purpose::NationalIdentifier, &identifier.to_uppercase());
    let names: Vec<String> = p.name_claims.iter().filter_map(|c| oidc::claim(&verified.claims, c)).collect();
    let person = Person {
        provider: &p.key,
        acr: &acr,
        name: (!names.is_empty()).then(|| names.join(" ")),
        hash: person_hash,
    };
    match download_token {
        None => confirm_by_identification(ctx, &mut conn, request_id, flow.language, person, now).await,
        Some(token) => open_answer(ctx, &mut conn, request_id, token, flow.language, &person, now).await,
    }
}

/// Who an identification proved.
struct Person<'a> {
    provider: &'a str,
    acr: &'a str,
    name: Option<String>,
    hash: Vec<u8>,
}

async fn confirm_by_identification(
    ctx: &Context,
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    language: Language,
    person: Person<'_>,
    now: DateTime<Utc>,
) -> Result<Outcome, DbError> {
    conn.transaction::<_, DbError, _>(async |conn| {
        let Some(request) = requests::lock_by_id(conn, request_id).await? else {
            return Ok(Outcome::Failed { failure: Failure::Refused, language, download_token: None });
        };
        let Some(register) = ctx.register(&request.register_key) else {
            return Ok(Outcome::Failed { failure: Failure::Refused, language, download_token: None });
        };
        if request.status != Status::AwaitingVerification {
            return Ok(Outcome::AlreadyVerified { language: request.language });
        }
        identification::insert(
            conn,
            &identification::Identification {
                request_id,
                provider: person.provider.to_owned(),
                acr: person.acr.to_owned(),
                person_name: person.name.clone(),
                person_hash: Some(person.hash.clone()),
                identified_at: now,
            },
        )
        .await?;
        // The staff's further identity check is satisfied by this one.
        let method = IdentityMethod::StrongElectronicIdentification;
        requests::set_identity_method(conn, request_id, method, now).await?;
        let status_token = confirm_by_requester(ctx, conn, &request, register, "oidc", now).await?;
        db::events::append(
            conn,
            request_id,
            request.reference.as_str(),
            &Actor::Requester,
            EventKind::IdentityVerified,
            json!({ "method": method, "provider": person.provider, "acr": person.acr }),
            now,
        )
        .await?;
        tracing::info!(reference = %request.reference, provider = person.provider, "request confirmed by strong identification");
        Ok(Outcome::Verified { status_token, language: request.language })
    })
    .await
}

async fn open_answer(
    ctx: &Context,
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    token: String,
    language: Language,
    person: &Person<'_>,
    now: DateTime<Utc>,
) -> Result<Outcome, DbError> {
    let known = identification::of_request(conn, request_id).await?.and_then(|i| i.person_hash);
    let same = known.is_some_and(|known| known == person.hash);
    let opened = if same {
        super::download::open_by_identification(ctx, &token, request_id, now).await?
    } else {
        None
    };
    Ok(match opened {
        Some(opened) => Outcome::Opened { download_token: token, opened },
        None => Outcome::Failed { failure: Failure::OtherPerson, language, download_token: Some(token) },
    })
}

/// The words of `p`'s button in `language`.
pub fn label(p: &IdentityProvider, language: Language) -> &str {
    let names = &p.display_name;
    match language {
        Language::Fi => &names.fi,
        Language::Sv => &names.sv,
        Language::En => &names.en,
        Language::Et => &names.et,
    }
}

/// What the emailed link of a request offers.
pub struct LinkOffers<'a> {
    /// Whether the link's code confirms the request (true for an unknown or confirmed request:
    /// the plain button answers).
    pub email_accepted: bool,
    /// The providers that may confirm it.
    pub providers: Vec<&'a IdentityProvider>,
    /// The request's language, when the link is known.
    pub language: Option<Language>,
}

/// What the emailed link of an unconfirmed request offers: whether its code confirms it, and
/// the providers that may (none for an unknown or confirmed request: the plain button answers).
pub async fn link_offers<'a>(ctx: &'a Context, token: &str) -> Result<LinkOffers<'a>, DbError> {
    let plain = |language| LinkOffers { email_accepted: true, providers: Vec::new(), language };
    if !verification::is_token_shaped(token) {
        return Ok(plain(None));
    }
    let mut conn = db::conn(&ctx.pool).await?;
    let hash = ctx.hasher.hash(Purpose::VerificationToken, token);
    let Some(id) = verifications::request_of_token(&mut conn, &hash).await? else {
        return Ok(plain(None));
    };
    let Some(row) = requests::lock_by_id(&mut conn, id).await? else { return Ok(plain(None)) };
    let language = Some(row.language);
    let Some(register) = ctx.register(&row.register_key) else { return Ok(plain(language)) };
    if row.status != Status::AwaitingVerification {
        return Ok(plain(language));
    }
    Ok(LinkOffers {
        email_accepted: register.identification.accepts(row.kind, Proof::Email),
        providers: offered(ctx, register, Some(row.kind)),
        language,
    })
}

/// Whether the answer of a download link may be opened by identifying again: its request was
/// confirmed by an identification whose person is still on record.
pub async fn download_offers<'a>(
    ctx: &'a Context,
    token: &str,
) -> Result<Vec<&'a IdentityProvider>, DbError> {
    if !verification::is_token_shaped(token) || ctx.settings.identity.providers.is_empty() {
        return Ok(Vec::new());
    }
    let mut conn = db::conn(&ctx.pool).await?;
    let hash = ctx.hasher.hash(Purpose::DownloadToken, token);
    let Some(answer) = answers::by_download_token(&mut conn, &hash).await? else { return Ok(Vec::new()) };
    let known = identification::of_request(&mut conn, answer.request_id)
        .await?
        .is_some_and(|i| i.person_hash.is_some());
    Ok(if known { ctx.settings.identity.providers.iter().collect() } else { Vec::new() })
}
