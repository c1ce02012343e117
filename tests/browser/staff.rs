//! The contact person's journey (sign-in with the one-time password, the queue's filters, claim,
//! question, extension, an answer with a file, a refusal), a handler of another register who sees
//! none of it, and the requester opening the answer and downloading its file.

use anyhow::{Context, ensure};
use dsr_desk::domain::StaffRole;
use serde_json::json;

use super::checks::{Expect, Run};
use super::driver::{Browser, Chromedriver, DESKTOP, PHONE, Viewport};
use super::requester::status_of;
use super::support::app::TestApp;
use super::support::spawn_app;
use super::support::staff::{account, verified_request_with};

/// Staff pages are in the staff member's language: the browser's (English here) until the
/// profile names one.
const STAFF: Expect<'static> = Expect { lang: "en", status: 200 };
/// The pages of the handler who chose Finnish on their profile.
const FINNISH_STAFF: Expect<'static> = Expect { lang: "fi", status: 200 };
const REGISTER: &str = "jokkerit";
const CONTACT: &str = "contact@jokkerit.fi";
const OTHER: &str = "handler@konekesko.fi";
const FILE_TEXT: &str = "order,date\n1001,2026-01-15\n";

struct Cases {
    inspection: String,
    erasure: String,
}

async fn journeys(viewport: Viewport) {
    let app = spawn_app().await;
    let contact_password = account(&app, CONTACT, StaffRole::Handler, &[REGISTER]).await;
    let other_password = account(&app, OTHER, StaffRole::Handler, &["konekesko"]).await;
    let request = |kind: &str, language: &str, email: &str| {
        json!({"register": REGISTER, "kind": kind, "language": language,
               "requester": {"name": "Sara Sökande", "email": email}})
    };
    let cases = Cases {
        inspection: verified_request_with(&app, request("inspection", "sv", "sara@example.fi")).await,
        erasure: verified_request_with(&app, request("erasure", "en", "erin@example.fi")).await,
    };
    let driver = Chromedriver::start();
    let browser = Browser::open(&driver, viewport, &app.address).await;
    let mut run = Run::new(browser, "staff");

    run.journey("contact person: sign-in, queue, claim, question, extension");
    if let Err(e) = contact_person_works(&app, &mut run, &cases, &contact_password).await {
        run.broken(e).await;
    }
    run.journey("handler of another register");
    if let Err(e) = other_register_sees_nothing(&mut run, &cases, &other_password).await {
        run.broken(e).await;
    }
    run.journey("contact person: answer with a file, refusal");
    if let Err(e) = contact_person_decides(&app, &mut run, &cases).await {
        run.broken(e).await;
    }
    run.journey("requester downloads the answer");
    if let Err(e) = requester_downloads(&app, &mut run).await {
        run.broken(e).await;
    }
    run.finish().await;
}

/// Signs in on the sign-in page; with a one-time password the next page is the password form,
/// where `new` replaces it.
async fn sign_in(run: &mut Run, email: &str, password: &str, new: Option<&str>) -> anyhow::Result<()> {
    run.browser.goto("/staff/login").await?;
    run.check(STAFF).await;
    let form = run.browser.form("/staff/login").await?;
    run.browser.fill(&form, "email", email).await?;
    run.browser.fill(&form, "password", password).await?;
    run.browser.submit(&form).await?;
    let Some(new) = new else {
        run.check(STAFF).await;
        return Ok(());
    };
    let at = run.browser.path().await?;
    ensure!(at.starts_with("/staff/password"), "a one-time password led to {at}, not to the password form");
    run.check(STAFF).await;
    let form = run.browser.form("/staff/password").await?;
    run.browser.fill(&form, "current", password).await?;
    run.browser.fill(&form, "new", new).await?;
    run.browser.fill(&form, "confirm", new).await?;
    run.browser.submit(&form).await?;
    run.check(STAFF).await;
    Ok(())
}

async fn sign_out(run: &mut Run) -> anyhow::Result<()> {
    let form = run.browser.form("/staff/logout").await?;
    run.browser.submit(&form).await?;
    run.check(STAFF).await;
    Ok(())
}

