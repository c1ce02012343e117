//! Tests of the verification primitives: keyed hashes, token and code shapes, code sampling, and
//! the checks of a link or code (attempts, lock-out, expiry, use).

use std::collections::HashSet;

use chrono::TimeZone;
use proptest::prelude::*;

use super::*;

const SECRET: &str = "test-server-secret";
const ALL_PURPOSES: [Purpose; 8] = [
    Purpose::VerificationToken,
    Purpose::VerificationCode,
    Purpose::StatusToken,
    Purpose::DownloadToken,
    Purpose::ApiKey,
    Purpose::StaffSession,
    Purpose::Csrf,
    Purpose::RateLimit,
];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 10, 9, 30, 0).unwrap()
}

/// The documented construction, computed with the hmac crate directly.
fn reference_hash(secret: &str, tag: &str, value: &str) -> Vec<u8> {
    let mut kdf = <HmacSha256 as Mac>::new_from_slice(secret.as_bytes()).unwrap();
    kdf.update(b"dsr-desk/secret-hash/v1");
    let key = kdf.finalize().into_bytes();
    let mut mac = <HmacSha256 as Mac>::new_from_slice(&key).unwrap();
    mac.update(tag.as_bytes());
    mac.update(b"\0");
    mac.update(value.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

#[test]
fn hash_is_32_bytes_and_deterministic_per_key() {
    let a = SecretHasher::new(SECRET);
    let b = SecretHasher::new(SECRET);
    let h = a.hash(Purpose::VerificationToken, "abc");
    assert_eq!(h.len(), 32);
    assert_eq!(h, a.hash(Purpose::VerificationToken, "abc"));
    assert_eq!(h, b.hash(Purpose::VerificationToken, "abc"));
    assert_eq!(h, a.clone().hash(Purpose::VerificationToken, "abc"));
}

#[test]
fn hash_differs_by_key() {
    let a = SecretHasher::new(SECRET);
    let b = SecretHasher::new("another-secret");
    assert_ne!(a.hash(Purpose::ApiKey, "k"), b.hash(Purpose::ApiKey, "k"));
    assert!(!b.verify(Purpose::ApiKey, "k", &a.hash(Purpose::ApiKey, "k")));
}

#[test]
fn hash_differs_by_purpose_and_never_verifies_as_another() {
    let h = SecretHasher::new(SECRET);
    let hashes: HashSet<Vec<u8>> = ALL_PURPOSES.iter().map(|&p| h.hash(p, "same-value")).collect();
    assert_eq!(hashes.len(), ALL_PURPOSES.len());
    for &p in &ALL_PURPOSES {
        for &q in &ALL_PURPOSES {
            assert_eq!(h.verify(q, "same-value", &h.hash(p, "same-value")), p == q, "{p:?} vs {q:?}");
        }
    }
}

#[test]
fn code_hash_differs_by_request_id() {
    let h = SecretHasher::new(SECRET);
    assert_ne!(h.hash_code(1, "123456"), h.hash_code(2, "123456"));
    assert_ne!(h.hash_code(1, "123456"), h.hash_code(-1, "123456"));
    assert!(!h.verify_code(2, "123456", &h.hash_code(1, "123456")));
    // The binding is exactly hash(VerificationCode, "{id}:{code}").
    assert_eq!(h.hash_code(42, "000123"), h.hash(Purpose::VerificationCode, "42:000123"));
}

#[test]
fn verify_accepts_right_value_and_rejects_wrong_value_or_length() {
    let h = SecretHasher::new(SECRET);
    let stored = h.hash(Purpose::StatusToken, "tok");
    assert!(h.verify(Purpose::StatusToken, "tok", &stored));
    assert!(!h.verify(Purpose::StatusToken, "tok2", &stored));
    assert!(!h.verify(Purpose::StatusToken, "", &stored));
    assert!(!h.verify(Purpose::StatusToken, "tok", &stored[..31]));
    assert!(!h.verify(Purpose::StatusToken, "tok", &[]));
    let mut longer = stored.clone();
    longer.push(0);
    assert!(!h.verify(Purpose::StatusToken, "tok", &longer));
    let mut flipped = stored.clone();
    flipped[31] ^= 1;
    assert!(!h.verify(Purpose::StatusToken, "tok", &flipped));
}

#[test]
fn verify_code_accepts_right_code_only() {
    let h = SecretHasher::new(SECRET);
    let stored = h.hash_code(7, "042917");
    assert!(h.verify_code(7, "042917", &stored));
    assert!(!h.verify_code(7, "042918", &stored));
    assert!(!h.verify_code(7, "42917", &stored));
    assert!(!h.verify_code(7, "042917", &stored[..16]));
}

#[test]
fn known_answer_matches_independent_computation() {
    let h = SecretHasher::new(SECRET);
    for &(purpose, tag) in &[
        (Purpose::VerificationToken, "verification-token"),
        (Purpose::VerificationCode, "verification-code"),
        (Purpose::StatusToken, "status-token"),
        (Purpose::DownloadToken, "download-token"),
        (Purpose::ApiKey, "api-key"),
    ] {
        for value in ["", "abc", "42:123456", "ünïcødé"] {
            assert_eq!(h.hash(purpose, value), reference_hash(SECRET, tag, value), "{tag} {value:?}");
        }
    }
    // Secrets of block size and longer take the other key-preprocessing paths.
    for secret in ["x".repeat(64), "y".repeat(65), "z".repeat(200), String::new()] {
        let h = SecretHasher::new(&secret);
        assert_eq!(h.hash(Purpose::ApiKey, "k"), reference_hash(&secret, "api-key", "k"));
    }
}

#[test]
fn known_answer_pinned_hex() {
    // Pinned values (computed outside Rust): stored hashes must never change silently.
    let h = SecretHasher::new(SECRET);
    assert_eq!(
        hex(&h.hash(Purpose::VerificationToken, "abc")),
        "5458cbe674b86b04baa53dc8d6625b62c0d8bc737b3c63f327984546298a1b9f"
    );
    assert_eq!(
        hex(&h.hash_code(42, "123456")),
        "b34b411d08d97595e9862d98b1b02c69bceb24ecb7ca5d7520a37168ed5c236a"
    );
    assert_eq!(
        hex(&h.hash(Purpose::ApiKey, "")),
        "945e2a66e3a6747a69e45e2ce0b6648d1a454768527b3349753bba2b7f43dc6a"
    );
}

#[test]
fn keyed_mac_matches_rfc_4231() {
    // Test case 2 (short key) and test case 6 (131-byte key, hashed first).
    let mut mac = keyed_mac(b"Jefe");
    mac.update(b"what do ya want for nothing?");
    assert_eq!(
        hex(&mac.finalize().into_bytes()),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
    let mut mac = keyed_mac(&[0xaa; 131]);
    mac.update(b"Test Using Larger Than Block-Size Key - Hash Key First");
    assert_eq!(
        hex(&mac.finalize().into_bytes()),
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    );
}

#[test]
fn debug_does_not_reveal_key() {
    let h = SecretHasher::new(SECRET);
    let shown = format!("{h:?} {h:#?}");
    assert!(shown.contains("REDACTED"));
    assert!(!shown.contains(SECRET));
    let key = h.key.expose_secret();
    assert!(!shown.contains(&hex(key)));
    assert!(!shown.contains(&format!("{key:?}")));
    assert_eq!(format!("{h:?}"), r#"SecretHasher { key: "[REDACTED]" }"#);
}

#[test]
fn tokens_are_43_url_safe_chars_and_distinct() {
    let tokens: HashSet<String> = (0..1000).map(|_| new_token()).collect();
    assert_eq!(tokens.len(), 1000);
    for t in &tokens {
        assert_eq!(t.len(), 43);
        assert!(t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{t}");
        assert!(is_token_shaped(t));
        assert_eq!(URL_SAFE_NO_PAD.decode(t).unwrap().len(), TOKEN_BYTES);
    }
}

#[test]
fn token_shape_checks() {
    let good = "A".repeat(42) + "_";
    assert!(is_token_shaped(&good));
    assert!(is_token_shaped(&("-".repeat(21) + &"9".repeat(22))));
    assert!(!is_token_shaped(&"A".repeat(42)));
    assert!(!is_token_shaped(&"A".repeat(44)));
    assert!(!is_token_shaped(""));
    assert!(!is_token_shaped(&("A".repeat(42) + "=")));
    assert!(!is_token_shaped(&("A".repeat(42) + "+")));
    assert!(!is_token_shaped(&("A".repeat(42) + "/")));
    assert!(!is_token_shaped(&("A".repeat(42) + " ")));
    // 43 chars but one is two bytes: still not a token.
    assert!(!is_token_shaped(&("A".repeat(41) + "é")));
    // Standard base64 with padding (44 chars) is not accepted.
    assert!(!is_token_shaped(&base64::engine::general_purpose::STANDARD.encode([0u8; 32])));
}

#[test]
fn codes_are_six_ascii_digits() {
    for _ in 0..10_000 {
        let c = new_code();
        assert_eq!(c.len(), 6, "{c}");
        assert!(c.bytes().all(|b| b.is_ascii_digit()), "{c}");
        assert_eq!(normalise_code(&c).as_deref(), Some(c.as_str()));
    }
}

#[test]
fn code_first_digit_is_roughly_uniform() {
    // 100k draws, 10 bins: chi-square with 9 degrees of freedom has mean 9; 60 is beyond
    // p = 1e-9, so this only catches gross bias (e.g. a lost leading zero or a stuck digit).
    let n = 100_000;
    let mut bins = [0u32; 10];
    for _ in 0..n {
        let first = new_code().as_bytes()[0] - b'0';
        bins[usize::from(first)] += 1;
    }
    let expected = f64::from(n) / 10.0;
    let chi2: f64 = bins.iter().map(|&o| (f64::from(o) - expected).powi(2) / expected).sum();
    assert!(chi2 < 60.0, "chi2 = {chi2}, bins = {bins:?}");
}

#[test]
fn code_sampling_rejects_exactly_the_biased_tail() {
    assert_eq!(code_from_u32(0), Some(0));
    assert_eq!(code_from_u32(999_999), Some(999_999));
    assert_eq!(code_from_u32(1_000_000), Some(0));
    assert_eq!(code_from_u32(4_293_999_999), Some(999_999));
    assert_eq!(code_from_u32(4_294_000_000), None);
    assert_eq!(code_from_u32(u32::MAX), None);
    // Accepted draws are 4_294 full cycles of 10^6: every code equally likely.
    assert_eq!(4_294_000_000 % CODE_SPACE, 0);
}

#[test]
fn normalise_code_cases() {
    for ok in ["123456", " 123 456 ", "123-456", "12 34 56", "\t000000\t", "1-2-3-4-5-6", "999999"] {
        assert!(normalise_code(ok).is_some(), "{ok:?}");
    }
    assert_eq!(normalise_code("123456").as_deref(), Some("123456"));
    assert_eq!(normalise_code(" 123 456 ").as_deref(), Some("123456"));
    assert_eq!(normalise_code("123-456").as_deref(), Some("123456"));
    assert_eq!(normalise_code("000000").as_deref(), Some("000000"));
    for bad in [
        "",
        "      ",
        "12345",
        "1234567",
        "12345a",
        "abcdef",
        "123.456",
        "123_456",
        "+123456",
        "١٢٣٤٥٦",
        "１２３４５６",
        "123456\n7",
        "123 4567",
    ] {
        assert_eq!(normalise_code(bad), None, "{bad:?}");
    }
}

#[test]
fn issued_expires_after_24_hours() {
    let i = Issued::new(t0());
    assert_eq!(i.issued_at, t0());
    assert_eq!(i.expires_at, t0() + TimeDelta::hours(24));
    assert_eq!(i.wrong_attempts, 0);
    assert_eq!(i.used_at, None);
    assert_eq!(i.invalidated_at, None);
    assert_eq!(Issued::new(DateTime::<Utc>::MAX_UTC).expires_at, DateTime::<Utc>::MAX_UTC);
}

#[test]
fn check_accepts_and_counts_wrong_codes() {
    let i = Issued::new(t0());
    assert_eq!(check(&i, t0(), true), CodeCheck::Accepted);
    assert_eq!(check(&i, t0(), false), CodeCheck::Wrong { attempts_left: 4 });
}

#[test]
fn check_locks_after_five_wrong_codes_even_for_the_right_one() {
    let mut i = Issued::new(t0());
    let now = t0() + TimeDelta::minutes(5);
    for expected_left in [4, 3, 2, 1, 0] {
        assert_eq!(check(&i, now, false), CodeCheck::Wrong { attempts_left: expected_left });
        i.wrong_attempts += 1;
    }
    assert_eq!(i.wrong_attempts, MAX_WRONG_CODES);
    // Locked by the count alone, before the caller records the invalidation ...
    assert_eq!(check(&i, now, true), CodeCheck::Locked);
    assert_eq!(check(&i, now, false), CodeCheck::Locked);
    assert_eq!(check_link(&i, now), CodeCheck::Locked);
    // ... and by the invalidation alone.
    let withdrawn = Issued { invalidated_at: Some(now), ..Issued::new(t0()) };
    assert_eq!(check(&withdrawn, now, true), CodeCheck::Locked);
    assert_eq!(check_link(&withdrawn, now), CodeCheck::Locked);
}

#[test]
fn check_expiry_boundary_is_exclusive() {
    let i = Issued::new(t0());
    let last = i.expires_at - TimeDelta::nanoseconds(1);
    assert_eq!(check(&i, last, true), CodeCheck::Accepted);
    assert_eq!(check_link(&i, last), CodeCheck::Accepted);
    assert_eq!(check(&i, i.expires_at, true), CodeCheck::Expired);
    assert_eq!(check(&i, i.expires_at, false), CodeCheck::Expired);
    assert_eq!(check_link(&i, i.expires_at), CodeCheck::Expired);
    assert_eq!(check_link(&i, t0() + TimeDelta::days(3)), CodeCheck::Expired);
}

#[test]
fn check_used_wins_over_everything() {
    let used = Issued { used_at: Some(t0()), ..Issued::new(t0()) };
    assert_eq!(check(&used, t0(), true), CodeCheck::Used);
    assert_eq!(check(&used, t0(), false), CodeCheck::Used);
    assert_eq!(check_link(&used, t0()), CodeCheck::Used);
    let used_late = Issued { wrong_attempts: 9, invalidated_at: Some(t0()), ..used };
    assert_eq!(check(&used_late, t0() + TimeDelta::days(2), true), CodeCheck::Used);
}

#[test]
fn check_locked_wins_over_expired() {
    let i = Issued { wrong_attempts: MAX_WRONG_CODES, ..Issued::new(t0()) };
    assert_eq!(check(&i, t0() + TimeDelta::days(2), true), CodeCheck::Locked);
}

#[test]
fn check_link_accepts_fresh_link() {
    let i = Issued { wrong_attempts: 4, ..Issued::new(t0()) };
    assert_eq!(check_link(&i, t0() + TimeDelta::hours(23)), CodeCheck::Accepted);
}

#[test]
fn may_issue_boundary() {
    assert!(may_issue(0));
    assert!(may_issue(4));
    assert!(!may_issue(5));
    assert!(!may_issue(6));
    assert!(!may_issue(i64::MAX));
}

fn any_issued() -> impl Strategy<Value = Issued> {
    (-2i32..8, any::<bool>(), any::<bool>()).prop_map(|(wrong, used, invalidated)| Issued {
        wrong_attempts: wrong,
        used_at: used.then(t0),
        invalidated_at: invalidated.then(t0),
        ..Issued::new(t0())
    })
}

proptest! {
    #[test]
    fn normalise_code_keeps_digits_through_separators(
        digits in "[0-9]{6}",
        seps in proptest::collection::vec("[ \t-]{0,3}", 7),
    ) {
        let mut input = seps[0].clone();
        for (d, s) in digits.chars().zip(&seps[1..]) {
            input.push(d);
            input.push_str(s);
        }
        prop_assert_eq!(normalise_code(&input), Some(digits));
    }

    #[test]
    fn normalise_code_returns_six_digits_or_none(input in "\\PC{0,16}") {
        if let Some(code) = normalise_code(&input) {
            prop_assert_eq!(code.len(), 6);
            prop_assert!(code.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn any_32_bytes_encode_to_a_token_shape(bytes in any::<[u8; 32]>()) {
        prop_assert!(is_token_shaped(&URL_SAFE_NO_PAD.encode(bytes)));
    }

    #[test]
    fn check_never_accepts_what_it_should_not(
        issued in any_issued(),
        offset_secs in -3_600i64..(3 * 86_400),
        matched in any::<bool>(),
    ) {
        let now = t0() + TimeDelta::seconds(offset_secs);
        let outcome = check(&issued, now, matched);
        let open = issued.used_at.is_none()
            && issued.invalidated_at.is_none()
            && issued.wrong_attempts < MAX_WRONG_CODES
            && now < issued.expires_at;
        prop_assert_eq!(outcome == CodeCheck::Accepted, open && matched);
        if let CodeCheck::Wrong { attempts_left } = outcome {
            prop_assert!(open && !matched);
            prop_assert!((0..MAX_WRONG_CODES).contains(&attempts_left));
        }
        prop_assert_eq!(check_link(&issued, now) == CodeCheck::Accepted, open);
    }

    #[test]
    fn hash_verifies_own_value_only(a in "\\PC{0,40}", b in "\\PC{0,40}", id in any::<i64>()) {
        let h = SecretHasher::new(SECRET);
        prop_assert!(h.verify(Purpose::DownloadToken, &a, &h.hash(Purpose::DownloadToken, &a)));
        let stored = h.hash(Purpose::DownloadToken, &a);
        prop_assert_eq!(h.verify(Purpose::DownloadToken, &b, &stored), a == b);
        prop_assert!(h.verify_code(id, &a, &h.hash_code(id, &a)));
    }
}
