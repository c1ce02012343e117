//! Staff pages and staff emails in the staff member's language: the profile setting, the
//! browser's Accept-Language when it is empty, English otherwise; the request page in words (no
//! JSON, no state or event codes), with a correction as a table and a timeline that names who
//! acted.

use chrono::{TimeZone, Utc};
use dsr_desk::domain::StaffRole;
use serde_json::json;

use crate::answers::text;
use crate::support::app::TestApp;
use crate::support::spawn_app;
use crate::support::staff::{StaffClient, client, sign_in_again, verified_request, verified_request_with};

/// The `lang` of the page's `<html>`.
fn lang(html: &str) -> &str {
    html.split("<html lang=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("")
}

/// Codes that must never reach a reader: states, kinds and event kinds as stored.
const CODES: &[&str] = &[
    "in_progress",
    "awaiting_requester",
    "awaiting_verification",
    "general_objection",
    "requester_asked",
    "note_added",
    "claimed",
    "submitted",
];

fn assert_no_codes(page: &str, what: &str) {
    let text = text(page);
    for code in CODES {
        assert!(!text.contains(code), "{what} shows the code `{code}`:\n{text}");
    }
}

async fn set_language(c: &StaffClient, language: &str) -> reqwest::Response {
    c.post("/staff/profile", &[("language", language)]).await
}

/// A verified correction request of two items in jokkerit.
async fn correction(app: &TestApp, email: &str) -> String {
    verified_request_with(
        app,
        json!({
            "register": "jokkerit", "kind": "correction", "language": "fi",
            "requester": {"name": "Kaisa Korjaaja", "email": email},
            "items": [
                {"field": "Address", "current_value": "Old street 1", "corrected_value": "New street 2",
                 "reason": "I moved"},
                {"field": "Birth date", "corrected_value": "1.1.1990"}
            ]
        }),
    )
    .await
}

#[tokio::test]
async fn a_staff_member_sees_the_queue_and_the_request_page_in_the_language_of_their_profile() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "maija@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let reference = correction(&app, "k@example.fi").await;
    assert_eq!(h.act(&reference, "claim", &[]).await.status(), 303);
    // (language, queue heading, words of the request page, the state "in progress")
    for (language, heading, asked, table, state) in [
        ("fi", "Pyyntöjono", "Mitä pyydettiin", "Nykyinen arvo", "käsittelyssä"),
        ("sv", "Kö av begäranden", "Vad som begärdes", "Nuvarande värde", "under behandling"),
        ("et", "Taotluste järjekord", "Mida taotleti", "Praegune väärtus", "menetlemisel"),
        ("en", "Request queue", "What was asked", "Current value", "in progress"),
    ] {
        assert_eq!(set_language(&h, language).await.status(), 303, "{language}");
        let queue = h.get("/staff/queue").await.text().await.unwrap();
        assert_eq!(lang(&queue), language);
        assert!(text(&queue).contains(heading), "{language}: {queue}");
        assert!(text(&queue).contains(state), "{language}: the state in words");
        assert_no_codes(&queue, "the queue");
        let page = h.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
        assert_eq!(lang(&page), language);
        let text = text(&page);
        assert!(text.contains(asked) && text.contains(table) && text.contains(state), "{language}: {text}");
        assert_no_codes(&page, "the request page");
    }
    // Finnish dates on a Finnish page, English ones on an English page.
    set_language(&h, "fi").await;
    let queue = h.get("/staff/queue").await.text().await.unwrap();
    assert!(queue.contains(">2.3.2026<"), "{queue}");
    // A filter that does not parse is named in the reader's language.
    let r = h.get("/staff/queue?due_within=soon").await;
    assert_eq!(r.status(), 422);
    let page = text(&r.text().await.unwrap());
    assert!(page.contains("Tarkista lomake: Erääntyy (päivän kuluessa): oltava päivien määrä"), "{page}");
    set_language(&h, "en").await;
    let queue = h.get("/staff/queue").await.text().await.unwrap();
    assert!(queue.contains(">2 March 2026<"), "{queue}");
}

#[tokio::test]
async fn without_a_profile_language_the_browser_decides_and_english_is_the_default() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "b@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let get = |accept: &'static str| {
        let h = h.clone();
        let address = app.address.clone();
        async move {
            let mut r = h.http.get(format!("{address}/staff/queue"));
            if !accept.is_empty() {
                r = r.header("Accept-Language", accept);
            }
            r.send().await.unwrap().text().await.unwrap()
        }
    };
    assert_eq!(lang(&get("").await), "en");
    assert_eq!(lang(&get("de-DE,de;q=0.9").await), "en", "a language we do not have");
    let swedish = get("sv-FI,sv;q=0.9,en;q=0.5").await;
    assert_eq!(lang(&swedish), "sv");
    assert!(text(&swedish).contains("Kö av begäranden"));
    // The profile's choice wins over the browser; "from the browser" gives it back.
    set_language(&h, "et").await;
    assert_eq!(lang(&get("sv").await), "et");
    set_language(&h, "").await;
    assert_eq!(lang(&get("sv").await), "sv");
    // Pages before sign-in follow the browser.
    let anonymous = client();
    let login = anonymous
        .get(format!("{}/staff/login", app.address))
        .header("Accept-Language", "fi")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(lang(&login), "fi");
    assert!(text(&login).contains("Kirjaudu sisään"), "{login}");
    assert!(login.contains("<a class=\"skip-link\" href=\"#main\">Siirry pääsisältöön</a>"), "{login}");
}

