//! The requester's journeys: each kind of request in each language, submitted through the form,
//! confirmed by the emailed link, a handler's question answered on the status page, withdrawn.

use anyhow::{Context, ensure};
use dsr_desk::domain::StaffRole;

use super::checks::{Expect, Run};
use super::driver::{Browser, Chromedriver, DESKTOP, PHONE, Viewport};
use super::support::app::TestApp;
use super::support::spawn_app;
use super::support::staff::StaffClient;

const KINDS: [&str; 7] =
    ["inspection", "correction", "objection", "erasure", "restriction", "general_objection", "portability"];

/// A shipped register for each language, so that the journeys see several registers' forms.
fn register_for(lang: &str) -> &'static str {
    match lang {
        "fi" => "jaccara",
        "sv" => "konekesko",
        "et" => "jerone",
        _ => "webstrella",
    }
}

/// Form fields as (name, value).
type Fields = Vec<(&'static str, &'static str)>;

/// The fields of a request of `kind` besides the requester's own: those to type, then those to
/// tick.
fn kind_fields(kind: &str) -> (Fields, Fields) {
    match kind {
        "inspection" => (vec![("inspection_scope", "Orders and newsletters since 2024")], vec![]),
        "correction" => (
            vec![
                ("item_field_0", "Address"),
                ("item_current_0", "Old Street 1"),
                ("item_corrected_0", "New Street 2"),
            ],
            vec![],
        ),
        "objection" => (vec![], vec![("purposes", "direct_advertising")]),
        "erasure" => (vec![("erasure_scope", "My customer account")], vec![]),
        "restriction" => (
            vec![("restriction_explanation", "My address is wrong.")],
            vec![("grounds", "accuracy_contested")],
        ),
        "general_objection" => {
            (vec![("processing", "Profiling for offers"), ("situation", "A restraining order")], vec![])
        }
        "portability" => (vec![("portability_scope", "My orders")], vec![("format", "json")]),
        other => panic!("no fields for {other}"),
    }
}

