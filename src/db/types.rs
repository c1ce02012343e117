//! The domain's types as column values, mapped once: each closed vocabulary to its `text` column
//! (written by its wire name, read back through its parser), each row id to its `bigint` key and
//! the request reference to its `text` column. A stored value the domain does not know is a
//! deserialisation error, which [`super::DbError`] reports as a corrupt row, never a default.

use std::io::Write;

use diesel::deserialize::{self, FromSql};
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{BigInt, Text};

use crate::domain::audit::AuditAction;
use crate::domain::lifecycle::Status;
use crate::domain::{
    ApiKeyId, AttachmentId, CollectionStatus, EventKind, IdentityMethod, JobId, Jurisdiction, Language,
    LetterId, ObjectionChannel, ObjectionPurpose, OutboxId, QuestionReason, Reference, RequestChannel,
    RequestId, RequestKind, SignInMethod, StaffId, StaffRole,
};
use crate::domain::{DeliveryId, DeliveryStatus, WebhookEvent};

/// Maps closed vocabularies (types with `as_str` and `FromStr`) to `text` columns.
macro_rules! text_vocabulary {
    ($($ty:ty),+ $(,)?) => {$(
        const _: () = {
            // diesel's derives, written for the domain type from here: the domain stays pure.
            #[derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
            #[diesel(foreign_derive, sql_type = Text)]
            #[expect(dead_code, reason = "declares the derives; never built")]
            struct Column($ty);
        };

        impl FromSql<Text, Pg> for $ty {
            fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
                let text = std::str::from_utf8(value.as_bytes())?;
                Ok(text.parse::<$ty>()?)
            }
        }

        impl ToSql<Text, Pg> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                out.write_all(self.as_str().as_bytes())?;
                Ok(IsNull::No)
            }
        }
    )+};
}

text_vocabulary!(
    Status,
    RequestKind,
    RequestChannel,
    Language,
    StaffRole,
    IdentityMethod,
    EventKind,
    QuestionReason,
    ObjectionPurpose,
    ObjectionChannel,
    Jurisdiction,
    AuditAction,
    SignInMethod,
    CollectionStatus,
    WebhookEvent,
    DeliveryStatus,
);

/// Maps row-id newtypes to `bigint` columns.
macro_rules! bigint_id {
    ($($ty:ident),+ $(,)?) => {$(
        const _: () = {
            #[derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
            #[diesel(foreign_derive, sql_type = BigInt)]
            #[expect(dead_code, reason = "declares the derives; never built")]
            struct Column($ty);
        };

        impl FromSql<BigInt, Pg> for $ty {
            fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
                <i64 as FromSql<BigInt, Pg>>::from_sql(value).map($ty)
            }
        }

        impl ToSql<BigInt, Pg> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <i64 as ToSql<BigInt, Pg>>::to_sql(&self.0, out)
            }
        }
    )+};
}

bigint_id!(RequestId, StaffId, AttachmentId, LetterId, ApiKeyId, OutboxId, JobId, DeliveryId);

const _: () = {
    #[derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
    #[diesel(foreign_derive, sql_type = Text)]
    #[expect(dead_code, reason = "declares the derives; never built")]
    struct Column(Reference);
};

impl FromSql<Text, Pg> for Reference {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        <String as FromSql<Text, Pg>>::from_sql(value).map(Reference::from_stored)
    }
}

impl ToSql<Text, Pg> for Reference {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        out.write_all(self.as_str().as_bytes())?;
        Ok(IsNull::No)
    }
}
