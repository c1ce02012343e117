//! Choosing the page language: an explicit `lang` parameter, else the browser's Accept-Language,
//! else the register's first language; a page about one request prefers the request's language to
//! the browser's.

use actix_web::HttpRequest;
use actix_web::http::header::ACCEPT_LANGUAGE;

use crate::domain::Language;

/// A link of the language switch.
pub struct LangLink {
    pub code: &'static str,
    pub label: &'static str,
    pub href: String,
    pub current: bool,
}

/// The language for this request.
pub fn choose(req: &HttpRequest, explicit: Option<&str>, fallback: Language) -> Language {
    if let Some(lang) = explicit.and_then(|l| l.parse::<Language>().ok()) {
        return lang;
    }
    let header = req.headers().get(ACCEPT_LANGUAGE).and_then(|h| h.to_str().ok()).unwrap_or("");
    from_accept_language(header).unwrap_or(fallback)
}

/// The language of a page about one request (verification, status, download): an explicit `lang`
/// (the language switch), else the request's own language, whatever the browser prefers, so that
/// a request reads in one language from the form to the answer.
pub fn of_request(explicit: Option<&str>, request: Language) -> Language {
    explicit.and_then(|l| l.parse::<Language>().ok()).unwrap_or(request)
}

/// The most preferred of our languages in an Accept-Language header (q-values honoured).
pub fn from_accept_language(header: &str) -> Option<Language> {
    let mut best: Option<(f32, Language)> = None;
    for part in header.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        if let Ok(lang) = primary.parse::<Language>()
            && q > 0.0
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l)
}

/// The language switch for a page at `path` (query string `lang=` appended).
pub fn links(path: &str, current: Language) -> Vec<LangLink> {
    [(Language::Fi, "Suomi"), (Language::Sv, "Svenska"), (Language::En, "English"), (Language::Et, "Eesti")]
        .into_iter()
        .map(|(lang, label)| LangLink {
            code: lang.as_str(),
            label,
            href: format!("{path}?lang={lang}"),
            current: lang == current,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported() {
        assert_eq!(from_accept_language("sv-FI,sv;q=0.9,en;q=0.8"), Some(Language::Sv));
        assert_eq!(from_accept_language("de-DE,en;q=0.5,fi;q=0.7"), Some(Language::Fi));
        assert_eq!(from_accept_language("de"), None);
        assert_eq!(from_accept_language("et;q=0,en;q=0.1"), Some(Language::En));
    }

    #[test]
    fn a_request_page_speaks_the_request_language_unless_switched() {
        assert_eq!(of_request(None, Language::Sv), Language::Sv);
        assert_eq!(of_request(Some("fi"), Language::Sv), Language::Fi);
        assert_eq!(of_request(Some("de"), Language::Sv), Language::Sv);
    }
}
