//! Validation of whole requests: each kind, the common rules, several issues at once.

use super::*;
use crate::domain::vocab::{
    Language, ObjectionChannel, ObjectionPurpose, PortabilityFormat, RequestKind, RestrictionGround,
};

const ALL_PURPOSES: &[ObjectionPurpose] = ObjectionPurpose::ALL;

fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

fn requester() -> RequesterInput {
    RequesterInput {
        name: s("Matti Meikäläinen"),
        email: s("matti@example.fi"),
        phone: None,
        customer_number: None,
    }
}

fn input(kind: &str) -> RequestInput {
    RequestInput { kind: s(kind), requester: Some(requester()), ..RequestInput::default() }
}

fn item(field: &str, current: Option<&str>, corrected: &str) -> CorrectionItemInput {
    CorrectionItemInput {
        field: s(field),
        current_value: current.map(str::to_owned),
        corrected_value: s(corrected),
        reason: None,
    }
}

fn ok(input: &RequestInput) -> ValidRequest {
    validate(input, ALL_PURPOSES, "358", Language::Fi).unwrap()
}

fn errs(input: &RequestInput) -> Vec<Issue> {
    validate(input, ALL_PURPOSES, "358", Language::Fi).unwrap_err()
}

fn only(input: &RequestInput, field: &str, code: IssueCode) {
    assert_eq!(errs(input), vec![Issue::new(field, code)]);
}

// --- Valid requests of each kind ------------------------------------------------------------

#[test]
fn valid_inspection() {
    let mut req = input("inspection");
    req.language = s("sv");
    req.scope = s("  Order history\r\nand newsletter data\u{7}  ");
    req.requester = Some(RequesterInput {
        name: s("  Matti\tMeikäläinen "),
        email: s(" matti@Example.FI "),
        phone: s("050 599 1101"),
        customer_number: s(" C-1234 "),
    });
    let valid = ok(&req);
    assert_eq!(valid.kind, RequestKind::Inspection);
    assert_eq!(valid.language, Language::Sv);
    assert_eq!(valid.requester.name(), "Matti Meikäläinen");
    assert_eq!(valid.requester.email().unwrap().as_str(), "matti@example.fi");
    assert_eq!(valid.requester.phone(), Some("+358505991101"));
    assert_eq!(valid.requester.customer_number(), Some("C-1234"));
    assert_eq!(valid.details, RequestDetails::Inspection { scope: s("Order history\nand newsletter data") });
}

#[test]
fn valid_correction() {
    let mut req = input("correction");
    req.items = Some(vec![
        CorrectionItemInput {
            field: s("address"),
            current_value: s("Vanha katu 1"),
            corrected_value: s("Uusi katu 2"),
            reason: s("moved"),
        },
        item("phone", None, "050 1234567"),
    ]);
    let valid = ok(&req);
    assert_eq!(valid.kind, RequestKind::Correction);
    assert_eq!(valid.language, Language::Fi);
    assert_eq!(
        valid.details,
        RequestDetails::Correction {
            items: vec![
                CorrectionItem {
                    field: "address".into(),
                    current_value: s("Vanha katu 1"),
                    corrected_value: "Uusi katu 2".into(),
                    reason: s("moved"),
                },
                CorrectionItem {
                    field: "phone".into(),
                    current_value: None,
                    corrected_value: "050 1234567".into(),
                    reason: None,
                },
            ]
        }
    );
}

#[test]
fn valid_objection_dedups_sorts_and_defaults_channels() {
    let mut req = input("objection");
    req.purposes =
        Some(vec!["market_research".into(), "direct_advertising".into(), "market_research".into()]);
    let valid = ok(&req);
    assert_eq!(valid.kind, RequestKind::Objection);
    assert_eq!(
        valid.details,
        RequestDetails::Objection {
            purposes: vec![ObjectionPurpose::DirectAdvertising, ObjectionPurpose::MarketResearch],
            channels: ObjectionChannel::ALL.to_vec(),
        }
    );

    req.channels = Some(vec!["sms".into(), " email ".into(), "sms".into()]);
    let RequestDetails::Objection { channels, .. } = ok(&req).details else { panic!("not an objection") };
    assert_eq!(channels, vec![ObjectionChannel::Email, ObjectionChannel::Sms]);

    req.channels = Some(Vec::new());
    let RequestDetails::Objection { channels, .. } = ok(&req).details else { panic!("not an objection") };
    assert_eq!(channels, ObjectionChannel::ALL.to_vec());
}

