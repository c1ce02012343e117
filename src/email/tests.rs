//! Every message rendered in every language (insta snapshots), the links and codes both parts
//! carry, escaping, and the outbox's stored JSON.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::answer::Answer;
use crate::domain::audit::ChainHeads;
use crate::domain::request::RequestDetails;
use crate::domain::{Jurisdiction, Language, QuestionReason, RequestKind};

fn sender() -> Sender {
    Sender {
        controller: "Jerone Group Oy".into(),
        register: "Jerone kliendiregister".into(),
        contact_name: "Jerone klienditeenindus".into(),
        contact_email: Some("klienditeenindus@jerone.fi".into()),
        contact_other: Vec::new(),
        privacy_link: Some("https://dsr.example.fi/r/jerone/privacy?lang=et".into()),
        on_paper: false,
    }
}

/// The sender of a register whose contact person publishes only a phone number.
fn sender_without_email() -> Sender {
    Sender {
        controller: "Konekesko Oy".into(),
        register: "Konekesko Webshop asiakasrekisteri".into(),
        contact_name: "Antti Riuttala".into(),
        contact_email: None,
        contact_other: vec!["050 599 1101".into()],
        privacy_link: Some("https://dsr.example.fi/r/konekesko/privacy?lang=fi".into()),
        on_paper: false,
    }
}

