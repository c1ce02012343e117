//! The inspection answer as the requester opens it: the information of GDPR Art 15(1) and (2)
//! from the register's description, in the request's language, then the handler's message and
//! the files; its printable form; the "no personal data held" outcome; and the supervisory
//! authority of the requester's country beside the register's.

use dsr_desk::domain::register::Statement;
use dsr_desk::domain::{Language, StaffRole};
use dsr_desk::i18n::Tr;
use serde_json::{Value, json};

use crate::support::app::{TestApp, project_root};
use crate::support::spawn_app;
use crate::support::staff::{StaffClient, act, verified_request_with};

/// A verified inspection request of `email` in `language` to jokkerit; returns its reference.
pub(crate) async fn inspection(app: &TestApp, email: &str, language: Language) -> String {
    let body = json!({"register": "jokkerit", "kind": "inspection", "language": language.to_string(),
        "requester": {"name": "Maija Mallikas", "email": email}});
    verified_request_with(app, body).await
}

/// Opens the answer emailed to `email` with a code; returns the download path and the page.
pub(crate) async fn open(app: &TestApp, email: &str) -> (String, String) {
    let link = app.last_mail_to(email).await.link("/download/");
    let path = link.trim_start_matches(app.settings.http.public_url.as_str()).to_owned();
    assert_eq!(app.post_form(&format!("{path}/code"), &[]).await.status(), 200);
    let code = app.last_mail_to(email).await.code();
    let opened = app.post_form(&path, &[("code", &code)]).await;
    assert_eq!(opened.status(), 200);
    (path, opened.text().await.unwrap())
}

/// The text of `html` without tags and with the entities askama writes decoded.
pub(crate) fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#38;", "&")
}