#[test]
fn valid_erasure() {
    let mut req = input("erasure");
    req.language = s("et");
    req.scope = s("   ");
    let valid = validate(&req, &[], "372", Language::En).unwrap();
    assert_eq!(valid.kind, RequestKind::Erasure);
    assert_eq!(valid.language, Language::Et);
    assert_eq!(valid.details, RequestDetails::Erasure { scope: None });
    assert_eq!(valid.requester.phone(), None);
}

// --- Common rules ---------------------------------------------------------------------------

#[test]
fn kind_is_required_and_known() {
    let mut req = input("inspection");
    req.kind = None;
    only(&req, "kind", IssueCode::Required);
    req.kind = s("  ");
    only(&req, "kind", IssueCode::Required);
    req.kind = s("complaint");
    only(&req, "kind", IssueCode::UnknownKind);
    req.kind = s(" erasure ");
    assert_eq!(ok(&req).kind, RequestKind::Erasure);
}

#[test]
fn language_defaults_and_must_be_known() {
    let mut req = input("inspection");
    assert_eq!(validate(&req, &[], "372", Language::Et).unwrap().language, Language::Et);
    req.language = s("");
    assert_eq!(validate(&req, &[], "358", Language::Sv).unwrap().language, Language::Sv);
    for (raw, lang) in
        [("fi", Language::Fi), ("sv", Language::Sv), ("en", Language::En), ("et", Language::Et)]
    {
        req.language = s(raw);
        assert_eq!(ok(&req).language, lang);
    }
    req.language = s("de");
    only(&req, "language", IssueCode::UnknownLanguage);
}

#[test]
fn name_is_required_trimmed_and_limited() {
    let mut req = input("inspection");
    req.requester.as_mut().unwrap().name = None;
    only(&req, "requester.name", IssueCode::Required);
    req.requester.as_mut().unwrap().name = s(" \u{0}\u{1b} \r ");
    only(&req, "requester.name", IssueCode::Required);
    req.requester.as_mut().unwrap().name = s(&format!("  {}  ", "ä".repeat(200)));
    assert_eq!(ok(&req).requester.name.chars().count(), 200);
    req.requester.as_mut().unwrap().name = s(&"ä".repeat(201));
    only(&req, "requester.name", IssueCode::TooLong { max: 200 });
}

#[test]
fn missing_requester_reports_name_and_email() {
    let mut req = input("inspection");
    req.requester = None;
    assert_eq!(
        errs(&req),
        vec![
            Issue::new("requester.name", IssueCode::Required),
            Issue::new("requester.email", IssueCode::Required),
        ]
    );
}

#[test]
fn email_errors_map_to_issue_codes() {
    let mut req = input("inspection");
    for (raw, code) in [
        (None, IssueCode::Required),
        (s("  "), IssueCode::Required),
        (s("not an email"), IssueCode::InvalidEmail),
        (s("Name <a@b.fi>"), IssueCode::InvalidEmail),
        (s(&format!("{}@b.fi", "a".repeat(260))), IssueCode::TooLong { max: 254 }),
    ] {
        req.requester.as_mut().unwrap().email = raw;
        only(&req, "requester.email", code);
    }
}

#[test]
fn phone_is_optional_and_normalised() {
    let mut req = input("inspection");
    req.requester.as_mut().unwrap().phone = s("");
    assert_eq!(ok(&req).requester.phone, None);
    req.requester.as_mut().unwrap().phone = s("  ");
    assert_eq!(ok(&req).requester.phone, None);
    req.requester.as_mut().unwrap().phone = s("5123 4567");
    only(&req, "requester.phone", IssueCode::InvalidPhone);
    let valid = validate(&req, &[], "372", Language::Et).unwrap();
    assert_eq!(valid.requester.phone(), Some("+37251234567"));
    req.requester.as_mut().unwrap().phone = s("call me");
    only(&req, "requester.phone", IssueCode::InvalidPhone);
}

#[test]
fn customer_number_is_optional_and_limited() {
    let mut req = input("inspection");
    req.requester.as_mut().unwrap().customer_number = s("  ");
    assert_eq!(ok(&req).requester.customer_number, None);
    req.requester.as_mut().unwrap().customer_number = s(&"9".repeat(64));
    assert_eq!(ok(&req).requester.customer_number(), Some("9".repeat(64).as_str()));
    req.requester.as_mut().unwrap().customer_number = s(&"9".repeat(65));
    only(&req, "requester.customer_number", IssueCode::TooLong { max: 64 });
}

