//! Strong electronic identification of requesters through a real OpenID provider (the
//! `oidc-provider` package, `support::oidc`): the form → the provider's login and consent → the
//! callback, with the request confirmed, the assurance recorded and only the name, the level and a
//! keyed hash of the national identifier kept; every way it can fail stores nothing.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::db::schema::{oidc_flows, request_identifications, requests};
use dsr_desk::domain::Language;
use dsr_desk::domain::StaffRole;
use dsr_desk::domain::verification::{Purpose, SecretHasher};
use dsr_desk::i18n::Tr;
use serde_json::json;

use crate::support::app::{Options, TEST_SECRET, TestApp, project_root, spawn_app_with};
use crate::support::oidc::{AtProvider, OidcProvider, ProviderOptions};
use crate::support::staff::StaffClient;

const MAIJA_ID: &str = "010190-900P";

/// The shipped registers with `extra` appended to jokkerit's file (and the identity check on).
fn registers_with(extra: &str) -> tempfile::TempDir {
    let dir = crate::support::app::registers_requiring_identity_check();
    let path = dir.path().join("jokkerit.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n{extra}\n")).unwrap();
    dir
}

async fn app_with(provider: &OidcProvider, registers: &tempfile::TempDir) -> TestApp {
    spawn_app_with(Options {
        registers_dir: Some(registers.path().to_owned()),
        overrides: vec![("identity.providers", json!([provider.setting("testbank")]))],
        ..Options::default()
    })
    .await
}

/// Posts the form of jokkerit with "Identify with Test Bank"; returns the provider's URL.
async fn submit_identifying(app: &TestApp, kind: &str, email: &str, language: &str) -> String {
    let response = app
        .post_form(
            "/r/jokkerit/request",
            &[
                ("kind", kind),
                ("name", "Maija Mallikas"),
                ("email", email),
                ("lang", language),
                ("identify", "testbank"),
            ],
        )
        .await;
    TestApp::provider_location(&response)
}

async fn request_row(app: &TestApp, email: &str) -> (String, String, Option<String>) {
    let mut conn = app.db.conn().await;
    requests::table
        .filter(requests::requester_email.eq(email))
        .select((requests::reference, requests::status, requests::identity_method))
        .first(&mut conn)
        .await
        .unwrap()
}

async fn identifications(app: &TestApp) -> Vec<(String, String, Option<String>, Option<Vec<u8>>)> {
    let mut conn = app.db.conn().await;
    request_identifications::table
        .select((
            request_identifications::provider,
            request_identifications::acr,
            request_identifications::person_name,
            request_identifications::person_hash,
        ))
        .load(&mut conn)
        .await
        .unwrap()
}

async fn flows_left(app: &TestApp) -> i64 {
    let mut conn = app.db.conn().await;
    oidc_flows::table.count().get_result(&mut conn).await.unwrap()
}

/// Identifies through the provider as `account` and follows the callback.
async fn identify(app: &TestApp, authorize: &str, account: &str) -> reqwest::Response {
    let callback = app.at_provider(authorize, AtProvider::SignIn(account)).await;
    app.get(&callback).await
}

fn location(response: &reqwest::Response) -> String {
    response.headers().get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default()
}

