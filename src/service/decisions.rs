//! What a handler does with a request: assign it, record further identity assurance, ask the
//! requester (the clock pauses), record the answer (it resumes), extend the deadline once, answer
//! or refuse. Each action locks the request, checks the lifecycle and deadline rules in the domain
//! layer, and writes its change, its event and its email in one transaction.

use chrono::{DateTime, Days, NaiveDate, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::Context;
use super::auth::StaffUser;
use super::letters;
use super::queue::{ActionError, lock_visible};
use super::staff_notices::{self, Notice, To};
use crate::db::requests::RequestRow;
use crate::db::{self, DbError, answers, requests};
use crate::domain::answer::{self, Answer, AnswerInput, Problem};
use crate::domain::deadline::{self, Deadlines};
use crate::domain::event::Actor;
use crate::domain::lifecycle::{Action, Status};
use crate::domain::request::RequestDetails;
use crate::domain::verification::{self, Purpose};
use crate::domain::{EventKind, IdentityDoubt, IdentityMethod, Msg, QuestionReason, Register, StaffId};
use crate::email::{self, Email, StaffNoticeEvent};

/// A request locked for an action, with what every action needs.
pub(crate) struct Locked<'a> {
    pub row: RequestRow,
    pub status: Status,
    pub register: &'a Register,
    /// Today in the register's time zone.
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

impl Locked<'_> {
    fn name(&self) -> String {
        self.row.requester_name.clone().unwrap_or_default()
    }

    /// Whether the requester is written to by post (no email address, a postal address).
    fn by_post(&self) -> bool {
        matches!(letters::recipient(&self.row), Some(letters::Recipient::Post))
    }

    fn details(&self) -> Result<RequestDetails, ActionError> {
        serde_json::from_value(self.row.details.clone())
            .map_err(|_| ActionError::Refused(Msg::new("refused-details-gone")))
    }

    /// The state after `action`, or the domain's explanation why not.
    fn next(&self, action: Action) -> Result<Status, ActionError> {
        self.status.apply(action).map_err(|e| ActionError::Refused(e.message()))
    }

    async fn event(
        &self,
        conn: &mut AsyncPgConnection,
        user: &StaffUser,
        kind: EventKind,
        payload: serde_json::Value,
    ) -> Result<(), DbError> {
        db::events::append(
            conn,
            self.row.id,
            self.row.reference.as_str(),
            &Actor::Staff(user.id),
            kind,
            payload,
            self.now,
        )
        .await
    }

    async fn mail(
        &self,
        conn: &mut AsyncPgConnection,
        ctx: &Context,
        email: Email,
    ) -> Result<(), ActionError> {
        // By email, or as a letter to a requester without email.
        match letters::to_requester(conn, ctx, &self.row, self.register, email, self.now).await? {
            Some(_) => Ok(()),
            None => Err(ActionError::Refused(Msg::new("refused-no-address"))),
        }
    }

    /// The answer email's common part (no answer, reasons, link or complaint yet).
    fn answer_mail(&self, ctx: &Context, kind: crate::domain::RequestKind) -> email::AnswerMail {
        email::AnswerMail {
            sender: ctx.sender(self.register, self.row.language),
            reference: self.row.reference.to_string(),
            name: self.name(),
            kind,
            received_on: self.row.received_on,
            answer: None,
            reasons: None,
            download: None,
            enclosed: Vec::new(),
            complaint: None,
            authority: Some(self.authority_line()),
            systems: Vec::new(),
        }
    }

    /// The register's supervisory authority on one line, in the request's language.
    fn authority_line(&self) -> String {
        self.register.notice(self.row.language).authority.line()
    }

    /// Recomputes and stores the deadlines from the pauses recorded so far.
    async fn refresh_deadlines(
        &self,
        conn: &mut AsyncPgConnection,
        extended: bool,
    ) -> Result<Deadlines, DbError> {
        let pauses = requests::pauses(conn, self.row.id).await?;
        let d = deadline::compute(self.register.jurisdiction, self.row.received_on, &pauses, self.today);
        requests::set_deadlines(conn, self.row.id, &d, extended, self.now).await?;
        Ok(d)
    }
}