#[test]
fn requester_debug_is_redacted() {
    let mut req = input("inspection");
    req.requester.as_mut().unwrap().phone = s("0505991101");
    req.requester.as_mut().unwrap().customer_number = s("C-77");
    let debug = format!("{:?}", ok(&req));
    for secret in ["Matti", "matti@", "505991101", "C-77"] {
        assert!(!debug.contains(secret), "{secret} leaked: {debug}");
    }
}

// --- Scope ---------------------------------------------------------------------------------

#[test]
fn scope_is_optional_limited_and_only_for_inspection_and_erasure() {
    for kind in ["inspection", "erasure"] {
        let mut req = input(kind);
        req.scope = s(&"x".repeat(5000));
        let valid = ok(&req);
        assert!(matches!(valid.details,
            RequestDetails::Inspection { scope: Some(ref t) } | RequestDetails::Erasure { scope: Some(ref t) }
            if t.len() == 5000));
        req.scope = s(&"x".repeat(5001));
        only(&req, "scope", IssueCode::TooLong { max: 5000 });
    }
    let mut req = input("objection");
    req.purposes = Some(vec!["genealogy".into()]);
    req.scope = s(&"x".repeat(9000));
    req.items = Some(vec![CorrectionItemInput::default(); 30]);
    assert!(validate(&req, ALL_PURPOSES, "358", Language::Fi).is_ok());
}

#[test]
fn control_characters_are_removed_and_lengths_count_chars() {
    let mut req = input("inspection");
    // 5000 two-byte characters plus control characters and surrounding whitespace fit.
    req.scope = s(&format!("\u{0}  {}\u{7f}\u{1b}  \n", "é".repeat(5000)));
    let RequestDetails::Inspection { scope: Some(scope) } = ok(&req).details else { panic!("no scope") };
    assert_eq!(scope.chars().count(), 5000);
    req.scope = s("line one\r\n\tline two\u{0}");
    let RequestDetails::Inspection { scope } = ok(&req).details else { panic!("not inspection") };
    assert_eq!(scope.as_deref(), Some("line one\n\tline two"));
}

// --- Correction -----------------------------------------------------------------------------

#[test]
fn correction_needs_items() {
    let mut req = input("correction");
    only(&req, "items", IssueCode::NoItems);
    req.items = Some(Vec::new());
    only(&req, "items", IssueCode::NoItems);
}

#[test]
fn correction_allows_at_most_twenty_items() {
    let mut req = input("correction");
    req.items = Some(vec![item("name", None, "Matti"); 20]);
    assert!(validate(&req, &[], "358", Language::Fi).is_ok());
    req.items = Some(vec![item("name", None, "Matti"); 21]);
    only(&req, "items", IssueCode::TooManyItems { max: 20 });
    // The items within the limit are still checked; the ones past it are not.
    let mut items = vec![item("name", None, "Matti"); 25];
    items[3].field = None;
    items[22].field = None;
    req.items = Some(items);
    assert_eq!(
        errs(&req),
        vec![
            Issue::new("items", IssueCode::TooManyItems { max: 20 }),
            Issue::new("items[3].field", IssueCode::Required),
        ]
    );
}

#[test]
fn correction_item_fields_are_checked_one_by_one() {
    let mut req = input("correction");
    req.items = Some(vec![
        item("ok", None, "fine"),
        CorrectionItemInput::default(),
        CorrectionItemInput {
            field: s(&"f".repeat(201)),
            current_value: s(&"c".repeat(2001)),
            corrected_value: s(&"n".repeat(2001)),
            reason: s(&"r".repeat(2001)),
        },
    ]);
    assert_eq!(
        errs(&req),
        vec![
            Issue::new("items[1].field", IssueCode::Required),
            Issue::new("items[1].corrected_value", IssueCode::Required),
            Issue::new("items[2].field", IssueCode::TooLong { max: 200 }),
            Issue::new("items[2].current_value", IssueCode::TooLong { max: 2000 }),
            Issue::new("items[2].corrected_value", IssueCode::TooLong { max: 2000 }),
            Issue::new("items[2].reason", IssueCode::TooLong { max: 2000 }),
        ]
    );
    req.items = Some(vec![CorrectionItemInput {
        field: s(&"f".repeat(200)),
        current_value: s(&"c".repeat(2000)),
        corrected_value: s(&"n".repeat(2000)),
        reason: s(&"r".repeat(2000)),
    }]);
    assert!(validate(&req, &[], "358", Language::Fi).is_ok());
}

