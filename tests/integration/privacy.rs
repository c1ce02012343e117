//! The privacy notices: each register's (`GET /r/{register}/privacy`) and the desk's own
//! (`GET /privacy`) in the four languages, the footer of every public page, the links from the form
//! and from every requester email, translations and their fallback, and the registers whose
//! contact person has no email address, end to end.

use dsr_desk::domain::register::Statement;
use dsr_desk::domain::{Language, Register, StaffRole};
use dsr_desk::i18n::Tr;
use serde_json::json;

use crate::support::app::{self, TestApp, project_root};
use crate::support::smtp::Captured;
use crate::support::spawn_app;
use crate::support::staff::{StaffClient, account, verified_request};

/// Text as askama writes it into HTML.
fn html(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

fn shipped() -> Vec<Register> {
    dsr_desk::registers::load_dir(&project_root().join("config/registers")).unwrap()
}

async fn page(app: &TestApp, path: &str) -> String {
    let r = app.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap()
}

#[tokio::test]
async fn every_register_notice_answers_in_four_languages_with_business_id_purposes_bases_recipients_and_storage()
 {
    let app = spawn_app().await;
    for register in shipped() {
        for language in Language::ALL {
            let t = Tr::new(*language);
            let path = format!("/r/{}/privacy?lang={language}", register.key);
            let body = page(&app, &path).await;
            let has = |text: &str| assert!(body.contains(&html(text)), "{path}: no «{text}»");
            has(&t.get("notice-title"));
            has(&register.controller.name);
            if let Some(id) = &register.controller.business_id {
                let shown =
                    format!("<dt>{}</dt><dd class=\"business-id\">{id}</dd>", t.get(id.kind().message_key()));
                assert!(body.contains(&shown), "{path}: no «{shown}»");
            }
            let notice = register.notice(*language);
            for p in &notice.purposes {
                has(p.purpose.text);
                has(&t.get(&p.legal_basis.message_key()));
                has(&t.fmt("legal-basis-citation", &[("point", p.legal_basis.letter())]));
                match p.applying.recipients.as_ref().unwrap() {
                    Statement::Given(list) => list.iter().for_each(|r| has(r.text)),
                    Statement::None => has(&t.get("notice-recipients-none")),
                    Statement::NotStated => has(&t.get("notice-not-stated")),
                }
                match p.applying.retention.as_ref().unwrap() {
                    Statement::Given(period) => has(period.text),
                    _ => has(&t.get("notice-not-stated")),
                }
            }
            has(&t.get("notice-retention"));
            has(&t.get("notice-recipients"));
            has(notice.authority.name.text);
            // Translations are marked, and say from which language.
            if *language == register.original_language {
                assert!(!body.contains("class=\"translation\""), "{path}");
            } else {
                has(&t.get("notice-translation-mark"));
                has(&t.fmt(
                    "notice-translated",
                    &[("language", &t.get(&format!("language-name-{}", register.original_language)))],
                ));
            }
        }
    }
}

/// What a reader of each language sees of one register, word for word: the controller's
/// identity, a purpose with its legal basis, the recipients and the storage period.
#[tokio::test]
async fn the_register_notice_reads_right_in_each_language() {
    let app = spawn_app().await;
    let expected: [(Language, &[&str]); 4] = [
        (
            Language::Fi,
            &[
                "<dt>Y-tunnus</dt><dd class=\"business-id\">2368582-3</dd>",
                "<dd>Kaskitie 7, 51900 Juva</dd>",
                "Kirjanpidollisten velvollisuuksien täyttäminen.",
                "rekisterinpitäjän lakisääteisen velvoitteen noudattaminen (tietosuoja-asetuksen 6 artiklan 1 kohdan c alakohta)",
                "Jokkerit Trading Oy:n käyttämä tilitoimisto, jolla on tunnukset rekisteriin",
                "Kirjanpidollisten velvollisuuksien täyttämiseksi asiakasrekisterin tietoja säilytetään vähintään 10 vuotta.",
                "Rekisteriselosteessa ei ole ilmoitettu tätä.",
                "erityistilanteita koskeva poikkeus",
                "Tietosuojavaltuutetun toimisto",
            ],
        ),
        (
            Language::Sv,
            &[
                "<dt>FO-nummer (Y-tunnus)</dt><dd class=\"business-id\">2368582-3</dd>",
                "Fullgörande av bokföringsskyldigheter.",
                "fullgörande av en rättslig förpliktelse som åvilar den personuppgiftsansvarige (artikel 6.1 c i dataskyddsförordningen)",
                "Den redovisningsbyrå som Jokkerit Trading Oy anlitar",
                "För att uppfylla bokföringsskyldigheterna bevaras uppgifterna i kundregistret i minst 10 år.",
                "rätt till tillgång till personuppgifter",
                "Registerbeskrivningens originalspråk är finska.",
                "Dataombudsmannens byrå",
            ],
        ),
        (
            Language::En,
            &[
                "<dt>Business ID (Y-tunnus)</dt><dd class=\"business-id\">2368582-3</dd>",
                "Meeting bookkeeping obligations.",
                "compliance with a legal obligation of the controller (GDPR Article 6(1)(c))",
                "The developers and maintainers of the customer register software",
                "To meet bookkeeping obligations, the customer register&#39;s data are kept for at least 10 years.",
                "The register description was written in Finnish.",
                "Office of the Data Protection Ombudsman",
            ],
        ),
        (
            Language::Et,
            &[
                "<dt>Soome äriregistri kood (Y-tunnus)</dt><dd class=\"business-id\">2368582-3</dd>",
                "Raamatupidamiskohustuste täitmine.",
                "vastutava töötleja juriidilise kohustuse täitmine (isikuandmete kaitse üldmääruse artikli 6 lõike 1 punkt c)",
                "Kliendiregistri tarkvara arendajad ja haldajad",
                "Raamatupidamiskohustuste täitmiseks säilitatakse kliendiregistri andmeid vähemalt 10 aastat.",
                "andmesubjekt",
                "Registri kirjelduse originaalkeel on soome keel.",
            ],
        ),
    ];
    for (language, texts) in expected {
        let body = page(&app, &format!("/r/jokkerit/privacy?lang={language}")).await;
        assert!(body.contains(&format!("<html lang=\"{language}\">")));
        for text in texts {
            assert!(body.contains(text), "{language}: no «{text}» in\n{body}");
        }
    }
    // Jerone's description is Estonian: in Estonian its texts are the original, unmarked.
    let et = page(&app, "/r/jerone/privacy?lang=et").await;
    assert!(et.contains("<span lang=\"et\">Turvalise teenuse pakkumine ning klienditeeninduse ja e-poe kvaliteedi parandamine.</span>"));
    assert!(et.contains("andmesubjekti nõusolek (isikuandmete kaitse üldmääruse artikli 6 lõike 1 punkt a)"));
    assert!(!et.contains("class=\"translation\""));
    let fi = page(&app, "/r/jerone/privacy?lang=fi").await;
    assert!(fi.contains("Rekisteriselosteen alkuperäinen kieli on viro."));
    assert!(fi.contains("<span lang=\"fi\" class=\"translation\">Turvallisen palvelun tarjoaminen"));
    // Without ?lang= the notice is in the register's first language; an unknown register is 404.
    assert!(page(&app, "/r/jerone/privacy").await.contains("<html lang=\"et\">"));
    assert_eq!(app.get("/r/nosuch/privacy").await.status(), 404);
}

#[tokio::test]
async fn the_desk_notice_names_controllers_basis_storage_recipients_and_authority_in_four_languages() {
    let app = spawn_app().await;
    let registers = shipped();
    let expected: [(Language, &[&str]); 4] = [
        (
            Language::Fi,
            &[
                "6 artiklan 1 kohdan c alakohta",
                "Pyyntö, jota ei vahvisteta 7 päivän kuluessa, raukeaa",
                "1095 päivää",
                "sähköpostipalvelu, joka toimittaa tämän palvelun viestit",
                "Tietosuojavaltuutetun toimisto",
                "postiosoitteesi, johon vastaukset lähetetään",
                "Ilman sähköpostiosoitetta voit tehdä pyynnön kirjeellä, puhelimitse tai käymällä paikan päällä; siihen vastataan silloin kirjeellä postiosoitteeseesi.",
                "postipalvelu, joka toimittaa sinulle lähetetyt kirjeet",
            ],
        ),
        (
            Language::Sv,
            &[
                "artikel 6.1 c i dataskyddsförordningen",
                "En begäran som inte bekräftas inom 7 dagar förfaller",
                "1095 dagar",
                "den e-posttjänst som levererar den här tjänstens meddelanden",
                "Dataombudsmannens byrå",
                "din postadress, dit svaren skickas",
                "Utan e-postadress kan du göra din begäran per brev, per telefon eller genom ett besök; den besvaras då med brev till din postadress.",
                "den posttjänst som delar ut de brev som skickas till dig",
            ],
        ),
        (
            Language::En,
            &[
                "GDPR Article 6(1)(c)",
                "A request not confirmed within 7 days expires",
                "1095 days",
                "the email service that delivers this service&#39;s messages",
                "Office of the Data Protection Ombudsman",
                "your postal address, to which the answers are sent",
                "Without an email address you can make your request by letter, by telephone or in person; it is then answered by letter to your postal address.",
                "the postal service that delivers the letters sent to you",
            ],
        ),
        (
            Language::Et,
            &[
                "isikuandmete kaitse üldmääruse artikli 6 lõike 1 punkt c",
                "Taotlus, mida ei kinnitata 7 päeva jooksul, aegub",
                "1095 päeva",
                "e-posti teenus, mis edastab selle teenuse kirju",
                "Soome andmekaitsevoliniku büroo",
                "teie postiaadress, millele vastused saadetakse",
                "Ilma e-posti aadressita saate taotluse esitada kirja teel, telefoni teel või kohapeal; sellele vastatakse siis kirjaga teie postiaadressile.",
                "postiteenus, mis toimetab teile saadetud kirjad kätte",
            ],
        ),
    ];
    for (language, texts) in expected {
        let t = Tr::new(language);
        let body = page(&app, &format!("/privacy?lang={language}")).await;
        assert!(body.contains(&t.get("desk-notice-title")));
        for text in texts {
            assert!(body.contains(text), "{language}: no «{text}»");
        }
        // A request without email is made by letter, phone or visit and answered by post: the
        // notice does not say that email is required.
        for wrong in
            ["cannot be made through", "pyyntöä ei voi tehdä", "kan begäran inte göras", "ei saa taotlust"]
        {
            assert!(!body.contains(wrong), "{language}: «{wrong}»");
        }
        for r in &registers {
            assert!(body.contains(&html(r.name_in(language))), "{language}: {}", r.key);
            assert!(body.contains(&format!("/r/{}/privacy?lang={language}", r.key)));
            if let Some(id) = &r.controller.business_id {
                let line = format!("{} (<span class=\"business-id\">{id}</span>)", r.controller.name);
                assert!(body.contains(&line), "{language}: {}", r.key);
            }
        }
        // The registers share one supervisory authority, listed once.
        let authority = registers[0].notice(language).authority.name.text;
        assert_eq!(body.matches(&html(authority)).count(), 1, "{language}: {authority}");
        // The contact person without an email address is shown by phone; the one of whom the
        // description gives the name only is reached through this service, no address made up.
        assert!(body.contains("Antti Riuttala, 050 599 1101"));
        let through_desk = t.fmt("desk-notice-contact-desk", &[("name", "Jyri Tähtelä")]);
        assert!(body.contains(&html(&through_desk)), "{language}: {through_desk}");
        assert!(!body.contains("tahtela"), "{language}");
    }
}

/// Webstrella's description names its controller and contact person without any address: the
/// notice says in each language how to reach them (through this service) and invents none.
#[tokio::test]
async fn a_register_naming_its_contact_person_only_says_to_reach_them_through_the_desk() {
    let app = spawn_app().await;
    for language in Language::ALL {
        let t = Tr::new(*language);
        let body = page(&app, &format!("/r/webstrella/privacy?lang={language}")).await;
        for key in ["notice-controller-through-desk", "notice-contact-through-desk"] {
            assert!(body.contains(&html(&t.get(key))), "{language}: {key}");
        }
        assert!(body.contains("<dd>Jyri Tähtelä</dd>"), "{language}");
        assert!(!body.contains("tahtela") && !body.contains(&t.get("notice-contact-page")), "{language}");
        // A register whose description gives contact details says nothing of the kind.
        let konekesko = page(&app, &format!("/r/konekesko/privacy?lang={language}")).await;
        assert!(!konekesko.contains("through-desk"), "{language}");
    }
}

#[tokio::test]
async fn every_public_page_footer_names_the_controller_and_links_the_privacy_notices() {
    let app = spawn_app().await;
    let general =
        ["/?lang=sv", "/verify?lang=sv", "/verify/abc?lang=sv", "/privacy?lang=sv", "/status/nosuch?lang=sv"];
    for path in general {
        let body = app.get(path).await.text().await.unwrap();
        let footer =
            body.split("<footer class=\"site\">").nth(1).unwrap_or_else(|| panic!("{path}: no footer"));
        assert!(footer.contains("Personuppgiftsansvariga:"), "{path}: {footer}");
        // The business ID stays on one line: its hyphen must not break it on a phone.
        assert!(
            footer.contains(
                "Jaccara Pro Oy (<span class=\"business-id\">1004339-7</span>), Konekorjaamontie 4, 15550 Nastola"
            ),
            "{path}"
        );
        assert!(footer.contains("Konekesko Oy, Vanha Porvoontie 245, 01380 Vantaa"), "{path}");
        assert!(footer.contains("href=\"/privacy?lang=sv\""), "{path}");
    }
    for path in ["/r/jokkerit/request?lang=sv", "/r/jokkerit/privacy?lang=sv"] {
        let body = page(&app, path).await;
        let footer = body.split("<footer class=\"site\">").nth(1).unwrap();
        assert!(
            footer
                .contains("Personuppgiftsansvarig: Jokkerit Trading Oy (<span class=\"business-id\">2368582-3</span>), Kaskitie 7, 51900 Juva")
        );
        assert!(!footer.contains("Jaccara"), "only this register's controller");
        assert!(
            footer.contains("href=\"/r/jokkerit/privacy?lang=sv\"")
                && footer.contains("href=\"/privacy?lang=sv\"")
        );
    }
    // An error page a browser gets has the footer too.
    let error = app
        .client
        .get(format!("{}/no/such/page?lang=en", app.address))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(error.status(), 404);
    assert!(error.text().await.unwrap().contains("href=\"/privacy?lang=en\""));
}

#[tokio::test]
async fn the_form_and_every_requester_email_link_the_register_notice() {
    let app = spawn_app().await;
    let form = page(&app, "/r/jaccara/request?lang=en").await;
    assert!(
        form.contains("<a href=\"/r/jaccara/privacy?lang=en\">Read the register&#39;s privacy notice</a>")
    );
    let email = "reader@example.fi";
    let body = json!({"register": "jaccara", "kind": "inspection", "language": "en",
        "requester": {"name": "Reader", "email": email}});
    let answer: serde_json::Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
    let reference = answer["reference"].as_str().unwrap().to_owned();
    let verification = app.last_mail_to(email).await;
    let link = app.settings.http.public_url.link("/r/jaccara/privacy?lang=en");
    assert!(verification.text().contains(&link), "{}", verification.text());
    assert!(verification.html().contains(&format!("href=\"{link}\"")));
    let code = verification.code();
    let r = app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
    assert_eq!(r.status(), 200);
    let receipt = app.last_mail_to(email).await;
    assert!(receipt.text().contains(&link) && receipt.html().contains(&link));
    // The link leads to the notice.
    assert!(page(&app, "/r/jaccara/privacy?lang=en").await.contains("1004339-7"));
}

/// A register folder with the shipped registers, `jaccara` without its Swedish texts.
fn registers_with_jaccara_untranslated_into_swedish() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for key in ["jaccara", "jerone", "jokkerit", "konekesko", "webstrella"] {
        let text =
            std::fs::read_to_string(project_root().join(format!("config/registers/{key}.toml"))).unwrap();
        let text = if key == "jaccara" {
            text.lines()
                .filter(|l| !(l.starts_with("sv = ") || l.contains(".sv = ")))
                .map(|l| l.replace(", sv = \"aktiebolag\"", ""))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            text
        };
        std::fs::write(dir.path().join(format!("{key}.toml")), text).unwrap();
    }
    dir
}

