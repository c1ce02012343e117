//! A controller's business ID, checked with its check digit: a Finnish business ID (*Y-tunnus*,
//! `NNNNNNN-C`) or an Estonian registry code (*registrikood*, 8 digits).

use std::fmt;

use serde::Serialize;

/// Which register issued a business ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BusinessIdKind {
    /// The Finnish Business Information System (YTJ): *Y-tunnus*.
    Finnish,
    /// The Estonian Commercial Register: *registrikood*.
    Estonian,
}

impl BusinessIdKind {
    /// The translation key of the ID's name ("Business ID", "registry code").
    pub fn message_key(self) -> &'static str {
        match self {
            BusinessIdKind::Finnish => "business-id-fi",
            BusinessIdKind::Estonian => "business-id-ee",
        }
    }
}

/// A business ID whose check digit holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessId {
    id: String,
    kind: BusinessIdKind,
}

impl BusinessId {
    /// Reads `1004339-7` (Finnish) or `10137319` (Estonian); the reason when it is neither.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let id = raw.trim();
        let digits: Vec<u32> = id.chars().filter_map(|c| c.to_digit(10)).collect();
        let finnish_shape = id.len() == 9 && id.as_bytes().get(7) == Some(&b'-') && digits.len() == 8;
        let estonian_shape = id.len() == 8 && digits.len() == 8;
        let (kind, valid) = if finnish_shape {
            (BusinessIdKind::Finnish, finnish_check(&digits))
        } else if estonian_shape {
            (BusinessIdKind::Estonian, estonian_check(&digits))
        } else {
            return Err(format!(
                "`{id}` is neither a Finnish business ID (1234567-8) nor an Estonian registry code (8 digits)"
            ));
        };
        if valid {
            Ok(Self { id: id.to_owned(), kind })
        } else {
            Err(format!("`{id}`: the check digit does not match"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.id
    }

    pub fn kind(&self) -> BusinessIdKind {
        self.kind
    }
}

impl fmt::Display for BusinessId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

impl Serialize for BusinessId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.id)
    }
}

/// Y-tunnus: weights 7, 9, 10, 5, 8, 4, 2 over the first seven digits; remainder mod 11 of 0 gives
/// check digit 0, 1 is never issued, otherwise the check digit is 11 − remainder.
fn finnish_check(digits: &[u32]) -> bool {
    let weights = [7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    match sum % 11 {
        0 => digits[7] == 0,
        1 => false,
        r => digits[7] == 11 - r,
    }
}

/// Registrikood: the two-pass weighted check of Estonian codes (as for personal codes): weights
/// 1–7, and when that remainder mod 11 is 10, weights 3–9; a second remainder of 10 gives 0.
fn estonian_check(digits: &[u32]) -> bool {
    let check = |weights: [u32; 7]| digits[..7].iter().zip(weights).map(|(d, w)| d * w).sum::<u32>() % 11;
    let first = check([1, 2, 3, 4, 5, 6, 7]);
    let expected = if first < 10 {
        first
    } else {
        match check([3, 4, 5, 6, 7, 8, 9]) {
            10 => 0,
            r => r,
        }
    };
    digits[7] == expected
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finnish_business_ids_are_checked() {
        // The seeds' Finnish business IDs.
        for id in ["1004339-7", "2368582-3", "2381931-8"] {
            assert_eq!(BusinessId::parse(id).unwrap().kind(), BusinessIdKind::Finnish, "{id}");
        }
        // Remainder 0 → check digit 0: 0000000-0; remainder 1 is never issued.
        assert!(BusinessId::parse("0000000-0").is_ok());
        assert_eq!(
            BusinessId::parse("2381931-7").unwrap_err(),
            "`2381931-7`: the check digit does not match"
        );
        assert!(BusinessId::parse("23819318").is_err(), "an 8-digit code must pass the Estonian check");
        assert!(BusinessId::parse("2381931_8").unwrap_err().contains("neither a Finnish business ID"));
    }

    #[test]
    fn estonian_registry_codes_are_checked() {
        // First pass 1·1+0·2+1·3+3·4+7·5+3·6+1·7 = 76, 76 mod 11 = 10, so the second pass:
        // 1·3+0·4+1·5+3·6+7·7+3·8+1·9 = 108, 108 mod 11 = 9.
        assert_eq!(BusinessId::parse("10137319").unwrap().kind(), BusinessIdKind::Estonian);
        assert!(BusinessId::parse("10137318").is_err());
        // A first-pass code: 1·1+0·2+0·3+5·4+7·5+3·6+1·7 = 81, 81 mod 11 = 4.
        assert!(BusinessId::parse("10057314").is_ok());
        assert!(BusinessId::parse("10057315").is_err());
    }
}