#[test]
fn corrected_value_equal_to_current_is_nothing_to_correct() {
    let mut req = input("correction");
    req.items = Some(vec![item("a", Some("x"), "y"), item("city", Some(" Tampere "), "Tampere\u{0}")]);
    only(&req, "items[1].corrected_value", IssueCode::NothingToCorrect);
    // Blank current value is no value: nothing to compare.
    req.items = Some(vec![item("city", Some("  "), "Tampere")]);
    let RequestDetails::Correction { items } = ok(&req).details else { panic!("not correction") };
    assert_eq!(items[0].current_value, None);
}

// --- Objection ------------------------------------------------------------------------------

#[test]
fn objection_needs_a_purpose() {
    let mut req = input("objection");
    only(&req, "purposes", IssueCode::NoPurpose);
    req.purposes = Some(Vec::new());
    only(&req, "purposes", IssueCode::NoPurpose);
    req.purposes = Some(vec!["  ".into()]);
    only(&req, "purposes", IssueCode::NoPurpose);
}

#[test]
fn objection_purposes_must_be_known_and_offered() {
    let offered = &ALL_PURPOSES[..5];
    let mut req = input("objection");
    req.purposes = Some(vec!["spam".into(), "genealogy".into(), "direct_advertising".into(), "spam".into()]);
    assert_eq!(
        validate(&req, offered, "358", Language::Fi).unwrap_err(),
        vec![
            Issue::new("purposes", IssueCode::UnknownPurpose { value: "spam".into() }),
            Issue::new("purposes", IssueCode::PurposeNotOffered { value: "genealogy".into() }),
        ]
    );
    // Long unknown values are echoed only in part.
    req.purposes = Some(vec!["z".repeat(1000)]);
    assert_eq!(errs(&req), vec![Issue::new("purposes", IssueCode::UnknownPurpose { value: "z".repeat(40) })]);
}

#[test]
fn long_hostile_lists_stay_cheap_and_report_each_value_once() {
    let mut req = input("objection");
    req.purposes = Some((0..20_000).map(|i| format!("p{}", i % 5000)).collect());
    req.channels = Some(vec!["fax".into(); 20_000]);
    let issues = errs(&req);
    assert_eq!(issues.len(), 5001);
    assert_eq!(issues[5000], Issue::new("channels", IssueCode::UnknownChannel { value: "fax".into() }));
}

#[test]
fn objection_channels_must_be_known() {
    let mut req = input("objection");
    req.purposes = Some(vec!["direct_advertising".into()]);
    req.channels = Some(vec!["email".into(), "fax".into()]);
    only(&req, "channels", IssueCode::UnknownChannel { value: "fax".into() });
}

// --- Restriction, general objection, portability ------------------------------------------

#[test]
fn valid_restriction_dedups_and_sorts_its_grounds() {
    let mut req = input("restriction");
    req.grounds = Some(vec![
        " objection_pending ".into(),
        "accuracy_contested".into(),
        "".into(),
        "objection_pending".into(),
    ]);
    req.explanation = s("  My address is wrong.\r\n  ");
    req.scope = s("ignored: another kind's field");
    let valid = ok(&req);
    assert_eq!(valid.kind, RequestKind::Restriction);
    assert_eq!(
        valid.details,
        RequestDetails::Restriction {
            grounds: vec![RestrictionGround::AccuracyContested, RestrictionGround::ObjectionPending],
            explanation: s("My address is wrong."),
        }
    );
}

#[test]
fn restriction_needs_a_known_ground() {
    let mut req = input("restriction");
    only(&req, "grounds", IssueCode::NoGround);
    req.grounds = Some(vec![" ".into()]);
    only(&req, "grounds", IssueCode::NoGround);
    req.grounds = Some(vec!["legal_claims".into(), "whim".into()]);
    only(&req, "grounds", IssueCode::UnknownGround { value: "whim".into() });
    req.grounds = Some(vec!["legal_claims".into()]);
    req.explanation = s(&"x".repeat(MAX_SCOPE + 1));
    only(&req, "explanation", IssueCode::TooLong { max: MAX_SCOPE });
}