#[tokio::test]
async fn the_profile_form_refuses_a_language_it_does_not_offer() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "p@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    set_language(&h, "sv").await;
    let r = set_language(&h, "de").await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert_eq!(lang(&page), "sv", "the page in the language still stored");
    assert!(
        page.contains("role=\"alert\"") && page.contains("<select id=\"language\" name=\"language\""),
        "{page}"
    );
    assert!(text(&page).contains("välj ett av de erbjudna språken"), "{page}");
    let profile = h.get("/staff/profile").await.text().await.unwrap();
    assert!(profile.contains("<option value=\"sv\" lang=\"sv\" selected>"), "unchanged: {profile}");
    // Without the session's token the form is refused.
    let r = h.send(reqwest::Method::POST, "/staff/profile", &[("language", "fi")]).await;
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn the_request_page_shows_a_correction_as_a_table_and_a_timeline_that_names_the_staff() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "maija.virtanen@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let reference = correction(&app, "t@example.fi").await;
    assert_eq!(h.act(&reference, "claim", &[]).await.status(), 303);
    let asked = h
        .act(&reference, "ask", &[("reason", "clarification"), ("question", "Which address is the old one?")])
        .await;
    assert_eq!(asked.status(), 303);
    let page = h.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    let table = page.split("id=\"corrections\"").nth(1).unwrap().split("</table>").next().unwrap();
    for cell in
        ["Address", "Old street 1", "New street 2", "I moved", "Birth date", "1.1.1990", "(not given)"]
    {
        assert!(table.contains(cell), "{cell} in the table: {table}");
    }
    assert!(!page.contains("{\"") && !page.contains("\"corrected_value\""), "no JSON: {page}");
    let timeline = text(page.split("id=\"timeline\"").nth(1).unwrap());
    assert!(timeline.contains("Claimed by maija.virtanen"), "{timeline}");
    assert!(timeline.contains("Question sent by maija.virtanen"), "{timeline}");
    assert!(timeline.contains("Request received"), "{timeline}");
    set_language(&h, "fi").await;
    let page = h.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    let timeline = text(page.split("id=\"timeline\"").nth(1).unwrap());
    assert!(timeline.contains("Kysymyksen lähettänyt maija.virtanen"), "{timeline}");
    assert!(text(&page).contains("odottaa pyytäjää"), "the state in words");
    assert_no_codes(&page, "the request page");
}

#[tokio::test]
async fn deadline_lines_are_not_shown_on_a_closed_request() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "d@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let reference = verified_request(&app, "jokkerit", "d@example.fi").await;
    let page = h.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    assert!(page.contains("id=\"deadline\""), "open: the deadline shows");
    h.act(&reference, "claim", &[]).await;
    let r = h.act(&reference, "refuse", &[("reasons", "Manifestly unfounded.")]).await;
    assert_eq!(r.status(), 303);
    let page = h.get(&format!("/staff/requests/{reference}")).await.text().await.unwrap();
    assert!(text(&page).contains("refused"), "{page}");
    assert!(
        !page.contains("id=\"deadline\"") && !text(&page).contains("Latest possible extension"),
        "{page}"
    );
}

#[tokio::test]
async fn staff_emails_go_out_in_the_language_of_the_recipient() {
    let app = spawn_app().await;
    app.worker.register_schedules().await.unwrap();
    // The register's contact person has a staff account that chose Swedish: the notice of a new
    // request is in Swedish (jokkerit's first language is Finnish).
    let contact =
        StaffClient::ready(&app, "jouko.paunonen@jokkerit.fi", StaffRole::Handler, &["jokkerit"]).await;
    set_language(&contact, "sv").await;
    let h = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    set_language(&h, "et").await;
    let reference = verified_request(&app, "jokkerit", "e@example.fi").await;
    let notice = app.last_mail_to("jouko.paunonen@jokkerit.fi").await;
    assert!(notice.subject().starts_with(&format!("Ny begäran {reference}")), "{}", notice.subject());
    // The handler who claimed it chose Estonian: the reminder 7 working days before the deadline
    // (2 April 2026) is in Estonian.
    assert_eq!(h.act(&reference, "claim", &[]).await.status(), 303);
    app.clock.set(Utc.with_ymd_and_hms(2026, 3, 24, 10, 10, 0).unwrap());
    // The first run writes the reminder into the outbox; what it sent arrives by the next.
    app.deliver().await;
    let reminder = app.last_mail_to("h@shop.fi").await;
    assert_eq!(reminder.subject(), format!("{reference}: tähtajani 7 tööpäeva"));
    // A staff member without a language gets the register's first language (Finnish). (Sessions
    // end after 12 hours: the clock moved on by weeks.)
    let contact = StaffClient::of(&app, &sign_in_again(&app, "jouko.paunonen@jokkerit.fi").await);
    set_language(&contact, "").await;
    let second = verified_request(&app, "jokkerit", "f@example.fi").await;
    let notice = app.last_mail_to("jouko.paunonen@jokkerit.fi").await;
    assert!(notice.subject().starts_with(&format!("Uusi pyyntö {second}")), "{}", notice.subject());
}

