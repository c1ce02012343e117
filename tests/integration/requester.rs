//! The requester's journey: form and API → verification email → link or code → receipt with the
//! deadline → the contact person's notice; validation, idempotency, verification limits, expiry,
//! suppression entries, the status page and the event chain.

use chrono::Duration;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::db::schema::{requests, suppressions};
use dsr_desk::domain::Language;
use dsr_desk::i18n::Tr;
use serde_json::json;

use crate::support::app::TestApp;
use crate::support::spawn_app;

/// (language, register, where the contact person's notices go, the deadline as the language writes
/// it). Konekesko's contact person has no email address: its notices go to the register's handler.
/// The app's clock starts on Monday 2 March 2026, 11:00 in Helsinki; verified the same day, the
/// deadline is one month later, Thursday 2 April 2026 (a working day: Good Friday is 3 April).
const JOURNEYS: [(Language, &str, &str, &str); 4] = [
    (Language::Fi, "jaccara", "jaccara@jaccara.com", "2.4.2026"),
    (Language::Sv, "konekesko", "handler@konekesko.fi", "2.4.2026"),
    (Language::En, "jokkerit", "jouko.paunonen@jokkerit.fi", "2 April 2026"),
    (Language::Et, "jerone", "klienditeenindus@jerone.fi", "2.4.2026"),
];

const KINDS: [&str; 7] =
    ["inspection", "correction", "objection", "erasure", "restriction", "general_objection", "portability"];

fn kind_fields(kind: &str) -> Vec<(&'static str, &'static str)> {
    match kind {
        "inspection" => vec![("inspection_scope", "Tilaushistoria 2025")],
        "correction" => vec![
            ("item_field_0", "Osoite"),
            ("item_current_0", "Vanha katu 1"),
            ("item_corrected_0", "Uusi katu 2"),
        ],
        "objection" => vec![
            ("purposes", "direct_advertising"),
            ("purposes", "distance_selling"),
            ("channels", "email"),
            ("channels", "sms"),
        ],
        "restriction" => vec![
            ("grounds", "accuracy_contested"),
            ("grounds", "legal_claims"),
            ("restriction_explanation", "Osoitteeni on väärin."),
        ],
        "general_objection" => vec![
            ("processing", "Profilointi kohdennettuihin tarjouksiin"),
            ("situation", "Minulla on lähestymiskielto."),
        ],
        "portability" => vec![
            ("portability_scope", "Tilaukseni"),
            ("format", "csv"),
            ("receiving_controller", "Toinen Kauppa Oy"),
        ],
        _ => vec![("erasure_scope", "")],
    }
}

async fn submit_by_form(
    app: &TestApp,
    register: &str,
    language: Language,
    kind: &str,
    email: &str,
) -> reqwest::Response {
    let mut fields = vec![
        ("lang", language.as_str()),
        ("kind", kind),
        ("name", "Maija Mallikas"),
        ("email", email),
        ("phone", "050 599 1101"),
        ("submission_id", ""),
    ];
    fields.extend(kind_fields(kind));
    app.post_form(&format!("/r/{register}/request"), &fields).await
}