fn new_password(email: &str) -> String {
    format!("{email}-a-long-new-passphrase")
}

async fn act(run: &mut Run, action: &str, fields: &[(&str, &str)]) -> anyhow::Result<()> {
    let form = run.browser.form(&format!("/{action}")).await?;
    for (name, value) in fields {
        run.browser.fill(&form, name, value).await?;
    }
    run.browser.submit(&form).await?;
    run.check(STAFF).await;
    Ok(())
}

async fn contact_person_works(app: &TestApp, run: &mut Run, c: &Cases, one_time: &str) -> anyhow::Result<()> {
    sign_in(run, CONTACT, one_time, Some(&new_password(CONTACT))).await?;

    // The queue, filtered to inspections: the inspection is listed, the erasure is not.
    run.browser.goto("/staff/queue").await?;
    run.check(STAFF).await;
    let text_input = looks_alike_and_contrasts(run).await?;
    let filters = run.browser.form("/staff/queue").await?;
    run.browser.fill(&filters, "kind", "inspection").await?;
    run.browser.submit(&filters).await?;
    run.check(STAFF).await;
    let at = run.browser.path().await?;
    ensure!(at.contains("kind=inspection"), "the filter led to {at}");
    let links = run.browser.hrefs().await?;
    let to = |r: &str| format!("/staff/requests/{r}");
    ensure!(links.contains(&to(&c.inspection)), "the filtered queue does not link {}", c.inspection);
    ensure!(
        !links.contains(&to(&c.erasure)),
        "the queue filtered to inspections links the erasure {}",
        c.erasure
    );

    run.browser.follow(&to(&c.inspection)).await?;
    run.check(STAFF).await;
    // The file input's border is dashed on purpose (a place to drop files); the rest is alike.
    let file = look_of(run, "input[type=file]").await?;
    ensure!(
        file.replace(" dashed ", " solid ") == text_input,
        "the answer's file input ({file}) is not styled like a text input ({text_input})"
    );
    act(run, "claim", &[]).await?;
    ensure!(status_of(app, &c.inspection).await == "in_progress", "the claim did not start work");

    let form = run.browser.form("/ask").await?;
    run.browser.choose(&form, "reason", "clarification").await?;
    run.browser.fill(&form, "question", "Which of your accounts do you mean?").await?;
    run.browser.submit(&form).await?;
    run.check(STAFF).await;
    ensure!(
        status_of(app, &c.inspection).await == "awaiting_requester",
        "the question did not pause the request"
    );
    // The requester's answer arrived by phone: recorded with today's date, the default.
    act(run, "resume", &[("note", "By phone: the shop account.")]).await?;
    ensure!(status_of(app, &c.inspection).await == "in_progress", "recording the answer did not resume work");

    act(run, "extend", &[("reasons", "The data is held in three systems.")]).await?;
    let extended = app.events(&c.inspection).await.iter().any(|(kind, _)| kind.contains("extend"));
    ensure!(extended, "no extension in the timeline of {}", c.inspection);

    // Every other page of the staff navigation.
    let nav = run.browser.header_links().await?;
    ensure!(nav.iter().any(|l| l.starts_with("/staff/reports")), "no report in the navigation: {nav:?}");
    for link in nav.iter().filter(|l| l.starts_with("/staff/") && !l.starts_with("/staff/queue")) {
        run.browser.goto(link).await?;
        run.check(STAFF).await;
    }
    run.browser.goto("/staff/password").await?;
    let password = look_of(run, "input[type=password]").await?;
    ensure!(
        password == text_input,
        "a password input ({password}) is not styled like a text input ({text_input})"
    );
    sign_out(run).await
}

/// The computed border, radius and font size of the first element matching `css`.
async fn look_of(run: &Run, css: &str) -> anyhow::Result<String> {
    let seen = run
        .browser
        .js(
            r#"const e = document.querySelector(arguments[0]);
               if (!e) { return 'no such element'; }
               const s = getComputedStyle(e);
               return [s.borderTopWidth, s.borderTopStyle, s.borderTopColor, s.borderRadius, s.fontSize].join(' ');"#,
            vec![serde_json::Value::String(css.to_owned())],
        )
        .await?;
    Ok(serde_json::from_value(seen)?)
}

