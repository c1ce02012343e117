//! Staff pages under `/staff/`: sign-in and the password ([`session`]), the queue ([`queue`]),
//! the request page and its actions ([`request`]), requests entered by staff ([`entry`]), the
//! deadline report ([`reports`]) and the administration ([`admin`], [`api_keys`]). Who may call
//! each is the type of its extractor (`http::session`); every form is a `http::form::CsrfForm`.

pub mod admin;
pub mod api_keys;
pub mod entry;
pub mod queue;
pub mod reports;
pub mod request;
pub mod session;