/// The path and query of a link in an email (its host is the configured public URL, not the
/// test app's).
pub fn emailed(link: &str) -> String {
    let url = url::Url::parse(link).unwrap_or_else(|e| panic!("{link}: {e}"));
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

/// The request's status in the database.
pub async fn status_of(app: &TestApp, reference: &str) -> String {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use dsr_desk::db::schema::requests;
    let mut conn = app.db.conn().await;
    requests::table
        .filter(requests::reference.eq(reference))
        .select(requests::status)
        .first(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("request {reference}: {e}"))
}

async fn journeys(lang: &str, viewport: Viewport) {
    let app = spawn_app().await;
    let register = register_for(lang);
    let handler =
        StaffClient::ready(&app, &format!("handler.{lang}@shop.fi"), StaffRole::Handler, &[register]).await;
    let driver = Chromedriver::start();
    let browser = Browser::open(&driver, viewport, &app.address).await;
    let mut run = Run::new(browser, &format!("requester-{lang}"));
    run.journey(format!("front page and privacy notice in {lang}"));
    if let Err(e) = front_pages(&mut run, register, lang).await {
        run.broken(e).await;
    }
    for kind in KINDS {
        run.journey(format!("{kind} in {lang}"));
        if let Err(e) = journey(&app, &handler, &mut run, register, lang, kind).await {
            run.broken(e).await;
        }
    }
    run.finish().await;
}

/// The desk's front page, the register's privacy notice, the desk's own notice.
async fn front_pages(run: &mut Run, register: &str, lang: &str) -> anyhow::Result<()> {
    run.browser.goto(&format!("/?lang={lang}")).await?;
    run.check(Expect::lang(lang)).await;
    run.browser.goto(&format!("/r/{register}/privacy?lang={lang}")).await?;
    run.check(Expect::lang(lang)).await;
    run.browser.goto(&format!("/privacy?lang={lang}")).await?;
    run.check(Expect::lang(lang)).await;
    Ok(())
}

async fn journey(
    app: &TestApp,
    handler: &StaffClient,
    run: &mut Run,
    register: &str,
    lang: &str,
    kind: &str,
) -> anyhow::Result<()> {
    let page = Expect::lang(lang);
    let email = format!("{}.{lang}.{}@example.fi", kind.replace('_', "-"), run.browser.viewport.name);

    // The form: the kind chosen first (its fields may be shown only then), then its fields.
    run.browser.goto(&format!("/r/{register}/request?lang={lang}")).await?;
    run.check(page).await;
    let form = run.browser.form(&format!("/r/{register}/request")).await?;
    run.browser.choose(&form, "kind", kind).await?;
    let (typed, ticked) = kind_fields(kind);
    for (name, value) in ticked {
        run.browser.choose(&form, name, value).await?;
    }
    for (name, value) in typed {
        run.browser.fill(&form, name, value).await?;
    }
    run.browser.fill(&form, "name", "Robin Requester").await?;
    run.browser.fill(&form, "email", &email).await?;
    // The kind's own section shows only once the kind is chosen: it is checked filled in.
    run.check(page).await;
    run.browser.submit(&form).await?;
    let sent = run.browser.path().await?;
    ensure!(sent.starts_with("/verify"), "the form led to {sent}, not to the page asking to check the email");
    run.check(page).await;

    // The emailed link, its confirm button, then the status page of the receipt's link.
    let verification = app.last_mail_to(&email).await;
    run.browser.goto(&emailed(&verification.link("/verify/"))).await?;
    run.check(page).await;
    let confirm = run.browser.form("/verify").await?;
    run.browser.submit(&confirm).await?;
    run.check(page).await;
    let receipt = app.last_mail_to(&email).await;
    let reference = receipt.reference();
    ensure!(status_of(app, &reference).await == "received", "{reference} is not confirmed");
    let status_page = emailed(&receipt.link("/status/"));
    run.browser.goto(&status_page).await?;
    run.check(page).await;

    // The handler asks; the requester answers on the status page.
    let asked = handler
        .act(&reference, "ask", &[("reason", "clarification"), ("question", "Which account do you mean?")])
        .await;
    ensure!(asked.status() == 303, "the handler's question was refused: {}", asked.status());
    let question = app.last_mail_to(&email).await;
    run.browser.goto(&emailed(&question.link("/status/"))).await?;
    run.check(page).await;
    let answer = run.browser.form("/answer").await?;
    run.browser.fill(&answer, "answer", "The one with my work address.").await?;
    run.browser.submit(&answer).await?;
    run.check(page).await;
    let after = status_of(app, &reference).await;
    ensure!(after != "awaiting_requester", "{reference} still waits for the requester after the answer");

    // Withdrawing: the status page's form, and a confirmation step when the page asks for one.
    for _ in 0..3 {
        if status_of(app, &reference).await == "withdrawn" || !run.browser.has_form("/withdraw").await {
            break;
        }
        let withdraw = run.browser.form("/withdraw").await?;
        run.browser.submit(&withdraw).await?;
        run.check(page).await;
    }
    let last = status_of(app, &reference).await;
    ensure!(last == "withdrawn", "{reference} is {last} after withdrawing");
    run.browser.goto(&status_page).await.context("the status page after withdrawal")?;
    run.check(page).await;
    Ok(())
}

macro_rules! journeys {
    ($($name:ident: $lang:literal, $viewport:expr;)*) => {$(
        #[tokio::test]
        async fn $name() {
            journeys($lang, $viewport).await;
        }
    )*};
}

journeys! {
    every_kind_in_finnish_on_a_desktop: "fi", DESKTOP;
    every_kind_in_finnish_on_a_phone: "fi", PHONE;
    every_kind_in_swedish_on_a_desktop: "sv", DESKTOP;
    every_kind_in_swedish_on_a_phone: "sv", PHONE;
    every_kind_in_english_on_a_desktop: "en", DESKTOP;
    every_kind_in_english_on_a_phone: "en", PHONE;
    every_kind_in_estonian_on_a_desktop: "et", DESKTOP;
    every_kind_in_estonian_on_a_phone: "et", PHONE;
}
