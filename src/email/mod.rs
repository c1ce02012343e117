//! Email messages: each is a typed payload rendered through an askama template triple
//! `templates/emails/<message>/{subject.txt, body.txt, body.html}` in the request's language, and
//! the transports that deliver them (SMTP or `.eml` files).

pub mod mailer;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::answer::Answer;
use crate::domain::request::RequestDetails;
use crate::domain::{Jurisdiction, Language, QuestionReason, Register, RequestKind};
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

/// Sent to the requester once the email address is confirmed: reference, what was asked, the
/// deadline, the private status link and what happens next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub sender: Sender,
    pub reference: String,
    pub name: String,
    pub received_on: NaiveDate,
    pub deadline: NaiveDate,
    pub extended_deadline: NaiveDate,
    pub status_link: String,
    pub details: RequestDetails,
}

impl Receipt {
    /// One line per thing asked, in the reader's language.
    pub fn summary(&self, t: &Tr) -> Vec<String> {
        match &self.details {
            RequestDetails::Inspection { scope } | RequestDetails::Erasure { scope } => vec![match scope {
                Some(scope) => t.fmt("receipt-scope", &[("scope", scope)]),
                None => t.get("receipt-scope-none"),
            }],
            RequestDetails::Correction { items } => items
                .iter()
                .map(|i| {
                    t.fmt(
                        "receipt-item",
                        &[
                            ("field", &i.field),
                            ("current", i.current_value.as_deref().unwrap_or("")),
                            ("corrected", &i.corrected_value),
                        ],
                    )
                })
                .collect(),
            RequestDetails::Objection { purposes, channels } => {
                let purposes: Vec<String> = purposes.iter().map(|p| t.get(&format!("purpose-{p}"))).collect();
                let channels: Vec<String> = channels.iter().map(|c| t.get(&format!("channel-{c}"))).collect();
                vec![t.fmt(
                    "receipt-objection-effect",
                    &[("purposes", &purposes.join(", ")), ("channels", &channels.join(", "))],
                )]
            }
        }
    }
}

/// Sent to the register's contact person when a request is confirmed. It carries no personal
/// data: the staff link leads to the details behind a sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRequest {
    pub sender: Sender,
    pub reference: String,
    pub kind: RequestKind,
    pub received_on: NaiveDate,
    pub deadline: NaiveDate,
    pub staff_link: String,
}

/// The handler asks the requester for identity information or a clarification; the deadline
/// clock stands still until the answer arrives (LAW.md §1.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clarification {
    pub sender: Sender,
    pub reference: String,
    pub name: String,
    pub reason: QuestionReason,
    pub question: String,
}

/// The deadline is extended once, with its reasons (GDPR Art 12(3), LAW.md §6.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub sender: Sender,
    pub reference: String,
    pub name: String,
    pub received_on: NaiveDate,
    pub new_deadline: NaiveDate,
    pub reasons: String,
}

/// The answer to a request: completed (per kind) or refused. A refusal, or an answer that refuses
/// part of the request, names the supervisory authority and the judicial remedy (LAW.md §6.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerMail {
    pub sender: Sender,
    pub reference: String,
    pub name: String,
    pub kind: RequestKind,
    pub received_on: NaiveDate,
    /// `None` for a refusal.
    pub answer: Option<Answer>,
    /// A refusal's reasons.
    pub reasons: Option<String>,
    /// An inspection answer's download link and the last day it works.
    pub download: Option<(String, NaiveDate)>,
    /// The register's jurisdiction, when the complaint notice is due.
    pub complaint: Option<Jurisdiction>,
}