async fn other_register_sees_nothing(run: &mut Run, c: &Cases, one_time: &str) -> anyhow::Result<()> {
    sign_in(run, OTHER, one_time, Some(&new_password(OTHER))).await?;
    // This handler works in Finnish: chosen on the profile page, every staff page follows.
    run.browser.goto("/staff/profile").await?;
    run.check(STAFF).await;
    let profile = run.browser.form("/staff/profile").await?;
    run.browser.fill(&profile, "language", "fi").await?;
    run.browser.submit(&profile).await?;
    run.check(FINNISH_STAFF).await;
    for query in ["/staff/queue".to_owned(), format!("/staff/queue?q={}", c.inspection)] {
        run.browser.goto(&query).await?;
        run.check(FINNISH_STAFF).await;
        let links = run.browser.hrefs().await?;
        let text = run.browser.text().await?;
        for r in [&c.inspection, &c.erasure] {
            ensure!(!links.iter().any(|l| l.contains(r.as_str())), "{query} links {r}");
            ensure!(!text.contains(r.as_str()) || query.ends_with(r.as_str()), "{query} shows {r}");
        }
    }
    for r in [&c.inspection, &c.erasure] {
        run.browser.goto(&format!("/staff/requests/{r}")).await?;
        run.check(FINNISH_STAFF.status(404)).await;
        let text = run.browser.text().await?;
        ensure!(
            !text.contains("example.fi"),
            "the page of {r} shows its requester to another register's handler"
        );
        ensure!(!run.browser.has_form("/claim").await, "the page of {r} offers its actions");
    }
    // The error page has no staff navigation: back to the queue to sign out.
    run.browser.goto("/staff/queue").await?;
    sign_out(run).await
}

async fn contact_person_decides(app: &TestApp, run: &mut Run, c: &Cases) -> anyhow::Result<()> {
    sign_in(run, CONTACT, &new_password(CONTACT), None).await?;
    let at = run.browser.path().await?;
    ensure!(at.starts_with("/staff/queue"), "signing in led to {at}, not to the queue");

    // The inspection's answer: a message and a file.
    run.browser.follow(&format!("/staff/requests/{}", c.inspection)).await?;
    run.check(STAFF).await;
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("orders.csv");
    std::fs::write(&file, FILE_TEXT)?;
    let form = run.browser.form("/complete").await?;
    run.browser.fill(&form, "message", "Here are your orders.").await?;
    run.browser.attach(&form, "attachments", &file).await?;
    run.browser.submit(&form).await?;
    run.check(STAFF).await;
    let done = status_of(app, &c.inspection).await;
    ensure!(done == "completed", "the inspection is {done} after its answer");

    // The erasure, refused from the queue's default view.
    run.browser.goto("/staff/queue").await?;
    run.check(STAFF).await;
    run.browser.follow(&format!("/staff/requests/{}", c.erasure)).await?;
    run.check(STAFF).await;
    act(run, "refuse", &[("reasons", "The bookkeeping act requires us to keep the invoices.")]).await?;
    let refused = status_of(app, &c.erasure).await;
    ensure!(refused == "refused", "the erasure is {refused} after refusing");
    sign_out(run).await
}

async fn requester_downloads(app: &TestApp, run: &mut Run) -> anyhow::Result<()> {
    let page = Expect::lang("sv");
    let answer = app.last_mail_to("sara@example.fi").await;
    let token = answer.token("/download/");
    let download = format!("/download/{token}");
    run.browser.goto(&download).await?;
    run.check(page).await;
    let form = run.browser.form(&format!("{download}/code")).await?;
    run.browser.submit(&form).await?;
    run.check(page).await;
    let code = app.last_mail_to("sara@example.fi").await.code();
    let form = run.browser.form(&download).await?;
    run.browser.fill(&form, "code", &code).await?;
    run.browser.submit(&form).await?;
    run.check(page).await;

    // The file as the browser downloads it, with the session the code opened.
    let links = run.browser.hrefs().await?;
    let file = links
        .iter()
        .find(|l| l.contains("/files/"))
        .with_context(|| format!("no file link on the opened answer: {links:?}"))?;
    let body = run
        .browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0]).then(r => r.text().then(t => done([r.status, t]))).catch(e => done([0, String(e)]));",
            vec![json!(file)],
        )
        .await?;
    ensure!(body == json!([200, FILE_TEXT]), "the downloaded file: {body}");

    // Its printable form.
    let print = links.iter().find(|l| l.contains("/print")).context("no printable form linked")?;
    run.browser.follow(print).await?;
    run.check(page).await;
    Ok(())
}

