//! Delivery: lettre over SMTP (`none`, `starttls` or `tls`, optional authentication, timeout, EHLO
//! name) or lettre's file transport writing one `.eml` per message (development only; refused in
//! production by the configuration). Text and HTML go as alternatives, files beside them.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use super::Rendered;
use crate::config::{MailSettings, MailTransport, SmtpSecurity};
use crate::domain::Language;

/// The configured transport.
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>),
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail configuration: {0}")]
    Config(String),
    #[error("invalid address: {0}")]
    Address(String),
    #[error("building the message: {0}")]
    Build(String),
    /// A failure that may pass: the relay unreachable, a timeout, a 4xx answer.
    #[error("sending: {0}")]
    Send(String),
    /// The relay refused the message for good (a 5xx answer): retrying cannot help.
    #[error("refused: {0}")]
    Refused(String),
}

impl MailError {
    /// Whether sending this message again cannot succeed: a permanent (5xx) answer, or an
    /// address or message that cannot be built.
    pub fn is_permanent(&self) -> bool {
        matches!(self, MailError::Refused(_) | MailError::Address(_) | MailError::Build(_))
    }
}

/// Everything needed to put one rendered message on the wire.
pub struct Envelope<'a> {
    pub from: &'a Mailbox,
    pub to: &'a str,
    pub reply_to: Option<&'a str>,
    pub message_id: &'a str,
    pub language: Language,
    pub rendered: &'a Rendered,
}

impl Mailer {
    pub fn from_settings(settings: &MailSettings) -> Result<Self, MailError> {
        match settings.transport {
            MailTransport::File => {
                std::fs::create_dir_all(&settings.file_dir).map_err(|e| {
                    MailError::Config(format!("mail.file_dir {}: {e}", settings.file_dir.display()))
                })?;
                Ok(Mailer::File(AsyncFileTransport::new(&settings.file_dir)))
            }
            MailTransport::Smtp => {
                let host = settings.smtp_host.as_str();
                let builder = match settings.smtp_security {
                    SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
                    SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                        .map_err(|e| MailError::Config(format!("mail.smtp_host: {e}")))?,
                    SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                        .map_err(|e| MailError::Config(format!("mail.smtp_host: {e}")))?,
                };
                let mut builder = builder
                    .port(settings.effective_smtp_port())
                    .timeout(Some(Duration::from_secs(settings.timeout_secs)));
                if !settings.smtp_username.is_empty() {
                    builder = builder.credentials(Credentials::new(
                        settings.smtp_username.clone(),
                        settings.smtp_password.expose_secret().to_owned(),
                    ));
                }
                if !settings.helo_name.is_empty() {
                    builder = builder.hello_name(ClientId::Domain(settings.helo_name.clone()));
                }
                Ok(Mailer::Smtp(builder.build()))
            }
        }
    }

    /// Builds the MIME message (text and HTML alternatives, stored Message-ID) and sends it.
    pub async fn send(&self, envelope: Envelope<'_>) -> Result<(), MailError> {
        let message = build(envelope)?;
        match self {
            Mailer::Smtp(t) => t.send(message).await.map(drop).map_err(|e| {
                if e.is_permanent() {
                    MailError::Refused(e.to_string())
                } else {
                    MailError::Send(e.to_string())
                }
            }),
            Mailer::File(t) => t.send(message).await.map(drop).map_err(|e| MailError::Send(e.to_string())),
        }
    }
}

fn build(envelope: Envelope<'_>) -> Result<Message, MailError> {
    let to: Mailbox =
        envelope.to.parse().map_err(|e: lettre::address::AddressError| MailError::Address(e.to_string()))?;
    let mut builder = Message::builder()
        .from(envelope.from.clone())
        .to(to)
        .subject(envelope.rendered.subject.clone())
        .message_id(Some(envelope.message_id.to_owned()))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-Language"),
            envelope.language.as_str().to_owned(),
        ));
    if let Some(reply_to) = envelope.reply_to {
        let reply_to: Mailbox =
            reply_to.parse().map_err(|e: lettre::address::AddressError| MailError::Address(e.to_string()))?;
        builder = builder.reply_to(reply_to);
    }
    let body =
        MultiPart::alternative_plain_html(envelope.rendered.text.clone(), envelope.rendered.html.clone());
    if envelope.rendered.attachments.is_empty() {
        return builder.multipart(body).map_err(|e| MailError::Build(e.to_string()));
    }
    // Files go beside the text and HTML alternatives in a multipart/mixed message.
    let mut mixed = MultiPart::mixed().multipart(body);
    for file in &envelope.rendered.attachments {
        let content_type =
            ContentType::parse(&file.content_type).map_err(|e| MailError::Build(e.to_string()))?;
        mixed = mixed
            .singlepart(Attachment::new(file.file_name.clone()).body(file.content.clone(), content_type));
    }
    builder.multipart(mixed).map_err(|e| MailError::Build(e.to_string()))
}