impl AnswerMail {
    /// The opening sentence's key.
    pub fn intro_key(&self) -> &'static str {
        match &self.answer {
            None => "answer-intro-refused",
            Some(a) if a.refuses_part() => "answer-intro-partly",
            Some(_) => "answer-intro-completed",
        }
    }

    /// The handler's own words (message or reasons), possibly empty.
    /// An inspection answer's message is personal data: it is shown behind the download link only.
    pub fn message(&self) -> &str {
        match (&self.answer, &self.reasons) {
            (Some(Answer::Inspection { .. }), _) => "",
            (Some(a), _) => a.message(),
            (None, Some(r)) => r,
            (None, None) => "",
        }
    }

    /// One line per decided item, in the reader's language.
    pub fn lines(&self, t: &Tr) -> Vec<String> {
        match &self.answer {
            Some(Answer::Correction { items, recipients, .. }) => {
                let mut lines: Vec<String> = items
                    .iter()
                    .map(|i| {
                        let outcome = t.get(&format!("item-outcome-{}", i.outcome));
                        let line = t.fmt(
                            "answer-item",
                            &[("field", &i.field), ("corrected", &i.corrected_value), ("outcome", &outcome)],
                        );
                        match &i.reason {
                            Some(reason) => format!("{line} {reason}"),
                            None => line,
                        }
                    })
                    .collect();
                if !recipients.is_empty() {
                    lines.push(t.fmt("answer-recipients", &[("recipients", recipients)]));
                }
                lines
            }
            Some(Answer::Erasure { outcome, retention_duty, .. }) => {
                let mut lines = vec![t.get(&format!("erasure-outcome-{outcome}"))];
                if let Some(duty) = retention_duty {
                    lines.push(t.fmt("answer-retention", &[("duty", duty)]));
                }
                lines
            }
            Some(Answer::Objection { .. }) => vec![t.get("answer-objection")],
            Some(Answer::Inspection { .. }) | None => Vec::new(),
        }
    }
}

/// The one-time code that opens an inspection answer's download link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DownloadCode {
    pub sender: Sender,
    pub reference: String,
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

impl DownloadCode {
    pub fn expires_text(&self) -> String {
        self.expires_at.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// To the assignee (or the register's handlers): a deadline is near, or has passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub sender: Sender,
    pub reference: String,
    pub kind: RequestKind,
    pub deadline: NaiveDate,
    /// Working days left (7 or 2), or `None` when overdue.
    pub working_days_left: Option<u32>,
    /// Calendar days past the deadline.
    pub days_overdue: i64,
    pub staff_link: String,
}

/// To the register's contact person on the 1st: the previous month's deadline report, its summary
/// in the body and every row in the attached CSV (references and dates, no requester's data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyReport {
    pub sender: Sender,
    pub register_key: String,
    /// `YYYY-MM`.
    pub month: String,
    pub summary: crate::domain::report::Group,
    /// The report page of the month and register.
    pub report_link: String,
    /// The attachment, as written when the email was queued (erased from the outbox once sent).
    pub csv: String,
}

impl MonthlyReport {
    pub fn file_name(&self) -> String {
        format!("deadline-report-{}-{}.csv", self.month, self.register_key)
    }

    /// (label key, value) of the summary lines, in the order shown.
    pub fn lines(&self) -> Vec<(&'static str, String)> {
        let c = &self.summary.totals;
        let days = |v: Option<i64>| v.map_or_else(|| "–".to_owned(), |d| d.to_string());
        vec![
            ("monthly-report-rows", c.rows.to_string()),
            ("monthly-report-received", c.received.to_string()),
            ("monthly-report-on-time", c.closed_on_time.to_string()),
            ("monthly-report-late", c.closed_late.to_string()),
            ("monthly-report-open", c.open_within_deadline.to_string()),
            ("monthly-report-overdue", c.open_overdue.to_string()),
            ("monthly-report-withdrawn", c.withdrawn.to_string()),
            ("monthly-report-extended", c.extended.to_string()),
            ("monthly-report-median", days(c.median_days_to_close)),
            ("monthly-report-p90", days(c.p90_days_to_close)),
        ]
    }

    /// One line per kind of request: its name and counts.
    pub fn kind_lines(&self, t: &Tr) -> Vec<String> {
        self.summary
            .by_kind
            .iter()
            .map(|k| {
                let name = k
                    .kind
                    .parse::<RequestKind>()
                    .map_or_else(|_| k.kind.clone(), |kind| t.get(kind.message_key()));
                let c = &k.counts;
                t.fmt(
                    "monthly-report-kind",
                    &[
                        ("kind", &name),
                        ("rows", &c.rows.to_string()),
                        ("on_time", &c.closed_on_time.to_string()),
                        ("late", &c.closed_late.to_string()),
                        ("open", &c.open_within_deadline.to_string()),
                        ("overdue", &c.open_overdue.to_string()),
                    ],
                )
            })
            .collect()
    }
}

/// Every email the service sends, with its variables. Stored as JSON in the outbox until sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "template", content = "data", rename_all = "snake_case")]
pub enum Email {
    Verification(Verification),
    Receipt(Receipt),
    NewRequest(NewRequest),
    Clarification(Clarification),
    Extension(Extension),
    Answer(AnswerMail),
    DownloadCode(DownloadCode),
    Reminder(Reminder),
    MonthlyReport(MonthlyReport),
}

