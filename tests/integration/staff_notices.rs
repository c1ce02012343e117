//! Handlers hear of what happens on their requests without polling the queue: the requester's
//! answer to a question and a withdrawal reach whoever handles the request (its assignee, else
//! the register's handlers), and an assignment reaches the colleague it names.

use dsr_desk::domain::StaffRole;

use crate::support::spawn_app;
use crate::support::staff::{StaffClient, staff_id, verified_request};

/// The subjects of every message `address` has received.
async fn subjects_to(app: &crate::support::app::TestApp, address: &str) -> Vec<String> {
    app.deliver()
        .await
        .into_iter()
        .filter(|m| m.rcpt_to.iter().any(|r| r.eq_ignore_ascii_case(address)))
        .map(|m| m.subject())
        .collect()
}

#[tokio::test]
async fn the_assignee_hears_of_an_assignment_an_answer_and_a_withdrawal() {
    let app = spawn_app().await;
    let admin = StaffClient::ready(&app, "lead@jokkerit.fi", StaffRole::Admin, &[]).await;
    StaffClient::ready(&app, "handler@jokkerit.fi", StaffRole::Handler, &["jokkerit"]).await;
    let handler_id = staff_id(&app, "handler@jokkerit.fi").await.to_string();
    // Jokkerit's register is Finnish: its notices are in Finnish.
    let reference = verified_request(&app, "jokkerit", "asker@example.fi").await;
    let status_token = app.last_mail_to("asker@example.fi").await.token("/status/");

    // Assigned by a colleague: the handler is told who did it; the admin assigning to themselves is not.
    let admin_id = staff_id(&app, "lead@jokkerit.fi").await.to_string();
    assert_eq!(admin.act(&reference, "assign", &[("assignee", &admin_id)]).await.status(), 303);
    assert!(subjects_to(&app, "lead@jokkerit.fi").await.iter().all(|s| !s.contains("osoitettu")));
    assert_eq!(admin.act(&reference, "assign", &[("assignee", &handler_id)]).await.status(), 303);
    let mail = app.last_mail_to("handler@jokkerit.fi").await;
    assert_eq!(mail.subject(), format!("{reference} on osoitettu sinulle"));
    assert!(mail.text().contains("lead on osoittanut pyynnön"), "{}", mail.text());
    assert!(mail.text().contains(&format!("/staff/requests/{reference}")), "{}", mail.text());
    // No personal data of the requester travels in the notice.
    assert!(!mail.text().contains("asker@example.fi") && !mail.text().contains("Queue Person"));

    // The requester answers the question: the assignee, not the contact person, is told.
    let handler =
        StaffClient::of(&app, &crate::support::staff::sign_in_again(&app, "handler@jokkerit.fi").await);
    let question = [("reason", "clarification"), ("question", "Which orders do you mean?")];
    assert_eq!(handler.act(&reference, "ask", &question).await.status(), 303);
    let before = subjects_to(&app, "jouko.paunonen@jokkerit.fi").await.len();
    let r =
        app.post_form(&format!("/status/{status_token}/answer"), &[("answer", "The orders of 2025")]).await;
    assert_eq!(r.status(), 200);
    let mail = app.last_mail_to("handler@jokkerit.fi").await;
    assert_eq!(mail.subject(), format!("{reference}: pyytäjä on vastannut kysymykseesi"));
    assert!(mail.text().contains("Määräaika: "), "{}", mail.text());
    assert!(!mail.text().contains("The orders of 2025"), "the answer stays behind the sign-in");
    assert_eq!(subjects_to(&app, "jouko.paunonen@jokkerit.fi").await.len(), before);

    // An unassigned request withdrawn: the register's handlers hear of it.
    let other = verified_request(&app, "jokkerit", "leaver@example.fi").await;
    let token = app.last_mail_to("leaver@example.fi").await.token("/status/");
    withdraw(&app, &token).await;
    let mail = app.last_mail_to("handler@jokkerit.fi").await;
    assert_eq!(mail.subject(), format!("{other}: pyytäjä on peruuttanut pyynnön"));

    // The assigned one withdrawn: its assignee hears of it.
    withdraw(&app, &status_token).await;
    let mail = app.last_mail_to("handler@jokkerit.fi").await;
    assert_eq!(mail.subject(), format!("{reference}: pyytäjä on peruuttanut pyynnön"));
}

async fn withdraw(app: &crate::support::app::TestApp, token: &str) {
    let r = app.post_form(&format!("/status/{token}/withdraw"), &[("confirm", "yes")]).await;
    assert_eq!(r.status(), 200);
}
