//! Restriction of processing (GDPR Art 18), the general objection (Art 21(1)) and portability
//! (Art 20), each from the public form and from the API to the handler's answer: the request page's
//! rows and answer form, the checks of each answer, the answer email, refusals with the complaint
//! notice, the machine-readable file through the download link, the queue filter, the monthly
//! report's kind column and requests entered by staff.

use std::collections::HashMap;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::db::schema::{requests, suppressions};
use dsr_desk::domain::{Language, StaffRole};
use dsr_desk::i18n::Tr;
use serde_json::{Value, json};

use crate::support::app::TestApp;
use crate::support::spawn_app;
use crate::support::staff::{StaffClient, act, csrf, ready_account};

/// Submits the public form of `register` in `language` and confirms it with the emailed code;
/// returns the reference.
async fn by_form(
    app: &TestApp,
    register: &str,
    language: Language,
    email: &str,
    fields: &[(&str, &str)],
) -> String {
    let mut form = vec![
        ("lang", language.as_str()),
        ("name", "Maija Mallikas"),
        ("email", email),
        ("submission_id", ""),
    ];
    form.extend_from_slice(fields);
    let r = app.post_form(&format!("/r/{register}/request"), &form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let mail = app.last_mail_to(email).await;
    let reference = mail.reference();
    let r = app
        .post_form(
            "/verify",
            &[("reference", &reference), ("code", &mail.code()), ("lang", language.as_str())],
        )
        .await;
    assert_eq!(r.status(), 200);
    reference
}

/// Submits `body` to the API for `register` and confirms it with the emailed code; returns the
/// reference.
async fn by_api(app: &TestApp, register: &str, email: &str, mut body: Value) -> String {
    body["register"] = json!(register);
    body["requester"] = json!({"name": "Maija Mallikas", "email": email});
    let r = app.post_json("/api/v1/requests", &body).await;
    assert_eq!(r.status(), 202, "{}", r.text().await.unwrap());
    let reference = r.json::<Value>().await.unwrap()["reference"].as_str().unwrap().to_owned();
    let code = app.last_mail_to(email).await.code();
    let r = app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
    assert_eq!(r.status(), 200);
    reference
}

/// The answer form with files, each (name, content type, content).
async fn complete_with_files(
    app: &TestApp,
    c: &reqwest::Client,
    reference: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> reqwest::Response {
    let token = csrf(app, c, &format!("/staff/requests/{reference}")).await;
    let mut form = reqwest::multipart::Form::new().text("csrf", token);
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, content_type, content) in files {
        let part = reqwest::multipart::Part::bytes(content.to_vec())
            .file_name(name.to_string())
            .mime_str(content_type)
            .unwrap();
        form = form.part("attachments", part);
    }
    c.post(format!("{}/staff/requests/{reference}/complete", app.address))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// (status, outcome) of the request.
async fn state(app: &TestApp, reference: &str) -> (String, Option<String>) {
    let mut conn = app.db.conn().await;
    requests::table
        .filter(requests::reference.eq(reference))
        .select((requests::status, requests::outcome))
        .first(&mut conn)
        .await
        .unwrap()
}

/// The last event of the request's timeline: (kind, payload).
async fn last_event(app: &TestApp, reference: &str) -> (String, Value) {
    app.events(reference).await.pop().expect("an event")
}

async fn page(app: &TestApp, c: &reqwest::Client, path: &str) -> String {
    c.get(format!("{}{path}", app.address)).send().await.unwrap().text().await.unwrap()
}

/// Asserts an answer was refused as invalid input (422) naming each of `fields`.
async fn invalid(response: reqwest::Response, fields: &[&str]) {
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    for field in fields {
        assert!(body.contains(field), "{field} not named in:\n{body}");
    }
}

async fn done(response: reqwest::Response) {
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
}

#[tokio::test]
async fn a_restriction_from_the_form_is_restricted_with_its_duration_art_18_3_notice_and_recipients() {
    let app = spawn_app().await;
    let h = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let fields = [
        ("kind", "restriction"),
        ("grounds", "accuracy_contested"),
        ("restriction_explanation", "My postal address is wrong."),
    ];
    let reference = by_form(&app, "jokkerit", Language::En, "r@example.fi", &fields).await;
    let receipt = app.last_mail_to("r@example.fi").await.text();
    assert!(receipt.contains("restriction of processing") && receipt.contains("Art 18(1)(a)"), "{receipt}");

    // The request page shows what was asked as rows, and the answer form of a restriction.
    let shown = page(&app, &h, &format!("/staff/requests/{reference}")).await;
    for needle in
        ["Art 18(1)(a): accuracy contested", "My postal address is wrong.", "name=\"restricted_until\""]
    {
        assert!(shown.contains(needle), "{needle}");
    }

    // Restricted: what, until when and the recipients informed (Art 19) are required.
    invalid(
        act(&app, &h, &reference, "complete", &[("decision", "restricted")]).await,
        &["restricted_data", "restricted_until", "recipients"],
    )
    .await;
    invalid(act(&app, &h, &reference, "complete", &[]).await, &["decision"]).await;
    let answer = [
        ("decision", "restricted"),
        ("restricted_data", "Postal address"),
        ("restricted_until", "until its accuracy is verified"),
        ("recipients", "Posti Oy"),
    ];
    done(act(&app, &h, &reference, "complete", &answer).await).await;
    assert_eq!(state(&app, &reference).await, ("completed".into(), Some("restricted".into())));
    let (kind, payload) = last_event(&app, &reference).await;
    assert_eq!(kind, "completed");
    assert_eq!(payload["decisions"][0], json!({"restricted": true, "recipients_informed": true}));
    let mail = app.last_mail_to("r@example.fi").await.text();
    for needle in [
        "Postal address",
        "until its accuracy is verified",
        "You will be told before the restriction is lifted (GDPR Art 18(3))",
        "(GDPR Art 19): Posti Oy",
    ] {
        assert!(mail.contains(needle), "{needle}: {mail}");
    }
    assert!(!mail.contains("supervisory authority"), "not a refusal: {mail}");
}

#[tokio::test]
async fn a_restriction_through_the_api_refused_is_a_refusal_with_reasons_and_the_complaint_notice() {
    let app = spawn_app().await;
    let h = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jaccara"]).await;
    let body =
        json!({"kind": "restriction", "language": "fi", "grounds": ["legal_claims", "objection_pending"]});
    let reference = by_api(&app, "jaccara", "rr@example.fi", body).await;
    let receipt = app.last_mail_to("rr@example.fi").await.text();
    assert!(receipt.contains("käsittelyn rajoittaminen") && receipt.contains("d alakohta"), "{receipt}");

    invalid(act(&app, &h, &reference, "complete", &[("decision", "rejected")]).await, &["message"]).await;
    let reasons = "Tiedot on jo poistettu 1.3.2026, joten rajoitettavaa ei ole.";
    done(act(&app, &h, &reference, "complete", &[("decision", "rejected"), ("message", reasons)]).await)
        .await;
    assert_eq!(state(&app, &reference).await, ("refused".into(), Some("rejected".into())));
    assert_eq!(last_event(&app, &reference).await.0, "refused");
    let mail = app.last_mail_to("rr@example.fi").await.text();
    for needle in [reasons, "Emme voi toteuttaa", "Tietosuojavaltuutetun toimisto", "79 artikla"] {
        assert!(mail.contains(needle), "{needle}: {mail}");
    }
}

#[tokio::test]
async fn a_general_objection_from_the_form_writes_no_suppression_and_is_upheld_by_the_handler() {
    let app = spawn_app().await;
    let h = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["konekesko"]).await;
    let fields = [
        ("kind", "general_objection"),
        ("processing", "Profilering för riktade erbjudanden"),
        ("situation", "Jag har besöksförbud mot en anställd."),
        // The direct-marketing objection's purposes do not belong to it.
        ("purposes", "direct_advertising"),
    ];
    let reference = by_form(&app, "konekesko", Language::Sv, "g@example.fi", &fields).await;
    let receipt = app.last_mail_to("g@example.fi").await.text();
    assert!(receipt.contains("rätten att göra invändningar") && receipt.contains("gäller inte av sig själv"));
    // Unlike an objection to direct marketing, it takes effect only once decided.
    let mut conn = app.db.conn().await;
    let entries: i64 = suppressions::table.count().get_result(&mut conn).await.unwrap();
    assert_eq!(entries, 0);
    let shown = page(&app, &h, &format!("/staff/requests/{reference}")).await;
    assert!(
        shown.contains("Processing objected to") && shown.contains("Jag har besöksförbud mot en anställd.")
    );

    invalid(act(&app, &h, &reference, "complete", &[("decision", "ignored")]).await, &["decision"]).await;
    done(act(&app, &h, &reference, "complete", &[("decision", "upheld")]).await).await;
    assert_eq!(state(&app, &reference).await, ("completed".into(), Some("upheld".into())));
    let mail = app.last_mail_to("g@example.fi").await.text();
    assert!(
        mail.contains("Din invändning har godtagits") && mail.contains("Profilering för riktade erbjudanden"),
        "{mail}"
    );
    assert!(!mail.contains("tillsynsmyndigheten"), "{mail}");
    let entries: i64 = suppressions::table.count().get_result(&mut conn).await.unwrap();
    assert_eq!(entries, 0);
}

#[tokio::test]
async fn a_general_objection_through_the_api_rejected_on_legal_claims_is_a_refusal_with_reasons() {
    let app = spawn_app().await;
    let h = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jerone"]).await;
    let body = json!({"kind": "general_objection", "language": "et", "processing": "Profileerimine",
                      "situation": "Olen lähenemiskeelu all."});
    let reference = by_api(&app, "jerone", "go@example.fi", body).await;

    invalid(
        act(&app, &h, &reference, "complete", &[("decision", "rejected")]).await,
        &["overriding_grounds", "message"],
    )
    .await;
    let reasons = "Andmeid on vaja pooleliolevas kohtuasjas 2-26-123.";
    let answer = [("decision", "rejected"), ("overriding_grounds", "legal_claims"), ("message", reasons)];
    done(act(&app, &h, &reference, "complete", &answer).await).await;
    assert_eq!(state(&app, &reference).await, ("refused".into(), Some("rejected".into())));
    let (kind, payload) = last_event(&app, &reference).await;
    assert_eq!(kind, "refused");
    assert_eq!(payload["decisions"][0], json!({"overriding_grounds": "legal_claims"}));
    let t = Tr::new(Language::Et);
    let mail = app.last_mail_to("go@example.fi").await.text();
    // Jerone is a Finnish register: its requesters complain to the Finnish authority.
    for needle in [
        reasons.to_owned(),
        t.get("overriding-grounds-legal_claims"),
        t.get("answer-complaint"),
        // The supervisory authority named in the register file.
        "tietosuoja@om.fi".to_owned(),
    ] {
        assert!(mail.contains(&needle), "{needle}: {mail}");
    }
}

/// Opens the download link of the answer mailed to `email` with a code; returns the page and the
/// content of its first file.
async fn download(app: &TestApp, email: &str) -> (String, Vec<u8>) {
    let link = app.last_mail_to(email).await.link("/download/");
    let path = link.trim_start_matches(app.settings.http.public_url.as_str()).to_owned();
    assert_eq!(app.post_form(&format!("{path}/code"), &[]).await.status(), 200);
    let code = app.last_mail_to(email).await.code();
    let r = app.post_form(&path, &[("code", &code)]).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    let file_link = page
        .split("href=\"")
        .find(|s| s.contains("/files/"))
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no file link in {page}"))
        .replace("&amp;", "&");
    let content = app.get(&file_link).await.bytes().await.unwrap().to_vec();
    (page, content)
}

#[tokio::test]
async fn portability_from_the_form_delivers_a_valid_machine_readable_file_through_the_download_link() {
    let app = spawn_app().await;
    let h = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let fields = [
        ("kind", "portability"),
        ("portability_scope", "My orders"),
        ("format", "json"),
        ("receiving_controller", "Other Shop Oy"),
    ];
    let reference = by_form(&app, "jokkerit", Language::En, "p@example.fi", &fields).await;
    let receipt = app.last_mail_to("p@example.fi").await.text();
    assert!(receipt.contains("Preferred format: JSON") && receipt.contains("Other Shop Oy"), "{receipt}");
    let shown = page(&app, &h, &format!("/staff/requests/{reference}")).await;
    assert!(
        shown.contains("The requester asked for JSON") && shown.contains("Transmission to Other Shop Oy")
    );

    let message = [("message", "The orders you placed with us."), ("transmission", "Sent to Other Shop Oy.")];
    let json_file = br#"{"orders": [{"id": 4711, "date": "2026-02-20"}]}"#;
    // No machine-readable file, a broken one, the wrong format, no word on the transmission.
    invalid(
        complete_with_files(&app, &h, &reference, &message, &[]).await,
        &["attachments", ".json or .csv"],
    )
    .await;
    let scan: (&str, &str, &[u8]) = ("orders.pdf", "application/pdf", b"%PDF-1.7");
    invalid(complete_with_files(&app, &h, &reference, &message, &[scan]).await, &["attachments"]).await;
    let broken: (&str, &str, &[u8]) = ("orders.json", "application/json", b"{\"orders\": [");
    invalid(complete_with_files(&app, &h, &reference, &message, &[broken]).await, &["not valid JSON"]).await;
    let csv: (&str, &str, &[u8]) = ("orders.csv", "text/csv", b"id,date\n4711,2026-02-20\n");
    invalid(complete_with_files(&app, &h, &reference, &message, &[csv]).await, &["asked for JSON"]).await;
    let good: (&str, &str, &[u8]) = ("orders.json", "application/json", json_file);
    invalid(complete_with_files(&app, &h, &reference, &message[..1], &[good]).await, &["transmission"]).await;
    assert_eq!(state(&app, &reference).await.0, "received", "nothing was kept");

    done(complete_with_files(&app, &h, &reference, &message, &[good, scan]).await).await;
    assert_eq!(state(&app, &reference).await, ("completed".into(), Some("provided".into())));
    let (kind, payload) = last_event(&app, &reference).await;
    assert_eq!(kind, "completed");
    assert_eq!(payload["attachments"].as_array().unwrap().len(), 2);
    assert_eq!(payload["decisions"][0], json!({"transmission_recorded": true}));
    let mail = app.last_mail_to("p@example.fi").await.text();
    assert!(mail.contains("machine-readable file") && mail.contains("Sent to Other Shop Oy."), "{mail}");
    assert!(!mail.contains("The orders you placed with us."), "the message stays behind the link");

    let (opened, content) = download(&app, "p@example.fi").await;
    assert!(opened.contains("The orders you placed with us.") && opened.contains("orders.json"), "{opened}");
    assert_eq!(content, json_file);
    assert!(serde_json::from_slice::<Value>(&content).is_ok());
    assert_eq!(last_event(&app, &reference).await.0, "attachment_downloaded");
}

#[tokio::test]
async fn portability_through_the_api_needs_the_registers_identity_check_and_delivers_its_csv() {
    // A deployer made jaccara require further identity verification before personal data is
    // disclosed (off in the shipped file: only where there is reasonable doubt, Art 12(6)).
    let dir = crate::support::app::registers_requiring_identity_check();
    let app = crate::support::app::spawn_app_with(crate::support::app::Options {
        registers_dir: Some(dir.path().to_owned()),
        ..Default::default()
    })
    .await;
    let h = ready_account(&app, "h@shop.fi", StaffRole::Handler, &["jaccara"]).await;
    let reference =
        by_api(&app, "jaccara", "pc@example.fi", json!({"kind": "portability", "format": "csv"})).await;
    let csv = b"id,date\n4711,2026-02-20\n";
    let files: [(&str, &str, &[u8]); 1] = [("tilaukset.csv", "text/csv", csv)];
    let r = complete_with_files(&app, &h, &reference, &[("message", "Tilauksesi.")], &files).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("requires further identity verification"));
    let identity = [("method", "customer_account"), ("note", "Signed in to the shop")];
    done(act(&app, &h, &reference, "identity", &identity).await).await;
    done(complete_with_files(&app, &h, &reference, &[("message", "Tilauksesi.")], &files).await).await;
    let (_, content) = download(&app, "pc@example.fi").await;
    assert_eq!(content, csv);

    // A kind without files refuses them.
    let body = json!({"kind": "general_objection", "processing": "Profilointi", "situation": "Turvakielto"});
    let other = by_api(&app, "jaccara", "po@example.fi", body).await;
    let r = complete_with_files(&app, &h, &other, &[("decision", "upheld")], &files).await;
    invalid(r, &["only an inspection or portability answer carries files"]).await;
}

