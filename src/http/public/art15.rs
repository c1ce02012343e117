//! The information of GDPR Art 15(1)(a)–(h) and 15(2) that opens every inspection answer (the
//! download page and its printable form), rendered from the register's description in the
//! request's language: purposes and legal bases, categories, recipients, storage, the rights, the
//! right to complain, the sources, automated decisions and transfers.

use askama::Template;

use super::privacy::{portability_may_apply, untranslated};
use crate::domain::register::{Localized, Notice, Statement};
use crate::domain::{Jurisdiction, Language, LegalBasis, Register};
use crate::i18n::Tr;

#[derive(Template)]
#[template(path = "public/art15.html")]
pub(crate) struct Art15Block<'a> {
    t: Tr,
    n: Notice<'a>,
    /// The other country's authority, named too when the requester writes in its language (a
    /// requester may complain where they live: Art 77(1)).
    other_authority: Option<Jurisdiction>,
    /// The outcome "no personal data held": the block says so, and the rest still applies.
    no_data_held: bool,
    /// The key of the opening sentence: the answer follows the block (a page), or precedes it (a
    /// letter).
    intro_key: &'static str,
}

impl<'a> Art15Block<'a> {
    pub(crate) fn new(register: &'a Register, language: Language, no_data_held: bool) -> Self {
        let other_authority = match (register.jurisdiction, language) {
            (Jurisdiction::Fi, Language::Et) => Some(Jurisdiction::Ee),
            (Jurisdiction::Ee, Language::Fi | Language::Sv) => Some(Jurisdiction::Fi),
            _ => None,
        };
        Self {
            t: Tr::new(language),
            n: register.notice(language),
            other_authority,
            no_data_held,
            intro_key: "art15-intro",
        }
    }

    /// The block placed after the answer, as in a letter.
    pub(crate) fn after_the_answer(self) -> Self {
        Self { intro_key: "art15-intro-after", ..self }
    }

    fn untranslated(&self, text: &Localized<'_>) -> String {
        untranslated(&self.t, text)
    }

    fn is_consent(&self, basis: &LegalBasis) -> bool {
        *basis == LegalBasis::Consent
    }

    fn portability_may_apply(&self) -> bool {
        portability_may_apply(&self.n)
    }
}