/// Locks the request `reference` of `user`'s registers inside the caller's transaction.
pub(crate) async fn locked<'a>(
    conn: &mut AsyncPgConnection,
    ctx: &'a Context,
    user: &StaffUser,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<Locked<'a>, ActionError> {
    let row = lock_visible(conn, user, reference).await?;
    let status = row.status;
    let register = ctx.any_register(&row.register_key).ok_or_else(|| {
        DbError::corrupt(format!("request {} of unconfigured register {}", row.reference, row.register_key))
    })?;
    let today = deadline::receipt_date(register.jurisdiction, now);
    Ok(Locked { row, status, register, today, now })
}

/// Opens a connection and a transaction around an action's body.
macro_rules! in_transaction {
    ($ctx:expr, $user:expr, $reference:expr, |$conn:ident, $r:ident| $body:block) => {{
        let now = $ctx.clock.now();
        let mut conn = db::conn(&$ctx.pool).await?;
        conn.transaction::<_, ActionError, _>(async |$conn| {
            let $r = locked($conn, $ctx, $user, $reference, now).await?;
            $body
        })
        .await
    }};
}

fn invalid(problem: Problem) -> ActionError {
    ActionError::Invalid(vec![problem])
}

/// `action` is the key of the action's past participle ("assigned").
fn open_only(r: &Locked<'_>, action: &'static str) -> Result<(), ActionError> {
    if r.status.is_open() {
        Ok(())
    } else {
        Err(ActionError::Refused(
            Msg::new("refused-transition").state("state", r.status).term("action", action),
        ))
    }
}

/// Answering or refusing a request that waits for the requester's answer closes the question
/// unanswered (its pause ends today), but only once the handler has confirmed it: the requester
/// may still be writing. Returns whether a question was closed.
async fn close_open_question(
    conn: &mut AsyncPgConnection,
    r: &Locked<'_>,
    confirmed: bool,
) -> Result<bool, ActionError> {
    if r.status != Status::AwaitingRequester {
        return Ok(false);
    }
    if !confirmed {
        return Err(ActionError::Refused(Msg::new("refused-question-open")));
    }
    requests::close_questions_unanswered(conn, r.row.id, r.today).await?;
    Ok(true)
}

/// Assigns the request to a staff member who may see its register (or to nobody).
pub async fn assign(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    assignee: Option<StaffId>,
) -> Result<(), ActionError> {
    in_transaction!(ctx, user, reference, |conn, r| {
        open_only(&r, "action-assigned")?;
        if let Some(id) = assignee {
            let eligible = db::assignees::eligible_for(conn, &r.register.key).await?;
            if !eligible.iter().any(|staff| staff.id == id) {
                return Err(ActionError::invalid("assignee", Msg::new("problem-assignee")));
            }
        }
        requests::assign(conn, r.row.id, assignee, r.now).await?;
        r.event(conn, user, EventKind::Assigned, json!({ "assignee": assignee })).await?;
        // Whoever assigns a request to themselves knows it already.
        if let Some(id) = assignee.filter(|id| *id != user.id) {
            let notice = Notice {
                event: StaffNoticeEvent::Assigned,
                to: To::Staff(id),
                by: Some(user.name.clone()),
                deadline: r.row.effective_deadline,
            };
            staff_notices::notify(conn, ctx, r.register, &r.row, notice, r.now).await?;
        }
        Ok(())
    })
}

/// Records further identity assurance decided by the handler (method and note).
pub async fn record_identity(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    method: IdentityMethod,
    note: &str,
) -> Result<(), ActionError> {
    let note =
        answer::required_text("identity_note", note, Msg::new("what-identity-note")).map_err(invalid)?;
    in_transaction!(ctx, user, reference, |conn, r| {
        open_only(&r, "action-identity-checked")?;
        requests::set_identity_method(conn, r.row.id, method, r.now).await?;
        // The note may describe documents seen; it is kept as a note, the event names the method.
        db::notes::add(conn, r.row.id, user.id, &format!("Identity ({method}): {note}"), r.now).await?;
        // Why it was checked (Art 12(6)): the register's setting for an answer that discloses
        // data, or the handler's judgement (a doubt is recorded with the question that asked).
        let ground =
            if r.register.requires_identity_check(r.row.kind) { "register_setting" } else { "handler" };
        r.event(conn, user, EventKind::IdentityVerified, json!({ "method": method, "ground": ground }))
            .await?;
        Ok(())
    })
}