/// One example of every message, with fixed data (no clock, no random tokens).
fn examples(name: &str) -> Vec<Email> {
    use crate::domain::answer::{ItemDecision, ObjectionDecision, RestrictionDecision};
    use crate::domain::request::CorrectionItem;
    use crate::domain::{
        ErasureOutcome, ItemOutcome, ObjectionChannel, ObjectionPurpose, OverridingGrounds,
        PortabilityFormat, RestrictionGround,
    };
    let date = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    // The register file's authority, as `AuthorityNotice::line` writes it.
    let authority =
        "Tietosuojavaltuutetun toimisto; PL 800, 00531 Helsinki; tietosuoja@om.fi; https://tietosuoja.fi";
    let answer = |answer: Option<Answer>, download, complaint: Option<Jurisdiction>| AnswerMail {
        authority: complaint.map(|j| match j {
            Jurisdiction::Fi => authority.to_owned(),
            Jurisdiction::Ee => "Andmekaitse Inspektsioon; Tatari 39, 10134 Tallinn; info@aki.ee".to_owned(),
        }),
        sender: sender(),
        enclosed: Vec::new(),
        reference: "DSR-2026-0001".into(),
        name: name.into(),
        kind: match &answer {
            Some(Answer::Inspection { .. }) => RequestKind::Inspection,
            Some(Answer::Correction { .. }) | None => RequestKind::Correction,
            Some(Answer::Objection { .. }) => RequestKind::Objection,
            Some(Answer::Erasure { .. }) => RequestKind::Erasure,
            Some(Answer::Restriction { .. }) => RequestKind::Restriction,
            Some(Answer::GeneralObjection { .. }) => RequestKind::GeneralObjection,
            Some(Answer::Portability { .. }) => RequestKind::Portability,
        },
        received_on: date(2),
        answer,
        reasons: None,
        download,
        complaint,
        systems: Vec::new(),
    };
    let reminder = |working_days_left, days_overdue| Reminder {
        sender: sender(),
        reference: "DSR-2026-0001".into(),
        kind: RequestKind::Inspection,
        deadline: date(31),
        working_days_left,
        days_overdue,
        unanswered_since: None,
        staff_link: "https://dsr.example.fi/staff/requests/DSR-2026-0001".into(),
    };
    let receipt = |details| Receipt {
        sender: sender(),
        reference: "DSR-2026-0001".into(),
        name: name.into(),
        received_on: date(2),
        deadline: date(2) + chrono::Days::new(31),
        extended_deadline: date(2) + chrono::Days::new(92),
        status_link: "https://dsr.example.fi/status/TOKEN".into(),
        details,
    };
    vec![
        Email::Receipt(receipt(RequestDetails::Inspection { scope: Some("Orders of 2025".into()) })),
        Email::Receipt(receipt(RequestDetails::Correction {
            items: vec![CorrectionItem {
                field: "Address".into(),
                current_value: Some("Old street 1".into()),
                corrected_value: "New street 2".into(),
                reason: None,
            }],
        })),
        Email::Receipt(receipt(RequestDetails::Objection {
            purposes: vec![ObjectionPurpose::DirectAdvertising, ObjectionPurpose::MarketResearch],
            channels: vec![ObjectionChannel::Email, ObjectionChannel::Sms],
        })),
        Email::Receipt(receipt(RequestDetails::Erasure { scope: None })),
        Email::NewRequest(NewRequest {
            sender: sender(),
            reference: "DSR-2026-0001".into(),
            kind: RequestKind::Erasure,
            received_on: date(2),
            deadline: date(2) + chrono::Days::new(31),
            staff_link: "https://dsr.example.fi/staff/requests/DSR-2026-0001".into(),
        }),
        Email::Verification(Verification {
            sender: sender(),
            reference: "DSR-2026-0001".into(),
            name: name.into(),
            kind: RequestKind::Correction,
            link: "https://dsr.example.fi/verify/TOKEN".into(),
            code: "000000".into(),
            expires_at: Utc.with_ymd_and_hms(2026, 3, 3, 9, 30, 0).unwrap(),
            jurisdiction: Jurisdiction::Fi,
        }),
        Email::Clarification(Clarification {
            sender: sender(),
            reference: "DSR-2026-0001".into(),
            name: name.into(),
            reason: QuestionReason::Identity,
            question: format!("Please confirm your customer number, {name}."),
            status_link: Some("https://dsr.example.fi/status/TOKEN?lang=fi".into()),
        }),
        Email::Extension(Extension {
            sender: sender(),
            reference: "DSR-2026-0001".into(),
            name: name.into(),
            received_on: date(2),
            new_deadline: date(2) + chrono::Days::new(92),
            reasons: "Your data is held in three systems.".into(),
            authority: Some(authority.to_owned()),
        }),
        Email::Answer(answer(
            Some(Answer::Inspection { message: "Secret details".into(), no_data_held: false }),
            Some(("https://dsr.example.fi/download/TOKEN".into(), date(30))),
            None,
        )),
        Email::Answer(answer(
            Some(Answer::Correction {
                message: String::new(),
                items: vec![
                    ItemDecision {
                        field: "Address".into(),
                        corrected_value: "New street 2".into(),
                        outcome: ItemOutcome::Corrected,
                        reason: None,
                    },
                    ItemDecision {
                        field: "Birth date".into(),
                        corrected_value: "1.1.1990".into(),
                        outcome: ItemOutcome::Rejected,
                        reason: Some(format!("The register holds no birth dates, {name}.")),
                    },
                ],
                recipients: "Posti Oy".into(),
                no_recipients: false,
            }),
            None,
            Some(Jurisdiction::Fi),
        )),
        Email::Answer(answer(Some(Answer::Objection { message: "Recorded.".into() }), None, None)),
        Email::Answer(answer(
            Some(Answer::Erasure {
                message: String::new(),
                outcome: ErasureOutcome::PartlyRefused,
                retention_duty: Some("Kirjanpitolaki 1336/1997 2:10".into()),
                kept: Some(format!("Invoices of {name} from the last ten years")),
                recipients: String::new(),
                no_recipients: true,
            }),
            None,
            Some(Jurisdiction::Ee),
        )),
        Email::Answer(AnswerMail {
            reasons: Some(format!("The request is manifestly unfounded, {name}.")),
            ..answer(None, None, Some(Jurisdiction::Fi))
        }),
        Email::DownloadCode(DownloadCode {
            sender: sender(),
            reference: "DSR-2026-0001".into(),
            code: "000000".into(),
            expires_at: Utc.with_ymd_and_hms(2026, 3, 3, 9, 30, 0).unwrap(),
            jurisdiction: Jurisdiction::Fi,
        }),
        Email::Reminder(reminder(Some(7), 0)),
        Email::Reminder(reminder(None, 3)),
        Email::MonthlyReport(monthly_report()),
        Email::Receipt(Receipt {
            sender: sender_without_email(),
            ..receipt(RequestDetails::Inspection { scope: None })
        }),
        Email::Reminder(Reminder { unanswered_since: Some(date(2)), ..reminder(None, 0) }),
        // Restriction of processing (Art 18), the general objection (Art 21(1)) and portability (Art 20).
        Email::Receipt(receipt(RequestDetails::Restriction {
            grounds: vec![RestrictionGround::AccuracyContested, RestrictionGround::ObjectionPending],
            explanation: Some("My postal address is wrong.".into()),
        })),
        Email::Receipt(receipt(RequestDetails::GeneralObjection {
            processing: "Profiling for targeted offers".into(),
            situation: format!("I am protected by a restraining order, {name}."),
        })),
        Email::Receipt(receipt(RequestDetails::Portability {
            scope: None,
            format: Some(PortabilityFormat::Json),
            receiving_controller: Some("Other Shop Oy".into()),
        })),
        Email::Verification(Verification {
            sender: sender(),
            reference: "DSR-2026-0001".into(),
            name: name.into(),
            kind: RequestKind::GeneralObjection,
            link: "https://dsr.example.fi/verify/TOKEN".into(),
            code: "000000".into(),
            expires_at: Utc.with_ymd_and_hms(2026, 3, 3, 9, 30, 0).unwrap(),
            jurisdiction: Jurisdiction::Fi,
        }),
        Email::NewRequest(NewRequest {
            sender: sender(),
            reference: "DSR-2026-0001".into(),
            kind: RequestKind::Restriction,
            received_on: date(2),
            deadline: date(2) + chrono::Days::new(31),
            staff_link: "https://dsr.example.fi/staff/requests/DSR-2026-0001".into(),
        }),
        Email::Answer(answer(
            Some(Answer::Restriction {
                message: String::new(),
                decision: RestrictionDecision::Restricted {
                    data: "Postal address".into(),
                    until: "until its accuracy is verified".into(),
                    recipients: "Posti Oy".into(),
                    no_recipients: false,
                },
            }),
            None,
            None,
        )),
        Email::Answer(answer(
            Some(Answer::Restriction {
                message: format!("The address was verified as accurate, {name}."),
                decision: RestrictionDecision::Rejected,
            }),
            None,
            Some(Jurisdiction::Fi),
        )),
        Email::Answer(answer(
            Some(Answer::GeneralObjection {
                message: String::new(),
                decision: ObjectionDecision::Upheld { processing: "Profiling for targeted offers".into() },
            }),
            None,
            None,
        )),
        Email::Answer(answer(
            Some(Answer::GeneralObjection {
                message: format!("The data are needed in the pending court case 123/2026, {name}."),
                decision: ObjectionDecision::Rejected { grounds: OverridingGrounds::LegalClaims },
            }),
            None,
            Some(Jurisdiction::Ee),
        )),
        Email::Answer(answer(
            Some(Answer::Portability {
                message: "Secret details".into(),
                transmission: Some("Sent to Other Shop Oy's import service.".into()),
            }),
            Some(("https://dsr.example.fi/download/TOKEN".into(), date(30))),
            None,
        )),
        Email::PasswordReset(PasswordReset {
            name: name.into(),
            link: "https://dsr.example.fi/staff/password-reset/TOKEN".into(),
            expires: "2026-03-02 12:00".into(),
        }),
        // An erasure carried out in the company's systems.
        Email::Answer(AnswerMail {
            systems: vec![("shop".into(), "anonymised".into()), ("newsletter".into(), "erased".into())],
            ..answer(
                Some(Answer::Erasure {
                    message: String::new(),
                    outcome: ErasureOutcome::Erased,
                    retention_duty: None,
                    kept: None,
                    recipients: String::new(),
                    no_recipients: true,
                }),
                None,
                None,
            )
        }),
        // The requester withdrew an objection to direct marketing: the objection ends.
        Email::Withdrawal(WithdrawalMail {
            sender: sender(),
            reference: "DSR-2026-0001".into(),
            name: name.into(),
            kind: RequestKind::Objection,
            withdrawn_on: date(4),
            status_link: "https://dsr.example.fi/status/TOKEN?lang=fi".into(),
        }),
        // The handler's notices: the requester answered, withdrew; a colleague assigned.
        Email::StaffNotice(staff_notice(StaffNoticeEvent::RequesterAnswered, None, Some(date(30)))),
        Email::StaffNotice(staff_notice(StaffNoticeEvent::Withdrawn, None, None)),
        Email::StaffNotice(staff_notice(StaffNoticeEvent::Assigned, Some("Maija Virtanen"), Some(date(31)))),
        // An inspection that finds no personal data: its own wording above the link.
        Email::Answer(answer(
            Some(Answer::Inspection { message: "Checked in every system.".into(), no_data_held: true }),
            Some(("https://dsr.example.fi/download/TOKEN?lang=fi".into(), date(30))),
            None,
        )),
        // A correction with every item rejected: a refusal, with the right to complain.
        Email::Answer(answer(
            Some(Answer::Correction {
                message: String::new(),
                items: vec![ItemDecision {
                    field: "Birth date".into(),
                    corrected_value: "1.1.1990".into(),
                    outcome: ItemOutcome::Rejected,
                    reason: Some("The register holds no birth dates.".into()),
                }],
                recipients: String::new(),
                no_recipients: false,
            }),
            None,
            Some(Jurisdiction::Fi),
        )),
        // An inspection answer posted as a letter: the message with the enclosed files.
        Email::Answer(AnswerMail {
            enclosed: vec!["customer.csv".into(), "orders.json".into()],
            ..answer(
                Some(Answer::Inspection { message: "Your data, printed.".into(), no_data_held: false }),
                None,
                None,
            )
        }),
    ]
}

