//! Translations: Fluent files under `locales/<language>/`, compiled into the binary. A message
//! missing in a language falls back to English; a test lists every untranslated key.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

use crate::domain::Language;
use crate::domain::message::{Arg, Msg};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks around arguments would end up inside links and codes.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The translator for one language, handed to templates as `t`.
#[derive(Debug, Clone)]
pub struct Tr {
    language: Language,
    id: LanguageIdentifier,
}

fn language_id(language: Language) -> LanguageIdentifier {
    // The four codes are valid BCP 47 tags; English is the safe fallback.
    language.as_str().parse().unwrap_or_else(|_| LanguageIdentifier::default())
}

impl Tr {
    pub fn new(language: Language) -> Self {
        Self { language, id: language_id(language) }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// The message `key`, falling back to English.
    pub fn get(&self, key: &str) -> String {
        LOCALES.lookup(&self.id, key)
    }

    /// The message `key`, if this language or English has it.
    pub fn try_get(&self, key: &str) -> Option<String> {
        LOCALES.try_lookup(&self.id, key)
    }

    /// The message `key` with named arguments.
    pub fn fmt(&self, key: &str, args: &[(&str, &str)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Owned((*name).to_owned()), FluentValue::from((*value).to_owned())))
            .collect();
        LOCALES.lookup_with_args(&self.id, key, &args)
    }

    /// A message with its arguments, each in this language's words.
    pub fn msg(&self, message: &Msg) -> String {
        let args: Vec<(&str, String)> = message
            .args()
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(text) => text.clone(),
                    Arg::Term(key) => self.get(key),
                    Arg::Nested(inner) => self.msg(inner),
                    Arg::Date(date) => self.date(date),
                };
                (*name, value)
            })
            .collect();
        let args: Vec<(&str, &str)> = args.iter().map(|(name, value)| (*name, value.as_str())).collect();
        self.fmt(message.key(), &args)
    }

    /// A calendar date as people of this language write it.
    pub fn date(&self, date: impl std::borrow::Borrow<NaiveDate>) -> String {
        let date = date.borrow();
        match self.language {
            Language::En => {
                let month = self.get(&format!("month-{}", date.month()));
                format!("{} {month} {}", date.day(), date.year())
            }
            Language::Fi | Language::Sv | Language::Et => {
                format!("{}.{}.{}", date.day(), date.month(), date.year())
            }
        }
    }
}

/// A message in English: the API's language, and the logs'.
pub fn english(message: &Msg) -> String {
    Tr::new(Language::En).msg(message)
}

impl Tr {
    /// A local date and time to the minute as people of this language write it ("5.3.2026 klo
    /// 11.30", "5 March 2026 at 11:30"); the caller converts to the reader's time zone first.
    pub fn date_time(&self, at: NaiveDateTime) -> String {
        let date = self.date(at.date());
        let (h, m) = (at.hour(), at.minute());
        match self.language {
            Language::Fi => format!("{date} klo {h}.{m:02}"),
            Language::Sv => format!("{date} kl. {h}.{m:02}"),
            Language::En => format!("{date} at {h}:{m:02}"),
            Language::Et => format!("{date} kell {h}:{m:02}"),
        }
    }
}

/// The Fluent sources of each language, as compiled in (used to list keys; lookups go through
/// the loader above).
fn sources(language: Language) -> [&'static str; 8] {
    macro_rules! ftl {
        ($lang:literal) => {
            [
                include_str!(concat!("../locales/", $lang, "/common.ftl")),
                include_str!(concat!("../locales/", $lang, "/emails.ftl")),
                include_str!(concat!("../locales/", $lang, "/forms.ftl")),
                include_str!(concat!("../locales/", $lang, "/identify.ftl")),
                include_str!(concat!("../locales/", $lang, "/notice.ftl")),
                include_str!(concat!("../locales/", $lang, "/reasons.ftl")),
                include_str!(concat!("../locales/", $lang, "/staff_actions.ftl")),
                include_str!(concat!("../locales/", $lang, "/staff.ftl")),
            ]
        };
    }
    match language {
        Language::En => ftl!("en"),
        Language::Fi => ftl!("fi"),
        Language::Sv => ftl!("sv"),
        Language::Et => ftl!("et"),
    }
}

