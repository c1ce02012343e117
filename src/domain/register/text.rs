//! Texts of a register description. Each is written in the register's original language (the
//! language of its register description: the controller's own words) and may carry translations
//! into the other languages of the desk. A translation is shown as one; a language without one
//! falls back to the original, visibly.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::FieldError;
use crate::domain::vocab::Language;

/// A text as written in a register file: one string (in the register's original language), or a
/// table of texts by language, e.g. `{ fi = "Asiakassuhteen hoito", en = "Customer relations" }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged, expecting = "a text, or a table of texts by language (fi, sv, en, et)")]
pub enum TextFile {
    Plain(String),
    ByLanguage(BTreeMap<String, String>),
}

/// Where a shown text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The register description's own words, in its original language.
    Original,
    /// A translation of the original into the language asked for.
    Translation,
    /// No translation into the language asked for: the original is shown instead.
    Fallback,
}

/// One text as shown in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized<'a> {
    pub text: &'a str,
    /// The language `text` is written in (the original's when it falls back).
    pub language: Language,
    pub origin: Origin,
}

impl Localized<'_> {
    /// A translation of the original (to be shown marked as one).
    pub fn is_translation(&self) -> bool {
        self.origin == Origin::Translation
    }

    /// The original shown in place of a missing translation (to be shown with a note).
    pub fn is_fallback(&self) -> bool {
        self.origin == Origin::Fallback
    }
}

/// A validated text: the original and any translations, each trimmed and non-empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalizedText {
    original: Language,
    texts: BTreeMap<Language, String>,
}

impl LocalizedText {
    /// The text in the original language only.
    pub fn new(original: Language, text: &str) -> Self {
        Self { original, texts: BTreeMap::from([(original, text.trim().to_owned())]) }
    }

    /// Adds or replaces the translation into `language`.
    pub fn with(mut self, language: Language, text: &str) -> Self {
        self.texts.insert(language, text.trim().to_owned());
        self
    }

    /// The original language.
    pub fn original_language(&self) -> Language {
        self.original
    }

    /// The text in the original language.
    pub fn original(&self) -> &str {
        self.texts.get(&self.original).map_or("", String::as_str)
    }

    /// The text to show in `language`: the original, a translation, or the original in place of a
    /// missing translation.
    pub fn get(&self, language: Language) -> Localized<'_> {
        match self.texts.get(&language) {
            Some(text) if language == self.original => Localized { text, language, origin: Origin::Original },
            Some(text) => Localized { text, language, origin: Origin::Translation },
            None => Localized { text: self.original(), language: self.original, origin: Origin::Fallback },
        }
    }

    /// The languages this text is written in (the original among them).
    pub fn languages(&self) -> impl Iterator<Item = Language> + '_ {
        self.texts.keys().copied()
    }

    /// Validates the text of `field` as written; the original language's text is required and
    /// every text has at most `max` characters. Problems are added to `errors`.
    pub(super) fn parse(
        field: &str,
        raw: &TextFile,
        original: Language,
        max: usize,
        errors: &mut Vec<FieldError>,
    ) -> Option<Self> {
        let before = errors.len();
        let mut texts = BTreeMap::new();
        let mut problems = Vec::new();
        let check = |field: String, text: &str| {
            let text = text.trim();
            if text.is_empty() {
                Err(FieldError::new(field, "is empty"))
            } else if text.chars().count() > max {
                Err(FieldError::new(field, format!("is longer than {max} characters")))
            } else {
                Ok(text.to_owned())
            }
        };
        let mut add = |checked: Result<String, FieldError>, language: Language| match checked {
            Ok(text) => {
                texts.insert(language, text);
            }
            Err(problem) => problems.push(problem),
        };
        match raw {
            TextFile::Plain(text) => add(check(field.to_owned(), text), original),
            TextFile::ByLanguage(by_language) => {
                for (code, text) in by_language {
                    match code.parse::<Language>() {
                        Ok(language) => add(check(format!("{field}.{code}"), text), language),
                        Err(e) => {
                            add(Err(FieldError::new(format!("{field}.{code}"), e.to_string())), original)
                        }
                    }
                }
                if !by_language.contains_key(original.as_str()) {
                    add(
                        Err(FieldError::new(
                            field,
                            format!("needs the text in the register's original language `{original}`"),
                        )),
                        original,
                    );
                }
            }
        }
        errors.extend(problems);
        (errors.len() == before).then_some(Self { original, texts })
    }
}

impl Serialize for LocalizedText {
    /// As a register file writes it: a table of texts by language.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.texts.iter().map(|(language, text)| (language.as_str(), text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: TextFile) -> Result<LocalizedText, Vec<String>> {
        let mut errors = Vec::new();
        LocalizedText::parse("purpose", &raw, Language::Fi, 50, &mut errors)
            .ok_or_else(|| errors.iter().map(ToString::to_string).collect())
    }

    fn table(pairs: &[(&str, &str)]) -> TextFile {
        TextFile::ByLanguage(pairs.iter().map(|(l, t)| ((*l).to_owned(), (*t).to_owned())).collect())
    }

    #[test]
    fn the_original_translations_and_fallbacks_are_told_apart() {
        let text = parse(table(&[("fi", "Asiakassuhteen hoito"), ("en", "Customer relations")])).unwrap();
        assert_eq!(text.get(Language::Fi).origin, Origin::Original);
        let en = text.get(Language::En);
        assert_eq!((en.text, en.language, en.is_translation()), ("Customer relations", Language::En, true));
        let sv = text.get(Language::Sv);
        assert_eq!((sv.text, sv.language, sv.is_fallback()), ("Asiakassuhteen hoito", Language::Fi, true));
    }

    #[test]
    fn a_plain_string_is_the_original() {
        let text = parse(TextFile::Plain("  Asiakasrekisteri ".into())).unwrap();
        assert_eq!(text.original(), "Asiakasrekisteri");
        assert_eq!(text.languages().collect::<Vec<_>>(), [Language::Fi]);
    }

    #[test]
    fn the_original_is_required_and_languages_and_lengths_are_checked() {
        let err = parse(table(&[("en", "Customer relations")])).unwrap_err();
        assert_eq!(err, ["field `purpose`: needs the text in the register's original language `fi`"]);
        let err = parse(table(&[("fi", "x"), ("de", "y"), ("sv", " ")])).unwrap_err();
        assert!(err[0].starts_with("field `purpose.de`: unknown language `de`"), "{err:?}");
        assert_eq!(err[1], "field `purpose.sv`: is empty");
        let err = parse(TextFile::Plain("x".repeat(51))).unwrap_err();
        assert_eq!(err, ["field `purpose`: is longer than 50 characters"]);
    }

    #[test]
    fn it_serialises_as_a_table_by_language() {
        let text = LocalizedText::new(Language::Et, "Kliendiregister").with(Language::Fi, "Asiakasrekisteri");
        let json = serde_json::to_value(&text).unwrap();
        assert_eq!(json, serde_json::json!({"fi": "Asiakasrekisteri", "et": "Kliendiregister"}));
        let back: TextFile = serde_json::from_value(json).unwrap();
        let mut errors = Vec::new();
        assert_eq!(LocalizedText::parse("x", &back, Language::Et, 100, &mut errors), Some(text));
    }
}