/// Asks the requester for identity information or a clarification: the state becomes
/// `awaiting_requester` and the deadline clock pauses from today (LAW.md §1.4).
pub async fn ask_requester(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    reason: QuestionReason,
    doubt: Option<IdentityDoubt>,
    question: &str,
) -> Result<(), ActionError> {
    let question = answer::required_text("question", question, Msg::new("what-question")).map_err(invalid)?;
    // Identity information may be asked for only where there is reasonable doubt (Art 12(6)):
    // the ground is recorded with the question.
    let doubt = match (reason, doubt) {
        (QuestionReason::Identity, None) => {
            return Err(ActionError::invalid("doubt", Msg::new("problem-doubt")));
        }
        (QuestionReason::Identity, Some(d)) => Some(d),
        (QuestionReason::Clarification, _) => None,
    };
    in_transaction!(ctx, user, reference, |conn, r| {
        let next = r.next(Action::AskRequester)?;
        requests::add_question(conn, r.row.id, reason, r.today, &question).await?;
        // The question carries its own link to the status page, where it can be answered.
        let token = verification::new_token();
        requests::add_status_link(conn, r.row.id, &ctx.hasher.hash(Purpose::StatusToken, &token), r.now)
            .await?;
        let status_link = ctx.link(&format!("/status/{token}?lang={}", r.row.language));
        requests::set_status(conn, r.row.id, next, None, r.now).await?;
        let d = r.refresh_deadlines(conn, r.row.extended).await?;
        // Policy 5: a question long after receipt may not pause the clock in an auditor's eyes.
        let late = deadline::question_is_late(r.register.jurisdiction, r.row.received_on, r.today);
        r.event(
            conn,
            user,
            EventKind::RequesterAsked,
            json!({
                "reason": reason,
                "doubt": doubt,
                "asked_on": r.today,
                "late": late,
                "projected_deadline": d.due(r.row.extended),
            }),
        )
        .await?;
        r.mail(
            conn,
            ctx,
            Email::Clarification(email::Clarification {
                sender: ctx.sender(r.register, r.row.language),
                reference: r.row.reference.to_string(),
                name: r.name(),
                reason,
                question: question.clone(),
                status_link: Some(status_link),
            }),
        )
        .await
    })
}

/// The requester's answer arrived on `arrived_on` (recorded by staff, or sent from the status
/// page that day): the pause closes on that date and work resumes with the deadline moved by the
/// paused days.
pub(crate) async fn resume(
    conn: &mut AsyncPgConnection,
    r: &Locked<'_>,
    actor: &Actor,
    arrived_on: NaiveDate,
    answer_text: Option<&str>,
) -> Result<Deadlines, ActionError> {
    let next = r.next(Action::RequesterAnswered)?;
    let pauses = requests::pauses(conn, r.row.id).await?;
    deadline::check_arrival(&pauses, arrived_on, r.today)
        .map_err(|e| ActionError::invalid("arrived_on", e.message()))?;
    requests::answer_questions(conn, r.row.id, arrived_on, answer_text).await?;
    requests::set_status(conn, r.row.id, next, None, r.now).await?;
    let d = r.refresh_deadlines(conn, r.row.extended).await?;
    db::events::append(
        conn,
        r.row.id,
        r.row.reference.as_str(),
        actor,
        EventKind::RequesterAnswered,
        json!({
            "answered_on": arrived_on,
            "recorded_on": r.today,
            "paused_days": d.paused_days,
            "deadline": d.due(r.row.extended),
        }),
        r.now,
    )
    .await?;
    Ok(d)
}

