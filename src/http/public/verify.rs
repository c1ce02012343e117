//! Email verification: `GET /verify` (check your email, and the code form), `GET /verify/{token}`
//! (the link's confirmation button), `POST /verify` (link token, or reference and code) and `POST
//! /verify/resend` (a new code).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{
    AroundReference, Footer, LangQuery, MessagePage, ProviderButton, buttons, failure_message, language,
    limited, too_many, too_many_message,
};
use crate::domain::{Email as Address, Language};
use crate::error::AppError;
use crate::http::AppState;
use crate::http::form::fields;
use crate::http::lang::{self, LangLink};
use crate::http::limits::Limit;
use crate::http::respond::{html_page, redirect, render};
use crate::i18n::Tr;
use crate::service::identify;
use crate::service::intake::{self, Proof, Verification};

#[derive(Template)]
#[template(path = "public/sent.html")]
struct CodePage {
    t: Tr,
    languages: Vec<LangLink>,
    footer: Footer,
    sent: bool,
    resent: bool,
    reference: String,
    message: Option<String>,
}

/// The query of the code form: which notice to show.
#[derive(Deserialize)]
pub struct VerifyQuery {
    lang: Option<String>,
    sent: Option<String>,
    resent: Option<String>,
    /// Why an identification failed (the page it returns to).
    identify: Option<String>,
    /// The reference of the request whose code was just sent again, so that it need not be
    /// typed twice.
    reference: Option<String>,
}

/// A reference as typed: trimmed, upper-case, and no longer than any reference is.
fn typed_reference(reference: &str) -> String {
    reference.trim().chars().take(40).collect::<String>().to_uppercase()
}

fn code_page(
    req: &HttpRequest,
    language: Language,
    sent: bool,
    resent: bool,
    reference: String,
    message: Option<String>,
) -> CodePage {
    CodePage {
        t: Tr::new(language),
        languages: lang::links("/verify", language),
        footer: Footer::for_request(req, None, language),
        sent,
        resent,
        reference,
        message,
    }
}

/// The code form again, with `message` and `status`.
fn retry(
    req: &HttpRequest,
    language: Language,
    reference: String,
    status: StatusCode,
    message: String,
) -> Result<HttpResponse, AppError> {
    html_page(status, &code_page(req, language, false, false, reference, Some(message)))
}

/// `GET /verify`: "check your email" and the code form.
pub async fn code_form(req: HttpRequest, query: web::Query<VerifyQuery>) -> Result<HttpResponse, AppError> {
    let language = language(&req, query.lang.as_deref(), Language::Fi);
    let message = failure_message(&Tr::new(language), query.identify.as_deref());
    let status = if message.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let reference = typed_reference(query.reference.as_deref().unwrap_or(""));
    let page = code_page(&req, language, query.sent.is_some(), query.resent.is_some(), reference, message);
    html_page(status, &page)
}

#[derive(Template)]
#[template(path = "public/verify_link.html")]
struct LinkPage {
    t: Tr,
    languages: Vec<LangLink>,
    footer: Footer,
    token: String,
    /// Whether the emailed link confirms the request (else only an identification does).
    email_accepted: bool,
    providers: Vec<ProviderButton>,
}

/// `GET /verify/{token}`: a confirmation button, and the identity providers when the register
/// accepts strong identification. Opening the link changes nothing, so that mail scanners that
/// prefetch links cannot confirm a request on the requester's behalf.
pub async fn verify_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let token: String = path.chars().take(64).collect();
    let offers = identify::link_offers(&state.ctx, &token).await?;
    let language = match offers.language {
        Some(request) => lang::of_request(query.lang.as_deref(), request),
        None => language(&req, query.lang.as_deref(), Language::Fi),
    };
    let languages = lang::links(&format!("/verify/{token}"), language);
    let footer = Footer::for_request(&req, None, language);
    let email_accepted = offers.email_accepted;
    let providers = buttons(&offers.providers, language);
    render(&LinkPage { t: Tr::new(language), languages, footer, token, email_accepted, providers })
}

#[derive(Template)]
#[template(path = "public/verified.html")]
struct VerifiedPage {
    t: Tr,
    languages: Vec<LangLink>,
    footer: Footer,
    reference: String,
    status_link: String,
}

impl VerifiedPage {
    /// The confirmation, around the reference.
    fn confirmation(&self) -> AroundReference {
        AroundReference::new(&self.t, "verified-body", &self.reference)
    }
}

/// The verification form: a link token, or a reference and code.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ProofFields {
    lang: String,
    token: String,
    reference: String,
    code: String,
    /// The address of a new-code request.
    email: String,
}

/// A posted verification form: its fields, language and reference.
struct Posted {
    form: ProofFields,
    language: Language,
    reference: String,
}

/// Reads a verification form and counts it against `limit`; once the allowance is spent, the
/// form again with 429 (`Err`).
async fn posted(
    req: &HttpRequest,
    state: &AppState,
    body: &[u8],
    limit: Limit,
) -> Result<Result<Posted, HttpResponse>, AppError> {
    let form: ProofFields = fields(body)?;
    let language = language(req, Some(&form.lang), Language::Fi);
    let reference = typed_reference(&form.reference);
    if let Some(retry_after) = limited(&state.ctx, req, limit).await? {
        let page = code_page(req, language, false, false, reference, Some(too_many_message(language)));
        return Ok(Err(too_many(&page, retry_after)?));
    }
    Ok(Ok(Posted { form, language, reference }))
}

/// `POST /verify`: a link token (`token`) or a reference and code (`reference`, `code`).
pub async fn verify(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let Posted { form, language, reference } = match posted(&req, &state, &body, Limit::Verify).await? {
        Ok(posted) => posted,
        Err(page) => return Ok(page),
    };
    let proof = if form.token.is_empty() {
        Proof::Code { reference: &reference, code: &form.code }
    } else {
        Proof::Token(&form.token)
    };
    let t = Tr::new(language);
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    match intake::verify(&state.ctx, proof).await? {
        Verification::Verified { reference, status_token } => render(&VerifiedPage {
            t,
            languages: lang::links("/", language),
            footer: Footer::general(&state.ctx.registers, language),
            reference,
            status_link: state.ctx.link(&format!("/status/{status_token}?lang={language}")),
        }),
        Verification::AlreadyVerified { .. } => {
            let body = t.get("already-verified");
            render(&MessagePage::with_body(&req, t, "verify-title", body))
        }
        Verification::Wrong { attempts_left } => retry(
            &req,
            language,
            reference,
            invalid,
            t.fmt("verify-wrong", &[("left", &attempts_left.to_string())]),
        ),
        Verification::Locked => retry(&req, language, reference, invalid, t.get("verify-locked")),
        Verification::Expired => retry(&req, language, reference, invalid, t.get("verify-expired")),
        Verification::NotFound => retry(&req, language, reference, invalid, t.get("verify-not-found")),
        Verification::IdentificationRequired => {
            retry(&req, language, reference, invalid, t.get("identify-required"))
        }
    }
}

/// `POST /verify/resend`: a new code for (reference, email). The answer never says whether they
/// matched a request, nor whether its five codes a day were spent.
pub async fn resend(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let Posted { form, language, reference } = match posted(&req, &state, &body, Limit::Resend).await? {
        Ok(posted) => posted,
        Err(page) => return Ok(page),
    };
    intake::resend(&state.ctx, &reference, Address::parse(&form.email).ok().as_ref()).await?;
    let reference: String = form_urlencoded::byte_serialize(reference.as_bytes()).collect();
    Ok(redirect(&format!("/verify?resent=1&lang={language}&reference={reference}")))
}
