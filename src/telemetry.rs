//! Structured logging with tracing. Log lines carry references and route patterns, never personal
//! data: emails, names, tokens and passwords are wrapped in redacting types or left out.
//!
//! Every line names the unit of work it belongs to through its spans: an HTTP request (`request_id`,
//! `method`, `route` pattern, `status`), a job (`job_id`, `kind`) or an outbox delivery
//! (`outbox_id`, `template`). JSON lines list them under `spans`.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// Installs the global subscriber writing to stderr. `RUST_LOG` overrides `level`.
pub fn init(format: LogFormat, level: &str) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // A second init (tests, repeated CLI calls in one process) keeps the first subscriber.
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
}

/// Replaces anything shaped like an email address in `text` (e.g. an SMTP server's reply quoting
/// the recipient) so that the text can be logged or stored as an error.
pub fn redact(text: &str) -> String {
    text.split_inclusive(|c: char| {
        c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | ',' | ';' | '(' | ')')
    })
    .map(|part| {
        let word = part.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | ',' | ';' | '(' | ')')
        });
        if word.contains('@') && word.contains('.') {
            part.replacen(word, "<address>", 1)
        } else {
            part.to_owned()
        }
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redact_removes_addresses_and_keeps_the_rest() {
        assert_eq!(
            redact("permanent error (550): 5.1.1 <matti@example.fi>: Recipient rejected"),
            "permanent error (550): 5.1.1 <<address>>: Recipient rejected"
        );
        assert_eq!(redact("connection refused"), "connection refused");
    }
}
