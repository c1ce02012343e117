//! Contact identifiers. An email address or a phone number is parsed once at the edge and kept
//! normalised; its `Debug` is redacted so that it cannot reach a log line by accident.

use std::fmt;
use std::str::FromStr;

/// A syntactically valid email address, trimmed, with its domain lower-cased in its ASCII
/// (IDNA, punycode) form.
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
        // A quoted local part (`"a b"@…`) or an address literal (`a@[127.0.0.1]`) is valid mail
        // syntax that the mailer cannot deliver to: refused here rather than dead in the outbox.
        if parsed.local_part().starts_with('"') || parsed.domain().starts_with('[') {
            return Err(EmailError::Invalid);
        }
        // One form per domain (IDNA/UTS 46, ASCII): `Bücher.example` and `xn--bcher-kva.example`
        // are the same address, so they must match in searches and suppression checks.
        let domain = idna::domain_to_ascii(parsed.domain()).map_err(|_| EmailError::Invalid)?;
        if domain.is_empty() || domain.len() > 253 {
            return Err(EmailError::Invalid);
        }
        Ok(Self(format!("{}@{}", parsed.local_part(), domain)))
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

/// How an address looks to a person, for staff: its international domain in Unicode, and any
/// part that mixes writing systems (a Cyrillic `а` among Latin letters looks like `a`, so
/// `mаija@example.fi` can pass for someone else's address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressLook {
    /// The address with its domain in Unicode, when that differs from the stored ASCII form.
    pub unicode: Option<String>,
    /// The first part (local part or domain label) that mixes scripts, with the scripts' names.
    pub mixed_scripts: Option<MixedScripts>,
}

/// A part of an address written in more than one script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MixedScripts {
    pub part: String,
    pub scripts: Vec<&'static str>,
}

impl Email {
    /// How the address looks (see [`AddressLook`]).
    pub fn look(&self) -> AddressLook {
        let (local, ascii_domain) = self.0.rsplit_once('@').unwrap_or((self.0.as_str(), ""));
        // The stored domain is valid IDNA, so decoding cannot fail; if it did, the ASCII form is
        // all there is to show.
        let (domain, decoded) = idna::domain_to_unicode(ascii_domain);
        let domain = if decoded.is_ok() { domain } else { ascii_domain.to_owned() };
        let unicode = (domain != ascii_domain).then(|| format!("{local}@{domain}"));
        let mixed_scripts = std::iter::once(local).chain(domain.split('.')).find_map(mixed_scripts);
        AddressLook { unicode, mixed_scripts }
    }
}

/// `part`'s scripts when it mixes them. Digits and punctuation belong to every script, and the
/// CJK scripts that are written together (Han with Kana or Hangul) count as one, as in UTS 39.
fn mixed_scripts(part: &str) -> Option<MixedScripts> {
    use unicode_script::{Script, UnicodeScript};
    use unicode_security::MixedScript;
    if part.is_single_script() {
        return None;
    }
    let mut scripts: Vec<&'static str> = Vec::new();
    for c in part.chars() {
        let script = c.script();
        if !matches!(script, Script::Common | Script::Inherited | Script::Unknown)
            && !scripts.contains(&script.full_name())
        {
            scripts.push(script.full_name());
        }
    }
    Some(MixedScripts { part: part.to_owned(), scripts })
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Email(<redacted>)")
    }
}

/// Longest raw phone input looked at; anything longer cannot be a phone number.
const MAX_PHONE_INPUT: usize = 64;

/// A phone number in E.164 form: `+` followed by 8–15 digits, the country calling code included
/// (for example `+358505991101`). Its `Debug` is redacted, like [`Email`]'s.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

/// Why a text is not a phone number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Nothing but whitespace and separators.
    #[error("is required")]
    Empty,
    /// Letters or other characters that are neither digits nor separators.
    #[error("contains characters that are not digits")]
    InvalidCharacters,
    /// A national number without a trunk `0` where the default country has a trunk prefix, or a
    /// country code that starts with 0.
    #[error("has no country code")]
    MissingCountryCode,
    /// Fewer than 8 or more than 15 digits in all.
    #[error("has too few or too many digits")]
    WrongLength,
}