#[tokio::test]
async fn every_kind_in_every_language_goes_from_form_to_receipt_and_contact_notice() {
    let app = spawn_app().await;
    crate::support::staff::account(
        &app,
        "handler@konekesko.fi",
        dsr_desk::domain::StaffRole::Handler,
        &["konekesko"],
    )
    .await;
    for (n, (language, register, contact, deadline)) in JOURNEYS.iter().enumerate() {
        let t = Tr::new(*language);
        for (k, kind) in KINDS.iter().enumerate() {
            let email = format!("maija.{n}.{k}@example.fi");
            let form = app.get(&format!("/r/{register}/request?lang={language}")).await;
            assert_eq!(form.status(), 200);
            assert!(form.text().await.unwrap().contains(&t.get("form-submit")));

            let sent = submit_by_form(&app, register, *language, kind, &email).await;
            assert_eq!(sent.status(), 303, "{language} {kind}: {}", sent.text().await.unwrap_or_default());

            let verification = app.last_mail_to(&email).await;
            let reference = verification.reference();
            assert_eq!(verification.subject(), t.fmt("verification-subject", &[("reference", &reference)]));
            assert_eq!(
                verification.parsed().header("Content-Language").and_then(|h| h.as_text()),
                Some(language.as_str())
            );

            // Alternate the two proofs: the link (then a confirm button) and the code.
            let confirmed = if k % 2 == 0 {
                let token = verification.token("/verify/");
                let page = app.get(&format!("/verify/{token}")).await;
                assert_eq!(page.status(), 200);
                app.post_form("/verify", &[("token", &token), ("lang", language.as_str())]).await
            } else {
                let code = verification.code();
                app.post_form(
                    "/verify",
                    &[("reference", &reference), ("code", &code), ("lang", language.as_str())],
                )
                .await
            };
            assert_eq!(confirmed.status(), 200);
            assert!(confirmed.text().await.unwrap().contains("/status/"));

            let receipt = app.last_mail_to(&email).await;
            assert_eq!(receipt.subject(), t.fmt("receipt-subject", &[("reference", &reference)]));
            // The receipt names the kind and what was asked, in the request's language.
            let named = t.get(&format!("kind-{kind}"));
            assert!(receipt.text().contains(&named), "{language} {kind}: {}", receipt.text());
            let asked = match *kind {
                "restriction" => Some("Osoitteeni on väärin."),
                "general_objection" => Some("Minulla on lähestymiskielto."),
                "portability" => Some("Toinen Kauppa Oy"),
                _ => None,
            };
            if let Some(asked) = asked {
                assert!(
                    receipt.text().contains(asked) && receipt.html().contains(asked),
                    "{language} {kind}"
                );
            }
            assert!(receipt.text().contains(deadline), "{language} {kind}: {}", receipt.text());
            assert!(receipt.html().contains(deadline));
            assert!(receipt.text().contains("/status/"));
            let notice = app.last_mail_to(contact).await;
            assert!(notice.subject().contains(&reference));
            assert!(notice.text().contains(&format!("/staff/requests/{reference}")));
            assert!(
                !notice.text().contains("Maija") && !notice.text().contains(&email),
                "no personal data to the contact person"
            );
        }
    }
    assert_eq!(app.request_count().await, 28);
}

#[tokio::test]
async fn every_kind_goes_through_the_api_with_a_code() {
    let app = spawn_app().await;
    let bodies = [
        json!({"register": "jokkerit", "kind": "inspection", "language": "en", "requester": {"name": "Api Person", "email": "api1@example.fi"}, "scope": "orders"}),
        json!({"register": "jaccara", "kind": "correction", "language": "fi", "requester": {"name": "Api Person", "email": "api2@example.fi"},
               "items": [{"field": "Puhelin", "current_value": "040 1", "corrected_value": "040 2", "reason": "vaihtui"}]}),
        json!({"register": "konekesko", "kind": "objection", "language": "sv", "requester": {"name": "Api Person", "email": "api3@example.fi", "phone": "+358 40 123 4567"},
               "purposes": ["genealogy", "person_directories"], "channels": ["post"]}),
        json!({"register": "jerone", "kind": "erasure", "language": "et", "requester": {"name": "Api Person", "email": "api4@example.fi", "customer_number": "C-77"}}),
        json!({"register": "jokkerit", "kind": "restriction", "language": "en", "requester": {"name": "Api Person", "email": "api5@example.fi"},
               "grounds": ["unlawful_processing"], "explanation": "Kept after I closed my account"}),
        json!({"register": "jaccara", "kind": "general_objection", "language": "fi", "requester": {"name": "Api Person", "email": "api6@example.fi"},
               "processing": "Profilointi", "situation": "Turvakielto"}),
        json!({"register": "konekesko", "kind": "portability", "language": "sv", "requester": {"name": "Api Person", "email": "api7@example.fi"},
               "format": "json", "receiving_controller": "Annan Butik Ab"}),
    ];
    for body in bodies {
        let response = app.post_json("/api/v1/requests", &body).await;
        assert_eq!(response.status(), 202);
        let answer: serde_json::Value = response.json().await.unwrap();
        assert_eq!(answer["status"], "awaiting_verification");
        let reference = answer["reference"].as_str().unwrap().to_owned();
        let email = body["requester"]["email"].as_str().unwrap();
        let code = app.last_mail_to(email).await.code();
        let verified =
            app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
        assert_eq!(verified.status(), 200);
        let verified: serde_json::Value = verified.json().await.unwrap();
        assert_eq!(verified, json!({"reference": reference, "status": "received"}));
        let receipt = app.last_mail_to(email).await;
        assert!(receipt.subject().contains(&reference));
    }
    let mut conn = app.db.conn().await;
    let deadlines: Vec<Option<chrono::NaiveDate>> =
        requests::table.select(requests::deadline).load(&mut conn).await.unwrap();
    assert!(deadlines.iter().all(|d| *d == chrono::NaiveDate::from_ymd_opt(2026, 4, 2)));
}