fn staff_notice(event: StaffNoticeEvent, by: Option<&str>, deadline: Option<NaiveDate>) -> StaffNotice {
    StaffNotice {
        sender: sender(),
        reference: "DSR-2026-0001".into(),
        kind: RequestKind::Correction,
        event,
        by: by.map(str::to_owned),
        deadline,
        staff_link: "https://dsr.example.fi/staff/requests/DSR-2026-0001".into(),
    }
}

fn monthly_report() -> MonthlyReport {
    use crate::domain::report::{Counts, Group, KindCounts};
    let counts = |rows, on_time, late, open, overdue, median, p90| Counts {
        rows,
        received: rows - 1,
        closed_on_time: on_time,
        closed_late: late,
        open_within_deadline: open,
        open_overdue: overdue,
        withdrawn: 0,
        extended: 1,
        median_days_to_close: median,
        p90_days_to_close: p90,
    };
    MonthlyReport {
        sender: sender(),
        register_key: "jerone".into(),
        month: "2026-03".into(),
        summary: Group {
            register: Some("jerone".into()),
            totals: counts(6, 3, 1, 1, 1, Some(12), Some(40)),
            by_kind: vec![
                KindCounts { kind: "inspection".into(), counts: counts(4, 2, 1, 0, 1, Some(20), Some(40)) },
                KindCounts { kind: "erasure".into(), counts: counts(2, 1, 0, 1, 0, Some(12), Some(12)) },
            ],
        },
        report_link: "https://dsr.example.fi/staff/reports/deadlines?month=2026-03&register=jerone".into(),
        csv: "reference,register\r\nDSR-2026-0001,jerone\r\n".into(),
        chains: Some(ChainHeads {
            audit_seq: 42,
            audit_hash: "9f".repeat(32),
            requests: 6,
            requests_digest: "0a".repeat(32),
        }),
    }
}

