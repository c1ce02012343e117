//! The privacy notices: `GET /r/{register}/privacy`, the register's own notice (GDPR Art 13 and 14)
//! from its register file, and `GET /privacy`, the notice of the desk's processing of the requests
//! themselves (Art 13). Both take `?lang=fi|sv|en|et`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{Footer, LangQuery, controller_line, language};
use crate::domain::register::{AuthorityNotice, Localized, Notice, Statement};
use crate::domain::{Language, LegalBasis, Register};
use crate::error::AppError;
use crate::http::AppState;
use crate::http::lang::{self, LangLink};
use crate::http::respond::render;
use crate::i18n::Tr;
use crate::service::intake::UNVERIFIED_TTL_DAYS;

/// The name of `language` in the reader's language.
fn language_name(t: &Tr, language: Language) -> String {
    t.get(&format!("language-name-{language}"))
}

#[derive(Template)]
#[template(path = "public/privacy.html")]
struct RegisterNoticePage<'a> {
    t: Tr,
    languages: Vec<LangLink>,
    footer: Footer,
    n: Notice<'a>,
    /// The register description's language, named in the reader's language.
    original: String,
}

impl RegisterNoticePage<'_> {
    /// The note on a text shown in the original for want of a translation.
    fn untranslated(&self, text: &Localized<'_>) -> String {
        untranslated(&self.t, text)
    }

    /// Whether `basis` is consent, which may be withdrawn at any time (GDPR Art 7(3)).
    fn is_consent(&self, basis: &LegalBasis) -> bool {
        *basis == LegalBasis::Consent
    }

    fn portability_may_apply(&self) -> bool {
        portability_may_apply(&self.n)
    }
}

/// The note on a text shown in the original for want of a translation.
pub(super) fn untranslated(t: &Tr, text: &Localized<'_>) -> String {
    t.fmt("notice-untranslated", &[("language", &language_name(t, text.language))])
}

/// Whether any purpose rests on consent or a contract: then the right to data portability
/// (GDPR Art 20) may apply.
pub(super) fn portability_may_apply(n: &Notice<'_>) -> bool {
    n.purposes.iter().any(|p| matches!(p.legal_basis, LegalBasis::Consent | LegalBasis::Contract))
}

/// `GET /r/{register}/privacy`: the register's privacy notice.
pub async fn register_notice(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let register = state.ctx.register(&path).ok_or(AppError::NotFound)?;
    let language = language(&req, query.lang.as_deref(), register.default_language());
    let t = Tr::new(language);
    render(&RegisterNoticePage {
        languages: lang::links(&format!("/r/{}/privacy", register.key), language),
        footer: Footer::of(register, language),
        n: register.notice(language),
        original: language_name(&t, register.original_language),
        t,
    })
}

/// One register as the desk's notice lists it: its controller, how long closed requests are kept,
/// and its supervisory authority.
struct DeskRegister<'a> {
    register: &'a Register,
    name: &'a str,
    controller: super::ControllerLine,
    authority: AuthorityNotice<'a>,
}

#[derive(Template)]
#[template(path = "public/desk_privacy.html")]
struct DeskNoticePage<'a> {
    t: Tr,
    languages: Vec<LangLink>,
    footer: Footer,
    registers: Vec<DeskRegister<'a>>,
    /// The supervisory authorities of the registers, each once.
    authorities: Vec<AuthorityNotice<'a>>,
    unverified_days: String,
}

/// `GET /privacy`: how the desk processes the personal data of those making requests.
pub async fn desk_notice(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let language = language(&req, query.lang.as_deref(), Language::Fi);
    let registers: Vec<DeskRegister<'_>> = state
        .ctx
        .registers
        .iter()
        .map(|r| DeskRegister {
            register: r,
            name: r.name_in(language),
            controller: controller_line(&r.controller),
            authority: AuthorityNotice::of(&r.complaint_authority, language),
        })
        .collect();
    // One authority once, however its name is written in each file (original or translation).
    let mut authorities: Vec<AuthorityNotice<'_>> = Vec::new();
    for r in &registers {
        if !authorities.iter().any(|a| a.name.text == r.authority.name.text) {
            authorities.push(r.authority.clone());
        }
    }
    render(&DeskNoticePage {
        t: Tr::new(language),
        languages: lang::links("/privacy", language),
        footer: Footer::general(&state.ctx.registers, language),
        registers,
        authorities,
        unverified_days: UNVERIFIED_TTL_DAYS.to_string(),
    })
}
