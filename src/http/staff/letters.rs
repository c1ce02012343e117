//! Letters to a requester without email: the print view of one (the email's text in a letter
//! layout, in the request's language) and recording it as sent by post. A letter of a request of
//! another register answers 404, like one that does not exist.

use actix_web::{HttpResponse, web};
use askama::Template;

use crate::domain::LetterId;
use crate::error::AppError;
use crate::http::AppState;
use crate::http::form::{CsrfForm, NoFields};
use crate::http::public::art15::Art15Block;
use crate::http::respond::render;
use crate::http::session::Staff;
use crate::i18n::Tr;
use crate::service::letters::{self, PrintLetter};

#[derive(Template)]
#[template(path = "staff/letter.html")]
struct LetterPage {
    /// The staff member's language, for the actions above the letter (the letter is in the
    /// request's).
    t: Tr,
    l: PrintLetter,
    /// The letter's date, written in its language.
    date: String,
    /// The Art 15 information of an inspection answer (rendered HTML), else empty.
    art15: String,
    csrf: String,
}

/// `GET /staff/requests/{reference}/letters/{id}`: the letter, ready to print.
pub async fn print_letter(
    state: web::Data<AppState>,
    Staff(user): Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (reference, id) = path.into_inner();
    let id: LetterId = id.parse().map_err(|_| AppError::NotFound)?;
    let Some(l) = letters::letter(&state.ctx, &user, &reference, id).await? else {
        return Err(AppError::NotFound);
    };
    let date = Tr::new(l.language).date(l.written_on);
    let art15 = match (l.inspection_answer, state.ctx.any_register(&l.register_key)) {
        (Some(no_data_held), Some(register)) => {
            Art15Block::new(register, l.language, no_data_held).after_the_answer().render().map_err(|e| {
                AppError::Internal(anyhow::Error::new(e).context("render the Art 15 information"))
            })?
        }
        _ => String::new(),
    };
    render(&LetterPage { t: user.tr(), csrf: user.csrf_token(&state.ctx), date, art15, l })
}

/// `POST /staff/requests/{reference}/letters/{id}/sent`: records the letter as sent by post today.
pub async fn mark_letter_sent(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (reference, id) = path.into_inner();
    let result = match id.parse::<LetterId>() {
        Ok(id) => letters::mark_posted(&state.ctx, &form.user, &reference, id).await.map_err(AppError::from),
        Err(_) => Err(AppError::NotFound),
    };
    super::request::done(&state, form.user, &reference, result).await
}