#[tokio::test]
async fn invalid_form_input_is_shown_per_field_in_the_chosen_language_and_nothing_is_stored() {
    let app = spawn_app().await;
    let fi = Tr::new(Language::Fi);
    let long = "x".repeat(5001);
    let cases: Vec<(Vec<(&str, &str)>, String)> = vec![
        (
            vec![("kind", "inspection"), ("name", "Maija"), ("email", "not-an-email")],
            fi.get("error-invalid-email"),
        ),
        (
            vec![("kind", "correction"), ("name", "Maija"), ("email", "m@example.fi")],
            fi.get("error-no-items"),
        ),
        (
            vec![("kind", "objection"), ("name", "Maija"), ("email", "m@example.fi"), ("purposes", "spam")],
            fi.fmt("error-unknown-purpose", &[("value", "spam")]),
        ),
        (
            vec![
                ("kind", "inspection"),
                ("name", "Maija"),
                ("email", "m@example.fi"),
                ("inspection_scope", &long),
            ],
            fi.fmt("error-too-long", &[("max", "5000")]),
        ),
        (vec![("name", ""), ("email", "m@example.fi")], fi.get("error-required")),
    ];
    for (mut fields, expected) in cases {
        fields.push(("lang", "fi"));
        let response = app.post_form("/r/jaccara/request", &fields).await;
        assert_eq!(response.status(), 422, "{fields:?}");
        let page = response.text().await.unwrap();
        assert!(page.contains(&expected), "missing `{expected}` for {fields:?}");
        assert!(page.contains("aria-invalid=\"true\"") || page.contains("field-error"), "{fields:?}");
    }
    let unknown = app.post_form("/r/nope/request", &[("kind", "inspection")]).await;
    assert_eq!(unknown.status(), 404);
    assert_eq!(app.request_count().await, 0);
}