#[tokio::test]
async fn identifying_at_the_form_confirms_the_request_records_the_assurance_and_the_identity_check() {
    let provider = OidcProvider::shared();
    let registers = registers_with("");
    let app = app_with(provider, &registers).await;
    let form = app.get("/r/jokkerit/request?lang=en").await.text().await.unwrap();
    assert!(form.contains("Identify with Test Bank"), "the button beside the email code");
    let csp = app.get("/").await.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains(&format!("form-action 'self' {}", provider.issuer())), "{csp}");

    let authorize = submit_identifying(&app, "inspection", "maija@example.fi", "en").await;
    assert!(authorize.starts_with(&format!("{}/auth?", provider.issuer())), "{authorize}");
    for part in [
        "prompt=login",
        "code_challenge_method=S256",
        "code_challenge=",
        "state=",
        "nonce=",
        "acr_values=substantial",
    ] {
        assert!(authorize.contains(part), "{part} in {authorize}");
    }
    let done = identify(&app, &authorize, "maija").await;
    assert_eq!(done.status(), 303);
    assert!(
        location(&done).starts_with("/status/") && location(&done).contains("lang=en"),
        "{}",
        location(&done)
    );
    let status_page = app.get(&location(&done)).await;
    assert_eq!(status_page.status(), 200, "the status page opens");
    let timeline = status_page.text().await.unwrap();
    assert!(timeline.contains("Identity confirmed by strong electronic identification"), "{timeline}");
    assert!(!timeline.contains("Email address confirmed"), "{timeline}");

    let (reference, status, method) = request_row(&app, "maija@example.fi").await;
    assert_eq!((status.as_str(), method.as_deref()), ("received", Some("strong_electronic_identification")));
    let hash = SecretHasher::new(TEST_SECRET).hash(Purpose::NationalIdentifier, MAIJA_ID);
    assert_eq!(
        identifications(&app).await,
        [("testbank".into(), "high".into(), Some("Maija Mallikas".into()), Some(hash))]
    );
    let events = app.events(&reference).await;
    let verified = events.iter().find(|(k, _)| k == "verified").expect("verified");
    assert_eq!(verified.1["method"], "oidc");
    let identity = events.iter().find(|(k, _)| k == "identity_verified").expect("identity_verified");
    assert_eq!(
        identity.1,
        json!({"method": "strong_electronic_identification", "provider": "testbank", "acr": "high"})
    );
    assert!(app.last_mail_to("maija@example.fi").await.text().contains(&reference), "the receipt");
    assert_eq!(flows_left(&app).await, 0, "the sign-in's state is gone");
    // Neither the identifier nor a token is anywhere.
    assert_eq!(app.db.columns_containing(MAIJA_ID).await, Vec::<String>::new());
    assert_eq!(app.db.columns_containing("eyJ").await, Vec::<String>::new(), "no JWT");

    // Staff see the identification and are not asked for further identity verification: the
    // register's identity check before an inspection answer is satisfied.
    let staff = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let page = staff.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    assert!(
        page.contains("strong electronic identification through testbank (assurance level high)"),
        "{page}"
    );
    assert!(page.contains("as Maija Mallikas"));
    assert!(!page.contains("Record further identity verification"));
    assert_eq!(staff.act(&reference, "complete", &[("message", "Your data.")]).await.status(), 303);
}

#[tokio::test]
async fn later_requests_of_the_same_identified_person_are_linked_for_staff() {
    let provider = OidcProvider::shared();
    let registers = registers_with("");
    let app = app_with(provider, &registers).await;
    for (email, account) in [("a@example.fi", "maija"), ("b@example.fi", "maija"), ("c@example.fi", "matti")]
    {
        let authorize = submit_identifying(&app, "erasure", email, "fi").await;
        assert_eq!(identify(&app, &authorize, account).await.status(), 303);
    }
    let (first, ..) = request_row(&app, "a@example.fi").await;
    let (second, ..) = request_row(&app, "b@example.fi").await;
    let (other, ..) = request_row(&app, "c@example.fi").await;
    let staff = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let page = staff.get(&format!("/staff/requests/{second}")).await.text().await.unwrap();
    let linked = page
        .split("id=\"same-person\"")
        .nth(1)
        .expect("the same person's requests")
        .split("</dd>")
        .next()
        .unwrap();
    assert!(linked.contains(&first) && !linked.contains(&other), "{linked}");
    let page = staff.get(&format!("/staff/requests/{other}")).await.text().await.unwrap();
    assert!(!page.contains("id=\"same-person\""), "nobody else identified as Matti");
}