#[tokio::test]
async fn a_missing_translation_falls_back_visibly_to_the_original() {
    let dir = registers_with_jaccara_untranslated_into_swedish();
    let app = app::spawn_app_with(app::Options {
        registers_dir: Some(dir.path().to_owned()),
        ..Default::default()
    })
    .await;
    let sv = page(&app, "/r/jaccara/privacy?lang=sv").await;
    assert!(sv.contains("Vissa texter har inte översatts och visas på originalspråket (finska)."), "{sv}");
    assert!(sv.contains(
        "<span lang=\"fi\">Mielipidetutkimukset ja suoramarkkinointi.</span> <small class=\"untranslated\">(inte översatt: originaltext på finska)</small>"
    ));
    // The page's own words stay Swedish.
    assert!(sv.contains("berättigade intressen hos den personuppgiftsansvarige eller en tredje part"));
    assert!(!sv.contains("class=\"translation\""), "nothing of jaccara's is in Swedish now");
    let en = page(&app, "/r/jaccara/privacy?lang=en").await;
    assert!(en.contains("<span lang=\"en\" class=\"translation\">Opinion polls and direct marketing.</span> <small class=\"tr-mark\">(translation)</small>"));
    assert!(!en.contains("class=\"untranslated\""));
    let fi = page(&app, "/r/jaccara/privacy?lang=fi").await;
    assert!(!fi.contains("class=\"untranslated\"") && !fi.contains("class=\"translation\""));
}

