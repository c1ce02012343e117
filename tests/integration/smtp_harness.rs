//! The SMTP capture server is a real SMTP peer: lettre delivers to it, tests parse what arrived,
//! and it can be stopped and restarted on the same port.

use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::support::smtp::SmtpServer;

fn message(subject: &str) -> Message {
    Message::builder()
        .from("desk@dsr-desk.test".parse::<Mailbox>().unwrap())
        .to("Matti <matti@example.fi>".parse::<Mailbox>().unwrap())
        .subject(subject)
        .multipart(MultiPart::alternative_plain_html(
            "Koodi 123456\n.leading dot".to_owned(),
            "<p>Koodi 123456</p>".to_owned(),
        ))
        .unwrap()
}

#[tokio::test]
async fn lettre_delivers_to_the_capture_server_which_parses_both_parts() {
    let smtp = SmtpServer::start().await;
    let transport =
        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1").port(smtp.port()).build();
    transport.send(message("Vahvista sähköpostiosoitteesi")).await.unwrap();
    let got = smtp.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].mail_from, "desk@dsr-desk.test");
    assert_eq!(got[0].rcpt_to, ["matti@example.fi"]);
    let parsed = got[0].parsed();
    assert_eq!(parsed.subject(), Some("Vahvista sähköpostiosoitteesi"));
    assert_eq!(
        parsed.body_text(0).as_deref().map(|t| t.replace("\r\n", "\n")).as_deref(),
        Some("Koodi 123456\n.leading dot")
    );
    assert!(parsed.body_html(0).unwrap().contains("<p>Koodi 123456</p>"));

    smtp.stop();
    let transport =
        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1").port(smtp.port()).build();
    assert!(transport.send(message("while down")).await.is_err());
    smtp.restart().await;
    transport.send(message("after restart")).await.unwrap();
    let got = smtp.wait_for(2, Duration::from_secs(5)).await;
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].parsed().subject(), Some("after restart"));
}
