//! Email messages: each is a typed payload rendered through an askama template triple
//! `templates/emails/<message>/{subject.txt, body.txt, body.html}` in the request's language, and
//! the transports that deliver them (SMTP or `.eml` files).

pub mod mailer;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{Language, Register, RequestKind};
use crate::i18n::Tr;

/// Who a message is sent on behalf of (shown in every footer; the contact person is Reply-To).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sender {
    pub controller: String,
    pub register: String,
    pub contact_name: String,
    pub contact_email: String,
}

impl Sender {
    pub fn of(register: &Register) -> Self {
        Self {
            controller: register.controller.name.clone(),
            register: register.register_name.clone(),
            contact_name: register.contact.name.clone(),
            contact_email: register.contact.email.as_str().to_owned(),
        }
    }
}

/// Email-possession check of a web or API request: a one-time link and a 6-digit code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub sender: Sender,
    pub reference: String,
    pub name: String,
    pub kind: RequestKind,
    pub link: String,
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

impl Verification {
    /// The expiry as shown in the message (UTC, minutes).
    pub fn expires_text(&self) -> String {
        self.expires_at.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// Every email the service sends, with its variables. Stored as JSON in the outbox until sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "template", content = "data", rename_all = "snake_case")]
pub enum Email {
    Verification(Verification),
}

/// A rendered message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Declares the three askama templates of one message and its render function.
macro_rules! email_templates {
    ($module:ident, $payload:ty, $subject:literal, $text:literal, $html:literal) => {
        mod $module {
            use askama::Template;

            use crate::i18n::Tr;

            #[derive(Template)]
            #[template(path = $subject, escape = "none")]
            pub struct Subject<'a> {
                pub t: &'a Tr,
                pub m: &'a $payload,
            }

            #[derive(Template)]
            #[template(path = $text, escape = "none")]
            pub struct Text<'a> {
                pub t: &'a Tr,
                pub m: &'a $payload,
            }

            #[derive(Template)]
            #[template(path = $html, escape = "html")]
            pub struct Html<'a> {
                pub t: &'a Tr,
                pub m: &'a $payload,
            }
        }

        impl Renderable for $payload {
            fn render_with(&self, t: &Tr) -> askama::Result<Rendered> {
                Ok(Rendered {
                    subject: askama::Template::render(&$module::Subject { t, m: self })?
                        .trim()
                        .replace(['\r', '\n'], " "),
                    text: askama::Template::render(&$module::Text { t, m: self })?,
                    html: askama::Template::render(&$module::Html { t, m: self })?,
                })
            }
        }
    };
}

trait Renderable {
    fn render_with(&self, t: &Tr) -> askama::Result<Rendered>;
}

email_templates!(
    verification,
    crate::email::Verification,
    "emails/verification/subject.txt",
    "emails/verification/body.txt",
    "emails/verification/body.html"
);

impl Email {
    /// The template's name (also stored in the outbox for listing and logs).
    pub fn template(&self) -> &'static str {
        match self {
            Email::Verification(_) => "verification",
        }
    }

    /// Renders subject, text and HTML in `language` (missing translations fall back to English).
    pub fn render(&self, language: Language) -> askama::Result<Rendered> {
        let t = Tr::new(language);
        match self {
            Email::Verification(m) => m.render_with(&t),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn sender() -> Sender {
        Sender {
            controller: "Jerone Group Oy".into(),
            register: "Jerone kliendiregister".into(),
            contact_name: "Jerone klienditeenindus".into(),
            contact_email: "klienditeenindus@jerone.fi".into(),
        }
    }

    /// One example of every message, with fixed data (no clock, no random tokens).
    fn examples(name: &str) -> Vec<Email> {
        vec![Email::Verification(Verification {
            sender: sender(),
            reference: "DSR-2026-0001".into(),
            name: name.into(),
            kind: RequestKind::Correction,
            link: "https://dsr.example.fi/verify/TOKEN".into(),
            code: "000000".into(),
            expires_at: Utc.with_ymd_and_hms(2026, 3, 3, 9, 30, 0).unwrap(),
        })]
    }

    fn show(r: &Rendered) -> String {
        format!("Subject: {}\n\n--- text ---\n{}\n--- html ---\n{}", r.subject, r.text, r.html)
    }

    #[test]
    fn every_template_renders_in_every_language() {
        for email in examples("Maija Mallikas") {
            for language in Language::ALL {
                let rendered = email.render(*language).unwrap();
                insta::assert_snapshot!(format!("{}_{}", email.template(), language), show(&rendered));
            }
        }
    }

    #[test]
    fn text_and_html_carry_the_same_links_and_codes() {
        for email in examples("Maija") {
            for language in Language::ALL {
                let r = email.render(*language).unwrap();
                for needle in ["https://dsr.example.fi/verify/TOKEN", "000000", "DSR-2026-0001"] {
                    assert!(r.text.contains(needle) && r.html.contains(needle), "{language}: {needle}");
                }
            }
        }
    }

    #[test]
    fn user_supplied_text_is_escaped_in_html_only() {
        let hostile = "<script>alert(1)</script> & \"x\"";
        for email in examples(hostile) {
            let r = email.render(Language::En).unwrap();
            assert!(!r.html.contains("<script>"), "{}", r.html);
            assert!(
                r.html.contains("&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;x&#34;"),
                "{}",
                r.html
            );
            assert!(r.text.contains(hostile));
        }
    }

    #[test]
    fn the_payload_round_trips_through_json() {
        for email in examples("Maija") {
            let json = serde_json::to_value(&email).unwrap();
            assert_eq!(json["template"], email.template());
            assert_eq!(serde_json::from_value::<Email>(json).unwrap(), email);
        }
    }
}