#[tokio::test]
async fn invalid_api_input_names_each_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let cases = [
        (
            json!({"register": "jokkerit", "kind": "inspection", "requester": {"name": "A", "email": "bad"}}),
            422,
            vec!["requester.email"],
        ),
        (
            json!({"register": "jokkerit", "kind": "correction", "requester": {"name": "A", "email": "a@b.fi"}, "items": []}),
            422,
            vec!["items"],
        ),
        (
            json!({"register": "jokkerit", "kind": "objection", "requester": {"name": "A", "email": "a@b.fi"}, "purposes": ["genealogy"]}),
            422,
            vec!["purposes"],
        ),
        (
            json!({"register": "jokkerit", "kind": "wish", "requester": {}}),
            422,
            vec!["kind", "requester.name", "requester.email"],
        ),
        (json!({"kind": "inspection"}), 422, vec!["register"]),
        (
            json!({"register": "nope", "kind": "inspection", "requester": {"name": "A", "email": "a@b.fi"}}),
            404,
            vec![],
        ),
    ];
    for (body, status, fields) in cases {
        let response = app.post_json("/api/v1/requests", &body).await;
        assert_eq!(response.status().as_u16(), status, "{body}");
        let answer: serde_json::Value = response.json().await.unwrap();
        let named: Vec<&str> = answer["error"]["fields"]
            .as_array()
            .map(|f| f.iter().filter_map(|f| f["field"].as_str()).collect())
            .unwrap_or_default();
        for field in fields {
            assert!(named.contains(&field), "{body}: {answer}");
        }
    }
    let malformed =
        app.client.post(format!("{}/api/v1/requests", app.address)).body("{not json").send().await.unwrap();
    assert_eq!(malformed.status(), 400);
    assert_eq!(app.request_count().await, 0);
}

