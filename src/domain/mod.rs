//! The pure domain: value types parsed at the edge, register descriptions, deadlines and holiday
//! calendars. Nothing here knows actix or diesel, so it is tested with plain unit and property tests.

pub mod answer;
pub mod audit;
pub mod contact;
pub mod deadline;
pub mod event;
pub mod holidays;
pub mod ids;
pub mod lifecycle;
pub mod message;
pub mod register;
pub mod report;
pub mod request;
pub mod second_factor;
pub mod sources;
pub mod verification;
pub mod vocab;
pub mod webhook;

pub use contact::{Email, PostalAddress};
pub use holidays::Jurisdiction;
pub use ids::DeliveryId;
pub use ids::{ApiKeyId, AttachmentId, JobId, LetterId, OutboxId, Reference, RequestId, StaffId};
pub use message::{Msg, Problem};
pub use register::Register;
pub use vocab::{
    CollectionStatus, EntryChannel, ErasureOutcome, EventKind, IdentityDoubt, IdentityMethod, ItemOutcome,
    Language, LegalBasis, ObjectionChannel, ObjectionPurpose, OverridingGrounds, PortabilityFormat, Proof,
    QuestionReason, RequestChannel, RequestKind, RestrictionGround, Safeguard, SignInMethod, SourceKind,
    StaffRole,
};
pub use vocab::{DeliveryStatus, WebhookEvent};