/// Staff record that the requester's answer arrived (by email, letter or phone) on `arrived_on`
/// (default today): the pause ends on the day it arrived, not on the day it is recorded.
pub async fn record_answer(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    arrived_on: Option<NaiveDate>,
    note: &str,
) -> Result<(), ActionError> {
    in_transaction!(ctx, user, reference, |conn, r| {
        resume(conn, &r, &Actor::Staff(user.id), arrived_on.unwrap_or(r.today), None).await?;
        if !note.trim().is_empty() {
            let note = answer::required_text("answer_note", note, Msg::new("what-note")).map_err(invalid)?;
            db::notes::add(conn, r.row.id, user.id, &format!("Requester's answer: {note}"), r.now).await?;
        }
        Ok(())
    })
}

/// Extends the deadline once, to three months from receipt (plus pauses), with reasons; refused
/// after the one-month deadline (GDPR Art 12(3), LAW.md §1.5). The requester is told the new
/// deadline and the reasons.
pub async fn extend(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    reasons: &str,
) -> Result<(), ActionError> {
    let reasons =
        answer::required_text("reasons", reasons, Msg::new("what-extension-reasons")).map_err(invalid)?;
    in_transaction!(ctx, user, reference, |conn, r| {
        open_only(&r, "action-extended")?;
        let pauses = requests::pauses(conn, r.row.id).await?;
        deadline::can_extend(r.register.jurisdiction, r.row.received_on, &pauses, r.today, r.row.extended)
            .map_err(|e| ActionError::Refused(e.message()))?;
        let d = r.refresh_deadlines(conn, true).await?;
        r.event(
            conn,
            user,
            EventKind::DeadlineExtended,
            json!({ "previous_deadline": d.deadline, "extended_deadline": d.extended_deadline }),
        )
        .await?;
        r.mail(
            conn,
            ctx,
            Email::Extension(email::Extension {
                sender: ctx.sender(r.register, r.row.language),
                reference: r.row.reference.to_string(),
                name: r.name(),
                received_on: r.row.received_on,
                new_deadline: d.extended_deadline,
                reasons: reasons.clone(),
                authority: Some(r.authority_line()),
            }),
        )
        .await
    })
}

