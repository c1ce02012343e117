//! Email messages: each is a typed payload rendered through an askama template triple
//! `templates/emails/<message>/{subject.txt, body.txt, body.html}` in the request's language, and
//! the transports that deliver them (SMTP or `.eml` files).
//!
//! A new message takes one file, one template folder and one line:
//! 1. `src/email/messages/<message>.rs`: the payload struct (it waits in the outbox as JSON), the
//!    methods its templates call, `email_templates!` naming its three templates, and
//!    `impl Message` (empty unless it sends files along);
//! 2. `templates/emails/<message>/{subject.txt, body.txt, body.html}`, their Fluent keys in
//!    `locales/*/emails.ftl`;
//! 3. its line in the `emails!` list below: variant, payload and `<message>`, the name stored in
//!    the outbox (never rename one that has been deployed);
//! 4. an example in `tests.rs`, and its accepted snapshots.

pub mod mailer;

use serde::{Deserialize, Serialize};

use crate::domain::Language;
use crate::i18n::Tr;

/// A rendered message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attachments: Vec<Attachment>,
}

impl Rendered {
    /// What the HTML part shows (between `<body>` and `</body>`), for a printed letter that says
    /// exactly what the email says.
    pub fn html_body(&self) -> &str {
        let html = self.html.as_str();
        let start = html.find("<body").and_then(|i| html[i..].find('>').map(|j| i + j + 1)).unwrap_or(0);
        let end = html.rfind("</body>").filter(|&e| e >= start).unwrap_or(html.len());
        html[start..end].trim()
    }
}

/// A file sent with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub file_name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// A message's three templates, rendered; `email_templates!` writes the implementation.
trait Templates {
    fn render_templates(&self, t: &Tr) -> askama::Result<Rendered>;
}

/// One kind of message: its templates and the files sent with it.
trait Message: Templates {
    /// Files sent with the message; most have none.
    fn attachments(&self) -> Vec<Attachment> {
        Vec::new()
    }

    /// Subject, text and HTML, with the attachments.
    fn render_with(&self, t: &Tr) -> askama::Result<Rendered> {
        let mut rendered = self.render_templates(t)?;
        rendered.attachments = self.attachments();
        Ok(rendered)
    }
}

/// Declares the three askama templates of the message `$payload` (subject, text, HTML: only the
/// HTML is escaped) and implements [`Templates`] with them.
macro_rules! email_templates {
    ($payload:ident, $subject:literal, $text:literal, $html:literal) => {
        mod templates {
            use askama::Template;

            use crate::i18n::Tr;

            #[derive(Template)]
            #[template(path = $subject, escape = "none")]
            pub struct Subject<'a> {
                pub t: &'a Tr,
                pub m: &'a super::$payload,
            }

            #[derive(Template)]
            #[template(path = $text, escape = "none")]
            pub struct Text<'a> {
                pub t: &'a Tr,
                pub m: &'a super::$payload,
            }

            #[derive(Template)]
            #[template(path = $html, escape = "html")]
            pub struct Html<'a> {
                pub t: &'a Tr,
                pub m: &'a super::$payload,
            }
        }

        impl $crate::email::Templates for $payload {
            fn render_templates(&self, t: &$crate::i18n::Tr) -> askama::Result<$crate::email::Rendered> {
                Ok($crate::email::Rendered {
                    // A subject is one line whatever the template's line breaks.
                    subject: askama::Template::render(&templates::Subject { t, m: self })?
                        .trim()
                        .replace(['\r', '\n'], " "),
                    text: askama::Template::render(&templates::Text { t, m: self })?,
                    html: askama::Template::render(&templates::Html { t, m: self })?,
                    attachments: Vec::new(),
                })
            }
        }
    };
}

mod messages;

pub use messages::{
    AnswerMail, Clarification, DownloadCode, Extension, MonthlyReport, NewRequest, PasswordReset, Receipt,
    Reminder, Sender, StaffNotice, StaffNoticeEvent, Verification, WithdrawalMail,
};

/// Declares [`Email`] from the list of messages, with everything that goes by variant: the name
/// stored in the outbox (also the template folder) and rendering.
macro_rules! emails {
    ($($variant:ident($payload:ty) = $template:literal,)*) => {
        /// Every email the service sends, with its variables. Stored as JSON in the outbox until
        /// sent: `{"template": "<name>", "data": {...}}`.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(tag = "template", content = "data")]
        pub enum Email {
            $(
                #[serde(rename = $template)]
                $variant($payload),
            )*
        }

        impl Email {
            /// The name of every message, in declaration order.
            pub const TEMPLATES: &'static [&'static str] = &[$($template),*];

            /// The template's name (also stored in the outbox for listing and logs).
            pub fn template(&self) -> &'static str {
                match self {
                    $(Email::$variant(_) => $template,)*
                }
            }

            /// Renders subject, text and HTML in `language` (missing translations fall back to
            /// English).
            pub fn render(&self, language: Language) -> askama::Result<Rendered> {
                let t = Tr::new(language);
                match self {
                    $(Email::$variant(m) => m.render_with(&t),)*
                }
            }
        }
    };
}

emails! {
    Verification(Verification) = "verification",
    Receipt(Receipt) = "receipt",
    NewRequest(NewRequest) = "new_request",
    Clarification(Clarification) = "clarification",
    Extension(Extension) = "extension",
    Answer(AnswerMail) = "answer",
    DownloadCode(DownloadCode) = "download_code",
    Reminder(Reminder) = "reminder",
    MonthlyReport(MonthlyReport) = "monthly_report",
    PasswordReset(PasswordReset) = "password_reset",
    Withdrawal(WithdrawalMail) = "withdrawal",
    StaffNotice(StaffNotice) = "staff_notice",
}

#[cfg(test)]
mod tests;
