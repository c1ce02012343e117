//! Contact identifiers. An email address is parsed once at the edge and kept normalised; its
//! `Debug` is redacted so that it cannot reach a log line by accident.

use std::fmt;
use std::str::FromStr;

/// A syntactically valid email address, trimmed, with its domain lower-cased.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

/// Why a text is not an email address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("is required")]
    Empty,
    #[error("is too long (at most 254 characters)")]
    TooLong,
    #[error("is not a valid email address")]
    Invalid,
}

impl Email {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed.len() > 254 {
            return Err(EmailError::TooLong);
        }
        let parsed = email_address::EmailAddress::from_str(trimmed).map_err(|_| EmailError::Invalid)?;
        // Display names ("Name <a@b>") are accepted by the parser but not by us: one bare address.
        if parsed.email() != trimmed || !parsed.domain().contains('.') && parsed.domain() != "localhost" {
            return Err(EmailError::Invalid);
        }
        Ok(Self(format!("{}@{}", parsed.local_part(), parsed.domain().to_lowercase())))
    }

    /// The address as text, for storage and sending.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form used for matching (suppression checks, search): the whole address lower-cased.
    pub fn normalised(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Email(<redacted>)")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_normalises_the_domain() {
        let e = Email::parse("  Matti.Meikalainen@Example.FI ").unwrap();
        assert_eq!(e.as_str(), "Matti.Meikalainen@example.fi");
        assert_eq!(e.normalised(), "matti.meikalainen@example.fi");
    }

    #[test]
    fn rejects_what_is_not_one_bare_address() {
        assert_eq!(Email::parse(""), Err(EmailError::Empty));
        for bad in ["plain", "a@", "@b.fi", "Name <a@b.fi>", "a@b", "a b@c.fi"] {
            assert_eq!(Email::parse(bad), Err(EmailError::Invalid), "{bad}");
        }
        assert_eq!(Email::parse(&format!("{}@b.fi", "a".repeat(260))), Err(EmailError::TooLong));
    }

    #[test]
    fn debug_is_redacted() {
        let e = Email::parse("a@b.fi").unwrap();
        assert_eq!(format!("{e:?}"), "Email(<redacted>)");
    }
}