/// Every message key defined for `language`, sorted.
pub fn keys(language: Language) -> Vec<String> {
    let mut keys: Vec<String> = sources(language)
        .iter()
        .flat_map(|file| file.lines())
        .filter_map(|line| line.split_once(" ="))
        .map(|(key, _)| key)
        .filter(|key| {
            !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .map(str::to_owned)
        .collect();
    keys.sort();
    keys
}

/// Keys of the English reference missing in `language` (shown with English text until translated).
pub fn untranslated(language: Language) -> Vec<String> {
    let present = keys(language);
    keys(Language::En).into_iter().filter(|k| present.binary_search(k).is_err()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_file_is_checked() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en");
        let files = std::fs::read_dir(dir).unwrap().filter(|e| e.as_ref().unwrap().path().is_file()).count();
        assert_eq!(files, sources(Language::En).len(), "a file of {dir} is missing from `sources`");
    }

    #[test]
    fn every_english_key_is_translated_into_every_language() {
        assert!(keys(Language::En).len() > 10);
        let mut missing = Vec::new();
        for language in Language::ALL {
            for key in untranslated(*language) {
                missing.push(format!("{language}: {key}"));
            }
        }
        assert!(missing.is_empty(), "untranslated keys:\n{}", missing.join("\n"));
    }

    /// Every string literal in `src/` that reads like a reason's key (`refused-…`, `problem-…`,
    /// `what-…`, `action-…`): a key missing from the locales would reach the reader as its name.
    #[test]
    fn every_reason_key_in_the_code_has_its_words() {
        fn literals(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    literals(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    found.extend(text.split('"').skip(1).step_by(2).map(str::to_owned));
                }
            }
        }
        let mut found = Vec::new();
        literals(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut found);
        let keys = keys(Language::En);
        let reasons: Vec<&String> = found
            .iter()
            .filter(|l| {
                ["refused-", "problem-", "what-", "action-"].iter().any(|p| l.starts_with(p))
                    && l.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            })
            .collect();
        assert!(reasons.len() > 50, "the scan finds the reasons: {}", reasons.len());
        let missing: Vec<&&String> = reasons.iter().filter(|k| keys.binary_search(k).is_err()).collect();
        assert!(missing.is_empty(), "reason keys without words: {missing:?}");
    }

    #[test]
    fn a_message_renders_its_arguments_in_the_readers_words() {
        use crate::domain::lifecycle::Status;
        let refused = Msg::new("refused-transition")
            .state("state", Status::InProgress)
            .term("action", "action-claimed");
        assert_eq!(english(&refused), "a request that is in progress cannot be claimed");
        assert_eq!(
            Tr::new(Language::Fi).msg(&refused),
            "pyyntöä, jonka tila on ”käsittelyssä”, ei voi ottaa itselle"
        );
        let late = Msg::new("refused-extension-window-closed")
            .date("deadline", NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        assert!(
            Tr::new(Language::Sv).msg(&late).contains("(2.3.2026)"),
            "{}",
            Tr::new(Language::Sv).msg(&late)
        );
        let required = Msg::new("problem-required")
            .nested("what", Msg::new("what-transmission").text("controller", "Acme"));
        assert!(Tr::new(Language::Et).msg(&required).contains("vastutavale töötlejale Acme"));
        assert_eq!(english(&Msg::verbatim("as typed")), "as typed");
    }

    #[test]
    fn a_language_without_the_message_falls_back_to_english() {
        let german: LanguageIdentifier = "de".parse().unwrap();
        let english = Tr::new(Language::En).get("kind-inspection");
        assert_eq!(LOCALES.lookup(&german, "kind-inspection"), english);
        assert_ne!(Tr::new(Language::Fi).get("kind-inspection"), english);
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2025, 12, 29).unwrap();
        assert_eq!(Tr::new(Language::Fi).date(d), "29.12.2025");
        assert_eq!(Tr::new(Language::En).date(d), "29 December 2025");
        let at = d.and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(Tr::new(Language::Fi).date_time(at), "29.12.2025 klo 9.05");
        assert_eq!(Tr::new(Language::Sv).date_time(at), "29.12.2025 kl. 9.05");
        assert_eq!(Tr::new(Language::En).date_time(at), "29 December 2025 at 9:05");
        assert_eq!(Tr::new(Language::Et).date_time(at), "29.12.2025 kell 9:05");
    }

    /// Every message of `language`, joined, for terminology checks.
    fn all_text(language: Language) -> String {
        let t = Tr::new(language);
        keys(language).iter().map(|k| t.get(k)).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn the_legal_terms_are_the_ones_each_language_uses() {
        // sv: the right of access is "tillgång till personuppgifter", the receipt a
        // "mottagningsbekräftelse".
        let sv = Tr::new(Language::Sv);
        assert_eq!(sv.get("kind-inspection"), "tillgång till personuppgifter");
        let sv_all = all_text(Language::Sv).to_lowercase();
        assert!(!sv_all.contains("granskning") && !sv_all.contains("kvitto"), "sv");
        // et: "vastuväide otseturustusele", "otseturustus" throughout, "kuid hiljemalt", and the
        // regulation named in full.
        let et = Tr::new(Language::Et);
        assert_eq!(et.get("kind-objection"), "vastuväide otseturustusele");
        let et_all = all_text(Language::Et);
        assert!(!et_all.contains("otseturund"), "et: otseturustus, not otseturundus");
        let deadline = et.fmt("receipt-deadline", &[("deadline", "2.4.2026"), ("extended", "2.6.2026")]);
        assert!(deadline.contains("kuid hiljemalt"), "{deadline}");
        assert!(et.get("answer-judicial-remedy").contains("isikuandmete kaitse üldmääruse artikkel 79"));
        // Every language: an unconfirmed request is received but not handled (R1), in the email
        // and in the form's help under the email field (not "nothing is processed").
        for (language, words) in [
            (Language::En, "will not be handled until you confirm"),
            (Language::Fi, "ei käsitellä ennen kuin vahvistat"),
            (Language::Sv, "handläggs inte förrän du har bekräftat"),
            (Language::Et, "ei menetleta enne, kui olete"),
        ] {
            let t = Tr::new(language);
            let intro = t.fmt("verification-intro", &[("kind", "x"), ("register", "y")]);
            for text in [intro, t.get("form-email-help")] {
                assert!(text.contains(words), "{language}: {text}");
            }
        }
        for (language, nothing_processed) in [
            (Language::En, &["othing is processed", "othing will be processed", "othing gets processed"][..]),
            (Language::Fi, &["mitään ei käsitellä"][..]),
            (
                Language::Sv,
                &["ingenting behandlas", "inget behandlas", "ingenting handläggs", "inget handläggs"][..],
            ),
            (Language::Et, &["midagi ei menetleta", "midagi ei töödelda"][..]),
        ] {
            let all = all_text(language).to_lowercase();
            for phrase in nothing_processed {
                assert!(!all.contains(phrase), "{language}: \"{phrase}\"");
            }
        }
        // Confirming confirms the request, which was received when it was submitted (R1): the link
        // page says so, not that confirming sends it; the timeline says confirmed, not received.
        for (language, submitted, sent, confirmed, received) in [
            (
                Language::En,
                "received when you submitted it",
                "send your request",
                "request confirmed",
                &["received"][..],
            ),
            (
                Language::Fi,
                "vastaanotettiin jo silloin, kun lähetit sen",
                "lähetetään rekisterinpitäjälle",
                "pyyntö vahvistettu",
                &["vastaanotettu", "saapunut"][..],
            ),
            (
                Language::Sv,
                "togs emot redan när du skickade den",
                "skickas din begäran",
                "begäran bekräftad",
                &["mottagen", "tagits emot"][..],
            ),
            (
                Language::Et,
                "saabus juba siis, kui Te selle esitasite",
                "saadetakse vastutavale",
                "taotlus kinnitatud",
                &["vastu võetud", "saabunud", "saabus"][..],
            ),
        ] {
            let t = Tr::new(language);
            let body = t.get("verify-link-body");
            assert!(body.contains(submitted) && !body.contains(sent), "{language}: {body}");
            for key in ["event-verified", "event-verified-identified"] {
                let event = t.get(key).to_lowercase();
                assert!(event.contains(confirmed), "{language}: {key} = {event}");
                assert!(received.iter().all(|r| !event.contains(r)), "{language}: {key} = {event}");
            }
        }
    }
}
