//! The answer to a portability request (GDPR Art 20): a message and at least one machine-readable
//! file (JSON that parses, or CSV as UTF-8 text), delivered through the download link; and, when
//! the requester asked for direct transmission to another controller (Art 20(2)), what became of it.

use super::{Answer, AnswerInput, Problem, optional_text, required_text};
use crate::domain::Msg;
use crate::domain::PortabilityFormat;

/// What the portability checks need to know of an uploaded file.
#[derive(Debug, Clone, Copy)]
pub struct FileFacts<'a> {
    pub name: &'a str,
    pub content_type: &'a str,
    pub content: &'a [u8],
}

impl FileFacts<'_> {
    /// The machine-readable format of the file, by its name's extension or its content type.
    pub fn format(&self) -> Option<PortabilityFormat> {
        let name = self.name.to_ascii_lowercase();
        let content_type = self.content_type.to_ascii_lowercase();
        let media = content_type.split(';').next().unwrap_or("").trim();
        if name.ends_with(".json") || media == "application/json" || media.ends_with("+json") {
            Some(PortabilityFormat::Json)
        } else if name.ends_with(".csv") || media == "text/csv" {
            Some(PortabilityFormat::Csv)
        } else {
            None
        }
    }
}

/// Checks the answer form of a portability request; `receiving_controller` is the controller the
/// requester asked the data to be transmitted to, if any.
pub(super) fn check(
    receiving_controller: Option<&str>,
    input: &AnswerInput,
    problems: &mut Vec<Problem>,
) -> Answer {
    let message =
        required_text("message", &input.message, Msg::new("what-answer-message")).unwrap_or_else(|p| {
            problems.push(p);
            String::new()
        });
    let transmission = match receiving_controller {
        Some(controller) => required_text(
            "transmission",
            &input.transmission,
            Msg::new("what-transmission").text("controller", controller),
        )
        .map(Some),
        None => optional_text("transmission", &input.transmission, Msg::new("what-transmission-note")),
    }
    .unwrap_or_else(|p| {
        problems.push(p);
        None
    });
    Answer::Portability { message, transmission }
}

