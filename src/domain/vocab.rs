//! The closed vocabularies of the product: languages, request kinds, objection purposes and
//! channels. Each parses from and prints as its stable wire name.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Declares a closed enum whose variants have stable snake_case wire names.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable wire name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($wire => Ok($name::$variant),)+
                    _ => Err(UnknownValue {
                        what: $what,
                        value: s.chars().take(40).collect(),
                        allowed: &[$($wire),+],
                    }),
                }
            }
        }
    };
}

/// A value outside a closed vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{value}`; expected one of: {}", allowed.join(", "))]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
    pub allowed: &'static [&'static str],
}

vocabulary!(
    /// Languages of forms, emails and answers.
    Language, "language" { Fi => "fi", Sv => "sv", En => "en", Et => "et" }
);

vocabulary!(
    /// What the data subject asks for.
    RequestKind, "request kind" {
        Inspection => "inspection",
        Correction => "correction",
        Objection => "objection",
        Erasure => "erasure",
        Restriction => "restriction",
        GeneralObjection => "general_objection",
        Portability => "portability",
    }
);

impl RequestKind {
    /// The translation key naming this kind in running text.
    pub fn message_key(self) -> &'static str {
        match self {
            RequestKind::Inspection => "kind-inspection",
            RequestKind::Correction => "kind-correction",
            RequestKind::Objection => "kind-objection",
            RequestKind::Erasure => "kind-erasure",
            RequestKind::Restriction => "kind-restriction",
            RequestKind::GeneralObjection => "kind-general_objection",
            RequestKind::Portability => "kind-portability",
        }
    }
}

vocabulary!(
    /// The grounds of a request to restrict processing, GDPR Art 18(1)(a)–(d).
    RestrictionGround, "restriction ground" {
        AccuracyContested => "accuracy_contested",
        UnlawfulProcessing => "unlawful_processing",
        LegalClaims => "legal_claims",
        ObjectionPending => "objection_pending",
    }
);

impl RestrictionGround {
    /// The point of GDPR Art 18(1): `a` to `d`.
    pub fn letter(self) -> &'static str {
        match self {
            RestrictionGround::AccuracyContested => "a",
            RestrictionGround::UnlawfulProcessing => "b",
            RestrictionGround::LegalClaims => "c",
            RestrictionGround::ObjectionPending => "d",
        }
    }

    /// The translation key of the ground in words.
    pub fn message_key(self) -> String {
        format!("restriction-ground-{}", self.as_str())
    }
}

vocabulary!(
    /// The machine-readable format a requester of portability prefers (GDPR Art 20(1)).
    PortabilityFormat, "format" { Json => "json", Csv => "csv" }
);

impl PortabilityFormat {
    /// The file name extension of the format, without the dot.
    pub fn extension(self) -> &'static str {
        self.as_str()
    }
}

vocabulary!(
    /// Why a controller goes on processing despite a general objection (GDPR Art 21(1)): compelling
    /// legitimate grounds that override the requester's interests, or legal claims.
    OverridingGrounds, "overriding grounds" {
        CompellingGrounds => "compelling_grounds",
        LegalClaims => "legal_claims",
    }
);

impl OverridingGrounds {
    /// The translation key of the grounds in words.
    pub fn message_key(self) -> String {
        format!("overriding-grounds-{}", self.as_str())
    }
}

vocabulary!(
    /// Purposes a data subject may forbid (the seeds' *kielto-oikeus*, Personal Data Act §30).
    ObjectionPurpose, "objection purpose" {
        DirectAdvertising => "direct_advertising",
        DistanceSelling => "distance_selling",
        OtherDirectMarketing => "other_direct_marketing",
        MarketResearch => "market_research",
        OpinionPolls => "opinion_polls",
        PersonDirectories => "person_directories",
        Genealogy => "genealogy",
    }
);

vocabulary!(
    /// The lawful basis of a purpose of processing (GDPR Art 6(1)(a)–(f)). A register file names it
    /// by its wire name or by the point's letter (`a`–`f`).
    LegalBasis, "legal basis" {
        Consent => "consent",
        Contract => "contract",
        LegalObligation => "legal_obligation",
        VitalInterests => "vital_interests",
        PublicTask => "public_task",
        LegitimateInterests => "legitimate_interests",
    }
);

impl LegalBasis {
    /// The point of GDPR Art 6(1): `a` to `f`.
    pub fn letter(self) -> &'static str {
        match self {
            LegalBasis::Consent => "a",
            LegalBasis::Contract => "b",
            LegalBasis::LegalObligation => "c",
            LegalBasis::VitalInterests => "d",
            LegalBasis::PublicTask => "e",
            LegalBasis::LegitimateInterests => "f",
        }
    }

    /// The basis from its wire name or the letter of its point of Art 6(1).
    pub fn parse(raw: &str) -> Result<Self, UnknownValue> {
        let raw = raw.trim();
        LegalBasis::ALL.iter().copied().find(|b| b.letter() == raw).map_or_else(|| raw.parse(), Ok)
    }

    /// The translation key of the basis in words.
    pub fn message_key(self) -> String {
        format!("legal-basis-{}", self.as_str())
    }
}

