//! The requester's pages and emails as one experience: one language from the form to the answer
//! (every emailed link carries it, and it outranks the browser's), the form that shows the chosen
//! kind's section and names each invalid field, the confirmed withdrawal and its email, the
//! outcome of a closed request, the code's expiry in local time, and a new code that keeps the
//! reference.

use dsr_desk::domain::{Language, StaffRole};
use dsr_desk::i18n::Tr;
use serde_json::json;

use crate::support::app::TestApp;
use crate::support::smtp::Captured;
use crate::support::spawn_app;
use crate::support::staff::{StaffClient, verified_request_with};

/// Every kind of request, by its wire name.
const KINDS: [&str; 7] =
    ["inspection", "correction", "objection", "erasure", "restriction", "general_objection", "portability"];

/// `GET path` as a browser preferring Finnish.
async fn get_as_finn(app: &TestApp, path: &str) -> reqwest::Response {
    app.client
        .get(format!("{}{path}", app.address))
        .header("Accept-Language", "fi-FI,fi;q=0.9")
        .send()
        .await
        .unwrap()
}

/// `POST path` with `fields` as a browser preferring Finnish.
async fn post_as_finn(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .post(format!("{}{path}", app.address))
        .header("Accept-Language", "fi-FI,fi;q=0.9")
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// The path (and query) of an emailed link.
fn path_of(app: &TestApp, link: &str) -> String {
    link.trim_start_matches(app.settings.http.public_url.as_str()).to_owned()
}

/// Every link in `mail` (text and HTML parts alike) carries `?lang=` of `language`.
fn links_speak(mail: &Captured, language: &str) {
    let text = mail.text();
    let links: Vec<&str> = text.split_whitespace().filter(|w| w.starts_with("http")).collect();
    assert!(!links.is_empty(), "no links in:\n{text}");
    for link in links {
        assert!(link.contains(&format!("?lang={language}")), "{link} in:\n{text}");
        assert!(mail.html().contains(&format!("href=\"{link}\"")), "{link} in the HTML part");
    }
}

/// The `<html lang>` of a page.
async fn page_language(response: reqwest::Response) -> (u16, String, String) {
    let status = response.status().as_u16();
    let html = response.text().await.unwrap();
    let lang = html.split("<html lang=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("").to_owned();
    (status, lang, html)
}

#[tokio::test]
async fn a_swedish_request_reads_in_swedish_from_every_link_whatever_the_browser_prefers() {
    let app = spawn_app().await;
    let email = "sven@example.fi";
    let fields = [
        ("lang", "sv"),
        ("kind", "inspection"),
        ("name", "Sven Svensson"),
        ("email", email),
        ("submission_id", ""),
    ];
    assert_eq!(post_as_finn(&app, "/r/jokkerit/request", &fields).await.status(), 303);

    // The verification email's link carries the language; its page is Swedish for a Finnish
    // browser, and the language switch still wins.
    let verification = app.last_mail_to(email).await;
    links_speak(&verification, "sv");
    let link = verification.full_link("/verify/");
    assert!(link.ends_with("?lang=sv"), "{link}");
    let (status, lang, _) = page_language(get_as_finn(&app, &path_of(&app, &link)).await).await;
    assert_eq!((status, lang.as_str()), (200, "sv"));
    let bare = verification.link("/verify/");
    let (_, lang, html) = page_language(get_as_finn(&app, &path_of(&app, &bare)).await).await;
    assert_eq!(lang, "sv", "without ?lang the request's language outranks Accept-Language");
    assert!(html.contains("name=\"lang\" value=\"sv\""), "the confirmation keeps the language");
    let (_, lang, _) =
        page_language(get_as_finn(&app, &format!("{}?lang=fi", path_of(&app, &bare))).await).await;
    assert_eq!(lang, "fi", "an explicit ?lang wins");

    // Confirmed: the page's status link and the receipt's carry the language.
    let token = verification.token("/verify/");
    let (status, lang, html) =
        page_language(post_as_finn(&app, "/verify", &[("token", &token), ("lang", "sv")]).await).await;
    assert_eq!((status, lang.as_str()), (200, "sv"));
    assert!(html.contains("?lang=sv\">"), "the verified page's status link: {html}");
    let receipt = app.last_mail_to(email).await;
    links_speak(&receipt, "sv");
    let status_link = receipt.full_link("/status/");
    assert!(status_link.ends_with("?lang=sv"), "{status_link}");
    let status_path = path_of(&app, &receipt.link("/status/"));
    let (status, lang, _) = page_language(get_as_finn(&app, &status_path).await).await;
    assert_eq!((status, lang.as_str()), (200, "sv"));
    let reference = receipt.reference();

    // The question carries its own link to answer on the status page, in the language.
    let staff = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let ask = [("reason", "clarification"), ("question", "Vilka beställningar?")];
    assert_eq!(staff.act(&reference, "ask", &ask).await.status(), 303);
    let question = app.last_mail_to(email).await;
    links_speak(&question, "sv");
    let answer_link = question.full_link("/status/");
    assert!(answer_link.ends_with("?lang=sv"), "{answer_link}");
    let (_, lang, html) = page_language(get_as_finn(&app, &path_of(&app, &answer_link)).await).await;
    assert_eq!(lang, "sv");
    assert!(html.contains("Vilka beställningar?") && html.contains("/answer\""), "answerable there");
    assert_eq!(
        app.post_form(&format!("{status_path}/answer"), &[("answer", "Från 2025")]).await.status(),
        200
    );

    // The answer's download link carries the language, and its page is Swedish.
    let r = staff.act(&reference, "complete", &[("message", "Allt vi har om dig.")]).await;
    assert_eq!(r.status(), 303);
    let answer = app.last_mail_to(email).await;
    links_speak(&answer, "sv");
    let download = answer.full_link("/download/");
    assert!(download.ends_with("?lang=sv"), "{download}");
    let download_path = path_of(&app, &answer.link("/download/"));
    let (status, lang, _) = page_language(get_as_finn(&app, &download_path).await).await;
    assert_eq!((status, lang.as_str()), (200, "sv"));
    let (_, lang, _) = page_language(post_as_finn(&app, &format!("{download_path}/code"), &[]).await).await;
    assert_eq!(lang, "sv", "the code step too");
    let code_mail = app.last_mail_to(email).await;
    assert!(!code_mail.text().contains("UTC"), "{}", code_mail.text());
}

#[tokio::test]
async fn the_closed_status_page_shows_the_answer_link_or_the_refusal_with_the_right_to_complain() {
    let app = spawn_app().await;
    let staff = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let en = Tr::new(Language::En);

    // Answered with a download: the status page links the answer, which opens with the emailed code.
    let body = json!({"register": "jokkerit", "kind": "inspection", "language": "en",
                      "requester": {"name": "Olive Open", "email": "olive@example.fi"}});
    let reference = verified_request_with(&app, body).await;
    let status_path = path_of(&app, &app.last_mail_to("olive@example.fi").await.link("/status/"));
    let open = app.get(&status_path).await.text().await.unwrap();
    assert!(open.contains(&en.get("kind-inspection")) && open.contains(&reference), "kind and reference");
    assert!(!open.contains("id=\"outcome\""), "no outcome while open");
    // The reference never wraps (at its hyphens), in the heading as in the facts.
    let heading = open.split("<h1>").nth(1).unwrap().split("</h1>").next().unwrap();
    assert!(heading.contains(&format!("<span class=\"ref\">{reference}</span>")), "{heading}");
    let css = app.get("/static/app.css").await.text().await.unwrap();
    assert!(css.contains(".ref, .business-id { white-space: nowrap;"));
    let r = staff.act(&reference, "complete", &[("message", "All we hold about you.")]).await;
    assert_eq!(r.status(), 303);
    let closed = app.get(&status_path).await.text().await.unwrap();
    assert!(closed.contains("id=\"outcome\"") && closed.contains(&en.get("status-answered")), "{closed}");
    assert!(closed.contains(&en.get("status-closed")), "the closing date");
    let token = status_path.trim_start_matches("/status/");
    let answer_href = format!("/download/{token}?lang=en");
    assert!(closed.contains(&format!("href=\"{answer_href}\"")), "{closed}");
    let page = app.get(&answer_href).await.text().await.unwrap();
    assert!(!page.contains("All we hold about you.") && page.contains(&en.get("download-send-code")));
    assert_eq!(app.post_form(&format!("/download/{token}/code"), &[]).await.status(), 200);
    let code = app.last_mail_to("olive@example.fi").await.code();
    let opened = app.post_form(&format!("/download/{token}"), &[("code", &code)]).await;
    assert_eq!(opened.status(), 200);
    assert!(opened.text().await.unwrap().contains("All we hold about you."));

    // Refused: the reasons, the supervisory authority and the judicial remedy.
    let body = json!({"register": "jokkerit", "kind": "erasure", "language": "en",
                      "requester": {"name": "Rita Refused", "email": "rita@example.fi"}});
    let reference = verified_request_with(&app, body).await;
    let status_path = path_of(&app, &app.last_mail_to("rita@example.fi").await.link("/status/"));
    let reasons = "The orders must be kept for six years under the Accounting Act.";
    assert_eq!(staff.act(&reference, "refuse", &[("reasons", reasons)]).await.status(), 303);
    let refused = app.get(&status_path).await.text().await.unwrap();
    for expected in [
        en.get("status-refused"),
        reasons.to_owned(),
        en.get("answer-complaint"),
        "tietosuoja.fi".to_owned(),
        en.get("answer-judicial-remedy"),
    ] {
        assert!(refused.contains(&expected), "missing {expected}: {refused}");
    }
}

#[tokio::test]
async fn withdrawal_asks_for_confirmation_says_what_ends_and_emails_the_confirmation() {
    let app = spawn_app().await;
    let body = json!({"register": "jokkerit", "kind": "objection", "language": "sv",
                      "purposes": ["direct_advertising"],
                      "requester": {"name": "Wilma", "email": "wilma@example.fi"}});
    let reference = verified_request_with(&app, body).await;
    let status_path = path_of(&app, &app.last_mail_to("wilma@example.fi").await.link("/status/"));
    let sv = Tr::new(Language::Sv);

    // The status page's button leads to the confirmation (a GET: nothing changes).
    let status_page = app.get(&status_path).await.text().await.unwrap();
    assert!(status_page.contains(&format!("<form method=\"get\" action=\"{status_path}/withdraw\">")));
    let (status, lang, confirm) =
        page_language(get_as_finn(&app, &format!("{status_path}/withdraw")).await).await;
    assert_eq!((status, lang.as_str()), (200, "sv"));
    assert!(confirm.contains(&sv.get("withdraw-ends-objection")), "what ends: {confirm}");
    assert!(confirm.contains(&sv.get("kind-objection")) && confirm.contains(&reference));
    assert!(confirm.contains("name=\"confirm\" value=\"yes\""));
    // A POST without the confirmation withdraws nothing: it shows the confirmation.
    let unconfirmed = app.post_form(&format!("{status_path}/withdraw"), &[("lang", "sv")]).await;
    assert_eq!(unconfirmed.status(), 200);
    assert!(unconfirmed.text().await.unwrap().contains(&sv.get("withdraw-confirm-submit")));
    let kinds: Vec<String> = app.events(&reference).await.into_iter().map(|(k, _)| k).collect();
    assert!(!kinds.contains(&"withdrawn".to_owned()), "{kinds:?}");

    // Confirmed: withdrawn, and the requester is told by email in the request's language.
    let done = post_as_finn(&app, &format!("{status_path}/withdraw"), &[("confirm", "yes")]).await;
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains(&sv.get("status-withdrawn")));
    let mail = app.last_mail_to("wilma@example.fi").await;
    assert_eq!(mail.subject(), sv.fmt("withdrawal-subject", &[("reference", &reference)]));
    assert!(mail.text().contains(&sv.get("withdraw-ends-objection")), "{}", mail.text());
    assert!(mail.full_link("/status/").ends_with("?lang=sv"));
    links_speak(&mail, "sv");
    // Once withdrawn, the confirmation step leads back to the status page.
    let again = app.get(&format!("{status_path}/withdraw")).await.text().await.unwrap();
    assert!(again.contains(&sv.get("state-withdrawn")) && !again.contains("name=\"confirm\""));
}

#[tokio::test]
async fn the_form_marks_each_kind_section_and_names_each_invalid_field_in_a_focusable_summary() {
    let app = spawn_app().await;
    let form = app.get("/r/jokkerit/request?lang=en").await.text().await.unwrap();
    // Each kind's section carries its kind as a class, which the stylesheet's :has() rules use to
    // show the chosen one only (and none before a choice); a browser without :has() shows all.
    for kind in KINDS {
        assert!(form.contains(&format!("class=\"kind-fields {kind}\"")), "section of {kind}");
        assert!(form.contains(&format!("id=\"kind-{kind}\"")), "radio of {kind}");
    }
    let css = app.get("/static/app.css").await.text().await.unwrap();
    assert!(css.contains("form:not(:has(input[name=\"kind\"]:checked)) .kind-fields"));
    assert!(css.contains("form:has(#kind-erasure:checked) .kind-fields:not(.erasure)"));
    assert!(form.contains("action=\"/r/jokkerit/request#errors\""), "lands on the summary");
    assert!(form.contains("<a class=\"skip-link\" href=\"#main\">"));

    // An erasure with a bad address and no name: the summary names both fields, links them, and
    // the erasure section stays the chosen one.
    let fields = [
        ("lang", "en"),
        ("kind", "erasure"),
        ("name", ""),
        ("email", "not-an-email"),
        ("erasure_scope", "All"),
    ];
    let r = app.post_form("/r/jokkerit/request", &fields).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"errors\">"));
    let en = Tr::new(Language::En);
    let summary = page.split("id=\"errors\"").nth(1).unwrap().split("</div>").next().unwrap();
    for (id, name) in [("name", "Name"), ("email", "Email address")] {
        assert!(
            summary.contains(&format!("<a href=\"#{id}\"><span class=\"field-name\">{name}</span>: ")),
            "{summary}"
        );
        let input = page.split(&format!("id=\"{id}\"")).nth(1).unwrap().split('>').next().unwrap();
        assert!(input.contains("aria-invalid=\"true\""), "{id}: {input}");
    }
    assert!(summary.contains(&en.get("error-invalid-email")));
    assert!(page.contains("id=\"kind-erasure\" value=\"erasure\" checked"), "the chosen kind stays chosen");
    assert!(page.contains(">All</textarea>"), "what was typed comes back");
    // The stylesheet makes an invalid input red over the input styles.
    assert!(css.contains("input[aria-invalid=\"true\"][aria-invalid]"));
}

