use serde_json::{Value, json};

use super::*;

/// A complete register file, as JSON (the shape of the TOML).
fn base() -> Value {
    json!({
        "key": "shop",
        "register_name": { "fi": "Asiakasrekisteri", "en": "Customer register" },
        "jurisdiction": "fi",
        "languages": ["fi", "en"],
        "data_categories": ["Nimi", { "fi": "Tilaukset", "sv": "Beställningar" }],
        "objection_purposes": ["direct_advertising"],
        "retention": "Asiakassuhteen ajan ja kaksi vuotta sen päättymisestä.",
        "sources": ["data_subject"],
        "recipients": ["Kuljetusliike"],
        "transfers": "none",
        "automated_decisions": "none",
        "purposes": [
            { "purpose": "Tilausten toimittaminen", "legal_basis": "contract" },
            {
                "purpose": { "fi": "Suoramarkkinointi", "en": "Direct marketing" },
                "legal_basis": "f",
                "recipients": "none",
                "retention": "not_stated"
            }
        ],
        "controller": { "name": "Shop Oy", "business_id": "1004339-7", "address": "Katu 1, 00100 Helsinki" },
        "contact": { "name": "Pia", "email": "pia@shop.fi" },
        "complaint_authority": { "name": "Tietosuojavaltuutetun toimisto", "web": "https://tietosuoja.fi" }
    })
}

fn load(v: Value) -> Result<Register, Vec<FieldError>> {
    Register::from_file(serde_json::from_value(v).unwrap())
}

fn with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut v = base();
    edit(&mut v);
    v
}

fn fields(result: Result<Register, Vec<FieldError>>) -> Vec<String> {
    result.unwrap_err().into_iter().map(|e| e.field).collect()
}

#[test]
fn a_complete_file_validates() {
    let r = load(base()).unwrap();
    assert_eq!(r.default_language(), Language::Fi);
    assert_eq!(r.original_language, Language::Fi);
    assert_eq!(r.objection_purposes, vec![ObjectionPurpose::DirectAdvertising]);
    assert_eq!(r.purposes[1].legal_basis, LegalBasis::LegitimateInterests);
    assert_eq!(r.name_in(Language::En), "Customer register");
    assert_eq!(r.name_in(Language::Sv), "Asiakasrekisteri");
    assert_eq!(r.closed_request_retention_days, DEFAULT_CLOSED_REQUEST_RETENTION_DAYS);
}

#[test]
fn a_purpose_states_its_own_sections_or_takes_the_registers() {
    let r = load(base()).unwrap();
    let notice = r.notice(Language::En);
    let [delivery, marketing] = &notice.purposes[..] else { panic!("two purposes") };
    assert!(delivery.own.is_empty());
    assert_eq!(
        delivery.applying.recipients.as_ref().unwrap().map(|l| l[0].text),
        Statement::Given("Kuljetusliike")
    );
    assert_eq!(marketing.own.recipients, Some(Statement::None));
    assert_eq!(marketing.applying.retention, Some(Statement::NotStated));
    assert_eq!(marketing.applying.sources, Some(Statement::Given(vec![SourceKind::DataSubject])));
    assert_eq!(marketing.purpose.text, "Direct marketing");
    assert!(marketing.purpose.is_translation() && delivery.purpose.is_fallback());
    assert!(notice.has_translations() && notice.has_fallbacks());
    assert!(!r.notice(Language::Fi).has_translations() && !r.notice(Language::Fi).has_fallbacks());
}

