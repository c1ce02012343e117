//! Requests received by letter, phone, visit or email, entered by staff: the form and its
//! submission. The register, channel and date of receipt are parsed here; the request itself is
//! validated by the domain, as for the public form. Problems bring the form back with 422 and the
//! values typed.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::Msg;
use crate::domain::request::{self, CorrectionItemInput, RequestInput, RequesterInput};
use crate::domain::{
    EntryChannel, Language, ObjectionChannel, ObjectionPurpose, PortabilityFormat, RequestKind,
    RestrictionGround,
};
use crate::error::AppError;
use crate::http::AppState;
use crate::http::fields::{self, parse};
use crate::http::form::CsrfForm;
use crate::http::respond::{html_page, redirect, render};
use crate::http::session::Staff;
use crate::i18n::Tr;
use crate::service::auth::StaffUser;
use crate::service::entry;

/// Rows of correction items on the entry form.
const ENTRY_ITEMS: usize = 5;

/// The entry form as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EntryFields {
    register: String,
    channel: String,
    received_on: String,
    kind: String,
    language: String,
    name: String,
    email: String,
    phone: String,
    /// Where letters go when the requester has no email (letter, phone or visit).
    postal_address: String,
    customer_number: String,
    scope: String,
    purposes: Vec<String>,
    channels: Vec<String>,
    grounds: Vec<String>,
    explanation: String,
    processing: String,
    situation: String,
    format: String,
    receiving_controller: String,
    /// `item_{field,current,corrected,reason}_{n}` of the correction rows (and the token).
    #[serde(flatten)]
    items: HashMap<String, String>,
}

impl EntryFields {
    /// The value of `part` in correction row `n`.
    fn item(&self, part: &str, n: &usize) -> &str {
        self.items.get(&format!("item_{part}_{n}")).map(String::as_str).unwrap_or("")
    }

    /// The request in the shape of the API body; blank correction rows are left out.
    fn input(&self) -> RequestInput {
        let given = |v: &str| Some(v.to_owned());
        RequestInput {
            kind: given(&self.kind),
            language: given(&self.language),
            requester: Some(RequesterInput {
                name: given(&self.name),
                email: given(&self.email),
                phone: given(&self.phone),
                customer_number: given(&self.customer_number),
            }),
            scope: matches!(self.kind.as_str(), "inspection" | "erasure" | "portability")
                .then(|| self.scope.clone()),
            items: Some(
                (0..ENTRY_ITEMS)
                    .filter(|n| !self.item("field", n).trim().is_empty())
                    .map(|n| CorrectionItemInput {
                        field: given(self.item("field", &n)),
                        current_value: given(self.item("current", &n)),
                        corrected_value: given(self.item("corrected", &n)),
                        reason: given(self.item("reason", &n)),
                    })
                    .collect(),
            ),
            purposes: Some(self.purposes.clone()),
            channels: Some(self.channels.clone()),
            grounds: Some(self.grounds.clone()),
            explanation: given(&self.explanation),
            processing: given(&self.processing),
            situation: given(&self.situation),
            format: given(&self.format),
            receiving_controller: given(&self.receiving_controller),
        }
    }
}

#[derive(Template)]
#[template(path = "staff/new_request.html")]
struct NewRequestPage {
    t: Tr,
    user: Option<StaffUser>,
    csrf: String,
    registers: Vec<(String, String)>,
    kinds: Vec<&'static str>,
    languages: Vec<&'static str>,
    channels: Vec<&'static str>,
    purposes: Vec<&'static str>,
    objection_channels: Vec<&'static str>,
    grounds: Vec<&'static str>,
    formats: Vec<&'static str>,
    items: Vec<usize>,
    /// The values typed in, echoed back after an error.
    v: EntryFields,
    today: String,
    message: Option<String>,
}

fn new_request_page(
    state: &AppState,
    user: StaffUser,
    v: EntryFields,
    message: Option<String>,
) -> NewRequestPage {
    let ctx = &state.ctx;
    let registers = ctx
        .registers
        .iter()
        .filter(|r| user.sees(&r.key))
        .map(|r| (r.key.clone(), r.register_name.original().to_owned()))
        .collect();
    NewRequestPage {
        t: user.tr(),
        csrf: user.csrf_token(ctx),
        user: Some(user),
        registers,
        kinds: RequestKind::ALL.iter().map(|k| k.as_str()).collect(),
        languages: Language::ALL.iter().map(|l| l.as_str()).collect(),
        channels: EntryChannel::ALL.iter().map(|c| c.as_str()).collect(),
        purposes: ObjectionPurpose::ALL.iter().map(|p| p.as_str()).collect(),
        objection_channels: ObjectionChannel::ALL.iter().map(|c| c.as_str()).collect(),
        grounds: RestrictionGround::ALL.iter().map(|g| g.as_str()).collect(),
        formats: PortabilityFormat::ALL.iter().map(|f| f.as_str()).collect(),
        items: (0..ENTRY_ITEMS).collect(),
        v,
        today: ctx.clock.now().date_naive().to_string(),
        message,
    }
}

/// `GET /staff/requests/new`: the form for a request received by letter, phone, visit or email.
pub async fn new_request_form(
    state: web::Data<AppState>,
    Staff(user): Staff,
) -> Result<HttpResponse, AppError> {
    render(&new_request_page(&state, user, EntryFields::default(), None))
}

/// `POST /staff/requests/new`.
pub async fn enter_request(
    state: web::Data<AppState>,
    form: CsrfForm<EntryFields>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { user, fields: v, .. } = form;
    let entered = async {
        let register = state
            .ctx
            .register(&v.register)
            .filter(|r| user.sees(&r.key))
            .ok_or_else(|| AppError::invalid("register", Msg::new("problem-register")))?;
        let channel: EntryChannel = parse("channel", &v.channel)
            .map_err(|_| AppError::invalid("channel", Msg::new("problem-entry-channel")))?;
        let received_on: NaiveDate = parse("received_on", &v.received_on)
            .map_err(|_| AppError::invalid("received_on", Msg::new("problem-received-on")))?;
        let country = register.jurisdiction.calling_code();
        // Without email, receipts and answers become letters to the postal address (not for a
        // request that came by email).
        let post = request::Post {
            postal_address: &v.postal_address,
            letters_allowed: channel != EntryChannel::Email,
        };
        let valid = request::validate_entered(
            &v.input(),
            post,
            &register.objection_purposes,
            country,
            register.default_language(),
        )
        .map_err(|issues| fields::translated(&user.tr(), &issues))?;
        Ok::<_, AppError>(entry::enter(&state.ctx, &user, &register.key, &valid, channel, received_on).await?)
    }
    .await;
    match entered {
        Ok(reference) => Ok(redirect(&format!("/staff/requests/{reference}"))),
        Err(e) => match super::form_message(&user.tr(), &e) {
            Some(message) => {
                let page = new_request_page(&state, user, v, Some(message));
                html_page(StatusCode::UNPROCESSABLE_ENTITY, &page)
            }
            None => Err(e),
        },
    }
}