#[tokio::test]
async fn every_inspection_answer_opens_with_the_art_15_information_in_the_request_language() {
    let app = spawn_app().await;
    let staff = StaffClient::ready(&app, "art15@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let registers = dsr_desk::registers::load_dir(&project_root().join("config/registers")).unwrap();
    let register = registers.into_iter().find(|r| r.key == "jokkerit").unwrap();
    for language in [Language::Fi, Language::Sv, Language::En, Language::Et] {
        let email = format!("art15-{language}@example.fi");
        let reference = inspection(&app, &email, language).await;
        let r =
            act(&app, &staff.http, &reference, "complete", &[("message", "Tilaushistoriasi on liitteenä.")])
                .await;
        assert_eq!(r.status(), 303, "{language}");
        let (path, page) = open(&app, &email).await;
        let t = Tr::new(language);
        let notice = register.notice(language);
        let shown = text(&page);
        // Opens with the block, then the handler's message.
        let block = page.find("id=\"art15\"").expect("the Art 15 block");
        assert!(block < page.find("Tilaushistoriasi on liitteenä.").unwrap(), "{language}: block first");
        assert!(shown.contains(&t.get("art15-title")), "{language}");
        assert!(page.contains("2368582-3"), "{language}: the controller's business ID");
        for purpose in &notice.purposes {
            assert!(shown.contains(purpose.purpose.text), "{language}: purpose {}", purpose.purpose.text);
            assert!(shown.contains(&t.get(purpose.legal_basis.message_key().as_str())), "{language}: basis");
        }
        for key in [
            "notice-recipients",
            "notice-retention",
            "notice-rights",
            "notice-right-erasure",
            "notice-complaint",
        ] {
            assert!(shown.contains(&t.get(key)), "{language}: {key}");
        }
        assert!(shown.contains(notice.authority.name.text), "{language}: the register's authority");
        // Art 15(1)(b) categories, (g) sources, (h) automated decisions, 15(2) transfers and their
        // safeguard: each heading, and what the register states or that it states nothing.
        for key in ["notice-data-categories", "notice-sources", "notice-automated", "notice-transfers"] {
            assert!(shown.contains(&t.get(key)), "{language}: {key}");
        }
        let categories = notice.register_wide.data_categories.as_ref().expect("jokkerit states categories");
        for category in categories {
            assert!(shown.contains(category.text), "{language}: category {}", category.text);
        }
        let Some(Statement::Given(transfers)) = &notice.register_wide.transfers else {
            panic!("jokkerit states its transfers")
        };
        for transfer in transfers {
            assert!(shown.contains(transfer.to.text), "{language}: transfer {}", transfer.to.text);
            assert!(
                shown.contains(&t.get(&format!("safeguard-{}", transfer.safeguard))),
                "{language}: safeguard"
            );
        }
        // The description is silent on sources and automated decisions: the block says so.
        assert!(shown.matches(&t.get("notice-not-stated")).count() >= 2, "{language}: not stated");
        assert!(page.contains(&format!("<html lang=\"{language}\"")), "{language}: the request's language");
        // A requester writing in Estonian to a Finnish register may complain in Estonia too.
        let other = page.contains("id=\"other-authority\"");
        assert_eq!(other, language == Language::Et, "{language}: the other country's authority");
        if other {
            assert!(shown.contains("Andmekaitse Inspektsioon"), "{shown}");
        }
        // The printable form: the same information and the message, while the grant holds.
        let print = page
            .split("href=\"")
            .find(|s| s.starts_with(&format!("{path}/print")))
            .map(|s| s.split('"').next().unwrap().replace("&amp;", "&"))
            .unwrap_or_else(|| panic!("{language}: no print link"));
        let printed = app.get(&print).await;
        assert_eq!(printed.status(), 200);
        let printed = printed.text().await.unwrap();
        assert!(printed.contains("id=\"art15\"") && printed.contains("Tilaushistoriasi on liitteenä."));
        assert!(printed.contains("2368582-3"));
        assert_eq!(app.get(&format!("{path}/print?grant=1.00")).await.status(), 404, "no grant, no print");
    }
}

#[tokio::test]
async fn an_answer_that_no_personal_data_are_held_says_so_with_the_rights_and_complaint() {
    let app = spawn_app().await;
    let staff = StaffClient::ready(&app, "nodata@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    for language in [Language::Fi, Language::Sv, Language::En, Language::Et] {
        let email = format!("nobody-{language}@example.fi");
        let reference = inspection(&app, &email, language).await;
        let r = act(&app, &staff.http, &reference, "complete", &[("no_data_held", "1")]).await;
        assert_eq!(r.status(), 303);
        let t = Tr::new(language);
        // The email says that nothing was found, not that "your data is ready".
        let mail = app.last_mail_to(&email).await;
        let opening = |key: &str| t.fmt(key, &[("until", "")]).chars().take(20).collect::<String>();
        assert!(mail.text().contains(&opening("answer-download-no-data")), "{language}: {}", mail.text());
        assert!(!mail.text().contains(&opening("answer-download")), "{language}: {}", mail.text());
        let (_, page) = open(&app, &email).await;
        assert!(page.contains("id=\"no-data-held\""), "{language}: {page}");
        assert!(text(&page).contains(&t.get("art15-no-data")), "{language}");
        assert!(text(&page).contains(&t.get("notice-complaint")) && page.contains("id=\"authority\""));
        assert!(text(&page).contains(&t.get("notice-rights")), "{language}: the rights");
        assert!(!page.contains(&t.get("download-message")), "no empty message section");
        let staff_page = staff.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
        assert!(staff_page.contains("no personal data held"), "the outcome is recorded, in words");
    }
}

#[tokio::test]
async fn the_staff_request_page_shows_the_register_description_beside_the_request() {
    let app = spawn_app().await;
    let staff = StaffClient::ready(&app, "desc@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let reference = inspection(&app, "desc@example.fi", Language::Fi).await;
    let page = staff.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    let aside = page.split("id=\"register-description\"").nth(1).expect("the register's description");
    let aside = text(aside.split("</aside>").next().unwrap());
    assert!(aside.contains("Jokkerit Trading Oy") && aside.contains("2368582-3"), "{aside}");
    assert!(aside.contains("Article 6(1)(b)") || aside.contains("6(1)(b)"), "legal bases: {aside}");
    assert!(page.contains("href=\"/r/jokkerit/privacy?lang=en\""));
}

#[tokio::test]
async fn texts_prefilled_for_the_requester_are_in_the_request_language_and_every_emailed_field_says_which() {
    let app = spawn_app().await;
    let staff = StaffClient::ready(&app, "prefill@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let body = json!({"register": "jokkerit", "kind": "objection", "language": "et",
        "purposes": ["direct_advertising"], "requester": {"name": "Mari", "email": "mari@example.ee"}});
    let reference = verified_request_with(&app, body).await;
    let page = staff.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    let prefilled = text(&Tr::new(Language::Et).get("objection-confirmation-default"));
    assert!(text(&page).contains(&prefilled), "the Estonian confirmation: {page}");
    assert!(!page.contains("Your objection has been recorded"), "no English default");
    assert!(text(&page).contains("Confirmation (in the request's language: Estonian)"));
    assert!(text(&page).contains("Question (emailed to the requester in the request's language: Estonian)"));
}

#[tokio::test]
async fn identity_information_is_asked_for_only_with_a_recorded_reasonable_doubt() {
    let app = spawn_app().await;
    // The seed registers that ask for signed letters do not demand a check before every answer.
    let staff = StaffClient::ready(&app, "doubt@shop.fi", StaffRole::Handler, &["jaccara"]).await;
    let body = json!({"register": "jaccara", "kind": "inspection",
        "requester": {"name": "Ville", "email": "ville@example.fi"}});
    let reference = verified_request_with(&app, body).await;

    let identity = [("reason", "identity"), ("question", "Please send your customer number.")];
    let r = staff.act(&reference, "ask", &identity).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("reasonable doubt"), "the ground is required");
    let with_doubt = [identity[0], identity[1], ("doubt", "email_not_on_record")];
    assert_eq!(staff.act(&reference, "ask", &with_doubt).await.status(), 303);
    let mut conn = app.db.conn().await;
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use dsr_desk::db::schema::request_events as e;
    let asked: Value =
        e::table.filter(e::kind.eq("requester_asked")).select(e::payload).first(&mut conn).await.unwrap();
    assert_eq!(asked["doubt"], "email_not_on_record", "{asked}");
    assert_eq!(asked["reason"], "identity");

    // A clarification needs no such ground; an inspection of jaccara is answered without a
    // further check once the requester's email address is confirmed.
    let reference2 = {
        let body = json!({"register": "jaccara", "kind": "inspection",
            "requester": {"name": "Veera", "email": "veera@example.fi"}});
        verified_request_with(&app, body).await
    };
    let r = staff.act(&reference2, "complete", &[("message", "Tilaushistoriasi on liitteenä.")]).await;
    assert_eq!(r.status(), 303, "no check demanded before every answer");
}