#[tokio::test]
async fn a_cancelled_identification_returns_to_the_confirmation_page_with_a_message_and_stores_nothing() {
    let provider = OidcProvider::shared();
    let registers = registers_with("");
    let app = app_with(provider, &registers).await;
    let authorize = submit_identifying(&app, "inspection", "maija@example.fi", "et").await;
    let callback = app.at_provider(&authorize, AtProvider::Cancel).await;
    assert!(callback.contains("error=access_denied"), "{callback}");
    let back = app.get(&callback).await;
    assert_eq!(location(&back), "/verify?identify=cancelled&lang=et");
    let page = app.get(&location(&back)).await;
    assert_eq!(page.status(), 422);
    assert!(page.text().await.unwrap().contains(&Tr::new(Language::Et).get("identify-failed-cancelled")));
    let (_, status, method) = request_row(&app, "maija@example.fi").await;
    assert_eq!((status.as_str(), method), ("awaiting_verification", None));
    assert!(identifications(&app).await.is_empty());
    assert_eq!(flows_left(&app).await, 0);
    // The emailed code still confirms it (email is accepted for inspections here).
    let code = app.last_mail_to("maija@example.fi").await.code();
    let (reference, ..) = request_row(&app, "maija@example.fi").await;
    let verified = app.post_form("/verify", &[("reference", &reference), ("code", &code)]).await;
    assert_eq!(verified.status(), 200);
}

#[tokio::test]
async fn a_wrong_state_another_browser_or_a_replayed_answer_is_refused_and_stores_nothing() {
    let provider = OidcProvider::shared();
    let registers = registers_with("");
    let app = app_with(provider, &registers).await;
    let authorize = submit_identifying(&app, "inspection", "maija@example.fi", "sv").await;
    let callback = app.at_provider(&authorize, AtProvider::SignIn("maija")).await;
    let state = callback.split("state=").nth(1).unwrap().split('&').next().unwrap().to_owned();
    let wrong = callback.replace(&state, "A".repeat(43).as_str());
    let refused = app.get(&wrong).await;
    assert_eq!(refused.status(), 400);
    assert!(refused.text().await.unwrap().contains(&Tr::new(Language::Fi).get("identify-unknown")));
    // The right state from another browser (without the cookie that started the sign-in).
    let other = crate::support::staff::client();
    let refused = other.get(format!("{}{callback}", app.address)).send().await.unwrap();
    assert_eq!(refused.status(), 400);
    // Its state was used up: the first browser cannot finish with it either.
    assert_eq!(app.get(&callback).await.status(), 400);
    let (_, status, _) = request_row(&app, "maija@example.fi").await;
    assert_eq!(status, "awaiting_verification");
    assert!(identifications(&app).await.is_empty());
    // Garbage at the callback is a clear 400 too, never a 500.
    for bad in [
        "/identify/callback",
        "/identify/callback?state=",
        "/identify/callback?code=x",
        "/identify/callback?state=x&code=y&error=z",
    ] {
        assert_eq!(app.get(bad).await.status(), 400, "{bad}");
    }
    let api = app
        .client
        .get(format!("{}/identify/callback?state=x&code=y", app.address))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 400);

    // A successful answer cannot be replayed.
    let authorize = submit_identifying(&app, "inspection", "second@example.fi", "sv").await;
    let callback = app.at_provider(&authorize, AtProvider::SignIn("maija")).await;
    assert_eq!(app.get(&callback).await.status(), 303);
    assert_eq!(app.get(&callback).await.status(), 400, "replayed");
    assert_eq!(identifications(&app).await.len(), 1);
}