/// Konekesko publishes only a phone number and Webstrella only the contact person's name: their
/// requests run end to end with the contact person's notices going to the register's handlers (or,
/// with none, the administrators), replies to the desk and the footer showing how to reach the
/// contact person (by phone; through the desk, by replying).
#[tokio::test]
async fn registers_whose_contact_person_has_no_email_work_end_to_end() {
    let app = spawn_app().await;
    account(&app, "handler@konekesko.fi", StaffRole::Handler, &["konekesko"]).await;
    account(&app, "admin@desk.fi", StaffRole::Admin, &[]).await;
    let desk = "desk@dsr-desk.test";
    let [fi, en] = [Tr::new(Language::Fi), Tr::new(Language::En)];
    for (key, staff, language, reach, reply) in [
        (
            "konekesko",
            "handler@konekesko.fi",
            Language::Fi,
            "Antti Riuttala, 050 599 1101".to_owned(),
            fi.get("email-footer-automatic-desk"),
        ),
        (
            "webstrella",
            "admin@desk.fi",
            Language::En,
            en.fmt("email-footer-contact-desk", &[("name", "Jyri Tähtelä")]),
            en.get("email-footer-automatic-reply-desk"),
        ),
    ] {
        let email = format!("customer@{key}.example");
        let body = json!({"register": key, "kind": "inspection", "language": language,
            "requester": {"name": "Customer", "email": email}});
        let answer: serde_json::Value = app.post_json("/api/v1/requests", &body).await.json().await.unwrap();
        let reference = answer["reference"].as_str().unwrap().to_owned();
        let verification = app.last_mail_to(&email).await;
        let t = Tr::new(language);
        // A requester's email: replies reach the desk, and the footer tells how to reach the
        // contact person instead of promising that a reply reaches them directly.
        let from_the_desk = |m: &Captured| {
            let reply_to =
                m.parsed().reply_to().and_then(|a| a.first()).and_then(|a| a.address()).map(str::to_owned);
            assert_eq!(reply_to.as_deref(), Some(desk), "{key}");
            assert!(m.text().contains(&reach) && m.html().contains(&html(&reach)), "{key}: {}", m.text());
            assert!(m.text().contains(&reply), "{key}");
            assert!(!m.text().contains(&t.get("email-footer-automatic")), "{key}: no reply promised");
            assert!(!m.text().contains("tahtela"), "{key}");
        };
        from_the_desk(&verification);
        let code = verification.code();
        let r = app.post_json(&format!("/api/v1/requests/{reference}/verify"), &json!({"code": code})).await;
        assert_eq!(r.status(), 200);
        from_the_desk(&app.last_mail_to(&email).await);
        // The contact person's notice of the new request goes to the register's staff.
        let notice = app.last_mail_to(staff).await;
        assert!(notice.subject().contains(&reference), "{key}: {}", notice.subject());
        assert!(notice.text().contains(&format!("/staff/requests/{reference}")));
        // A handler's question reaches the requester with the desk as Reply-To.
        let admin = StaffClient::ready(&app, &format!("worker@{key}.fi"), StaffRole::Admin, &[]).await;
        assert_eq!(admin.act(&reference, "claim", &[]).await.status(), 303);
        let r = admin
            .act(
                &reference,
                "ask",
                &[
                    ("reason", "identity"),
                    ("doubt", "details_do_not_match"),
                    ("question", "Your customer number?"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        from_the_desk(&app.last_mail_to(&email).await);
    }
    // Nothing is addressed to a placeholder.
    for m in app.deliver().await {
        assert!(m.rcpt_to.iter().all(|r| !r.ends_with(".invalid")), "{:?}", m.rcpt_to);
    }
}

#[tokio::test]
async fn a_register_with_a_contact_email_keeps_it_as_reply_to() {
    let app = spawn_app().await;
    let reference = verified_request(&app, "jokkerit", "keeps@example.fi").await;
    let receipt = app.last_mail_to("keeps@example.fi").await;
    assert_eq!(receipt.reference(), reference);
    assert_eq!(
        receipt.parsed().reply_to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("jouko.paunonen@jokkerit.fi")
    );
}