#[tokio::test]
async fn a_password_reset_link_is_emailed_in_the_language_of_the_account_or_of_the_page() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "r@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let anonymous = client();
    let ask = |accept: &'static str| {
        let (anonymous, address) = (anonymous.clone(), app.address.clone());
        async move {
            anonymous
                .post(format!("{address}/staff/password-reset"))
                .header("Accept-Language", accept)
                .form(&[("email", "r@shop.fi")])
                .send()
                .await
                .unwrap()
        }
    };
    let r = ask("fi").await;
    assert_eq!(r.status(), 200);
    assert_eq!(lang(&r.text().await.unwrap()), "fi");
    assert!(app.last_mail_to("r@shop.fi").await.subject().contains("uusi salasana"), "the page's language");
    set_language(&h, "et").await;
    ask("fi").await;
    assert!(app.last_mail_to("r@shop.fi").await.subject().contains("uus parool"), "the account's language");
}

#[tokio::test]
async fn an_error_page_of_a_staff_page_is_in_the_language_of_the_profile() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "e@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    set_language(&h, "et").await;
    let r = h
        .http
        .get(format!("{}/staff/requests/DSR-NONE-00001", app.address))
        .header("Accept", "text/html")
        .header("Accept-Language", "fi")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(lang(&r.text().await.unwrap()), "et");
}

#[tokio::test]
async fn a_refused_action_and_a_wrong_field_are_explained_in_the_language_of_the_profile() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "r@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    // (language, a second extension refused, a correction item without its outcome, a state)
    for (language, refused, item, closed) in [
        (
            "fi",
            "Tätä ei voi tehdä nyt: määräaikaa on jo pidennetty; sen voi pidentää vain kerran",
            "valitse kohdan 1 (Address) ratkaisu",
            "pyyntöä, jonka tila on ”hylätty”, ei voi antaa käsittelijälle",
        ),
        (
            "sv",
            "Detta kan inte göras nu: tidsfristen har redan förlängts; den kan förlängas bara en gång",
            "välj utfallet för punkt 1 (Address)",
            "en begäran med status ”avslagen” kan inte tilldelas en handläggare",
        ),
        (
            "et",
            "Seda ei saa praegu teha: tähtaega on juba pikendatud; seda saab pikendada ainult üks kord",
            "valige punkti 1 (Address) tulemus",
            "taotlust olekus „tagasi lükatud” ei saa menetlejale määrata",
        ),
        (
            "en",
            "This cannot be done now: the deadline has already been extended; it can be extended only once",
            "choose the outcome of item 1 (Address)",
            "a request that is refused cannot be assigned",
        ),
    ] {
        assert_eq!(set_language(&h, language).await.status(), 303);
        let reference = correction(&app, &format!("{language}@example.fi")).await;
        assert_eq!(h.act(&reference, "extend", &[("reasons", "Three systems")]).await.status(), 303);
        let r = h.act(&reference, "extend", &[("reasons", "Again")]).await;
        assert_eq!(r.status(), 409, "{language}");
        let page = text(&r.text().await.unwrap());
        assert!(page.contains(refused), "{language}: {page}");
        if language != "en" {
            assert!(!page.contains("extended only once"), "{language}: no English reason: {page}");
        }

        let r = h.act(&reference, "complete", &[("message", "Done"), ("item1_outcome", "corrected")]).await;
        assert_eq!(r.status(), 422, "{language}");
        let page = text(&r.text().await.unwrap());
        assert!(page.contains(item), "{language}: {page}");

        assert_eq!(h.act(&reference, "refuse", &[("reasons", "Not ours")]).await.status(), 303);
        // Unassigning a closed request: the state and the action in words.
        let r = h.act(&reference, "assign", &[("assignee", "")]).await;
        assert_eq!(r.status(), 409, "{language}");
        let page = text(&r.text().await.unwrap());
        assert!(page.contains(closed), "{language}: {page}");
    }
}