#[test]
fn a_general_objection_names_the_processing_and_the_particular_situation() {
    let mut req = input("general_objection");
    assert_eq!(
        errs(&req),
        vec![Issue::new("processing", IssueCode::Required), Issue::new("situation", IssueCode::Required)]
    );
    req.processing = s(" Profiling for credit decisions ");
    req.situation = s("I am a victim of identity theft.");
    // Purposes of the direct-marketing objection do not belong to it.
    req.purposes = Some(vec!["spam".into()]);
    assert_eq!(
        ok(&req).details,
        RequestDetails::GeneralObjection {
            processing: "Profiling for credit decisions".into(),
            situation: "I am a victim of identity theft.".into(),
        }
    );
    req.processing = s(&"p".repeat(MAX_PROCESSING + 1));
    only(&req, "processing", IssueCode::TooLong { max: MAX_PROCESSING });
}

#[test]
fn portability_takes_an_optional_format_and_receiving_controller() {
    let mut req = input("portability");
    assert_eq!(
        ok(&req).details,
        RequestDetails::Portability { scope: None, format: None, receiving_controller: None }
    );
    req.scope = s("My orders");
    req.format = s(" CSV ");
    req.receiving_controller = s(" Other Shop\tOy ");
    assert_eq!(
        ok(&req).details,
        RequestDetails::Portability {
            scope: s("My orders"),
            format: Some(PortabilityFormat::Csv),
            receiving_controller: s("Other Shop Oy"),
        }
    );
    req.format = s("xml");
    only(&req, "format", IssueCode::UnknownFormat { value: "xml".into() });
    req.format = s("json");
    req.receiving_controller = s(&"c".repeat(MAX_RECEIVING_CONTROLLER + 1));
    only(&req, "receiving_controller", IssueCode::TooLong { max: MAX_RECEIVING_CONTROLLER });
}

// --- Several at once ------------------------------------------------------------------------

#[test]
fn all_issues_are_reported_together() {
    let req = RequestInput {
        kind: s("objection"),
        language: s("de"),
        requester: Some(RequesterInput {
            name: None,
            email: s("nope"),
            phone: s("12"),
            customer_number: s(&"1".repeat(65)),
        }),
        scope: None,
        items: None,
        purposes: Some(vec!["spam".into(), "genealogy".into()]),
        channels: Some(vec!["pigeon".into()]),
        ..RequestInput::default()
    };
    let issues = validate(&req, &[ObjectionPurpose::DirectAdvertising], "358", Language::Fi).unwrap_err();
    assert_eq!(
        issues,
        vec![
            Issue::new("language", IssueCode::UnknownLanguage),
            Issue::new("requester.name", IssueCode::Required),
            Issue::new("requester.email", IssueCode::InvalidEmail),
            Issue::new("requester.phone", IssueCode::InvalidPhone),
            Issue::new("requester.customer_number", IssueCode::TooLong { max: 64 }),
            Issue::new("purposes", IssueCode::UnknownPurpose { value: "spam".into() }),
            Issue::new("purposes", IssueCode::PurposeNotOffered { value: "genealogy".into() }),
            Issue::new("channels", IssueCode::UnknownChannel { value: "pigeon".into() }),
        ]
    );
}

#[test]
fn unknown_kind_still_reports_the_requester() {
    let req = RequestInput { kind: s("nonsense"), ..RequestInput::default() };
    assert_eq!(
        errs(&req),
        vec![
            Issue::new("kind", IssueCode::UnknownKind),
            Issue::new("requester.name", IssueCode::Required),
            Issue::new("requester.email", IssueCode::Required),
        ]
    );
}

// --- Properties -----------------------------------------------------------------------------

mod props {
    use proptest::prelude::*;

    use super::*;

    fn text() -> impl Strategy<Value = Option<String>> {
        prop_oneof![
            Just(None),
            any::<String>().prop_map(Some),
            prop::sample::select(vec![
                "inspection",
                "correction",
                "objection",
                "erasure",
                "restriction",
                "general_objection",
                "portability",
                "accuracy_contested",
                "json",
                "fi",
                "et",
                "",
                " ",
                "a@b.fi",
                "direct_advertising",
                "genealogy",
                "email",
                "050 599 1101",
                "+372 5123 4567",
            ])
            .prop_map(|t| Some(t.to_owned())),
        ]
    }