#[tokio::test]
async fn contact_person_and_another_register_on_a_desktop() {
    journeys(DESKTOP).await;
}

#[tokio::test]
async fn contact_person_and_another_register_on_a_phone() {
    journeys(PHONE).await;
}

/// As the browser computes them on the queue: a select is styled like a text input (whose look is
/// returned, for the password and file inputs of other pages); the focus
/// ring of a focused table contrasts at least 3:1 with the page, and the "due soon" amber text at
/// least 4.5:1 with its cell (WCAG 1.4.11 and 1.4.3).
async fn looks_alike_and_contrasts(run: &mut Run) -> anyhow::Result<String> {
    // A click on a heading cell focuses the table as a person's would (a script's `focus()` does
    // not make `:focus` match in a window that has no focus).
    let heading = run.browser.client.find(fantoccini::Locator::Css("table.queue thead th")).await?;
    heading.click().await?;
    let seen = run
        .browser
        .js(
            r#"const look = e => { const s = getComputedStyle(e);
                 return [s.borderTopWidth, s.borderTopStyle, s.borderTopColor, s.borderRadius, s.fontSize].join(' '); };
               const table = document.querySelector('table.queue');
               const focused = getComputedStyle(table);
               const ring = table.matches(':focus') && focused.outlineStyle !== 'none'
                 ? focused.outlineColor : 'no focus ring';
               const page = getComputedStyle(document.body).backgroundColor;
               const probe = document.createElement('table');
               probe.innerHTML = '<tr><td class="days soon">3</td></tr>';
               document.querySelector('main').appendChild(probe);
               const cell = getComputedStyle(probe.querySelector('td'));
               const amber = [cell.color, cell.backgroundColor];
               probe.remove(); table.blur();
               return [look(document.querySelector('#kind')), look(document.querySelector('#q')), ring, page, amber[0], amber[1]];"#,
            vec![],
        )
        .await?;
    let seen: Vec<String> = serde_json::from_value(seen)?;
    ensure!(
        seen[0] == seen[1],
        "the kind select ({}) is not styled like the search input ({})",
        seen[0],
        seen[1]
    );
    ensure!(seen[2].starts_with("rgb"), "a focused table shows {}", seen[2]);
    let ring = contrast(&seen[2], &seen[3])?;
    ensure!(ring >= 3.0, "the focus ring {} on {} contrasts {ring:.2}:1, under 3:1", seen[2], seen[3]);
    let amber = contrast(&seen[4], &seen[5])?;
    ensure!(amber >= 4.5, "the due-soon text {} on {} contrasts {amber:.2}:1, under 4.5:1", seen[4], seen[5]);
    Ok(seen[1].clone())
}

/// The WCAG contrast ratio of two computed `rgb(r, g, b)` colours.
fn contrast(a: &str, b: &str) -> anyhow::Result<f64> {
    let luminance = |css: &str| -> anyhow::Result<f64> {
        let inner = css.trim().trim_start_matches("rgba(").trim_start_matches("rgb(").trim_end_matches(')');
        let channels: Vec<f64> =
            inner.split(',').take(3).map(|c| c.trim().parse::<f64>()).collect::<Result<_, _>>()?;
        ensure!(channels.len() == 3, "not a colour: {css}");
        let linear = |c: f64| {
            let c = c / 255.0;
            if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        Ok(0.2126 * linear(channels[0]) + 0.7152 * linear(channels[1]) + 0.0722 * linear(channels[2]))
    };
    let (x, y) = (luminance(a)?, luminance(b)?);
    Ok((x.max(y) + 0.05) / (x.min(y) + 0.05))
}