#[test]
fn each_bad_field_is_named() {
    let cases: Vec<(Value, Vec<&str>)> = vec![
        (with(|v| v["jurisdiction"] = json!("se")), vec!["jurisdiction"]),
        (
            with(|v| {
                v["key"] = json!("Bad Key");
                v["languages"] = json!(["de"]);
                v["objection_purposes"] = json!(["spam"]);
            }),
            vec!["key", "languages", "objection_purposes"],
        ),
        (with(|v| v["controller"]["business_id"] = json!("1004339-8")), vec!["controller.business_id"]),
        (with(|v| v["purposes"][0]["legal_basis"] = json!("g")), vec!["purposes[0].legal_basis"]),
        (with(|v| v["purposes"][1]["purpose"] = json!({ "en": "Marketing" })), vec!["purposes[1].purpose"]),
        (with(|v| v["retention"] = json!("none")), vec!["retention"]),
        (with(|v| v["sources"] = json!(["data_subject", "rumours"])), vec!["sources[1]"]),
        (with(|v| v["recipients"] = json!([])), vec!["recipients"]),
        (
            with(|v| v["transfers"] = json!([{ "to": "USA", "safeguard": "hope" }])),
            vec!["transfers[0].safeguard"],
        ),
        (with(|v| v["contact"]["email"] = json!("not an address")), vec!["contact.email"]),
        (with(|v| v["controller"]["web"] = json!("tietosuoja.fi")), vec!["controller.web"]),
    ];
    for (file, expected) in cases {
        assert_eq!(fields(load(file)), expected);
    }
}

#[test]
fn a_register_without_controller_identity_purposes_or_complaint_authority_is_refused() {
    let r = load(with(|v| {
        v["controller"] = json!({ "name": " " });
        v["purposes"] = json!([]);
        v.as_object_mut().unwrap().remove("complaint_authority");
    }));
    assert_eq!(fields(r), ["purposes", "controller.name", "controller", "complaint_authority"]);
}

#[test]
fn every_purpose_needs_every_section_here_or_register_wide() {
    let r = load(with(|v| {
        let o = v.as_object_mut().unwrap();
        o.remove("recipients");
        o.remove("automated_decisions");
        v["purposes"][1]["automated_decisions"] = json!("none");
    }));
    assert_eq!(
        fields(r),
        ["purposes[0].recipients", "purposes[0].automated_decisions"],
        "the second purpose states both itself"
    );
}

#[test]
fn a_contact_person_may_have_no_email_but_must_be_reachable() {
    let r = load(with(|v| v["contact"] = json!({ "name": "Antti", "phone": "050 599 1101" }))).unwrap();
    assert_eq!(r.contact.email, None);
    assert_eq!(r.contact.reach(), ["050 599 1101"]);
    let r = load(with(|v| {
        v["contact"] = json!({ "name": "Jyri", "contact_page": "https://example.fi/yhteystiedot" })
    }))
    .unwrap();
    assert_eq!(r.contact.reach(), ["https://example.fi/yhteystiedot"]);
    assert_eq!(fields(load(with(|v| v["contact"] = json!({ "name": "Antti" })))), ["contact"]);
}

#[test]
fn a_contact_person_or_controller_without_contact_details_is_written_out_as_not_stated() {
    // The register description names the contact person only: said on purpose, it loads, requesters
    // are told to reach them through this service, and the deployer is warned.
    let r = load(with(|v| {
        v["contact"] = json!({ "name": "Jyri", "contact_details": "not_stated" });
        v["controller"] = json!({ "name": "Shop", "contact_details": "not_stated" });
    }))
    .unwrap();
    assert!(r.contact.reach().is_empty() && r.contact.through_desk());
    assert!(!r.controller.reachable());
    let gaps: Vec<String> = r.notice_gaps().into_iter().map(|g| g.field).collect();
    assert!(
        gaps.ends_with(&["controller.contact_details".into(), "contact.contact_details".into()]),
        "{gaps:?}"
    );
    // It reads back from its stored form.
    let stored = serde_json::to_value(&r).unwrap();
    assert_eq!(stored["contact"]["contact_details"], "not_stated");
    assert_eq!(Register::from_file(serde_json::from_value(stored).unwrap()).unwrap(), r);
    // Left out without saying so, the contact details still stop start-up; `not_stated` beside
    // contact details, or any other word, is refused.
    let controller = fields(load(with(|v| v["controller"] = json!({ "name": "Shop" }))));
    assert_eq!(controller, ["controller"]);
    let both =
        with(|v| v["contact"] = json!({ "name": "Jyri", "phone": "050 1", "contact_details": "not_stated" }));
    assert_eq!(fields(load(both)), ["contact.contact_details"]);
    let other = with(|v| v["contact"] = json!({ "name": "Jyri", "contact_details": "see the web site" }));
    assert_eq!(fields(load(other)), ["contact.contact_details"]);
}

