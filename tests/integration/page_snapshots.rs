//! Snapshots of the pages that tell a requester what the law says they must be told, in each of
//! the four languages: the desk's own privacy notice, a register's privacy notice, the Art 15
//! information an inspection answer opens with (and its "no personal data held" form), and the
//! printable letter of an answer to a requester without email. A wording change shows as a
//! reviewed diff (`INSTA_UPDATE=always`, then read the `.snap` files).

use dsr_desk::domain::{Language, StaffRole};

use crate::answers::{inspection, open};
use crate::letters::answered_by_letter_without_data;
use crate::support::spawn_app;
use crate::support::staff::{StaffClient, act};

const LANGUAGES: [Language; 4] = [Language::Fi, Language::Sv, Language::En, Language::Et];

/// The part of `html` from the first `start` to the end of the first `end` after it.
fn part<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let to = html[from..].find(end).map(|i| from + i + end.len()).unwrap_or_else(|| panic!("no {end}"));
    &html[from..to]
}

#[tokio::test]
async fn privacy_notices_in_four_languages() {
    let app = spawn_app().await;
    for language in LANGUAGES {
        let desk = app.get(&format!("/privacy?lang={language}")).await.text().await.unwrap();
        insta::assert_snapshot!(format!("desk_privacy_{language}"), part(&desk, "<main", "</main>"));
        // A register whose contact person has an email address, and one who has only a phone.
        for register in ["jokkerit", "konekesko"] {
            let page = app.get(&format!("/r/{register}/privacy?lang={language}")).await.text().await.unwrap();
            insta::assert_snapshot!(
                format!("privacy_{register}_{language}"),
                part(&page, "<main", "</main>")
            );
        }
    }
}

#[tokio::test]
async fn the_art_15_information_of_an_inspection_answer_in_four_languages() {
    let app = spawn_app().await;
    let staff = StaffClient::ready(&app, "snap@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    for language in LANGUAGES {
        let email = format!("snap-{language}@example.fi");
        let reference = inspection(&app, &email, language).await;
        let r =
            act(&app, &staff.http, &reference, "complete", &[("message", "Tilaushistoriasi on liitteenä.")])
                .await;
        assert_eq!(r.status(), 303);
        let (_, page) = open(&app, &email).await;
        insta::assert_snapshot!(
            format!("art15_{language}"),
            part(&page, "<section class=\"art15\"", "</section>")
        );
    }
    // No personal data held: its own wording, and the rest of the information all the same.
    let reference = inspection(&app, "snap-nodata@example.fi", Language::Fi).await;
    assert_eq!(act(&app, &staff.http, &reference, "complete", &[("no_data_held", "1")]).await.status(), 303);
    let (_, page) = open(&app, "snap-nodata@example.fi").await;
    insta::assert_snapshot!("art15_no_data_fi", part(&page, "<section class=\"art15\"", "</section>"));
}

#[tokio::test]
async fn an_inspection_answer_posted_as_a_letter_in_four_languages() {
    let app = spawn_app().await;
    let h = StaffClient::ready(&app, "post@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    for language in LANGUAGES {
        let (reference, print) =
            answered_by_letter_without_data(&app, &h, language, "Checked in every system.").await;
        // The letter itself (the staff actions above it are not part of it); the reference is
        // new each run.
        let shown =
            part(&print, "<div class=\"letter-head\">", "</main>").replace(&reference, "DSR-XXXX-XXXX");
        insta::assert_snapshot!(format!("letter_answer_{language}"), shown);
    }
}