async fn api_request(app: &TestApp, email: &str) -> String {
    let body = json!({"register": "jokkerit", "kind": "inspection", "requester": {"name": "Lock Test", "email": email}});
    let answer: serde_json::Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    answer["reference"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn five_wrong_codes_lock_the_code_a_new_code_works_and_codes_expire_after_24_hours() {
    let app = spawn_app().await;
    let reference = api_request(&app, "lock@example.fi").await;
    let code = app.last_mail_to("lock@example.fi").await.code();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let verify = |code: String| {
        let app = &app;
        let reference = reference.clone();
        async move { app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await }
    };
    for left in (0..5).rev() {
        let response = verify(wrong.to_owned()).await;
        assert_eq!(response.status(), 422);
        let body = response.text().await.unwrap();
        if left > 0 {
            assert!(body.contains(&format!("{left} attempts left")), "{body}");
        } else {
            assert!(body.contains("too many wrong codes"), "{body}");
        }
    }
    let sixth = verify(code.clone()).await;
    assert_eq!(sixth.status(), 422, "the right code after five wrong ones must fail");

    let resend = app
        .post_json(&format!("/api/v1/requests/{reference}/resend-code"), &json!({"email": "lock@example.fi"}))
        .await;
    assert_eq!(resend.status(), 202);
    let new_code = app.last_mail_to("lock@example.fi").await.code();
    assert_eq!(verify(new_code).await.status(), 200);
    assert_eq!(app.request_count().await, 1, "a new code does not create a request");

    // Expiry: a code is valid for 24 hours.
    let other = api_request(&app, "late@example.fi").await;
    let late_code = app.last_mail_to("late@example.fi").await.code();
    app.clock.advance(Duration::hours(24));
    let late = app.post_json(&format!("/api/v1/requests/{other}/verify"), &json!({"code": late_code})).await;
    assert_eq!(late.status(), 422);
    assert!(late.text().await.unwrap().contains("expired"));
}

#[tokio::test]
async fn at_most_five_codes_a_day() {
    let app = spawn_app().await;
    let reference = api_request(&app, "many@example.fi").await;
    let path = format!("/api/v1/requests/{reference}/resend-code");
    for _ in 0..4 {
        assert_eq!(app.post_json(&path, &json!({"email": "many@example.fi"})).await.status(), 202);
    }
    let codes = async || {
        app.deliver().await.iter().filter(|m| m.rcpt_to.iter().any(|r| r == "many@example.fi")).count()
    };
    assert_eq!(codes().await, 5);
    // A sixth code is not sent; the answer says so no differently from any other (it would tell
    // a matching address from a wrong one).
    assert_eq!(app.post_json(&path, &json!({"email": "many@example.fi"})).await.status(), 202);
    assert_eq!(codes().await, 5);
    // An address that does not match gets the same answer as a match, and no email.
    let before = app.deliver().await.len();
    assert_eq!(app.post_json(&path, &json!({"email": "someone.else@example.fi"})).await.status(), 202);
    assert_eq!(app.deliver().await.len(), before);
}

#[tokio::test]
async fn the_same_idempotency_key_creates_one_request_and_returns_the_same_body() {
    let app = spawn_app().await;
    let body = json!({"register": "jokkerit", "kind": "erasure", "requester": {"name": "Twice", "email": "twice@example.fi"}});
    let send = || {
        app.client
            .post(format!("{}/api/v1/requests", app.address))
            .header("Idempotency-Key", "order-4711-erasure")
            .json(&body)
            .send()
    };
    let first = send().await.unwrap();
    let (first_status, first_body) = (first.status(), first.bytes().await.unwrap());
    let second = send().await.unwrap();
    assert_eq!(first_status, 202);
    assert_eq!(second.status(), first_status);
    assert_eq!(second.bytes().await.unwrap(), first_body);
    assert_eq!(app.request_count().await, 1);
    let other_body = app
        .client
        .post(format!("{}/api/v1/requests", app.address))
        .header("Idempotency-Key", "order-4711-erasure")
        .json(&json!({"register": "jokkerit", "kind": "inspection", "requester": {"name": "X", "email": "x@example.fi"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(other_body.status(), 422);

    // The form: the same submission id twice (a double click) is one request.
    let fields = [
        ("kind", "inspection"),
        ("name", "Double Click"),
        ("email", "double@example.fi"),
        ("submission_id", "0123456789abcdef0123456789abcdef"),
    ];
    assert_eq!(app.post_form("/r/jokkerit/request", &fields).await.status(), 303);
    assert_eq!(app.post_form("/r/jokkerit/request", &fields).await.status(), 303);
    assert_eq!(app.request_count().await, 2);
}

#[tokio::test]
async fn known_and_unknown_addresses_get_identical_responses() {
    let app = spawn_app().await;
    // Make an address known: a verified request.
    let reference = api_request(&app, "known@example.fi").await;
    let code = app.last_mail_to("known@example.fi").await.code();
    app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;

    let app = &app;
    let form_answer = |email: &'static str| async move {
        let r = app
            .post_form(
                "/r/jokkerit/request",
                &[("kind", "inspection"), ("name", "Same"), ("email", email), ("lang", "fi")],
            )
            .await;
        let location = r.headers().get("location").map(|l| l.to_str().unwrap().to_owned());
        (r.status(), location, r.bytes().await.unwrap())
    };
    assert_eq!(form_answer("known@example.fi").await, form_answer("never.seen@example.fi").await);

    let api_answer = |email: &'static str| async move {
        let body = json!({"register": "jokkerit", "kind": "inspection", "requester": {"name": "Same", "email": email}});
        let r = app.post_json("/api/v1/requests", &body).await;
        let status = r.status();
        let text = r.text().await.unwrap();
        // The reference is new for every request; everything else must be the same bytes.
        let masked: String = {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            text.replace(v["reference"].as_str().unwrap(), "DSR-XXXX-XXXX")
        };
        (status, masked)
    };
    assert_eq!(api_answer("known@example.fi").await, api_answer("never.seen@example.fi").await);
}

#[tokio::test]
async fn an_objection_writes_suppressions_on_verification_not_before() {
    let app = spawn_app().await;
    let body = json!({"register": "konekesko", "kind": "objection", "requester": {"name": "No Ads", "email": "No.Ads@Example.fi", "phone": "050 599 1101"},
                      "purposes": ["direct_advertising", "opinion_polls"], "channels": ["email", "phone"]});
    let answer: serde_json::Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let reference = answer["reference"].as_str().unwrap();
    let mut conn = app.db.conn().await;
    let before: i64 = suppressions::table.count().get_result(&mut conn).await.unwrap();
    assert_eq!(before, 0, "no suppression before verification");
    let code = app.last_mail_to("No.Ads@example.fi").await.code();
    app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
    let mut rows: Vec<(String, String, String, String)> = suppressions::table
        .filter(suppressions::lifted_at.is_null())
        .select((
            suppressions::identifier,
            suppressions::purpose,
            suppressions::channel,
            suppressions::register_key,
        ))
        .load(&mut conn)
        .await
        .unwrap();
    rows.sort();
    // 2 identifiers (email, normalised; phone, E.164) × 2 purposes × 2 channels.
    assert_eq!(rows.len(), 8);
    assert!(rows.iter().all(|r| r.3 == "konekesko"));
    assert!(rows.iter().any(|r| r.0 == "+358505991101" && r.1 == "opinion_polls" && r.2 == "phone"));
    assert!(rows.iter().any(|r| r.0 == "no.ads@example.fi" && r.1 == "direct_advertising" && r.2 == "email"));
}

#[tokio::test]
async fn an_unverified_request_expires_after_seven_days_and_its_personal_data_is_gone() {
    let app = spawn_app().await;
    app.worker.register_schedules().await.unwrap();
    let fields = [
        ("kind", "correction"),
        ("name", "Unverified Ulla"),
        ("email", "ulla.unverified@example.fi"),
        ("phone", "040 765 4321"),
        ("item_field_0", "Osoite"),
        ("item_current_0", "Salainen tie 5"),
        ("item_corrected_0", "Julkinen tie 6"),
    ];
    assert_eq!(app.post_form("/r/jaccara/request", &fields).await.status(), 303);
    app.deliver().await;
    assert!(
        !app.db.columns_containing("ulla.unverified").await.is_empty(),
        "the data is there before expiry"
    );

    app.clock.advance(Duration::days(6));
    app.deliver().await;
    let mut conn = app.db.conn().await;
    let status: String = requests::table.select(requests::status).first(&mut conn).await.unwrap();
    assert_eq!(status, "awaiting_verification", "not before seven days");

    app.clock.advance(Duration::days(1) + Duration::minutes(20));
    app.deliver().await;
    let status: String = requests::table.select(requests::status).first(&mut conn).await.unwrap();
    assert_eq!(status, "expired");
    for needle in ["ulla.unverified", "Unverified Ulla", "Salainen tie", "Julkinen tie", "4321"] {
        assert_eq!(app.db.columns_containing(needle).await, Vec::<String>::new(), "`{needle}` remains");
    }
    let events: Vec<String> = dsr_desk::db::schema::request_events::table
        .select(dsr_desk::db::schema::request_events::kind)
        .order(dsr_desk::db::schema::request_events::seq)
        .load(&mut conn)
        .await
        .unwrap();
    assert_eq!(events, ["submitted", "expired"]);
}

#[tokio::test]
async fn the_event_chain_verifies_and_any_altered_event_breaks_it() {
    use dsr_desk::domain::event::{ChainError, verify_chain};
    let app = spawn_app().await;
    let reference = api_request(&app, "chain@example.fi").await;
    let code = app.last_mail_to("chain@example.fi").await.code();
    app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": "999999x"})).await;
    app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
    let mut conn = app.db.conn().await;
    let id: dsr_desk::domain::RequestId =
        requests::table.select(requests::id).first(&mut conn).await.unwrap();
    let chain = dsr_desk::db::events::chain(&mut conn, id).await.unwrap();
    let kinds: Vec<&str> = chain.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["submitted", "verification_failed", "verified"]);
    assert_eq!(verify_chain(&reference, &chain), Ok(()));

    // Someone with database access edits the middle event (the trigger must be bypassed first).
    diesel::sql_query("ALTER TABLE request_events DISABLE TRIGGER request_events_no_update")
        .execute(&mut conn)
        .await
        .unwrap();
    diesel::sql_query("UPDATE request_events SET payload = '{\"attempts_left\": 3}' WHERE seq = 2")
        .execute(&mut conn)
        .await
        .unwrap();
    let tampered = dsr_desk::db::events::chain(&mut conn, id).await.unwrap();
    assert_eq!(verify_chain(&reference, &tampered), Err(ChainError::Altered { seq: 2 }));
    diesel::sql_query("UPDATE request_events SET occurred_at = occurred_at - interval '1 day' WHERE seq = 1")
        .execute(&mut conn)
        .await
        .unwrap();
    let tampered = dsr_desk::db::events::chain(&mut conn, id).await.unwrap();
    assert_eq!(verify_chain(&reference, &tampered), Err(ChainError::Altered { seq: 1 }));
}

#[tokio::test]
async fn the_status_page_shows_state_deadline_and_timeline_and_withdrawing_lifts_an_objection() {
    let app = spawn_app().await;
    let fields = [
        ("kind", "objection"),
        ("lang", "en"),
        ("name", "Status Sam"),
        ("email", "sam@example.fi"),
        ("purposes", "direct_advertising"),
    ];
    app.post_form("/r/jokkerit/request", &fields).await;
    let token = app.last_mail_to("sam@example.fi").await.token("/verify/");
    app.post_form("/verify", &[("token", &token)]).await;
    let status_token = app.last_mail_to("sam@example.fi").await.token("/status/");

    let page = app.get(&format!("/status/{status_token}")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let en = Tr::new(Language::En);
    for expected in [
        en.get("state-received"),
        "2 April 2026".into(),
        en.get("event-verified"),
        en.get("event-suppression_recorded"),
    ] {
        assert!(html.contains(&expected), "missing {expected}");
    }
    assert!(!html.contains("sam@example.fi"), "the status page shows no personal data");

    let withdraw_path = format!("/status/{status_token}/withdraw");
    let withdraw = || app.post_form(&withdraw_path, &[("confirm", "yes")]);
    let withdrawn = withdraw().await;
    assert_eq!(withdrawn.status(), 200);
    let html = withdrawn.text().await.unwrap();
    assert!(html.contains(&en.get("state-withdrawn")) && html.contains(&en.get("event-suppression_lifted")));
    let mut conn = app.db.conn().await;
    let active: i64 = suppressions::table
        .filter(suppressions::lifted_at.is_null())
        .count()
        .get_result(&mut conn)
        .await
        .unwrap();
    assert_eq!(active, 0);
    assert_eq!(withdraw().await.status(), 409);
    assert_eq!(app.get("/status/not-a-valid-token").await.status(), 404);
}

#[tokio::test]
async fn the_openapi_document_is_served_and_describes_the_api() {
    let app = spawn_app().await;
    let doc: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/requests",
        "/api/v1/requests/{reference}/verify",
        "/api/v1/requests/{reference}/resend-code",
    ] {
        assert!(doc["paths"][path]["post"].is_object(), "{path}");
    }
    assert!(doc["components"]["schemas"]["NewRequestBody"]["properties"]["requester"].is_object());
}

#[tokio::test]
async fn submissions_are_rate_limited_per_client_address() {
    let app = crate::support::app::spawn_app_with(crate::support::app::Options {
        overrides: vec![("limits.submissions_per_hour", json!(3))],
        ..Default::default()
    })
    .await;
    let body = json!({"register": "jokkerit", "kind": "inspection", "requester": {"name": "R", "email": "r@example.fi"}});
    for _ in 0..3 {
        assert_eq!(app.post_json("/api/v1/requests", &body).await.status(), 202);
    }
    let limited = app.post_json("/api/v1/requests", &body).await;
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().get("retry-after").is_some());
    app.clock.advance(Duration::hours(1));
    assert_eq!(app.post_json("/api/v1/requests", &body).await.status(), 202);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit_and_otherwise_the_header_is_ignored()
{
    let body = json!({"register": "jokkerit", "kind": "inspection", "requester": {"name": "R", "email": "r@example.fi"}});
    let post_from = async |app: &TestApp, forwarded: &str| {
        app.client
            .post(format!("{}/api/v1/requests", app.address))
            .header("X-Forwarded-For", forwarded)
            .json(&body)
            .send()
            .await
            .unwrap()
            .status()
    };
    // The test client connects from 127.0.0.1, here the trusted proxy.
    let proxied = crate::support::app::spawn_app_with(crate::support::app::Options {
        overrides: vec![
            ("limits.submissions_per_hour", json!(2)),
            ("http.trusted_proxies", json!(["127.0.0.1", "10.0.0.0/8"])),
        ],
        ..Default::default()
    })
    .await;
    for _ in 0..2 {
        assert_eq!(post_from(&proxied, "198.51.100.1").await, 202);
    }
    assert_eq!(post_from(&proxied, "198.51.100.1").await, 429, "the first client's allowance is spent");
    // A forged first entry does not help: the proxy's own entry (right-most) is the client.
    assert_eq!(post_from(&proxied, "203.0.113.50, 198.51.100.1").await, 429);
    assert_eq!(post_from(&proxied, "198.51.100.2").await, 202, "another client behind the proxy");
    assert_eq!(post_from(&proxied, "198.51.100.2, 10.1.1.1").await, 202, "an inner proxy is skipped");
    assert_eq!(post_from(&proxied, "198.51.100.2").await, 429);

    // Without trusted proxies the header is the client's own word and changes nothing.
    let direct = crate::support::app::spawn_app_with(crate::support::app::Options {
        overrides: vec![("limits.submissions_per_hour", json!(2))],
        ..Default::default()
    })
    .await;
    assert_eq!(post_from(&direct, "198.51.100.1").await, 202);
    assert_eq!(post_from(&direct, "198.51.100.2").await, 202);
    assert_eq!(post_from(&direct, "198.51.100.3").await, 429, "one address, whatever the header says");
}

/// The values of `attr="..."` in every tag named `tag` of `html`.
fn attribute_values(html: &str, tag: &str, attr: &str) -> Vec<(String, String)> {
    html.split(&format!("<{tag}"))
        .skip(1)
        .map(|rest| {
            let element = rest.split('>').next().unwrap_or("");
            let value = |name: &str| {
                element
                    .split(&format!("{name}=\""))
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .unwrap_or("")
                    .to_owned()
            };
            (value(attr), element.to_owned())
        })
        .collect()
}

#[tokio::test]
async fn every_form_input_has_a_label_and_errors_are_tied_to_their_fields() {
    let app = spawn_app().await;
    for language in ["fi", "sv", "en", "et"] {
        let html = app.get(&format!("/r/konekesko/request?lang={language}")).await.text().await.unwrap();
        assert!(html.contains(&format!("<html lang=\"{language}\"")));
        let labels: Vec<String> =
            attribute_values(&html, "label", "for").into_iter().map(|(v, _)| v).collect();
        for (id, element) in attribute_values(&html, "input", "id")
            .into_iter()
            .chain(attribute_values(&html, "textarea", "id"))
        {
            if element.contains("type=\"hidden\"") {
                continue;
            }
            // Checkboxes and radios are wrapped in their label; everything else is named by `for`.
            let wrapped = element.contains("type=\"checkbox\"") || element.contains("type=\"radio\"");
            assert!(wrapped || labels.contains(&id), "{language}: input `{id}` has no label");
        }
        assert!(html.contains("<fieldset") && html.contains("<legend>"));
    }
    let response = app
        .post_form(
            "/r/konekesko/request",
            &[
                ("kind", "correction"),
                ("name", ""),
                ("email", "x"),
                ("item_field_0", "Osoite"),
                ("lang", "en"),
            ],
        )
        .await;
    let html = response.text().await.unwrap();
    for id in ["name", "email", "item_corrected_0"] {
        assert!(
            html.contains(&format!("aria-describedby=\"{id}-error\""))
                && html.contains(&format!("id=\"{id}-error\"")),
            "error of `{id}` is not tied to its field"
        );
        assert!(html.contains(&format!("href=\"#{id}\"")), "the error summary links to `{id}`");
    }
}
