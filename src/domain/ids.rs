//! Identifiers: one newtype per kind of row id, and the request reference people read and type.
//! A `RequestId` cannot be passed where a `StaffId` is meant; the database layer maps each to its
//! column once.

use std::fmt;
use std::str::FromStr;

use rand::Rng;
use serde::{Deserialize, Serialize};

/// Declares a row-id newtype over the table's `bigint` key.
macro_rules! row_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map($name)
            }
        }
    };
}

row_id!(
    /// A request (`requests.id`).
    RequestId
);
row_id!(
    /// A staff account (`staff_accounts.id`).
    StaffId
);
row_id!(
    /// A file of an answer (`answer_attachments.id`).
    AttachmentId
);
row_id!(
    /// A letter to a requester without email (`letters.id`).
    LetterId
);
row_id!(
    /// An integration API key (`api_keys.id`).
    ApiKeyId
);
row_id!(
    /// An email in the outbox (`outbox_messages.id`).
    OutboxId
);
row_id!(
    /// A background job (`jobs.id`).
    JobId
);
row_id!(
    /// One webhook event to one endpoint (`webhook_deliveries.id`).
    DeliveryId
);

/// A request's reference as shown to people: `DSR-` and two groups of four Crockford base-32
/// characters (`DSR-7K2M-Q9XA`). Parsing accepts what people type (spaces around, lower case).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Reference(String);

/// A text that is not a request reference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("is not a request reference (DSR-XXXX-XXXX)")]
pub struct NotAReference;

impl Reference {
    /// Crockford's base-32 alphabet (no I, L, O, U).
    pub const ALPHABET: &'static [u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// Parses a reference as typed: trimmed, upper-cased, then checked for shape.
    pub fn parse(raw: &str) -> Result<Self, NotAReference> {
        let upper = raw.trim().to_ascii_uppercase();
        let groups: Vec<&str> = upper.split('-').collect();
        let group_ok = |g: &str| g.len() == 4 && g.bytes().all(|b| Self::ALPHABET.contains(&b));
        match groups.as_slice() {
            ["DSR", a, b] if group_ok(a) && group_ok(b) => Ok(Self(upper)),
            _ => Err(NotAReference),
        }
    }

    /// A new random reference (about 40 bits: references name requests, they authorise nothing).
    pub fn generate() -> Self {
        let mut rng = rand::rng();
        let mut chars = (0..8).map(|_| Self::ALPHABET[rng.random_range(0..Self::ALPHABET.len())] as char);
        let first: String = chars.by_ref().take(4).collect();
        let second: String = chars.collect();
        Self(format!("DSR-{first}-{second}"))
    }

    /// A reference as stored, unchecked: rows written before the shape was enforced (tests and
    /// imports may hold others) still load, and the database holds only what the service wrote.
    pub fn from_stored(stored: String) -> Self {
        Self(stored)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Reference({})", self.0)
    }
}

impl AsRef<str> for Reference {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Reference {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Reference {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse_as_typed_and_reject_other_shapes() {
        assert_eq!(Reference::parse("  dsr-7k2m-q9xa ").unwrap().as_str(), "DSR-7K2M-Q9XA");
        for bad in ["", "DSR", "DSR-7K2M", "DSR-7K2M-Q9X", "DSR-7K2M-Q9XAB", "ABC-7K2M-Q9XA", "DSR-7K2M-Q9XI"]
        {
            assert_eq!(Reference::parse(bad), Err(NotAReference), "{bad}");
        }
        let drawn = Reference::generate();
        assert_eq!(Reference::parse(drawn.as_str()), Ok(drawn));
    }

    #[test]
    fn row_ids_parse_from_path_segments() {
        assert_eq!(" 42".parse::<StaffId>().unwrap(), StaffId(42));
        assert!("x".parse::<RequestId>().is_err());
    }
}