/// Checks the files of a portability answer: at least one machine-readable file (`.json` or
/// `.csv`, by name or content type), of the `preferred` format when the requester named one; every
/// JSON file parses and every CSV file is UTF-8 text, none empty.
pub fn check_portable_files(
    preferred: Option<PortabilityFormat>,
    files: &[FileFacts<'_>],
) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut formats = Vec::new();
    for file in files {
        let Some(format) = file.format() else { continue };
        formats.push(format);
        let broken = if file.content.is_empty() {
            Some(Msg::new("problem-file-empty"))
        } else {
            match format {
                PortabilityFormat::Json => serde_json::from_slice::<serde::de::IgnoredAny>(file.content)
                    .err()
                    .map(|e| Msg::new("problem-file-not-json").text("error", e)),
                PortabilityFormat::Csv => {
                    std::str::from_utf8(file.content).err().map(|_| Msg::new("problem-file-not-utf8"))
                }
            }
        };
        if let Some(broken) = broken {
            problems.push(Problem::new("attachments", broken.text("file", file.name)));
        }
    }
    if formats.is_empty() {
        problems.push(Problem::new("attachments", Msg::new("problem-portability-no-file")));
    } else if let Some(preferred) = preferred.filter(|p| !formats.contains(p)) {
        problems.push(Problem::new(
            "attachments",
            Msg::new("problem-portability-format")
                .text("format", preferred.as_str().to_uppercase())
                .text("extension", preferred.extension()),
        ));
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::super::check_answer;
    use super::*;
    use crate::domain::request::RequestDetails;

    fn file<'a>(name: &'a str, content_type: &'a str, content: &'a [u8]) -> FileFacts<'a> {
        FileFacts { name, content_type, content }
    }

    fn messages(r: Result<(), Vec<Problem>>) -> Vec<String> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| format!("{}: {}", p.field, crate::i18n::english(&p.message)))
            .collect()
    }

    #[test]
    fn the_answer_needs_a_message_and_a_transmission_note_when_one_was_asked_for() {
        let asked = RequestDetails::Portability {
            scope: None,
            format: None,
            receiving_controller: Some("Other Shop Oy".into()),
        };
        let problems = check_answer(&asked, &AnswerInput::default()).unwrap_err();
        assert_eq!(
            problems.iter().map(|p| p.field.as_str()).collect::<Vec<_>>(),
            ["message", "transmission"]
        );
        assert!(crate::i18n::english(&problems[1].message).contains("Other Shop Oy"), "{problems:?}");
        let input = AnswerInput {
            message: "Your data".into(),
            transmission: "Sent to Other Shop Oy's API on 3 March".into(),
            ..Default::default()
        };
        let answer = check_answer(&asked, &input).unwrap();
        assert_eq!(answer.outcome(), "provided");
        assert!(answer.carries_files() && !answer.refuses_part());
        let not_asked = RequestDetails::Portability { scope: None, format: None, receiving_controller: None };
        let input = AnswerInput { message: "Your data".into(), ..Default::default() };
        assert_eq!(
            check_answer(&not_asked, &input).unwrap(),
            Answer::Portability { message: "Your data".into(), transmission: None }
        );
    }

    #[test]
    fn a_machine_readable_file_is_known_by_its_extension_or_content_type() {
        assert_eq!(file("data.JSON", "", b"").format(), Some(PortabilityFormat::Json));
        assert_eq!(
            file("data", "application/json; charset=utf-8", b"").format(),
            Some(PortabilityFormat::Json)
        );
        assert_eq!(file("data", "application/ld+json", b"").format(), Some(PortabilityFormat::Json));
        assert_eq!(
            file("orders.csv", "application/octet-stream", b"").format(),
            Some(PortabilityFormat::Csv)
        );
        assert_eq!(file("orders", "text/csv", b"").format(), Some(PortabilityFormat::Csv));
        assert_eq!(file("scan.pdf", "application/pdf", b"").format(), None);
    }

    #[test]
    fn the_files_must_hold_a_valid_machine_readable_file_of_the_preferred_format() {
        let json = file("data.json", "application/json", br#"{"orders": [1, 2]}"#);
        let csv = file("orders.csv", "text/csv", b"order,date\n1,2026-03-02\n");
        let pdf = file("letter.pdf", "application/pdf", b"%PDF-1.7");
        assert!(check_portable_files(None, &[json]).is_ok());
        assert!(check_portable_files(Some(PortabilityFormat::Csv), &[csv, pdf]).is_ok());
        assert!(check_portable_files(Some(PortabilityFormat::Json), &[json, csv]).is_ok());

        let none = messages(check_portable_files(None, &[pdf]));
        assert_eq!(none.len(), 1);
        assert!(none[0].starts_with("attachments: a portability answer carries"), "{none:?}");
        assert_eq!(messages(check_portable_files(None, &[])), none);
        let wrong = messages(check_portable_files(Some(PortabilityFormat::Json), &[csv]));
        assert_eq!(wrong, ["attachments: the requester asked for JSON: attach at least one .json file"]);

        let broken = file("data.json", "application/json", b"{\"orders\": [1, 2");
        let broken = messages(check_portable_files(None, &[broken]));
        assert!(broken[0].starts_with("attachments: the file data.json is not valid JSON"), "{broken:?}");
        let latin1 = file("orders.csv", "text/csv", b"name\n\xe4iti\n");
        assert_eq!(
            messages(check_portable_files(None, &[latin1])),
            ["attachments: the file orders.csv is not UTF-8 text"]
        );
        let empty = file("orders.csv", "text/csv", b"");
        assert_eq!(
            messages(check_portable_files(None, &[empty])),
            ["attachments: the file orders.csv is empty"]
        );
    }
}
