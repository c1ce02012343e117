//! The landing page and the request form: `GET /` lists the registers, `GET|POST
//! /r/{register}/request` shows the form and takes a request. Problems come back on the form,
//! translated and tied to their fields (422), or with the rate limit's message (429).

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use rand::Rng;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::identify::to_provider;
use super::{Footer, LangQuery, ProviderButton, buttons, language, limited, too_many, too_many_message};
use crate::domain::register::Statement;
use crate::domain::request::{self, CorrectionItemInput, RequestInput, RequesterInput, ValidRequest};
use crate::domain::{
    Language, ObjectionChannel, PortabilityFormat, Proof, Register, RequestKind, RestrictionGround,
};
use crate::error::AppError;
use crate::http::AppState;
use crate::http::fields::issue_message;
use crate::http::form::fields;
use crate::http::lang::{self, LangLink};
use crate::http::limits::Limit;
use crate::http::respond::{html_page, redirect, render};
use crate::i18n::Tr;
use crate::service::Context;
use crate::service::identify::{self, Target};
use crate::service::intake::{self, Channel, Idempotency, KeyOwner};

/// Correction rows offered by the form without JavaScript.
const FORM_ITEMS: usize = 3;

#[derive(Template)]
#[template(path = "public/index.html")]
struct IndexPage<'a> {
    t: Tr,
    languages: Vec<LangLink>,
    footer: Footer,
    registers: &'a [Register],
    /// Each kind of request, for the one sentence per right.
    kinds: Vec<&'static str>,
}

impl IndexPage<'_> {
    /// The controller of `register` as the page names it: name, business ID and address.
    fn controller(&self, register: &Register) -> super::ControllerLine {
        super::controller_line(&register.controller)
    }
}

/// `GET /`: the registers whose data subjects may make requests here.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let language = language(&req, query.lang.as_deref(), Language::Fi);
    render(&IndexPage {
        t: Tr::new(language),
        languages: lang::links("/", language),
        footer: Footer::general(&state.ctx.registers, language),
        registers: &state.ctx.registers,
        kinds: RequestKind::ALL.iter().map(|k| k.as_str()).collect(),
    })
}

/// The form as posted, and echoed back after a problem.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct FormValues {
    lang: String,
    submission_id: String,
    kind: String,
    name: String,
    email: String,
    phone: String,
    customer_number: String,
    inspection_scope: String,
    erasure_scope: String,
    purposes: Vec<String>,
    channels: Vec<String>,
    grounds: Vec<String>,
    restriction_explanation: String,
    processing: String,
    situation: String,
    portability_scope: String,
    format: String,
    receiving_controller: String,
    /// The provider of the "Identify with …" button pressed instead of the plain submit.
    identify: String,
    /// `item_{field,current,corrected,reason}_{n}` of the correction rows, as posted.
    #[serde(flatten)]
    posted_items: HashMap<String, String>,
    /// The correction rows shown.
    #[serde(skip)]
    items: Vec<ItemValues>,
}

#[derive(Default, Clone)]
struct ItemValues {
    field: String,
    current: String,
    corrected: String,
    reason: String,
}

impl ItemValues {
    /// (label key part, value, input name) of each input of row `index`.
    fn parts(&self, index: &usize) -> Vec<(&'static str, &str, String)> {
        vec![
            ("field", self.field.as_str(), format!("item_field_{index}")),
            ("current", self.current.as_str(), format!("item_current_{index}")),
            ("corrected", self.corrected.as_str(), format!("item_corrected_{index}")),
            ("reason", self.reason.as_str(), format!("item_reason_{index}")),
        ]
    }
}

impl FormValues {
    /// Gathers the posted correction rows into [`FormValues::items`].
    fn with_rows(mut self) -> Self {
        let mut take =
            |part: &str, i: usize| self.posted_items.remove(&format!("item_{part}_{i}")).unwrap_or_default();
        self.items = (0..FORM_ITEMS)
            .map(|i| ItemValues {
                field: take("field", i),
                current: take("current", i),
                corrected: take("corrected", i),
                reason: take("reason", i),
            })
            .collect();
        self
    }