/// A file of an inspection or portability answer as uploaded.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// Completes the request with its answer. An inspection or portability answer (message and files;
/// for portability at least one machine-readable file) is delivered through a download link that
/// asks the requester to confirm their email address again and expires; what was disclosed (sizes,
/// SHA-256) is recorded in the event.
pub async fn complete(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    input: &AnswerInput,
    uploads: Vec<Upload>,
) -> Result<(), ActionError> {
    let total: usize = uploads.iter().map(|u| u.content.len()).sum();
    if total > ctx.settings.answers.max_attachment_bytes {
        return Err(ActionError::invalid(
            "attachments",
            Msg::new("problem-attachments-too-large")
                .text("total", total)
                .text("limit", ctx.settings.answers.max_attachment_bytes),
        ));
    }
    in_transaction!(ctx, user, reference, |conn, r| {
        // The state first: a closed or unverified request takes no answer, whatever the form says.
        let completed = r.next(Action::Complete)?;
        let details = r.details()?;
        let decided = answer::check_answer(&details, input).map_err(ActionError::Invalid)?;
        let question_closed = close_open_question(conn, &r, input.close_question).await?;
        // The data collected from the company's systems, as reviewed, become files of the answer.
        let mut uploads = uploads;
        if decided.carries_files() {
            let format = match &details {
                RequestDetails::Portability { format, .. } => *format,
                _ => None,
            };
            if let Some((files, found)) =
                super::collection::copy_files(conn, r.register, &r.row, r.row.language, format).await?
            {
                if found > 0 && matches!(decided, Answer::Inspection { no_data_held: true, .. }) {
                    return Err(ActionError::invalid(
                        "no_data_held",
                        Msg::new("problem-no-data-but-found").text("rows", found),
                    ));
                }
                if !matches!(decided, Answer::Inspection { no_data_held: true, .. }) {
                    uploads.extend(files.into_iter().map(|f| Upload {
                        file_name: f.file_name,
                        content_type: f.content_type,
                        content: f.content,
                    }));
                }
            }
        }
        let mut systems: Vec<(String, String)> = Vec::new();
        if matches!(details, RequestDetails::Erasure { .. }) && !decided.is_refusal() {
            super::collection::erasure_finished(conn, r.register, &r.row).await?;
            for done in db::collections::erasures_of(conn, r.row.id).await? {
                let line = (done.source, done.effect);
                if !systems.contains(&line) {
                    systems.push(line);
                }
            }
        }
        check_portable_files(&details, &uploads)?;
        // Rejecting every item is a refusal: it closes as refused and is judged by the one-month
        // deadline, never the extended one.
        let next = if decided.is_refusal() { r.next(Action::Refuse)? } else { completed };
        // A register may demand more than email possession before personal data is disclosed.
        let email_only = r.row.channel.is_self_service() && r.row.identity_method.is_none();
        if r.register.requires_identity_check(r.row.kind) && email_only {
            return Err(ActionError::Refused(Msg::new("refused-identity-check-first")));
        }
        if !uploads.is_empty() && matches!(decided, Answer::Inspection { no_data_held: true, .. }) {
            return Err(ActionError::invalid("attachments", Msg::new("problem-no-data-no-files")));
        }
        if !uploads.is_empty() && !decided.carries_files() {
            return Err(ActionError::invalid("attachments", Msg::new("problem-files-only-inspection")));
        }
        // A letter encloses the files instead of linking to them (the link's code goes by email).
        let by_post = r.by_post();
        let download = if decided.carries_files() && !by_post {
            let token = verification::new_token();
            let expires = r.now + chrono::Duration::days(i64::from(ctx.settings.answers.download_link_days));
            Some((token, expires))
        } else {
            None
        };
        let token_hash = download.as_ref().map(|(t, _)| ctx.hasher.hash(Purpose::DownloadToken, t));
        answers::insert(
            conn,
            answers::NewAnswer {
                request_id: r.row.id,
                outcome: decided.outcome(),
                message: Some(decided.message()),
                details: serde_json::to_value(&decided)
                    .map_err(|e| DbError::corrupt(format!("answer not serialisable: {e}")))?,
                staff_id: user.id,
                answered_at: r.now,
                download: token_hash.as_deref().zip(download.as_ref().map(|(_, e)| *e)),
            },
        )
        .await?;
        let mut disclosed = Vec::new();
        for upload in &uploads {
            let digest = Sha256::digest(&upload.content);
            answers::add_attachment(
                conn,
                r.row.id,
                &upload.file_name,
                &upload.content_type,
                &upload.content,
                &digest,
                r.now,
            )
            .await?;
            // A file name may name the person; the event (kept for good) records size and digest.
            disclosed.push(json!({ "bytes": upload.content.len(), "sha256": hex::encode(digest) }));
        }
        requests::close(conn, r.row.id, next, decided.outcome(), r.now).await?;
        // The copy is in the answer's files now; the collected rows are no longer needed.
        db::collections::delete_records(conn, r.row.id).await?;
        let items: Vec<_> = match &decided {
            Answer::Correction { items, recipients, no_recipients, .. } => vec![json!({
                "items": items.iter().map(|i| json!({ "outcome": i.outcome })).collect::<Vec<_>>(),
                "recipients_informed": !recipients.is_empty(),
                "no_recipients": no_recipients,
            })],
            // The retention duty is a statute, not personal data; what is kept may describe the
            // person, so the event says only that it was stated.
            Answer::Erasure { retention_duty, kept, recipients, no_recipients, .. } => vec![json!({
                "retention_duty": retention_duty,
                "kept_stated": kept.is_some(),
                "recipients_informed": !recipients.is_empty(),
                "no_recipients": no_recipients,
            })],
            Answer::Restriction {
                decision: answer::RestrictionDecision::Restricted { recipients, .. },
                ..
            } => {
                vec![json!({ "restricted": true, "recipients_informed": !recipients.is_empty() })]
            }
            Answer::GeneralObjection {
                decision: answer::ObjectionDecision::Rejected { grounds }, ..
            } => {
                vec![json!({ "overriding_grounds": grounds })]
            }
            Answer::Portability { transmission, .. } => {
                vec![json!({ "transmission_recorded": transmission.is_some() })]
            }
            _ => Vec::new(),
        };
        // A refusal, whole or in part, is due by the one-month deadline (Art 12(4)); a partial one
        // sent later, inside an extension, is allowed but recorded as late (LAW.md §1.5).
        let pauses = requests::pauses(conn, r.row.id).await?;
        let refusal_due = decided
            .refuses_part()
            .then(|| deadline::refusal_due(r.register.jurisdiction, r.row.received_on, &pauses, r.today));
        let due = if decided.is_refusal() { refusal_due } else { r.row.effective_deadline };
        r.event(
            conn,
            user,
            if decided.is_refusal() { EventKind::Refused } else { EventKind::Completed },
            json!({
                "outcome": decided.outcome(),
                "attachments": disclosed,
                "decisions": items,
                "on_time": due.is_none_or(|d| r.today <= d),
                "refusal_due": refusal_due,
                "refusal_late": refusal_due.is_some_and(|d| r.today > d),
                "question_closed": question_closed,
            }),
        )
        .await?;
        let complaint = decided.refuses_part().then_some(r.register.jurisdiction);
        r.mail(
            conn,
            ctx,
            Email::Answer(email::AnswerMail {
                answer: Some(decided.clone()),
                download: download.as_ref().map(|(token, expires)| {
                    let last_day = deadline::receipt_date(r.register.jurisdiction, *expires)
                        .checked_sub_days(Days::new(1))
                        .unwrap_or(r.today);
                    (ctx.link(&format!("/download/{token}?lang={}", r.row.language)), last_day)
                }),
                enclosed: if by_post {
                    uploads.iter().map(|u| u.file_name.clone()).collect()
                } else {
                    Vec::new()
                },
                complaint,
                systems,
                ..r.answer_mail(ctx, details.kind())
            }),
        )
        .await
    })
}