impl Phone {
    /// Normalises `raw` to E.164.
    ///
    /// Spaces (any whitespace), dashes, dots and parentheses are removed, as is a `(0)` written
    /// after an international prefix (`+358 (0)50 ...`). Then:
    /// - `+CC...` is kept;
    /// - `00CC...` becomes `+CC...`;
    /// - a single leading `0` is the national trunk prefix: with a default country that has one
    ///   (Finland, `"358"`) it becomes `+<default>` and the rest; Estonia (`"372"`) has no trunk
    ///   prefix, so there a leading `0` can only be a Finnish national number and becomes `+358`;
    /// - digits without a leading `0` or `+` are a national number of a country without a trunk
    ///   prefix: with the default `"372"` they become `+372...`; elsewhere they are rejected as
    ///   ambiguous (they may be an international number missing its `+`).
    ///
    /// The result must have 8–15 digits in all, the first not `0`.
    pub fn parse(raw: &str, default_country_code: &str) -> Result<Phone, PhoneError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(PhoneError::Empty);
        }
        if trimmed.chars().count() > MAX_PHONE_INPUT {
            return Err(PhoneError::WrongLength);
        }
        let mut compact: String =
            trimmed.chars().filter(|c| !(c.is_whitespace() || matches!(c, '-' | '.'))).collect();
        if compact.starts_with('+') || compact.starts_with("00") {
            compact = compact.replacen("(0)", "", 1);
        }
        let compact: String = compact.chars().filter(|c| !matches!(c, '(' | ')')).collect();
        if compact.is_empty() {
            return Err(PhoneError::Empty);
        }

        let digits = if let Some(rest) = compact.strip_prefix('+') {
            rest.to_owned()
        } else if let Some(rest) = compact.strip_prefix("00") {
            rest.to_owned()
        } else if let Some(rest) = compact.strip_prefix('0') {
            let country = if default_country_code == "372" { "358" } else { default_country_code };
            format!("{country}{rest}")
        } else if default_country_code == "372" {
            format!("372{compact}")
        } else {
            // Reject letters first: "abc" is invalid, not merely missing its country code.
            if !compact.chars().all(|c| c.is_ascii_digit()) {
                return Err(PhoneError::InvalidCharacters);
            }
            return Err(PhoneError::MissingCountryCode);
        };

        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(PhoneError::InvalidCharacters);
        }
        if digits.is_empty() || digits.starts_with('0') {
            return Err(PhoneError::MissingCountryCode);
        }
        if !(8..=15).contains(&digits.len()) {
            return Err(PhoneError::WrongLength);
        }
        Ok(Phone(format!("+{digits}")))
    }

    /// The number in E.164 form, e.g. `+358505991101`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Phone(<redacted>)")
    }
}

/// A postal address for letters to a requester without email: 2–6 lines (street, postal code and
/// town, country...), each trimmed, blank lines dropped, at most [`PostalAddress::MAX_LINE`]
/// characters a line and [`PostalAddress::MAX_LEN`] in all, no control characters. The requester's
/// name is not part of it (the letter head adds it). Its `Debug` is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct PostalAddress(String);

/// Why a text is not a postal address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostalAddressError {
    #[error("is required")]
    Empty,
    #[error("needs at least the street and the postal code with the town, on lines of their own")]
    TooFewLines,
    #[error("has more than 6 lines")]
    TooManyLines,
    #[error("has a line longer than 100 characters")]
    LineTooLong,
    #[error("is too long (at most 500 characters)")]
    TooLong,
    #[error("contains a control character")]
    ControlCharacter,
}

impl PostalAddress {
    /// Longest line, in characters.
    pub const MAX_LINE: usize = 100;
    /// Longest address, in characters (line breaks included).
    pub const MAX_LEN: usize = 500;
    /// Most lines.
    pub const MAX_LINES: usize = 6;

    pub fn parse(raw: &str) -> Result<Self, PostalAddressError> {
        // Line breaks separate lines; any other control character is refused, not dropped.
        if raw.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
            return Err(PostalAddressError::ControlCharacter);
        }
        let lines: Vec<&str> = raw.split(['\n', '\r']).map(str::trim).filter(|l| !l.is_empty()).collect();
        if lines.is_empty() {
            return Err(PostalAddressError::Empty);
        }
        if lines.len() < 2 {
            return Err(PostalAddressError::TooFewLines);
        }
        if lines.len() > Self::MAX_LINES {
            return Err(PostalAddressError::TooManyLines);
        }
        if lines.iter().any(|l| l.chars().count() > Self::MAX_LINE) {
            return Err(PostalAddressError::LineTooLong);
        }
        let joined = lines.join("\n");
        if joined.chars().count() > Self::MAX_LEN {
            return Err(PostalAddressError::TooLong);
        }
        Ok(Self(joined))
    }

    /// The address, one line per `\n`, for storage.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its lines, for a letter head.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.0.lines()
    }
}