#[tokio::test]
async fn a_token_with_a_wrong_nonce_a_bad_signature_an_expired_one_or_a_low_level_is_refused() {
    let provider = OidcProvider::shared();
    let registers = registers_with("");
    let app = app_with(provider, &registers).await;
    // The nonce of the authorization request swapped on the way: the token carries another one.
    let authorize = submit_identifying(&app, "inspection", "nonce@example.fi", "en").await;
    let nonce = authorize.split("nonce=").nth(1).unwrap().split('&').next().unwrap().to_owned();
    let forged = authorize.replace(&format!("nonce={nonce}"), "nonce=somebody-elses-nonce");
    let back = identify(&app, &forged, "maija").await;
    assert_eq!(location(&back), "/verify?identify=refused&lang=en");
    // Identified, but with a level below the accepted ones.
    let authorize = submit_identifying(&app, "inspection", "low@example.fi", "en").await;
    let back = identify(&app, &authorize, "low").await;
    assert_eq!(location(&back), "/verify?identify=level&lang=en");
    let page = app.get(&location(&back)).await.text().await.unwrap();
    assert!(page.contains(&Tr::new(Language::En).get("identify-failed-level")));
    // No national identifier returned.
    let authorize = submit_identifying(&app, "inspection", "noid@example.fi", "en").await;
    assert_eq!(location(&identify(&app, &authorize, "noid").await), "/verify?identify=no-identifier&lang=en");
    // Expired: the provider's tokens live 60 seconds; the desk's clock has moved 5 minutes on by
    // the time the answer arrives (the sign-in itself may take 10).
    app.clock.set(Utc::now());
    let authorize = submit_identifying(&app, "inspection", "late@example.fi", "en").await;
    let callback = app.at_provider(&authorize, AtProvider::SignIn("maija")).await;
    app.clock.advance(Duration::minutes(5));
    assert_eq!(location(&app.get(&callback).await), "/verify?identify=refused&lang=en");

    // A token whose signature does not match the provider's published key.
    let tampered = OidcProvider::start(ProviderOptions { tamper_jwks: true, ..ProviderOptions::default() });
    let app2 = app_with(&tampered, &registers).await;
    let authorize = submit_identifying(&app2, "inspection", "sig@example.fi", "en").await;
    assert_eq!(location(&identify(&app2, &authorize, "maija").await), "/verify?identify=refused&lang=en");

    for (a, email) in [
        (&app, "nonce@example.fi"),
        (&app, "low@example.fi"),
        (&app, "noid@example.fi"),
        (&app, "late@example.fi"),
        (&app2, "sig@example.fi"),
    ] {
        let (_, status, method) = request_row(a, email).await;
        assert_eq!((status.as_str(), method), ("awaiting_verification", None), "{email}");
        assert!(identifications(a).await.is_empty(), "{email}");
        assert_eq!(flows_left(a).await, 0);
    }
}

#[tokio::test]
async fn after_the_provider_rotates_its_keys_identification_still_verifies() {
    let mut provider = OidcProvider::start(ProviderOptions::default());
    let registers = registers_with("");
    let app = app_with(&provider, &registers).await;
    let authorize = submit_identifying(&app, "inspection", "before@example.fi", "fi").await;
    assert_eq!(identify(&app, &authorize, "maija").await.status(), 303);
    // A new signing key under a new key id; the desk still holds the old key set.
    provider.restart();
    let authorize = submit_identifying(&app, "inspection", "after@example.fi", "fi").await;
    let done = identify(&app, &authorize, "maija").await;
    assert!(location(&done).starts_with("/status/"), "{}", location(&done));
    assert_eq!(request_row(&app, "after@example.fi").await.1, "received");
}