    fn list() -> impl Strategy<Value = Option<Vec<String>>> {
        prop::option::of(prop::collection::vec(text().prop_map(Option::unwrap_or_default), 0..5))
    }

    fn item() -> impl Strategy<Value = CorrectionItemInput> {
        (text(), text(), text(), text()).prop_map(|(field, current_value, corrected_value, reason)| {
            CorrectionItemInput { field, current_value, corrected_value, reason }
        })
    }

    fn request() -> impl Strategy<Value = RequestInput> {
        let requester = prop::option::of((text(), text(), text(), text()).prop_map(
            |(name, email, phone, customer_number)| RequesterInput { name, email, phone, customer_number },
        ));
        (
            text(),
            text(),
            requester,
            text(),
            prop::option::of(prop::collection::vec(item(), 0..24)),
            list(),
            list(),
            (list(), text(), text(), text(), text(), text()),
        )
            .prop_map(
                |(
                    kind,
                    language,
                    requester,
                    scope,
                    items,
                    purposes,
                    channels,
                    (grounds, explanation, processing, situation, format, receiving_controller),
                )| RequestInput {
                    kind,
                    language,
                    requester,
                    scope,
                    items,
                    purposes,
                    channels,
                    grounds,
                    explanation,
                    processing,
                    situation,
                    format,
                    receiving_controller,
                },
            )
    }

    proptest! {
        #[test]
        fn validate_never_panics(input in request(), cc in prop::sample::select(vec!["358", "372"])) {
            match validate(&input, ObjectionPurpose::ALL, cc, Language::En) {
                Ok(valid) => prop_assert_eq!(valid.kind, valid.details.kind()),
                Err(issues) => prop_assert!(!issues.is_empty()),
            }
        }
    }
}

// --- Requests entered by staff: email or postal address -------------------------------------

fn entered(
    input: &RequestInput,
    postal_address: &str,
    letters_allowed: bool,
) -> Result<ValidRequest, Vec<Issue>> {
    validate_entered(input, Post { postal_address, letters_allowed }, ALL_PURPOSES, "358", Language::Fi)
}

fn without_email() -> RequestInput {
    let mut req = input("inspection");
    req.requester.as_mut().unwrap().email = s("  ");
    req
}

#[test]
fn an_entered_request_may_have_a_postal_address_instead_of_email() {
    let valid = entered(&without_email(), "Mannerheimintie 1 A 2\r\n00100 Helsinki", true).unwrap();
    assert_eq!(valid.requester.email(), None);
    assert_eq!(valid.requester.postal_address().unwrap().as_str(), "Mannerheimintie 1 A 2\n00100 Helsinki");
    // Both may be given: email is then used, the address kept.
    let valid = entered(&input("inspection"), "Mannerheimintie 1\n00100 Helsinki", true).unwrap();
    assert_eq!(valid.requester.email().unwrap().as_str(), "matti@example.fi");
    assert!(valid.requester.postal_address().is_some());
}

#[test]
fn an_entered_request_needs_an_email_or_a_postal_address() {
    assert_eq!(
        entered(&without_email(), "", true).unwrap_err(),
        vec![Issue::new("requester.email", IssueCode::EmailOrPostalAddress)]
    );
    // A request that came by email is answered by email.
    assert_eq!(
        entered(&without_email(), "Mannerheimintie 1\n00100 Helsinki", false).unwrap_err(),
        vec![Issue::new("requester.email", IssueCode::Required)]
    );
    // The public form and the API never take a postal address.
    assert_eq!(errs(&without_email()), vec![Issue::new("requester.email", IssueCode::Required)]);
}

#[test]
fn a_bad_postal_address_is_named() {
    let cases = [
        ("Mannerheimintie 1", IssueCode::InvalidPostalAddress),
        ("Mannerheimintie 1\n00100\u{1b}Helsinki", IssueCode::InvalidPostalAddress),
        ("1\n2\n3\n4\n5\n6\n7", IssueCode::InvalidPostalAddress),
        (&format!("{}\n00100 Helsinki", "x".repeat(101)), IssueCode::TooLong { max: 100 }),
        (&(0..6).map(|_| "y".repeat(99)).collect::<Vec<_>>().join("\n"), IssueCode::TooLong { max: 500 }),
    ];
    for (address, code) in cases {
        assert_eq!(
            entered(&without_email(), address, true).unwrap_err(),
            vec![Issue::new("requester.postal_address", code)],
            "{address:?}"
        );
    }
}