vocabulary!(
    /// Where a register's data come from (GDPR Art 13 when from the data subject, Art 14(2)(f)
    /// otherwise), as the seeds' *säännönmukaiset tietolähteet* name them.
    SourceKind, "source" {
        DataSubject => "data_subject",
        PublicSources => "public_sources",
        Partners => "partners",
        UpdateServices => "update_services",
    }
);

impl SourceKind {
    /// The translation key of the source in words.
    pub fn message_key(self) -> String {
        format!("source-{}", self.as_str())
    }
}

vocabulary!(
    /// What makes a transfer outside the EU/EEA lawful (GDPR Chapter V): an adequacy decision
    /// (Art 45), an Art 46 safeguard, or an Art 49 derogation. `not_stated` records that the
    /// register description names none.
    Safeguard, "transfer safeguard" {
        AdequacyDecision => "adequacy_decision",
        StandardContractualClauses => "standard_contractual_clauses",
        BindingCorporateRules => "binding_corporate_rules",
        CodeOfConduct => "code_of_conduct",
        Certification => "certification",
        Derogation => "derogation",
        NotStated => "not_stated",
    }
);

impl Safeguard {
    /// The translation key of the safeguard in words (with its article).
    pub fn message_key(self) -> String {
        format!("safeguard-{}", self.as_str())
    }
}

vocabulary!(
    /// Channels over which marketing may be forbidden.
    ObjectionChannel, "channel" { Email => "email", Sms => "sms", Phone => "phone", Post => "post" }
);

vocabulary!(
    /// Staff roles: an admin sees everything; a handler works the registers granted to them.
    StaffRole, "role" { Admin => "admin", Handler => "handler" }
);

vocabulary!(
    /// Further identity assurance a handler may record (DESIGN.md "Identity verification").
    IdentityMethod, "identity method" {
        SignedLetter => "signed_letter",
        IdentityDocument => "identity_document",
        StrongElectronicIdentification => "strong_electronic_identification",
        CustomerAccount => "customer_account",
        KnownPhone => "known_phone",
    }
);

vocabulary!(
    /// Why the requester is asked something (both pause the clock, LAW.md 1.4).
    QuestionReason, "question reason" { Identity => "identity", Clarification => "clarification" }
);

vocabulary!(
    /// Why there is reasonable doubt about who is asking, the only ground on which identity
    /// information may be asked for (GDPR Art 12(6)); recorded with the question.
    IdentityDoubt, "identity doubt" {
        EmailNotOnRecord => "email_not_on_record",
        DetailsDoNotMatch => "details_do_not_match",
        SensitiveData => "sensitive_data",
        Other => "other",
    }
);

impl QuestionReason {
    /// The translation key of the question email's opening sentence.
    pub fn intro_key(self) -> &'static str {
        match self {
            QuestionReason::Identity => "clarification-intro-identity",
            QuestionReason::Clarification => "clarification-intro-clarification",
        }
    }
}

vocabulary!(
    /// How a request entered by staff reached the controller.
    EntryChannel, "channel" { Letter => "letter", Phone => "phone", Visit => "visit", Email => "email" }
);

vocabulary!(
    /// What became of one correction item (GDPR Art 16).
    ItemOutcome, "item outcome" {
        Corrected => "corrected",
        Deleted => "deleted",
        Completed => "completed",
        Rejected => "rejected",
    }
);

vocabulary!(
    /// What became of an erasure request (GDPR Art 17).
    ErasureOutcome, "erasure outcome" {
        Erased => "erased",
        Anonymised => "anonymised",
        PartlyRefused => "partly_refused",
    }
);

vocabulary!(
    /// How a request reached the controller: the web form, the JSON API, or entered by staff from
    /// a letter, a call, a visit or an email.
    RequestChannel, "channel" {
        Web => "web",
        Api => "api",
        Letter => "letter",
        Phone => "phone",
        Visit => "visit",
        Email => "email",
    }
);

impl RequestChannel {
    /// Whether the request came through the web form or the API, where only possession of the
    /// email address was proven.
    pub fn is_self_service(self) -> bool {
        matches!(self, RequestChannel::Web | RequestChannel::Api)
    }
}

impl From<EntryChannel> for RequestChannel {
    fn from(c: EntryChannel) -> Self {
        match c {
            EntryChannel::Letter => RequestChannel::Letter,
            EntryChannel::Phone => RequestChannel::Phone,
            EntryChannel::Visit => RequestChannel::Visit,
            EntryChannel::Email => RequestChannel::Email,
        }
    }
}