#[tokio::test]
async fn every_answer_field_emailed_to_the_requester_names_the_request_language() {
    let app = spawn_app().await;
    let staff = StaffClient::ready(&app, "labels@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    for (kind, extra) in [
        ("correction", json!({"items": [{"field": "Address", "corrected_value": "New 2"}]})),
        ("erasure", json!({})),
        ("restriction", json!({"grounds": ["accuracy_contested"]})),
        ("general_objection", json!({"processing": "Profiling", "situation": "I moved abroad."})),
        ("portability", json!({})),
    ] {
        let mut body = json!({"register": "jokkerit", "kind": kind, "language": "sv",
            "requester": {"name": "Sara", "email": format!("{kind}@example.se")}});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        let reference = verified_request_with(&app, body).await;
        let page = staff.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
        assert!(page.contains("<h2>Answer</h2>"), "{kind}: no answer form");
        // Every free-text field of the page whose words reach the requester: the answer's, and the
        // reasons of an extension and of a refusal, each in its own form.
        let mut seen = Vec::new();
        for label in page.split("<label for=\"").skip(1) {
            let label = label.split("</label>").next().unwrap();
            let emailed = [
                "message",
                "recipients",
                "item0_reason",
                "retention_duty",
                "kept",
                "restricted",
                "transmission",
                "question",
                "extend-reasons",
                "refuse-reasons",
            ]
            .into_iter()
            .find(|f| label.starts_with(f));
            if let Some(field) = emailed {
                assert!(text(label).contains("request's language: Swedish"), "{kind}: {label}");
                seen.push(field);
            }
        }
        for field in ["message", "extend-reasons", "refuse-reasons"] {
            assert!(seen.contains(&field), "{kind}: no field `{field}` checked: {seen:?}");
        }
    }
}