fn show(r: &Rendered) -> String {
    let mut shown = format!("Subject: {}\n\n--- text ---\n{}\n--- html ---\n{}", r.subject, r.text, r.html);
    for a in &r.attachments {
        shown.push_str(&format!(
            "\n--- attachment {} ({}, {} bytes) ---",
            a.file_name,
            a.content_type,
            a.content.len()
        ));
    }
    shown
}

#[test]
fn every_template_renders_in_every_language() {
    for (n, email) in examples("Maija Mallikas").into_iter().enumerate() {
        for language in Language::ALL {
            let rendered = email.render(*language).unwrap();
            insta::assert_snapshot!(format!("{}_{n}_{}", email.template(), language), show(&rendered));
        }
    }
}

#[test]
fn text_and_html_carry_the_same_links_and_codes() {
    for email in examples("Maija") {
        for language in Language::ALL {
            let r = email.render(*language).unwrap();
            // A monthly report names no request in its body: the rows are in the attachment.
            // A password reset is the desk's own message to a staff member: no request, no register.
            if matches!(email, Email::PasswordReset(_)) {
                assert!(
                    r.text.contains("/staff/password-reset/TOKEN")
                        && r.html.contains("/staff/password-reset/TOKEN")
                );
                continue;
            }
            if !matches!(email, Email::MonthlyReport(_)) {
                assert!(r.text.contains("DSR-2026-0001") && r.html.contains("DSR-2026-0001"), "{language}");
            }
            // Every message links the register's privacy notice in both parts.
            let privacy = "https://dsr.example.fi/r/";
            assert!(r.text.contains(privacy) && r.html.contains(privacy), "{language}: {}", email.template());
            let ours = |s: &str| s.matches("https://dsr.example.fi/").count() - s.matches(privacy).count();
            assert!(ours(&r.html) >= ours(&r.text), "{language}: {}", email.template());
            // Messages that lead somewhere carry the link in both parts.
            let expects_link = match &email {
                Email::Answer(a) => a.download.is_some(),
                Email::Extension(_) | Email::DownloadCode(_) => false,
                _ => true,
            };
            assert_eq!(ours(&r.text) >= 1, expects_link, "{language}: {}", email.template());
            let code = match &email {
                Email::Verification(v) => Some(&v.code),
                Email::DownloadCode(d) => Some(&d.code),
                _ => None,
            };
            if let Some(code) = code {
                assert!(r.text.contains(code.as_str()) && r.html.contains(code.as_str()));
            }
            // A refusal, or an answer refusing part of the request, names the authority.
            if let Email::Answer(a) = &email {
                let authority = if a.complaint == Some(Jurisdiction::Ee) { "Tatari 39" } else { "00531" };
                assert_eq!(r.text.contains(authority), a.complaint.is_some(), "{language}");
                assert!(!r.text.contains("Secret details"), "inspection answers stay behind the link");
            }
        }
    }
}