    /// (name, value, input type, autocomplete) of the requester's inputs.
    fn requester_fields(&self) -> Vec<(&'static str, &str, &'static str, &'static str)> {
        vec![
            ("name", self.name.as_str(), "text", "name"),
            ("email", self.email.as_str(), "email", "email"),
            ("phone", self.phone.as_str(), "tel", "tel"),
            ("customer_number", self.customer_number.as_str(), "text", "off"),
        ]
    }

    /// The input in the shape of the API body; blank correction rows are left out.
    fn to_input(&self, language: Language) -> (RequestInput, Vec<usize>) {
        let filled: Vec<usize> = (0..self.items.len())
            .filter(|i| {
                let it = &self.items[*i];
                [&it.field, &it.current, &it.corrected, &it.reason].iter().any(|v| !v.trim().is_empty())
            })
            .collect();
        let items = filled
            .iter()
            .map(|i| {
                let it = &self.items[*i];
                CorrectionItemInput {
                    field: Some(it.field.clone()),
                    current_value: Some(it.current.clone()),
                    corrected_value: Some(it.corrected.clone()),
                    reason: Some(it.reason.clone()),
                }
            })
            .collect();
        let scope = match self.kind.as_str() {
            "inspection" => Some(self.inspection_scope.clone()),
            "erasure" => Some(self.erasure_scope.clone()),
            "portability" => Some(self.portability_scope.clone()),
            _ => None,
        };
        let input = RequestInput {
            kind: (!self.kind.is_empty()).then(|| self.kind.clone()),
            language: Some(language.as_str().to_owned()),
            requester: Some(RequesterInput {
                name: Some(self.name.clone()),
                email: Some(self.email.clone()),
                phone: Some(self.phone.clone()),
                customer_number: Some(self.customer_number.clone()),
            }),
            scope,
            items: Some(items),
            purposes: Some(self.purposes.clone()),
            channels: Some(self.channels.clone()),
            grounds: Some(self.grounds.clone()),
            explanation: Some(self.restriction_explanation.clone()),
            processing: Some(self.processing.clone()),
            situation: Some(self.situation.clone()),
            format: Some(self.format.clone()),
            receiving_controller: Some(self.receiving_controller.clone()),
        };
        (input, filled)
    }
}

/// A field error as shown: the id of the input it belongs to, the field's name (for the error
/// summary, which names each field) and the translated message.
struct FieldError {
    id: String,
    label: Option<String>,
    message: String,
}

impl FieldError {
    fn new(t: &Tr, id: String, message: String) -> Self {
        Self { label: field_name(t, &id), id, message }
    }
}

/// The name of the form field `id` as the error summary gives it: its label without the
/// required mark or a closing parenthesis ("Reason (optional)" → "Reason").
fn field_name(t: &Tr, id: &str) -> Option<String> {
    let key = match id {
        "kind" => "form-kind-legend",
        "name" => "form-name",
        "email" => "form-email",
        "phone" => "form-phone",
        "customer_number" => "form-customer-number",
        "inspection_scope" => "form-inspection-scope",
        "erasure_scope" => "form-erasure-scope",
        "portability_scope" => "form-portability-scope",
        "restriction_explanation" => "form-restriction-explanation",
        "processing" => "form-general-objection-processing",
        "situation" => "form-general-objection-situation",
        "purposes" => "form-objection-purposes",
        "channels" => "form-objection-channels",
        "grounds" => "form-restriction-grounds",
        "format" => "form-portability-format",
        "receiving_controller" => "form-portability-receiving-controller",
        "items" => "form-correction-legend",
        other => {
            // item_{part}_{row}: "Item 2: Current value".
            let (part, row) = other.strip_prefix("item_")?.rsplit_once('_')?;
            let number = row.parse::<usize>().ok()? + 1;
            let item = t.fmt("form-correction-item", &[("number", &number.to_string())]);
            return Some(format!("{item}: {}", short_label(&t.get(&format!("form-item-{part}")))));
        }
    };
    Some(short_label(&t.get(key)))
}