/// A rendered message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attachments: Vec<Attachment>,
}

/// A file sent with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub file_name: String,
    pub content_type: String,
    pub content: Vec<u8>,
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
                    attachments: Vec::new(),
                })
            }
        }
    };
}

trait Renderable {
    fn render_with(&self, t: &Tr) -> askama::Result<Rendered>;
}

email_templates!(
    receipt,
    crate::email::Receipt,
    "emails/receipt/subject.txt",
    "emails/receipt/body.txt",
    "emails/receipt/body.html"
);

email_templates!(
    new_request,
    crate::email::NewRequest,
    "emails/new_request/subject.txt",
    "emails/new_request/body.txt",
    "emails/new_request/body.html"
);

email_templates!(
    verification,
    crate::email::Verification,
    "emails/verification/subject.txt",
    "emails/verification/body.txt",
    "emails/verification/body.html"
);

email_templates!(
    clarification,
    crate::email::Clarification,
    "emails/clarification/subject.txt",
    "emails/clarification/body.txt",
    "emails/clarification/body.html"
);

email_templates!(
    extension,
    crate::email::Extension,
    "emails/extension/subject.txt",
    "emails/extension/body.txt",
    "emails/extension/body.html"
);

email_templates!(
    answer,
    crate::email::AnswerMail,
    "emails/answer/subject.txt",
    "emails/answer/body.txt",
    "emails/answer/body.html"
);

email_templates!(
    download_code,
    crate::email::DownloadCode,
    "emails/download_code/subject.txt",
    "emails/download_code/body.txt",
    "emails/download_code/body.html"
);

email_templates!(
    reminder,
    crate::email::Reminder,
    "emails/reminder/subject.txt",
    "emails/reminder/body.txt",
    "emails/reminder/body.html"
);

email_templates!(
    monthly_report,
    crate::email::MonthlyReport,
    "emails/monthly_report/subject.txt",
    "emails/monthly_report/body.txt",
    "emails/monthly_report/body.html"
);