#[test]
fn a_contact_person_without_email_is_shown_by_phone_and_replies_are_not_promised() {
    let with_email = Email::Receipt(Receipt { sender: sender(), ..receipt_example() });
    let without = Email::Receipt(Receipt { sender: sender_without_email(), ..receipt_example() });
    for language in Language::ALL {
        let t = crate::i18n::Tr::new(*language);
        let r = without.render(*language).unwrap();
        for part in [&r.text, &r.html] {
            assert!(part.contains("Antti Riuttala, 050 599 1101"), "{language}: {part}");
            assert!(part.contains(&t.get("email-footer-automatic-desk")), "{language}");
            assert!(!part.contains(&t.get("email-footer-automatic")), "{language}: no reply is promised");
        }
        let r = with_email.render(*language).unwrap();
        assert!(r.text.contains("Jerone klienditeenindus, klienditeenindus@jerone.fi"), "{language}");
        assert!(r.text.contains(&t.get("email-footer-automatic")), "{language}");
    }
}

/// A contact person of whom the register description gives the name only: the footer says that a
/// reply reaches them through the desk (Reply-To is the desk's own address), with no address made up.
#[test]
fn a_contact_person_with_a_name_only_is_reached_through_the_desk() {
    let name_only = Sender {
        controller: "Webstrella".into(),
        register: "Webstrella verkkopalveluiden asiakasrekisteri".into(),
        contact_name: "Jyri Tähtelä".into(),
        contact_email: None,
        contact_other: Vec::new(),
        privacy_link: Some("https://dsr.example.fi/r/webstrella/privacy?lang=fi".into()),
        on_paper: false,
    };
    assert!(name_only.contact_through_desk() && !sender_without_email().contact_through_desk());
    let email = Email::Receipt(Receipt { sender: name_only, ..receipt_example() });
    for language in Language::ALL {
        let t = crate::i18n::Tr::new(*language);
        let r = email.render(*language).unwrap();
        let contact = t.fmt("email-footer-contact-desk", &[("name", "Jyri Tähtelä")]);
        let reply = t.get("email-footer-automatic-reply-desk");
        assert!(r.text.contains(&reply) && r.html.contains(&reply.replace('\'', "&#39;")), "{language}");
        for part in [&r.text, &r.html] {
            assert!(part.contains(&contact), "{language}: {part}");
            assert!(!part.contains("Jyri Tähtelä,"), "{language}: no empty contact details");
            assert!(!part.contains(&t.get("email-footer-automatic-desk")), "{language}: no details above");
        }
    }
}