fn short_label(label: &str) -> String {
    let label = label.trim().trim_end_matches('*').trim_end();
    let label = match label.strip_suffix(')').and_then(|l| l.rfind(" (").map(|i| &l[..i])) {
        Some(shorter) if !shorter.is_empty() => shorter,
        _ => label,
    };
    label.trim_end_matches(['*', ' ']).to_owned()
}

#[derive(Template)]
#[template(path = "public/request_form.html")]
struct FormPage<'a> {
    t: Tr,
    languages: Vec<LangLink>,
    footer: Footer,
    register: &'a Register,
    v: FormValues,
    errors: Vec<FieldError>,
    /// A problem of the whole form (the rate limit).
    notice: Option<String>,
    submission_id: String,
    kinds: Vec<&'static str>,
    channels: Vec<&'static str>,
    grounds: Vec<&'static str>,
    formats: Vec<&'static str>,
    /// The identity providers offered beside the email code.
    providers: Vec<ProviderButton>,
}

impl FormPage<'_> {
    fn error(&self, id: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.id == id).map(|e| e.message.as_str())
    }
}

fn new_submission_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill(&mut bytes);
    hex::encode(bytes)
}

/// Maps a validation field (as named in the API body) to the form input showing it.
fn input_id(field: &str, kind: &str, filled_rows: &[usize]) -> String {
    match field {
        "requester.name" => "name".into(),
        "requester.email" => "email".into(),
        "requester.phone" => "phone".into(),
        "requester.customer_number" => "customer_number".into(),
        "scope" if kind == "erasure" => "erasure_scope".into(),
        "scope" if kind == "portability" => "portability_scope".into(),
        "explanation" => "restriction_explanation".into(),
        "scope" => "inspection_scope".into(),
        f if f.starts_with("items[") => {
            // items[i].part → the form row that held the i-th filled item.
            let inner = &f["items[".len()..];
            let (index, part) = inner.split_once("].").unwrap_or((inner.trim_end_matches(']'), ""));
            let row = index.parse::<usize>().ok().and_then(|i| filled_rows.get(i).copied()).unwrap_or(0);
            let part = match part {
                "field" => "field",
                "current_value" => "current",
                "reason" => "reason",
                _ => "corrected",
            };
            format!("item_{part}_{row}")
        }
        other => other.to_owned(),
    }
}

fn find_register<'a>(state: &'a AppState, key: &str) -> Result<&'a Register, AppError> {
    state.ctx.register(key).ok_or(AppError::NotFound)
}

fn form_page<'a>(
    ctx: &Context,
    register: &'a Register,
    language: Language,
    v: FormValues,
    submission_id: String,
) -> FormPage<'a> {
    FormPage {
        providers: buttons(&identify::offered(ctx, register, None), language),
        t: Tr::new(language),
        languages: lang::links(&format!("/r/{}/request", register.key), language),
        footer: Footer::of(register, language),
        register,
        v,
        errors: Vec::new(),
        notice: None,
        submission_id,
        kinds: RequestKind::ALL.iter().map(|k| k.as_str()).collect(),
        channels: ObjectionChannel::ALL.iter().map(|c| c.as_str()).collect(),
        grounds: RestrictionGround::ALL.iter().map(|g| g.as_str()).collect(),
        formats: PortabilityFormat::ALL.iter().map(|f| f.as_str()).collect(),
    }
}

/// `GET /r/{register}/request`: the request form.
pub async fn request_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let register = find_register(&state, &path)?;
    let language = language(&req, query.lang.as_deref(), register.default_language());
    let values = FormValues { items: vec![ItemValues::default(); FORM_ITEMS], ..FormValues::default() };
    render(&form_page(&state.ctx, register, language, values, new_submission_id()))
}