#[test]
fn an_address_on_the_reserved_invalid_domain_is_refused() {
    let errors = load(with(|v| v["contact"]["email"] = json!("antti@konekesko.invalid"))).unwrap_err();
    assert_eq!(errors[0].field, "contact.email");
    assert!(errors[0].reason.contains(".invalid"), "{}", errors[0].reason);
}

#[test]
fn unstated_statements_and_identity_gaps_are_listed_for_the_deployer() {
    let r = load(with(|v| {
        v["transfers"] = json!([{ "to": "Palveluntarjoaja Yhdysvalloissa", "safeguard": "not_stated" }]);
        v["controller"] = json!({ "name": "Shop", "web": "https://shop.example" });
    }))
    .unwrap();
    let gaps: Vec<String> = r.notice_gaps().into_iter().map(|g| g.field).collect();
    assert_eq!(
        gaps,
        [
            "transfers[0].safeguard",
            "purposes[1].retention",
            "controller.business_id",
            "controller.legal_form",
            "controller.address"
        ]
    );
}

#[test]
fn the_stored_form_reads_back_as_the_same_register() {
    let r = load(with(|v| {
        v["original_language"] = json!("en");
        v["register_name"] = json!({ "en": "Customers", "fi": "Asiakkaat" });
        v["data_categories"] = json!(["Name"]);
        v["retention"] = json!({ "en": "Two years", "et": "Kaks aastat" });
        v["purposes"] = json!([{ "purpose": "Orders", "legal_basis": "b", "legitimate_interests": "None" }]);
        v["transfers"] = json!([{ "to": "US", "safeguard": "adequacy_decision", "details": "EU-US DPF" }]);
        v["dpo"] = json!({ "email": "dpo@shop.fi" });
        v["controller"]["legal_form"] = json!({ "en": "limited company" });
        v["contact"] = json!({ "name": "Pia", "phone": "050 1", "contact_page": "https://shop.fi/c" });
    }))
    .unwrap();
    let stored = serde_json::to_value(&r).unwrap();
    let back = Register::from_file(serde_json::from_value(stored.clone()).unwrap()).unwrap();
    assert_eq!(back, r, "{stored:#}");
}

#[test]
fn a_description_stored_before_privacy_notices_still_reads() {
    // What an earlier version synced: plain texts, no purposes, no complaint authority.
    let old = json!({
        "key": "konekesko",
        "register_name": "Konekesko Webshop asiakasrekisteri",
        "jurisdiction": "fi",
        "languages": ["fi", "sv", "en"],
        "data_categories": ["Perustiedot"],
        "objection_purposes": ["genealogy"],
        "retention": "Asiakassuhteen ajan.",
        "inspection_requires_identity_check": false,
        "closed_request_retention_days": 1095,
        "controller": { "name": "Konekesko Oy", "business_id": null, "address": "Vanha Porvoontie 245, 01380 Vantaa" },
        "contact": { "name": "Antti Riuttala", "email": "antti.riuttala@konekesko.invalid", "phone": "050 599 1101" }
    });
    let file: RegisterFile = serde_json::from_value(old).unwrap();
    assert!(Register::from_file(file.clone()).is_err(), "not a complete privacy notice");
    let r = Register::from_stored(file).unwrap();
    assert!(r.purposes.is_empty());
    assert_eq!(r.complaint_authority, Authority::of_jurisdiction(Jurisdiction::Fi));
    // Its placeholder address is no address: the contact person is reached by phone.
    assert_eq!(r.contact.email, None);
    assert_eq!(r.contact.reach(), ["050 599 1101"]);
}