impl fmt::Debug for PostalAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PostalAddress(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_international_domain_has_one_form_whichever_way_it_is_written() {
        let unicode = Email::parse("Maija@Bücher.example").unwrap_or_else(|e| panic!("{e}"));
        let ascii = Email::parse("maija@XN--BCHER-KVA.example").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(unicode.as_str(), "Maija@xn--bcher-kva.example");
        assert_eq!(unicode.normalised(), ascii.normalised());
    }

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
    fn addresses_the_mailer_cannot_deliver_to_are_refused() {
        for undeliverable in ["\"a b\"@example.fi", "\"quoted\"@example.fi", "a@[127.0.0.1]", "a@[IPv6:::1]"]
        {
            assert_eq!(Email::parse(undeliverable), Err(EmailError::Invalid), "{undeliverable}");
        }
    }

    #[test]
    fn an_address_mixing_scripts_in_one_part_is_flagged() {
        // The second letter is Cyrillic а (U+0430).
        let look = Email::parse("m\u{430}ija@example.fi").unwrap().look();
        let mixed = look.mixed_scripts.expect("flagged");
        assert_eq!(mixed.part, "m\u{430}ija");
        assert_eq!(mixed.scripts, vec!["Latin", "Cyrillic"]);
        // In the domain too, decoded from its ASCII form: pаypal with a Cyrillic а.
        let look = Email::parse("maija@p\u{430}ypal.example").unwrap().look();
        assert_eq!(look.mixed_scripts.expect("flagged").part, "p\u{430}ypal");
    }

    #[test]
    fn one_script_per_part_is_not_flagged() {
        for fine in [
            "maija.virtanen@example.fi",
            "Maija@Bücher.example",
            "иван@пример.рф",
            "ivan@пример.рф",
            "山田@example.jp",
            "user+tag-1@example.fi",
        ] {
            assert_eq!(Email::parse(fine).unwrap().look().mixed_scripts, None, "{fine}");
        }
    }

    #[test]
    fn an_international_domain_is_shown_in_unicode_too() {
        let look = Email::parse("maija@xn--bcher-kva.example").unwrap().look();
        assert_eq!(look.unicode.as_deref(), Some("maija@bücher.example"));
        assert_eq!(Email::parse("maija@example.fi").unwrap().look().unicode, None);
    }

    #[test]
    fn debug_is_redacted() {
        let e = Email::parse("a@b.fi").unwrap();
        assert_eq!(format!("{e:?}"), "Email(<redacted>)");
    }

    #[test]
    fn finnish_notations_normalise_to_one_number() {
        for raw in ["050 599 1101", "+358 50 599 1101", "00358505991101", "(050) 599-1101", "050.599.1101"] {
            assert_eq!(Phone::parse(raw, "358").unwrap().as_str(), "+358505991101", "{raw}");
        }
        assert_eq!(Phone::parse("+358 (0)50 599 1101", "358").unwrap().as_str(), "+358505991101");
        assert_eq!(Phone::parse("03-7625000", "358").unwrap().as_str(), "+35837625000");
    }

    #[test]
    fn estonian_national_numbers_have_no_trunk_prefix() {
        assert_eq!(Phone::parse("5123 4567", "372").unwrap().as_str(), "+37251234567");
        assert_eq!(Phone::parse("+372 5123 4567", "372").unwrap().as_str(), "+37251234567");
        assert_eq!(Phone::parse("00372 5123 4567", "358").unwrap().as_str(), "+37251234567");
        // A trunk 0 is Finnish even on an Estonian form.
        assert_eq!(Phone::parse("050 599 1101", "372").unwrap().as_str(), "+358505991101");
    }

    #[test]
    fn phone_rejects_what_is_not_a_number() {
        assert_eq!(Phone::parse("   ", "358"), Err(PhoneError::Empty));
        assert_eq!(Phone::parse("-- ()", "358"), Err(PhoneError::Empty));
        assert_eq!(Phone::parse("050 CALL ME", "358"), Err(PhoneError::InvalidCharacters));
        assert_eq!(Phone::parse("abc", "358"), Err(PhoneError::InvalidCharacters));
        assert_eq!(Phone::parse("+358 50 +599", "358"), Err(PhoneError::InvalidCharacters));
        assert_eq!(Phone::parse("050 599 1101 ext 5", "358"), Err(PhoneError::InvalidCharacters));
        assert_eq!(Phone::parse("٠٥٠٥٩٩١١٠١", "358"), Err(PhoneError::InvalidCharacters));
        assert_eq!(Phone::parse("505991101", "358"), Err(PhoneError::MissingCountryCode));
        assert_eq!(Phone::parse("+0505991101", "358"), Err(PhoneError::MissingCountryCode));
        assert_eq!(Phone::parse("000505991101", "358"), Err(PhoneError::MissingCountryCode));
        assert_eq!(Phone::parse("+", "358"), Err(PhoneError::MissingCountryCode));
        assert_eq!(Phone::parse("01234", "358"), Err(PhoneError::WrongLength));
        assert_eq!(Phone::parse("+3585", "358"), Err(PhoneError::WrongLength));
        assert_eq!(Phone::parse("+3585059911011234", "358"), Err(PhoneError::WrongLength));
        assert_eq!(Phone::parse(&"1".repeat(100), "372"), Err(PhoneError::WrongLength));
        // Exactly the E.164 bounds: 8 and 15 digits.
        assert_eq!(Phone::parse("+12345678", "358").unwrap().as_str(), "+12345678");
        assert_eq!(Phone::parse("+123456789012345", "358").unwrap().as_str(), "+123456789012345");
    }

    #[test]
    fn phone_debug_is_redacted() {
        let phone = Phone::parse("050 599 1101", "358").unwrap();
        assert_eq!(format!("{phone:?}"), "Phone(<redacted>)");
    }

    mod props {
        use proptest::prelude::*;

        use super::super::*;

        proptest! {
            #[test]
            fn phone_parse_never_panics_and_is_idempotent(raw in any::<String>(), cc in prop::sample::select(vec!["358", "372"])) {
                if let Ok(phone) = Phone::parse(&raw, cc) {
                    let s = phone.as_str();
                    prop_assert!(s.starts_with('+'));
                    prop_assert!((9..=16).contains(&s.len()));
                    prop_assert!(s[1..].bytes().all(|b| b.is_ascii_digit()));
                    prop_assert_eq!(Phone::parse(s, cc), Ok(phone.clone()));
                }
            }

            #[test]
            fn phone_digits_with_separators_parse(digits in "[1-9][0-9]{7,14}", cc in prop::sample::select(vec!["358", "372"])) {
                let spaced: String = digits.chars().flat_map(|c| [c, ' ']).collect();
                let parsed = Phone::parse(&format!("+{spaced}"), cc).unwrap();
                prop_assert_eq!(parsed.as_str(), format!("+{digits}"));
            }
        }
    }

    #[test]
    fn a_postal_address_is_cleaned_into_lines() {
        let a = PostalAddress::parse("  Mannerheimintie 1 A 2 \r\n\r\n00100 Helsinki\n Suomi ").unwrap();
        assert_eq!(a.as_str(), "Mannerheimintie 1 A 2\n00100 Helsinki\nSuomi");
        assert_eq!(a.lines().collect::<Vec<_>>(), ["Mannerheimintie 1 A 2", "00100 Helsinki", "Suomi"]);
        assert_eq!(format!("{a:?}"), "PostalAddress(<redacted>)");
    }

    #[test]
    fn a_postal_address_is_refused_with_its_reason() {
        let long_line = format!("{}\n00100 Helsinki", "a".repeat(101));
        let long = (0..6).map(|_| "b".repeat(95)).collect::<Vec<_>>().join("\n");
        let cases = [
            ("", PostalAddressError::Empty),
            (" \n \r\n ", PostalAddressError::Empty),
            ("Mannerheimintie 1", PostalAddressError::TooFewLines),
            ("1\n2\n3\n4\n5\n6\n7", PostalAddressError::TooManyLines),
            (long_line.as_str(), PostalAddressError::LineTooLong),
            (long.as_str(), PostalAddressError::TooLong),
            ("Mannerheimintie 1\n00100\tHelsinki", PostalAddressError::ControlCharacter),
            ("Mannerheimintie 1\u{0}\n00100 Helsinki", PostalAddressError::ControlCharacter),
        ];
        for (raw, error) in cases {
            assert_eq!(PostalAddress::parse(raw), Err(error), "{raw:?}");
        }
    }
}