#[tokio::test]
async fn a_register_requiring_strong_identification_is_not_confirmed_by_the_email_code_alone() {
    let provider = OidcProvider::shared();
    let registers = registers_with("[identification]\nrequired = { inspection = \"oidc\" }");
    let app = app_with(provider, &registers).await;
    let en = Tr::new(Language::En);
    // The plain button is refused on the form, naming the way that works; nothing is stored.
    let plain = app
        .post_form(
            "/r/jokkerit/request",
            &[("kind", "inspection"), ("name", "M"), ("email", "m@example.fi"), ("lang", "en")],
        )
        .await;
    assert_eq!(plain.status(), 422);
    assert!(plain.text().await.unwrap().contains(&en.get("identify-required-form").replace('"', "&#34;")));
    assert_eq!(app.request_count().await, 0);
    // Through the API the request is taken, but its code does not confirm it.
    let body = json!({"register": "jokkerit", "kind": "inspection", "language": "en",
        "requester": {"name": "Maija Mallikas", "email": "api@example.fi"}});
    let reference = app.post_json("/api/v1/requests", &body).await.json::<serde_json::Value>().await.unwrap()
        ["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let mail = app.last_mail_to("api@example.fi").await;
    let api =
        app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": mail.code()})).await;
    assert_eq!(api.status(), 422);
    assert!(api.text().await.unwrap().contains("strong electronic identification"));
    let web =
        app.post_form("/verify", &[("reference", &reference), ("code", &mail.code()), ("lang", "en")]).await;
    assert_eq!(web.status(), 422);
    assert!(web.text().await.unwrap().contains(&en.get("identify-required")));
    assert_eq!(request_row(&app, "api@example.fi").await.1, "awaiting_verification");
    // The emailed link offers the identification instead of the confirm button, and it confirms.
    let token = mail.token("/verify/");
    let link_page = app.get(&format!("/verify/{token}?lang=en")).await.text().await.unwrap();
    assert!(
        link_page.contains("Identify with Test Bank") && !link_page.contains(&en.get("verify-link-submit"))
    );
    let start = app
        .post_form(&format!("/verify/{token}/identify"), &[("provider", "testbank"), ("lang", "en")])
        .await;
    let done = identify(&app, &TestApp::provider_location(&start), "maija").await;
    assert!(location(&done).starts_with("/status/"));
    assert_eq!(request_row(&app, "api@example.fi").await.1, "received");
    // Kinds not listed still take the email code.
    let body = json!({"register": "jokkerit", "kind": "erasure", "language": "en",
        "requester": {"name": "Maija Mallikas", "email": "erasure@example.fi"}});
    let reference = crate::support::staff::verified_request_with(&app, body).await;
    assert!(reference.starts_with("DSR-"));
    // An unknown provider, or a link that is no request's, is a 404.
    let other = app.post_form(&format!("/verify/{token}/identify"), &[("provider", "nope")]).await;
    assert_eq!(other.status(), 404);
    let other =
        app.post_form(&format!("/verify/{}/identify", "B".repeat(43)), &[("provider", "testbank")]).await;
    assert_eq!(other.status(), 404);
}

#[tokio::test]
async fn an_answer_opens_by_identifying_again_as_the_same_person_and_not_as_another() {
    let provider = OidcProvider::shared();
    let registers = registers_with("");
    let app = app_with(provider, &registers).await;
    let authorize = submit_identifying(&app, "inspection", "maija@example.fi", "fi").await;
    identify(&app, &authorize, "maija").await;
    let (reference, ..) = request_row(&app, "maija@example.fi").await;
    let staff = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    assert_eq!(
        staff.act(&reference, "complete", &[("message", "Tilaushistoriasi on tässä.")]).await.status(),
        303
    );
    let link = app.last_mail_to("maija@example.fi").await.link("/download/");
    let path = link.trim_start_matches(app.settings.http.public_url.as_str()).to_owned();
    let page = app.get(&path).await.text().await.unwrap();
    assert!(page.contains("Tunnistaudu: Testipankki"), "the download page offers identification");
    // Someone else identifying is refused, and the answer stays closed.
    let start = app.post_form(&format!("{path}/identify"), &[("provider", "testbank")]).await;
    let back = identify(&app, &TestApp::provider_location(&start), "matti").await;
    assert_eq!(location(&back), format!("{path}?identify=other-person&lang=fi"));
    let refused = app.get(&location(&back)).await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert!(refused.contains(&Tr::new(Language::Fi).get("identify-failed-other-person")));
    assert!(!refused.contains("Tilaushistoriasi on tässä."));
    assert!(!app.events(&reference).await.iter().any(|(k, _)| k == "answer_opened"));
    // The same person: the answer opens, without any emailed code.
    let start = app.post_form(&format!("{path}/identify"), &[("provider", "testbank")]).await;
    let opened = identify(&app, &TestApp::provider_location(&start), "maija").await;
    assert_eq!(opened.status(), 200);
    assert!(opened.text().await.unwrap().contains("Tilaushistoriasi on tässä."));
    let events = app.events(&reference).await;
    assert!(events.iter().any(|(k, p)| k == "answer_opened" && p["by"] == "identification"));
    assert_eq!(identifications(&app).await.len(), 1, "identifying again stores nothing new");
}

#[tokio::test]
async fn an_answer_of_a_request_confirmed_by_email_offers_no_identification() {
    let provider = OidcProvider::shared();
    let registers = registers_with("");
    let app = app_with(provider, &registers).await;
    let body = json!({"register": "jokkerit", "kind": "inspection", "language": "en",
        "requester": {"name": "Maija Mallikas", "email": "mail@example.fi"}});
    let reference = crate::support::staff::verified_request_with(&app, body).await;
    let staff = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    staff.act(&reference, "identity", &[("method", "identity_document"), ("note", "passport seen")]).await;
    assert_eq!(staff.act(&reference, "complete", &[("message", "Data.")]).await.status(), 303);
    let link = app.last_mail_to("mail@example.fi").await.link("/download/");
    let path = link.trim_start_matches(app.settings.http.public_url.as_str()).to_owned();
    assert!(!app.get(&path).await.text().await.unwrap().contains("Identify with"));
    let start = app.post_form(&format!("{path}/identify"), &[("provider", "testbank")]).await;
    assert_eq!(start.status(), 404);
}

#[tokio::test]
async fn an_unreachable_provider_leaves_the_emailed_code_and_says_so() {
    let registers = registers_with("");
    let gone = OidcProvider::start(ProviderOptions::default());
    let setting = gone.setting("testbank");
    drop(gone);
    let app = spawn_app_with(Options {
        registers_dir: Some(registers.path().to_owned()),
        overrides: vec![("identity.providers", json!([setting]))],
        ..Options::default()
    })
    .await;
    let response = app
        .post_form(
            "/r/jokkerit/request",
            &[
                ("kind", "inspection"),
                ("name", "M"),
                ("email", "down@example.fi"),
                ("lang", "en"),
                ("identify", "testbank"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/verify?sent=1&identify=unavailable&lang=en");
    let page = app.get(&location(&response)).await.text().await.unwrap();
    assert!(page.contains(&Tr::new(Language::En).get("identify-failed-unavailable")));
    assert!(app.last_mail_to("down@example.fi").await.code().len() == 6, "the code went out");
}

#[tokio::test]
async fn anonymisation_erases_the_identified_name_and_the_identifier_hash() {
    let provider = OidcProvider::shared();
    let registers = registers_with("");
    let app = app_with(provider, &registers).await;
    app.worker.register_schedules().await.unwrap();
    let authorize = submit_identifying(&app, "erasure", "gone@example.fi", "en").await;
    identify(&app, &authorize, "maija").await;
    let (reference, ..) = request_row(&app, "gone@example.fi").await;
    let staff = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let done =
        staff.act(&reference, "complete", &[("erasure_outcome", "erased"), ("no_recipients", "1")]).await;
    assert_eq!(done.status(), 303, "{}", done.text().await.unwrap());
    assert!(!app.db.columns_containing("Maija Mallikas").await.is_empty());
    app.clock.advance(Duration::days(1096));
    app.deliver().await;
    app.deliver().await;
    assert_eq!(app.db.columns_containing("Maija Mallikas").await, Vec::<String>::new());
    assert_eq!(identifications(&app).await, [("testbank".into(), "high".into(), None, None)]);
    let _ = project_root();
}