/// `POST /r/{register}/request`: validates; on errors the form comes back with each field's
/// message; on success a redirect to the same "check your email" page whoever the requester is.
/// The hidden submission id makes a double click create one request.
pub async fn submit_request(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let register = find_register(&state, &path)?;
    let values = fields::<FormValues>(&body)?.with_rows();
    let language = language(&req, Some(&values.lang), register.default_language());
    let submission_id = values.submission_id.clone();
    let (input, filled) = values.to_input(language);
    let country = register.jurisdiction.calling_code();
    let proof = if values.identify.is_empty() { Proof::Email } else { Proof::Oidc };
    let valid =
        match request::validate(&input, &register.objection_purposes, country, register.default_language()) {
            Ok(valid) => valid,
            Err(issues) => {
                let t = Tr::new(language);
                let errors = issues
                    .iter()
                    .map(|i| {
                        FieldError::new(&t, input_id(&i.field, &values.kind, &filled), issue_message(&t, i))
                    })
                    .collect();
                let page =
                    FormPage { errors, ..form_page(&state.ctx, register, language, values, submission_id) };
                return html_page(StatusCode::UNPROCESSABLE_ENTITY, &page);
            }
        };
    if let Some(key) = proof_problem(&state.ctx, register, &valid, &values.identify) {
        let t = Tr::new(language);
        let errors = vec![FieldError::new(&t, "identify".into(), t.get(key))];
        let page = FormPage { errors, ..form_page(&state.ctx, register, language, values, submission_id) };
        return html_page(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    if let Some(retry_after) = limited(&state.ctx, &req, Limit::Submit).await? {
        let notice = Some(too_many_message(language));
        return too_many(
            &FormPage { notice, ..form_page(&state.ctx, register, language, values, submission_id) },
            retry_after,
        );
    }
    // The key is the submission id and the values sent: a double click (the same values) is one
    // request; going back, correcting a field and sending again is a new one.
    let fingerprint = Sha256::digest(&body).to_vec();
    let key = format!("{submission_id}:{}", hex::encode(&fingerprint));
    let scope = intake::idempotency_scope(&state.ctx, KeyOwner::Form);
    let idempotency = (!submission_id.is_empty() && submission_id.len() <= 64).then(|| Idempotency {
        scope: &scope,
        key: &key,
        fingerprint,
    });
    let submitted = intake::submit(&state.ctx, register, &valid, Channel::Web, idempotency).await?;
    if proof == Proof::Oidc {
        let target = Target::Submitted(&submitted.reference);
        match identify::start(&state.ctx, &values.identify, target, language).await {
            Ok(started) => return Ok(to_provider(&state.ctx, started)),
            // The request stands and its email went out: the code still confirms it where the
            // register accepts that, and the emailed link offers the identification again.
            Err(e) => {
                tracing::warn!(error = %e, "identification could not start after a submission");
                return Ok(redirect(&format!("/verify?sent=1&identify=unavailable&lang={language}")));
            }
        }
    }
    Ok(redirect(&format!("/verify?sent=1&lang={language}")))
}

/// The proof chosen (the plain button: the email; an "Identify with …" button: that provider)
/// when the register does not take it for this kind of request: the message key saying so.
fn proof_problem(
    ctx: &Context,
    register: &Register,
    valid: &ValidRequest,
    provider: &str,
) -> Option<&'static str> {
    if provider.is_empty() {
        return (!register.identification.accepts(valid.kind, Proof::Email))
            .then_some("identify-required-form");
    }
    let offered = identify::offered(ctx, register, Some(valid.kind)).iter().any(|p| p.key == provider);
    (!offered).then_some("identify-not-accepted")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_summary_names_fields_without_their_marks() {
        let t = Tr::new(Language::En);
        assert_eq!(field_name(&t, "email").as_deref(), Some("Email address"));
        assert_eq!(field_name(&t, "phone").as_deref(), Some("Telephone"));
        assert_eq!(field_name(&t, "item_reason_1").as_deref(), Some("Item 2: Reason"));
        assert_eq!(field_name(&t, "identify"), None);
        assert_eq!(short_label("Which data, and why? (optional)"), "Which data, and why?");
    }
}