/// Refuses to act on the request, with reasons; the email names the supervisory authority of the
/// register's jurisdiction and the judicial remedy (GDPR Art 12(4), LAW.md §6.1). A refusal is
/// due within the one-month deadline; a late one is still sent and recorded as late.
pub async fn refuse(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    reasons: &str,
    close_question: bool,
) -> Result<(), ActionError> {
    let reasons =
        answer::required_text("reasons", reasons, Msg::new("what-refusal-reasons")).map_err(invalid)?;
    in_transaction!(ctx, user, reference, |conn, r| {
        let next = r.next(Action::Refuse)?;
        let details = r.details()?;
        let question_closed = close_open_question(conn, &r, close_question).await?;
        let pauses = requests::pauses(conn, r.row.id).await?;
        let due = deadline::refusal_due(r.register.jurisdiction, r.row.received_on, &pauses, r.today);
        answers::insert(
            conn,
            answers::NewAnswer {
                request_id: r.row.id,
                outcome: "refused",
                message: Some(&reasons),
                details: json!({}),
                staff_id: user.id,
                answered_at: r.now,
                download: None,
            },
        )
        .await?;
        requests::close(conn, r.row.id, next, "refused", r.now).await?;
        r.event(
            conn,
            user,
            EventKind::Refused,
            json!({ "refusal_due": due, "late": r.today > due, "question_closed": question_closed }),
        )
        .await?;
        r.mail(
            conn,
            ctx,
            Email::Answer(email::AnswerMail {
                reasons: Some(reasons.clone()),
                complaint: Some(r.register.jurisdiction),
                ..r.answer_mail(ctx, details.kind())
            }),
        )
        .await
    })
}

/// A portability answer's files: at least one machine-readable file, valid, of the format the
/// requester prefers (GDPR Art 20(1)); other kinds are not concerned.
fn check_portable_files(details: &RequestDetails, uploads: &[Upload]) -> Result<(), ActionError> {
    let RequestDetails::Portability { format, .. } = details else { return Ok(()) };
    let files: Vec<answer::FileFacts<'_>> = uploads
        .iter()
        .map(|u| answer::FileFacts { name: &u.file_name, content_type: &u.content_type, content: &u.content })
        .collect();
    answer::check_portable_files(*format, &files).map_err(ActionError::Invalid)
}