#[tokio::test]
async fn invalid_input_of_the_three_kinds_names_its_field_on_the_form_and_in_the_api() {
    let app = spawn_app().await;
    let fi = Tr::new(Language::Fi);
    // (fields, the input the error belongs to, its message)
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, String);
    let cases: Vec<Case> = vec![
        (vec![("kind", "restriction")], "grounds", fi.get("error-no-ground")),
        (
            vec![("kind", "general_objection"), ("processing", "Profilointi")],
            "situation",
            fi.get("error-required"),
        ),
        (
            vec![("kind", "portability"), ("format", "xml"), ("portability_scope", "kaikki")],
            "format",
            fi.fmt("error-unknown-format", &[("value", "xml")]),
        ),
    ];
    for (mut fields, id, expected) in cases {
        fields.extend([("lang", "fi"), ("name", "Maija"), ("email", "m@example.fi")]);
        let r = app.post_form("/r/jaccara/request", &fields).await;
        assert_eq!(r.status(), 422, "{fields:?}");
        let html = r.text().await.unwrap();
        assert!(html.contains(&expected), "{expected}: {fields:?}");
        assert!(
            html.contains(&format!("href=\"#{id}\"")) && html.contains(&format!("id=\"{id}-error\"")),
            "{id}"
        );
        // What was typed comes back.
        for (name, value) in &fields {
            if !["kind", "lang", "format"].contains(name) {
                assert!(html.contains(value), "{name} kept");
            }
        }
    }
    let cases = [
        (json!({"kind": "restriction", "grounds": ["whim"]}), "grounds"),
        (json!({"kind": "general_objection", "situation": "x"}), "processing"),
        (json!({"kind": "portability", "format": "pdf"}), "format"),
        (json!({"kind": "portability", "receiving_controller": "x".repeat(501)}), "receiving_controller"),
    ];
    for (mut body, field) in cases {
        body["register"] = json!("jokkerit");
        body["requester"] = json!({"name": "A", "email": "a@example.fi"});
        let r = app.post_json("/api/v1/requests", &body).await;
        assert_eq!(r.status(), 422, "{body}");
        let answer: Value = r.json().await.unwrap();
        let named: Vec<&str> = answer["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["field"].as_str())
            .collect();
        assert_eq!(named, [field], "{answer}");
    }
    assert_eq!(app.request_count().await, 0);

    // The OpenAPI document takes the kinds and the new fields' vocabularies from the domain.
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    let body = &doc["components"]["schemas"]["NewRequestBody"]["properties"];
    for kind in ["restriction", "general_objection", "portability"] {
        assert!(body["kind"]["enum"].as_array().unwrap().contains(&json!(kind)), "{kind}");
    }
    assert_eq!(
        body["grounds"]["items"]["enum"],
        json!(["accuracy_contested", "unlawful_processing", "legal_claims", "objection_pending"])
    );
    assert_eq!(body["format"]["enum"], json!(["json", "csv", null]));
    assert_eq!(body["situation"]["maxLength"], 5000);
    assert_eq!(body["processing"]["maxLength"], 1000);
}

