//! Requesters without email: a request entered by staff with a postal address only gets its
//! receipt, questions and answer as printable letters with the email's text, recorded as sent by
//! post; nothing is emailed, and another register's handler sees none of it.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::db::schema::{letters, outbox_messages, requests};
use dsr_desk::domain::{Language, StaffRole};
use dsr_desk::email::Email;
use dsr_desk::i18n::Tr;

use crate::support::app::TestApp;
use crate::support::spawn_app;
use crate::support::staff::{StaffClient, csrf};

/// The letters of `reference`: (id, template, payload, posted_on).
async fn letters_of(
    app: &TestApp,
    reference: &str,
) -> Vec<(i64, String, serde_json::Value, Option<chrono::NaiveDate>)> {
    let mut conn = app.db.conn().await;
    letters::table
        .inner_join(requests::table)
        .filter(requests::reference.eq(reference))
        .select((letters::id, letters::template, letters::payload, letters::posted_on))
        .order(letters::id)
        .load(&mut conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_request_by_letter_without_email_is_answered_with_printable_letters() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let other = StaffClient::ready(&app, "o@shop.fi", StaffRole::Handler, &["jaccara"]).await;
    let entry = |email: &'static str, address: &'static str, channel: &'static str| {
        let h = h.clone();
        async move {
            h.post(
                "/staff/requests/new",
                &[
                    ("register", "jokkerit"),
                    ("channel", channel),
                    ("received_on", "2026-02-20"),
                    ("kind", "inspection"),
                    ("language", "fi"),
                    ("name", "Kirsti Kirjeenkirjoittaja"),
                    ("email", email),
                    ("postal_address", address),
                ],
            )
            .await
        }
    };
    // Neither address, or a request that came by email without one: the form again, named.
    let r = entry("", "", "letter").await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("Give an email address or a postal address") && body.contains("Kirsti"), "{body}");
    let r = entry("", "Kirjekatu 1 B 5", "letter").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("requester.postal_address"));
    assert_eq!(entry("", "Kirjekatu 1 B 5\n00100 Helsinki", "email").await.status(), 422);

    let r = entry("", "Kirjekatu 1 B 5\r\n00100 Helsinki\r\nSuomi", "letter").await;
    assert_eq!(r.status(), 303);
    let reference = r.headers()["location"].to_str().unwrap().rsplit('/').next().unwrap().to_owned();

    // The receipt is a letter carrying the receipt email's message, in Finnish.
    let letters = letters_of(&app, &reference).await;
    assert_eq!(letters.len(), 1);
    let (receipt_id, template, payload, posted) = letters[0].clone();
    assert_eq!((template.as_str(), posted), ("receipt", None));
    let receipt: Email = serde_json::from_value(payload).unwrap();
    assert!(matches!(receipt, Email::Receipt(_)));
    let rendered = receipt.render(Language::Fi).unwrap();
    assert!(rendered.text.contains("20.2.2026") && rendered.text.contains(&reference), "{}", rendered.text);

    // The request page lists it; the print view has the address, the reference and the text.
    let page = h.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    assert!(page.contains("Letters to post") && page.contains(&format!("/letters/{receipt_id}")), "{page}");
    assert!(page.contains("Kirjekatu 1 B 5"));
    let print = format!("/staff/requests/{reference}/letters/{receipt_id}");
    let r = h.get(&print).await;
    assert_eq!(r.status(), 200);
    let letter = r.text().await.unwrap();
    for expected in ["Kirsti Kirjeenkirjoittaja", "Kirjekatu 1 B 5", "00100 Helsinki", "Suomi", &reference] {
        assert!(letter.contains(expected), "{expected} in {letter}");
    }
    let (said, _) = rendered.html_body().split_once("<hr>").unwrap();
    assert!(letter.contains(said), "the letter says what the email says: {letter}");
    // Not that it was sent automatically and a reply reaches the contact person: it is on paper.
    let automatic = Tr::new(Language::Fi).get("email-footer-automatic");
    assert!(rendered.html_body().contains(&automatic) && !letter.contains(&automatic), "{letter}");
    assert!(letter.contains("lang=\"fi\""));

    // Another register's handler sees neither the letter nor can mark it.
    assert_eq!(other.get(&print).await.status(), 404);
    assert_eq!(other.get(&format!("/staff/requests/{reference}/letters/999999")).await.status(), 404);
    let r = other.post(&format!("{print}/sent"), &[]).await;
    assert_eq!(r.status(), 404);
    assert_eq!(letters_of(&app, &reference).await[0].3, None);

    // Marked as sent by post: the date and an event; a second time is refused.
    let r = h.post(&format!("{print}/sent"), &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        letters_of(&app, &reference).await[0].3,
        Some(chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())
    );
    let events = app.events(&reference).await;
    let posted = events.iter().find(|(k, _)| k == "letter_posted").expect("letter_posted event");
    assert_eq!(posted.1["letter"], receipt_id);
    assert_eq!(posted.1["posted_on"], "2026-03-02");
    assert_eq!(h.post(&format!("{print}/sent"), &[]).await.status(), 409);

    // A question and the final answer are letters too; the answer encloses its files.
    assert_eq!(h.act(&reference, "claim", &[]).await.status(), 303);
    let r = h
        .act(&reference, "ask", &[("reason", "clarification"), ("question", "Mitä tilausta tarkoitat?")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(h.act(&reference, "resume", &[]).await.status(), 303);
    let token = csrf(&app, &h.http, &format!("/staff/requests/{reference}")).await;
    let form =
        reqwest::multipart::Form::new().text("csrf", token).text("message", "Tietosi liitteenä.").part(
            "attachments",
            reqwest::multipart::Part::bytes(b"name,email\nKirsti,\n".to_vec())
                .file_name("asiakastiedot.csv")
                .mime_str("text/csv")
                .unwrap(),
        );
    let r = h
        .http
        .post(format!("{}/staff/requests/{reference}/complete", app.address))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let letters = letters_of(&app, &reference).await;
    let templates: Vec<&str> = letters.iter().map(|l| l.1.as_str()).collect();
    assert_eq!(templates, ["receipt", "clarification", "answer"]);
    let question = h.get(&format!("/staff/requests/{reference}/letters/{}", letters[1].0)).await;
    assert!(question.text().await.unwrap().contains("Mitä tilausta tarkoitat?"));
    let answer = h.get(&format!("/staff/requests/{reference}/letters/{}", letters[2].0)).await;
    assert_eq!(answer.status(), 200);
    let answer = answer.text().await.unwrap();
    assert!(answer.contains("asiakastiedot.csv") && answer.contains("Tietosi liitteenä."), "{answer}");
    assert!(!answer.contains("/download/"), "no download link in a letter: {answer}");
    // An inspection answer by letter carries the Art 15 information, in the request's language.
    let fi = Tr::new(Language::Fi);
    for key in ["art15-title", "art15-intro-after"] {
        assert!(answer.contains(&fi.get(key)), "{key} in the letter: {answer}");
    }
    assert!(answer.contains("Tietosuojavaltuutetun toimisto"), "the supervisory authority: {answer}");
    assert!(!answer.contains(&fi.get("art15-no-data")), "data were held: {answer}");
    // The files stay with the request page for printing.
    let page = h.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    assert!(page.contains("/attachments/"));

    // Nothing was emailed as to the requester.
    let mut conn = app.db.conn().await;
    let queued: i64 = outbox_messages::table
        .inner_join(requests::table)
        .filter(requests::reference.eq(&reference))
        .count()
        .get_result(&mut conn)
        .await
        .unwrap();
    assert_eq!(queued, 0);
    let sent = app.deliver().await;
    assert!(sent.iter().all(|m| !m.text().contains(&reference)), "nothing about the request was emailed");
}

/// An inspection entered by letter in `language` for a requester without email, answered that no
/// personal data are held with `message`: its reference and the answer letter's print view.
pub(crate) async fn answered_by_letter_without_data(
    app: &TestApp,
    h: &StaffClient,
    language: Language,
    message: &str,
) -> (String, String) {
    let r = h
        .post(
            "/staff/requests/new",
            &[
                ("register", "jokkerit"),
                ("channel", "letter"),
                ("received_on", "2026-02-20"),
                ("kind", "inspection"),
                ("language", language.as_str()),
                ("name", "Kirsti Kirjeenkirjoittaja"),
                ("postal_address", "Kirjekatu 1 B 5\n00100 Helsinki"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{language}");
    let reference = r.headers()["location"].to_str().unwrap().rsplit('/').next().unwrap().to_owned();
    let r = h.act(&reference, "complete", &[("no_data_held", "1"), ("message", message)]).await;
    assert_eq!(r.status(), 303, "{language}");
    let letters = letters_of(app, &reference).await;
    let (id, template, _, _) = letters.last().expect("the answer letter");
    assert_eq!(template, "answer");
    let print = h.get(&format!("/staff/requests/{reference}/letters/{id}")).await.text().await.unwrap();
    (reference, print)
}

#[tokio::test]
async fn an_answer_by_letter_that_no_data_are_held_keeps_the_message_and_the_art_15_information() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    for language in [Language::Fi, Language::Sv, Language::En, Language::Et] {
        let message = "Checked 2 March in every system.";
        let (_, letter) = answered_by_letter_without_data(&app, &h, language, message).await;
        let t = Tr::new(language);
        assert!(letter.contains(message), "{language}: the message: {letter}");
        for key in ["art15-title", "art15-no-data", "notice-complaint-intro", "notice-rights"] {
            assert!(letter.contains(&t.get(key).replace('\'', "&#39;")), "{language}: {key}: {letter}");
        }
    }
}