/// A message printed as a letter says nothing of replying to an email, in any language.
#[test]
fn a_letter_on_paper_does_not_ask_for_a_reply() {
    let name_only = Sender {
        contact_name: "Jyri Tähtelä".into(),
        contact_email: None,
        contact_other: Vec::new(),
        ..sender()
    };
    for sender in [sender(), sender_without_email(), name_only] {
        let on_paper = Sender { on_paper: true, ..sender.clone() };
        for language in Language::ALL {
            let t = crate::i18n::Tr::new(*language);
            let emailed = Email::Receipt(Receipt { sender: sender.clone(), ..receipt_example() })
                .render(*language)
                .unwrap();
            let printed = Email::Receipt(Receipt { sender: on_paper.clone(), ..receipt_example() })
                .render(*language)
                .unwrap();
            let replies = [
                "email-footer-automatic",
                "email-footer-automatic-desk",
                "email-footer-automatic-reply-desk",
            ]
            .map(|key| t.get(key).replace('\'', "&#39;"));
            assert!(
                replies.iter().any(|r| emailed.html.contains(r.as_str())),
                "{language}: the email says it"
            );
            assert!(
                replies.iter().all(|r| !printed.html.contains(r.as_str())),
                "{language}: {}",
                printed.html
            );
            assert!(
                printed.html.contains(sender.contact_name.as_str()),
                "{language}: the contact person named"
            );
        }
    }
    // Stored letters keep no such flag: it is set when one is printed.
    let stored = serde_json::to_value(Sender { on_paper: true, ..sender() }).unwrap();
    assert!(stored.get("on_paper").is_none());
}

fn receipt_example() -> Receipt {
    match examples("Maija").into_iter().next() {
        Some(Email::Receipt(r)) => r,
        _ => panic!("the first example is a receipt"),
    }
}

#[test]
fn a_payload_queued_before_contact_details_and_privacy_links_still_reads() {
    let mut stored = serde_json::to_value(Email::Receipt(receipt_example())).unwrap();
    let sender = stored["data"]["sender"].as_object_mut().unwrap();
    sender.remove("privacy_link");
    sender.remove("contact_other");
    let Email::Receipt(read) = serde_json::from_value(stored).unwrap() else { panic!("a receipt") };
    assert_eq!(read.sender.contact_email.as_deref(), Some("klienditeenindus@jerone.fi"));
    assert_eq!(read.sender.privacy_link, None);
    assert!(Email::Receipt(read).render(Language::Fi).is_ok());
}

#[test]
fn user_supplied_text_is_escaped_in_html_only() {
    let hostile = "<script>alert(1)</script> & \"x\"";
    // The contact person's notice carries no personal data at all.
    let carries_name = |e: &Email| {
        !matches!(
            e,
            Email::NewRequest(_)
                | Email::Reminder(_)
                | Email::DownloadCode(_)
                | Email::MonthlyReport(_)
                | Email::StaffNotice(_)
        )
    };
    for email in examples(hostile).into_iter().filter(carries_name) {
        let r = email.render(Language::En).unwrap();
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;x&#34;"), "{}", r.html);
        assert!(r.text.contains(hostile));
    }
}

#[test]
fn every_message_has_its_template_folder_and_an_example() {
    let examples = examples("Maija");
    for name in Email::TEMPLATES {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/emails").join(name);
        for file in ["subject.txt", "body.txt", "body.html"] {
            assert!(folder.join(file).is_file(), "templates/emails/{name}/{file}");
        }
        assert!(examples.iter().any(|e| e.template() == *name), "no example of {name}");
    }
}

#[test]
fn the_payload_round_trips_through_json() {
    for email in examples("Maija") {
        let json = serde_json::to_value(&email).unwrap();
        assert_eq!(json["template"], email.template());
        assert_eq!(serde_json::from_value::<Email>(json).unwrap(), email);
    }
}

#[test]
fn outbox_payloads_keep_their_stored_form() {
    // Rows already waiting in a deployed outbox must still read back: this pins the JSON of
    // every example, tag and fields in order.
    let stored = serde_json::to_string_pretty(&examples("Maija")).unwrap();
    insta::assert_snapshot!("outbox_payloads", stored);
}

#[test]
fn a_monthly_report_queued_before_chain_heads_were_published_still_reads() {
    let mut stored = serde_json::to_value(Email::MonthlyReport(monthly_report())).unwrap();
    stored["data"].as_object_mut().unwrap().remove("chains");
    let Email::MonthlyReport(read) = serde_json::from_value(stored).unwrap() else {
        panic!("a monthly report")
    };
    assert_eq!(read.chains, None);
}