#[tokio::test]
async fn the_queue_filters_the_three_kinds_and_the_report_names_them_in_its_kind_column() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let restriction = by_api(
        &app,
        "jokkerit",
        "k1@example.fi",
        json!({"kind": "restriction", "grounds": ["legal_claims"]}),
    )
    .await;
    let objection = by_api(
        &app,
        "jokkerit",
        "k2@example.fi",
        json!({"kind": "general_objection", "processing": "Profiling", "situation": "Threats"}),
    )
    .await;
    let portability = by_api(&app, "jokkerit", "k3@example.fi", json!({"kind": "portability"})).await;
    done(h.act(&objection, "complete", &[("decision", "upheld")]).await).await;

    for (kind, reference) in
        [("restriction", &restriction), ("general_objection", &objection), ("portability", &portability)]
    {
        let queue = h.get(&format!("/staff/queue?kind={kind}")).await.text().await.unwrap();
        if kind == "general_objection" {
            assert!(!queue.contains(reference.as_str()), "closed requests leave the queue");
        } else {
            assert!(queue.contains(reference.as_str()), "{kind}");
        }
        for other in [&restriction, &objection, &portability].into_iter().filter(|r| *r != reference) {
            assert!(!queue.contains(other.as_str()), "{kind} filter shows {other}");
        }
        assert!(queue.contains(&format!("<option value=\"{kind}\" selected>")), "{kind} offered and chosen");
    }

    let csv = h.get("/staff/reports/deadlines?month=2026-03&format=csv").await.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<HashMap<String, String>> = reader
        .records()
        .map(|r| headers.iter().map(str::to_owned).zip(r.unwrap().iter().map(str::to_owned)).collect())
        .collect();
    let kind_of = |reference: &str| {
        rows.iter().find(|r| r["reference"] == reference).map(|r| (r["kind"].clone(), r["outcome"].clone()))
    };
    assert_eq!(kind_of(&restriction), Some(("restriction".into(), String::new())));
    assert_eq!(kind_of(&objection), Some(("general_objection".into(), "upheld".into())));
    assert_eq!(kind_of(&portability), Some(("portability".into(), String::new())));
    let html = h.get("/staff/reports/deadlines?month=2026-03").await.text().await.unwrap();
    assert!(
        html.contains("<td>objection (particular situation, Art 21(1))</td>"),
        "the summary per kind, in words"
    );
}

