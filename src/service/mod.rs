//! Use cases: each function opens its transaction, applies the domain rules, writes the change,
//! its events and its emails, and commits.

pub mod admin;
pub mod audit;
pub mod auth;
pub mod collection;
pub mod contacts;
pub mod decisions;
pub mod deliveries;
pub mod download;
pub mod entry;
pub mod health;
pub mod identify;
pub mod intake;
pub mod integrations;
pub mod letters;
pub mod limits;
pub mod metrics;
pub mod oidc;
pub mod password_reset;
pub mod queue;
pub mod report;
pub mod retention;
pub mod second_factor;
pub mod staff;
pub mod staff_notices;
pub mod staff_sso;
pub mod status;
pub mod webhooks;

use std::sync::Arc;

use lettre::message::Mailbox;
use secrecy::ExposeSecret;

use crate::clock::SharedClock;
use crate::config::Settings;
use crate::db::DbPool;
use crate::domain::verification::SecretHasher;
use crate::domain::{Email as Address, Language, Register};
use crate::email::Sender;

/// What the use cases need: the pool, the clock, settings, registers and the secret hasher.
#[derive(Clone)]
pub struct Context {
    pub pool: DbPool,
    pub clock: SharedClock,
    pub settings: Arc<Settings>,
    /// The configured registers: the ones that take requests.
    pub registers: Arc<Vec<Register>>,
    /// Registers whose files were removed (`active == false`): their requests stay visible to
    /// admins, get reminders and are anonymised on schedule.
    pub retired: Arc<Vec<Register>>,
    pub hasher: SecretHasher,
    pub from: Mailbox,
    /// The registers' data sources (the company's systems), connected lazily.
    pub sources: Arc<crate::db::sources::Connections>,
    /// The identity providers' discovery documents and keys (the one cache kept in memory).
    pub oidc: Arc<oidc::Providers>,
}

impl Context {
    pub fn new(
        pool: DbPool,
        clock: SharedClock,
        settings: Arc<Settings>,
        registers: Arc<Vec<Register>>,
        retired: Arc<Vec<Register>>,
        sources: Arc<crate::db::sources::Connections>,
    ) -> Self {
        let from = settings.mail.from.mailbox().clone();
        let hasher = SecretHasher::new(settings.security.secret_key.expose_secret());
        Self { pool, clock, settings, registers, retired, hasher, from, sources, oidc: Arc::default() }
    }

    /// A configured register (one that takes requests).
    pub fn register(&self, key: &str) -> Option<&Register> {
        self.registers.iter().find(|r| r.key == key)
    }

    /// A register of stored requests: configured, or retired.
    pub fn any_register(&self, key: &str) -> Option<&Register> {
        self.register(key).or_else(|| self.retired.iter().find(|r| r.key == key))
    }

    /// Every register requests may belong to, configured ones first.
    pub fn all_registers(&self) -> impl Iterator<Item = &Register> {
        self.registers.iter().chain(self.retired.iter())
    }

    /// An absolute link into this service.
    pub fn link(&self, path: &str) -> String {
        self.settings.http.public_url.link(path)
    }

    /// Who `register`'s messages in `language` come from, linking to its privacy notice (a
    /// register no longer configured has none to link to).
    pub fn sender(&self, register: &Register, language: Language) -> Sender {
        let privacy =
            register.active.then(|| self.link(&format!("/r/{}/privacy?lang={language}", register.key)));
        Sender::of(register, language, privacy)
    }

    /// The Reply-To of an email to a requester: the register's contact person, or the desk's own
    /// address when the contact person has no email address.
    pub fn reply_to(&self, register: &Register) -> Option<Address> {
        register.contact.email.clone().or_else(|| Address::parse(self.from.email.as_ref()).ok())
    }
}