impl Email {
    /// The template's name (also stored in the outbox for listing and logs).
    pub fn template(&self) -> &'static str {
        match self {
            Email::Verification(_) => "verification",
            Email::Receipt(_) => "receipt",
            Email::NewRequest(_) => "new_request",
            Email::Clarification(_) => "clarification",
            Email::Extension(_) => "extension",
            Email::Answer(_) => "answer",
            Email::DownloadCode(_) => "download_code",
            Email::Reminder(_) => "reminder",
            Email::MonthlyReport(_) => "monthly_report",
        }
    }

    /// Renders subject, text and HTML in `language` (missing translations fall back to English).
    pub fn render(&self, language: Language) -> askama::Result<Rendered> {
        let t = Tr::new(language);
        match self {
            Email::Verification(m) => m.render_with(&t),
            Email::Receipt(m) => m.render_with(&t),
            Email::NewRequest(m) => m.render_with(&t),
            Email::Clarification(m) => m.render_with(&t),
            Email::Extension(m) => m.render_with(&t),
            Email::Answer(m) => m.render_with(&t),
            Email::DownloadCode(m) => m.render_with(&t),
            Email::Reminder(m) => m.render_with(&t),
            Email::MonthlyReport(m) => {
                let mut rendered = m.render_with(&t)?;
                rendered.attachments.push(Attachment {
                    file_name: m.file_name(),
                    content_type: "text/csv; charset=utf-8".into(),
                    content: m.csv.clone().into_bytes(),
                });
                Ok(rendered)
            }
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
        use crate::domain::answer::ItemDecision;
        use crate::domain::request::CorrectionItem;
        use crate::domain::{ErasureOutcome, ItemOutcome, ObjectionChannel, ObjectionPurpose};
        let date = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let answer = |answer: Option<Answer>, download, complaint| AnswerMail {
            sender: sender(),
            reference: "DSR-2026-0001".into(),
            name: name.into(),
            kind: match &answer {
                Some(Answer::Inspection { .. }) => RequestKind::Inspection,
                Some(Answer::Correction { .. }) | None => RequestKind::Correction,
                Some(Answer::Objection { .. }) => RequestKind::Objection,
                Some(Answer::Erasure { .. }) => RequestKind::Erasure,
            },
            received_on: date(2),
            answer,
            reasons: None,
            download,
            complaint,
        };
        let reminder = |working_days_left, days_overdue| Reminder {
            sender: sender(),
            reference: "DSR-2026-0001".into(),
            kind: RequestKind::Inspection,
            deadline: date(31),
            working_days_left,
            days_overdue,
            staff_link: "https://dsr.example.fi/staff/requests/DSR-2026-0001".into(),
        };
        let receipt = |details| Receipt {
            sender: sender(),
            reference: "DSR-2026-0001".into(),
            name: name.into(),
            received_on: date(2),
            deadline: date(2) + chrono::Days::new(31),
            extended_deadline: date(2) + chrono::Days::new(92),
            status_link: "https://dsr.example.fi/status/TOKEN".into(),
            details,
        };
        vec![
            Email::Receipt(receipt(RequestDetails::Inspection { scope: Some("Orders of 2025".into()) })),
            Email::Receipt(receipt(RequestDetails::Correction {
                items: vec![CorrectionItem {
                    field: "Address".into(),
                    current_value: Some("Old street 1".into()),
                    corrected_value: "New street 2".into(),
                    reason: None,
                }],
            })),
            Email::Receipt(receipt(RequestDetails::Objection {
                purposes: vec![ObjectionPurpose::DirectAdvertising, ObjectionPurpose::MarketResearch],
                channels: vec![ObjectionChannel::Email, ObjectionChannel::Sms],
            })),
            Email::Receipt(receipt(RequestDetails::Erasure { scope: None })),
            Email::NewRequest(NewRequest {
                sender: sender(),
                reference: "DSR-2026-0001".into(),
                kind: RequestKind::Erasure,
                received_on: date(2),
                deadline: date(2) + chrono::Days::new(31),
                staff_link: "https://dsr.example.fi/staff/requests/DSR-2026-0001".into(),
            }),
            Email::Verification(Verification {
                sender: sender(),
                reference: "DSR-2026-0001".into(),
                name: name.into(),
                kind: RequestKind::Correction,
                link: "https://dsr.example.fi/verify/TOKEN".into(),
                code: "000000".into(),
                expires_at: Utc.with_ymd_and_hms(2026, 3, 3, 9, 30, 0).unwrap(),
            }),
            Email::Clarification(Clarification {
                sender: sender(),
                reference: "DSR-2026-0001".into(),
                name: name.into(),
                reason: QuestionReason::Identity,
                question: format!("Please confirm your customer number, {name}."),
            }),
            Email::Extension(Extension {
                sender: sender(),
                reference: "DSR-2026-0001".into(),
                name: name.into(),
                received_on: date(2),
                new_deadline: date(2) + chrono::Days::new(92),
                reasons: "Your data is held in three systems.".into(),
            }),
            Email::Answer(answer(
                Some(Answer::Inspection { message: "Secret details".into() }),
                Some(("https://dsr.example.fi/download/TOKEN".into(), date(30))),
                None,
            )),
            Email::Answer(answer(
                Some(Answer::Correction {
                    message: String::new(),
                    items: vec![
                        ItemDecision {
                            field: "Address".into(),
                            corrected_value: "New street 2".into(),
                            outcome: ItemOutcome::Corrected,
                            reason: None,
                        },
                        ItemDecision {
                            field: "Birth date".into(),
                            corrected_value: "1.1.1990".into(),
                            outcome: ItemOutcome::Rejected,
                            reason: Some(format!("The register holds no birth dates, {name}.")),
                        },
                    ],
                    recipients: "Posti Oy".into(),
                }),
                None,
                Some(Jurisdiction::Fi),
            )),
            Email::Answer(answer(Some(Answer::Objection { message: "Recorded.".into() }), None, None)),
            Email::Answer(answer(
                Some(Answer::Erasure {
                    message: String::new(),
                    outcome: ErasureOutcome::PartlyRefused,
                    retention_duty: Some("Kirjanpitolaki 1336/1997 2:10".into()),
                }),
                None,
                Some(Jurisdiction::Ee),
            )),
            Email::Answer(AnswerMail {
                reasons: Some(format!("The request is manifestly unfounded, {name}.")),
                ..answer(None, None, Some(Jurisdiction::Fi))
            }),
            Email::DownloadCode(DownloadCode {
                sender: sender(),
                reference: "DSR-2026-0001".into(),
                code: "000000".into(),
                expires_at: Utc.with_ymd_and_hms(2026, 3, 3, 9, 30, 0).unwrap(),
            }),
            Email::Reminder(reminder(Some(7), 0)),
            Email::Reminder(reminder(None, 3)),
            Email::MonthlyReport(monthly_report()),
        ]
    }

    fn monthly_report() -> MonthlyReport {
        use crate::domain::report::{Counts, Group, KindCounts};
        let counts = |rows, on_time, late, open, overdue, median, p90| Counts {
            rows,
            received: rows - 1,
            closed_on_time: on_time,
            closed_late: late,
            open_within_deadline: open,
            open_overdue: overdue,
            withdrawn: 0,
            extended: 1,
            median_days_to_close: median,
            p90_days_to_close: p90,
        };
        MonthlyReport {
            sender: sender(),
            register_key: "jerone".into(),
            month: "2026-03".into(),
            summary: Group {
                register: Some("jerone".into()),
                totals: counts(6, 3, 1, 1, 1, Some(12), Some(40)),
                by_kind: vec![
                    KindCounts {
                        kind: "inspection".into(),
                        counts: counts(4, 2, 1, 0, 1, Some(20), Some(40)),
                    },
                    KindCounts { kind: "erasure".into(), counts: counts(2, 1, 0, 1, 0, Some(12), Some(12)) },
                ],
            },
            report_link: "https://dsr.example.fi/staff/reports/deadlines?month=2026-03&register=jerone"
                .into(),
            csv: "reference,register\r\nDSR-2026-0001,jerone\r\n".into(),
        }
    }

    fn show(r: &Rendered) -> String {
        let mut shown =
            format!("Subject: {}\n\n--- text ---\n{}\n--- html ---\n{}", r.subject, r.text, r.html);
        for a in &r.attachments {
            shown.push_str(&format!(
                "\n--- attachment {} ({}, {} bytes) ---",
                a.file_name,
                a.content_type,
                a.content.len()
            ));
        }
        shown
    }

    #[test]
    fn every_template_renders_in_every_language() {
        for (n, email) in examples("Maija Mallikas").into_iter().enumerate() {
            for language in Language::ALL {
                let rendered = email.render(*language).unwrap();
                insta::assert_snapshot!(format!("{}_{n}_{}", email.template(), language), show(&rendered));
            }
        }
    }

    #[test]
    fn text_and_html_carry_the_same_links_and_codes() {
        for email in examples("Maija") {
            for language in Language::ALL {
                let r = email.render(*language).unwrap();
                // A monthly report names no request in its body: the rows are in the attachment.
                if !matches!(email, Email::MonthlyReport(_)) {
                    assert!(
                        r.text.contains("DSR-2026-0001") && r.html.contains("DSR-2026-0001"),
                        "{language}"
                    );
                }
                let ours = |s: &str| s.matches("https://dsr.example.fi/").count();
                assert!(ours(&r.html) >= ours(&r.text), "{language}: {}", email.template());
                // Messages that lead somewhere carry the link in both parts.
                let expects_link = match &email {
                    Email::Answer(a) => a.download.is_some(),
                    Email::Clarification(_) | Email::Extension(_) | Email::DownloadCode(_) => false,
                    _ => true,
                };
                assert_eq!(ours(&r.text) >= 1, expects_link, "{language}: {}", email.template());
                let code = match &email {
                    Email::Verification(v) => Some(&v.code),
                    Email::DownloadCode(d) => Some(&d.code),
                    _ => None,
                };
                if let Some(code) = code {
                    assert!(r.text.contains(code.as_str()) && r.html.contains(code.as_str()));
                }
                // A refusal, or an answer refusing part of the request, names the authority.
                if let Email::Answer(a) = &email {
                    let authority = if a.complaint == Some(Jurisdiction::Ee) { "Tatari 39" } else { "00531" };
                    assert_eq!(r.text.contains(authority), a.complaint.is_some(), "{language}");
                    assert!(!r.text.contains("Secret details"), "inspection answers stay behind the link");
                }
            }
        }
    }

    #[test]
    fn user_supplied_text_is_escaped_in_html_only() {
        let hostile = "<script>alert(1)</script> & \"x\"";
        // The contact person's notice carries no personal data at all.
        let carries_name = |e: &Email| {
            !matches!(
                e,
                Email::NewRequest(_) | Email::Reminder(_) | Email::DownloadCode(_) | Email::MonthlyReport(_)
            )
        };
        for email in examples(hostile).into_iter().filter(carries_name) {
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

    #[test]
    fn outbox_payloads_keep_their_stored_form() {
        // Rows already waiting in a deployed outbox must still read back: this pins the JSON of
        // every example, tag and fields in order.
        let stored = serde_json::to_string_pretty(&examples("Maija")).unwrap();
        insta::assert_snapshot!("outbox_payloads", stored);
    }
}