#[tokio::test]
async fn staff_enter_the_three_kinds_received_by_letter() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let common = [
        ("register", "jokkerit"),
        ("channel", "letter"),
        ("received_on", "2026-02-27"),
        ("language", "fi"),
        ("name", "Kirje Kirjoittaja"),
        ("email", "letter@example.fi"),
    ];
    let kinds: [&[(&str, &str)]; 3] = [
        &[("kind", "restriction"), ("grounds", "unlawful_processing"), ("explanation", "Kirjeen mukaan")],
        &[("kind", "general_objection"), ("processing", "Profilointi"), ("situation", "Turvakielto")],
        &[
            ("kind", "portability"),
            ("format", "csv"),
            ("receiving_controller", "Toinen Oy"),
            ("scope", "Tilaukset"),
        ],
    ];
    // A missing ground is a field error, with the values typed kept.
    let mut form = common.to_vec();
    form.push(("kind", "restriction"));
    let r = h.post("/staff/requests/new", &form).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("grounds") && html.contains("Kirje Kirjoittaja"), "{html}");
    for (fields, shown) in kinds.iter().zip(["Art 18(1)(b)", "Turvakielto", "Toinen Oy"]) {
        let mut form = common.to_vec();
        form.extend_from_slice(fields);
        let r = h.post("/staff/requests/new", &form).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        let location = r.headers()["location"].to_str().unwrap().to_owned();
        let page = h.get(&location).await.text().await.unwrap();
        assert!(page.contains(shown), "{shown}");
        let receipt = app.last_mail_to("letter@example.fi").await.text();
        assert!(receipt.contains("27.2.2026"), "{receipt}");
    }
}
