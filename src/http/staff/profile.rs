//! `GET/POST /staff/profile`: the staff member's own settings: the language of their pages and of
//! the emails addressed to them ("from the browser" leaves it to Accept-Language for pages and to
//! the register's first language for emails). A value that is not one of the choices brings the
//! form back with 422.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::form_message;
use crate::domain::Language;
use crate::error::AppError;
use crate::http::AppState;
use crate::http::form::CsrfForm;
use crate::http::respond::{html_page, redirect};
use crate::http::session::Staff;
use crate::i18n::Tr;
use crate::service::auth::StaffUser;
use crate::service::staff;

/// The language choices: (value, name in its own language); the empty value is "from the browser".
const CHOICES: [(&str, &str); 4] = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English"), ("et", "Eesti")];

#[derive(Template)]
#[template(path = "staff/profile.html")]
struct ProfilePage {
    t: Tr,
    user: Option<StaffUser>,
    csrf: String,
    /// The language as stored or as typed ("" for the browser's).
    chosen: String,
    choices: [(&'static str, &'static str); 4],
    message: Option<String>,
    saved: bool,
}

impl ProfilePage {
    fn new(state: &AppState, user: StaffUser, chosen: String, message: Option<String>, saved: bool) -> Self {
        ProfilePage {
            t: user.tr(),
            csrf: user.csrf_token(&state.ctx),
            user: Some(user),
            chosen,
            choices: CHOICES,
            message,
            saved,
        }
    }
}

/// The query of the page after saving.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Saved {
    saved: String,
}

/// `GET /staff/profile`.
pub async fn profile_page(
    state: web::Data<AppState>,
    Staff(user): Staff,
    query: web::Query<Saved>,
) -> Result<HttpResponse, AppError> {
    let chosen = user.language.map(|l| l.as_str().to_owned()).unwrap_or_default();
    let saved = !query.saved.is_empty();
    html_page(StatusCode::OK, &ProfilePage::new(&state, user, chosen, None, saved))
}

/// The profile form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ProfileFields {
    language: String,
}

/// `POST /staff/profile`: stores the language; the page comes back in it.
pub async fn save_profile(
    state: web::Data<AppState>,
    form: CsrfForm<ProfileFields>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { user, fields, .. } = form;
    let typed = fields.language.trim();
    let language = match typed {
        "" => None,
        code => match code.parse::<Language>() {
            Ok(language) => Some(language),
            Err(_) => {
                let t = user.tr();
                let e = AppError::invalid("language", t.get("staff-profile-language-invalid"));
                let page = ProfilePage::new(&state, user, typed.to_owned(), form_message(&t, &e), false);
                return html_page(StatusCode::UNPROCESSABLE_ENTITY, &page);
            }
        },
    };
    staff::set_language(&state.ctx, user.id, language).await?;
    Ok(redirect("/staff/profile?saved=1"))
}