vocabulary!(
    /// What happened to a request: the kind of each event of its timeline.
    EventKind, "event kind" {
        Submitted => "submitted",
        VerificationFailed => "verification_failed",
        CodeResent => "code_resent",
        Verified => "verified",
        Expired => "expired",
        SuppressionRecorded => "suppression_recorded",
        SuppressionLifted => "suppression_lifted",
        Claimed => "claimed",
        Assigned => "assigned",
        NoteAdded => "note_added",
        IdentityVerified => "identity_verified",
        RequesterAsked => "requester_asked",
        RequesterAnswered => "requester_answered",
        DeadlineExtended => "deadline_extended",
        Completed => "completed",
        Refused => "refused",
        Withdrawn => "withdrawn",
        ReminderSent => "reminder_sent",
        AnswerOpened => "answer_opened",
        AttachmentDownloaded => "attachment_downloaded",
        Anonymised => "anonymised",
        LetterPosted => "letter_posted",
        DataCollected => "data_collected",
        DataCollectionRequested => "data_collection_requested",
        DataExcluded => "data_excluded",
        ErasureApproved => "erasure_approved",
        ErasedInSources => "erased_in_sources",
    }
);

vocabulary!(
    /// What an audit record records (`domain::audit`).
    AuditAction, "audit action" {
        AccountCreated => "account_created",
        RegistersChanged => "registers_changed",
        AccountDisabled => "account_disabled",
        AccountEnabled => "account_enabled",
        PasswordReset => "password_reset",
        PasswordChanged => "password_changed",
        PasswordResetRequested => "password_reset_requested",
        PasswordResetByEmail => "password_reset_by_email",
        SignedIn => "signed_in",
        SignInFailed => "sign_in_failed",
        SignedOut => "signed_out",
        ApiKeyCreated => "api_key_created",
        ApiKeyRevoked => "api_key_revoked",
        ApiKeyUsed => "api_key_used",
        RegisterDeactivated => "register_deactivated",
        RequestViewed => "request_viewed",
        SecondFactorEnabled => "second_factor_enabled",
        SecondFactorDisabled => "second_factor_disabled",
        SecondFactorResetByAdmin => "second_factor_reset_by_admin",
        RecoveryCodesRenewed => "recovery_codes_renewed",
        RecoveryCodeUsed => "recovery_code_used",
    }
);

vocabulary!(
    /// Where a data source's lookup stands for a request (`domain::sources`).
    CollectionStatus, "collection status" {
        Pending => "pending",
        Ok => "ok",
        Empty => "empty",
        Failed => "failed",
        NotRun => "not_run",
    }
);

vocabulary!(
    /// How a staff session was opened: the second factor is asked of password sign-ins only; a
    /// single sign-on provider is responsible for its own.
    SignInMethod, "sign-in method" {
        Password => "password",
        PasswordTotp => "password_totp",
        Sso => "sso",
    }
);

vocabulary!(
    /// How a requester may prove who they are when confirming a request: possession of the email
    /// address (link or code), or strong electronic identification through an OpenID Connect
    /// provider.
    Proof, "proof" { Email => "email", Oidc => "oidc" }
);

vocabulary!(
    /// What an objection webhook tells a marketing system (`domain::webhook`).
    WebhookEvent, "webhook event" {
        ObjectionRecorded => "objection.recorded",
        ObjectionLifted => "objection.lifted",
    }
);

vocabulary!(
    /// Where the delivery of one webhook event to one endpoint stands.
    DeliveryStatus, "delivery status" {
        Pending => "pending",
        Delivered => "delivered",
        Failing => "failing",
        Failed => "failed",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for p in ObjectionPurpose::ALL {
            assert_eq!(p.as_str().parse::<ObjectionPurpose>().unwrap(), *p);
            assert_eq!(serde_json::to_string(p).unwrap(), format!("\"{p}\""));
        }
        assert_eq!("et".parse::<Language>().unwrap(), Language::Et);
    }

    #[test]
    fn a_legal_basis_is_named_by_word_or_by_its_point_of_article_6_1() {
        assert_eq!(LegalBasis::parse("contract").unwrap(), LegalBasis::Contract);
        assert_eq!(LegalBasis::parse("f").unwrap(), LegalBasis::LegitimateInterests);
        assert_eq!(LegalBasis::ALL.iter().map(|b| b.letter()).collect::<String>(), "abcdef");
        let err = LegalBasis::parse("g").unwrap_err().to_string();
        assert!(err.starts_with("unknown legal basis `g`; expected one of: consent, contract"), "{err}");
    }

    #[test]
    fn unknown_values_list_the_allowed_ones() {
        let err = "spam".parse::<RequestKind>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown request kind `spam`; expected one of: inspection, correction, objection, erasure, \
             restriction, general_objection, portability"
        );
    }
}