#[tokio::test]
async fn the_verification_email_gives_the_expiry_in_local_time_as_each_language_writes_it() {
    // The app's clock stands at Monday 2 March 2026, 11:00 in Helsinki; a code lasts 24 hours.
    let app = spawn_app().await;
    for (language, expected) in [
        (Language::Fi, "3.3.2026 klo 11.00"),
        (Language::Sv, "3.3.2026 kl. 11.00"),
        (Language::En, "3 March 2026 at 11:00"),
        (Language::Et, "3.3.2026 kell 11:00"),
    ] {
        let email = format!("expiry-{language}@example.fi");
        let body = json!({"register": "jerone", "kind": "erasure", "language": language.as_str(),
                          "requester": {"name": "Aili", "email": email}});
        assert_eq!(app.post_json("/api/v1/requests", &body).await.status(), 202, "{language}");
        let mail = app.last_mail_to(&email).await;
        let text = mail.text();
        assert!(text.contains(expected), "{language}: {text}");
        assert!(mail.html().contains(expected), "{language}");
        assert!(!text.contains("UTC") && !text.contains("2026-03-03"), "{language}: {text}");
    }
}

#[tokio::test]
async fn a_new_code_keeps_the_reference_so_it_need_not_be_typed_again() {
    let app = spawn_app().await;
    let fields = [("lang", "en"), ("kind", "erasure"), ("name", "Rex"), ("email", "rex@example.fi")];
    assert_eq!(app.post_form("/r/jokkerit/request", &fields).await.status(), 303);
    let reference = app.last_mail_to("rex@example.fi").await.reference();
    let r = app
        .post_form(
            "/verify/resend",
            &[("lang", "en"), ("reference", &reference.to_lowercase()), ("email", "rex@example.fi")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let page = app.get(&location).await.text().await.unwrap();
    assert!(page.contains(&Tr::new(Language::En).get("resend-done")));
    assert!(page.contains(&format!("id=\"reference\" name=\"reference\" value=\"{reference}\"")), "{page}");
    assert!(page.contains(&format!("id=\"resend-reference\" name=\"reference\" value=\"{reference}\"")));
    // The new code confirms the request with the reference as filled in.
    let code = app.last_mail_to("rex@example.fi").await.code();
    let r = app.post_form("/verify", &[("lang", "en"), ("reference", &reference), ("code", &code)]).await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn the_landing_page_says_what_each_right_does_and_who_runs_the_site() {
    let app = spawn_app().await;
    for language in [Language::Fi, Language::Sv, Language::En, Language::Et] {
        let page = app.get(&format!("/?lang={language}")).await.text().await.unwrap();
        let t = Tr::new(language);
        for kind in KINDS {
            // As askama escapes it (the apostrophe of "controller's").
            let sentence = t.get(&format!("landing-right-{kind}")).replace('\'', "&#39;");
            assert!(page.contains(&sentence), "{language}: {kind}");
        }
        assert!(page.contains(&t.get("landing-operator")), "{language}");
        // The controller's identity (name and business ID) and the privacy notices.
        assert!(page.contains("Jaccara Pro Oy (<span class=\"business-id\">1004339-7</span>)"), "{language}");
        assert!(
            page.contains(&format!("href=\"/r/jaccara/privacy?lang={language}#controller\"")),
            "{language}"
        );
        assert!(page.contains(&format!("href=\"/privacy?lang={language}\"")), "{language}");
        assert!(
            page.contains(&format!("<a class=\"skip-link\" href=\"#main\">{}</a>", t.get("skip-to-main")))
        );
        assert!(page.contains("<main id=\"main\""));
    }
    let staff = app.get("/staff/login").await.text().await.unwrap();
    assert!(staff.contains("class=\"skip-link\" href=\"#main\"") && staff.contains("<main id=\"main\""));
}
