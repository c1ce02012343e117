//! The deadline engine: LAW.md §1 (rules R1–R7, clock policy §1.4, extension window §1.5).
//!
//! Pure functions, dates in and dates out: nothing here reads the clock, so "today" is always a
//! parameter. In short:
//! - receipt date `R` = local calendar date in the register's time zone ([`receipt_date`], R1);
//! - one month = same day number next month, else that month's last day ([`add_months`], R2);
//! - a last day on a Saturday, Sunday or holiday moves to the next working day ([`roll_forward`],
//!   R3–R4);
//! - `deadline = roll(add_months(R, 1) + P)`, `extended = roll(add_months(R, 3) + P)`, where `P`
//!   is the number of calendar days the clock was paused ([`paused_days`], [`compute`], R5–R6,
//!   §1.4 policies 1–2);
//! - the deadline is the whole day: overdue only from the next day on, and never while a pause is
//!   open ([`is_overdue`], [`Deadlines::is_overdue`], R7, policy 4).

use std::fmt;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

use super::holidays::{self, Jurisdiction};

/// A question sent more than this many working days after receipt is flagged as possibly not
/// "without undue delay" (LAW.md §1.4 policy 5; a product threshold, not law).
pub const QUESTION_LATE_AFTER_WORKING_DAYS: u32 = 5;

/// `date` plus `n` calendar months (R2): the same day number, or the last day of the target month
/// when that day does not exist there (31 Jan + 1 = 28/29 Feb, 30 Nov + 3 = 28/29 Feb).
///
/// Saturates at `NaiveDate::MAX` far outside any real use.
pub fn add_months(date: NaiveDate, n: u32) -> NaiveDate {
    date.checked_add_months(Months::new(n)).unwrap_or(NaiveDate::MAX)
}

/// `date` plus `n` calendar days, saturating at `NaiveDate::MAX`.
fn add_days(date: NaiveDate, n: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(n))).unwrap_or(NaiveDate::MAX)
}

/// The first working day of `j` on or after `date` (R4): `date` itself when it is a working day.
pub fn roll_forward(j: Jurisdiction, date: NaiveDate) -> NaiveDate {
    let mut day = date;
    while !holidays::is_working_day(j, day) {
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    day
}

/// The first working day of `j` strictly after `date`.
pub fn next_working_day(j: Jurisdiction, date: NaiveDate) -> NaiveDate {
    date.succ_opt().map_or(date, |next| roll_forward(j, next))
}

/// The last working day of `j` strictly before `date`.
fn previous_working_day(j: Jurisdiction, date: NaiveDate) -> NaiveDate {
    let mut day = date;
    while let Some(prev) = day.pred_opt() {
        day = prev;
        if holidays::is_working_day(j, day) {
            break;
        }
    }
    day
}

/// The working day `n` working days before `date` (`date` itself for `n = 0`), for reminders
/// "7 and 2 working days before the deadline": stepping back from a Thursday deadline, 2 working
/// days before is the Tuesday.
///
/// Inverse of [`working_days_between`]: `working_days_between(j, working_days_before(j, d, n), d)
/// == n` for every `d`, working day or not.
pub fn working_days_before(j: Jurisdiction, date: NaiveDate, n: u32) -> NaiveDate {
    (0..n).fold(date, |day, _| previous_working_day(j, day))
}

/// The number of working days of `j` in the half-open range `[from, to)`: `from` is counted when
/// it is a working day, `to` never. Signed: when `to < from` the result is minus the count of
/// `[to, from)`, so `between(a, b) + between(b, c) == between(a, c)`. Mon → next Mon is 5.
pub fn working_days_between(j: Jurisdiction, from: NaiveDate, to: NaiveDate) -> i64 {
    if to < from {
        return -working_days_between(j, to, from);
    }
    let count =
        from.iter_days().take_while(|day| *day < to).filter(|day| holidays::is_working_day(j, *day)).count();
    i64::try_from(count).unwrap_or(i64::MAX)
}

/// The receipt date `R` of a request that arrived at `instant` (R1): the calendar date in the
/// jurisdiction's time zone, whatever the weekday; 23:30 local time on the 31st is the 31st.
pub fn receipt_date(j: Jurisdiction, instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&j.time_zone()).date_naive()
}

/// One identity (Art 12(6)) or clarification (Recital 63) question to the requester, a pause of
/// the clock from the date it was sent until the date the answer arrived (LAW.md §1.4 policy 1),
/// both dates in the register's time zone. For a web/API request, email verification is such a
/// pause from submission to verification (policy 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Pause {
    /// Date the question was sent.
    pub asked_on: NaiveDate,
    /// Date the answer was received; `None` while still waiting (the pause is open).
    pub answered_on: Option<NaiveDate>,
}

impl Pause {
    /// Whether the requester has not answered yet.
    pub const fn is_open(&self) -> bool {
        self.answered_on.is_none()
    }
}

/// Whether any pause is open: the request is waiting for the requester and is not overdue
/// (policy 4).
pub fn is_paused(pauses: &[Pause]) -> bool {
    pauses.iter().any(Pause::is_open)
}

/// The earliest question still unanswered, for "paused since …" (policy 4).
pub fn paused_since(pauses: &[Pause]) -> Option<NaiveDate> {
    pauses.iter().filter(|p| p.is_open()).map(|p| p.asked_on).min()
}

/// Total paused calendar days `P` (policy 1).
///
/// Each pause covers the half-open day range `[asked_on, answered_on)`, so its length is
/// `answered_on − asked_on` (asked and answered the same day: 0). An open pause runs to `today`,
/// which gives the projection "if the answer came today". Days covered by several pauses count
/// once (the union of the ranges); pauses back to back (`[1, 3)` and `[3, 5)`) add up (4).
/// An answer dated before its question, or an open pause asked after `today`, counts 0.
pub fn paused_days(pauses: &[Pause], today: NaiveDate) -> u32 {
    union_days(pauses, NaiveDate::MIN, today)
}

/// [`paused_days`] with every range clipped to start no earlier than `not_before`.
fn union_days(pauses: &[Pause], not_before: NaiveDate, today: NaiveDate) -> u32 {
    let mut spans: Vec<(NaiveDate, NaiveDate)> = pauses
        .iter()
        .map(|p| (p.asked_on.max(not_before), p.answered_on.unwrap_or(today)))
        .filter(|(start, end)| start < end)
        .collect();
    spans.sort_unstable();
    let mut total: i64 = 0;
    let mut covered_to: Option<NaiveDate> = None;
    for (start, end) in spans {
        let start = covered_to.map_or(start, |c| start.max(c));
        if end > start {
            total += (end - start).num_days();
            covered_to = Some(end);
        }
    }
    u32::try_from(total).unwrap_or(u32::MAX)
}

/// The effective dates of one request (LAW.md §1.4 policy 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    /// One-month deadline: `roll(add_months(R, 1) + P)`. Also the last day to notify an extension
    /// and to send a refusal.
    pub deadline: NaiveDate,
    /// Deadline if extended: `roll(add_months(R, 3) + P)`, one period from receipt (R6).
    pub extended_deadline: NaiveDate,
    /// `P`, the paused calendar days counted (open pauses up to `today`).
    pub paused_days: u32,
    /// Set while a pause is open: the date of the earliest unanswered question. The dates above
    /// are then a projection "if the answer came today".
    pub paused_since: Option<NaiveDate>,
    /// `fi` only: the one-month deadline was rolled over a weekday 24 December, a day the
    /// e-Justice list for 1182/71 omits. Show the hint "Christmas Eve — most offices closed;
    /// answer by the previous working day to be safe" (LAW.md §1.2).
    pub rolled_over_christmas_eve: bool,
    /// The same for the extended deadline.
    pub extended_rolled_over_christmas_eve: bool,
}

impl Deadlines {
    /// The deadline in force: the extended one once the extension was notified.
    pub const fn due(&self, extended: bool) -> NaiveDate {
        if extended { self.extended_deadline } else { self.deadline }
    }

    /// Overdue on `today` (R7: from the day after the due date), but never while a pause is open
    /// (policy 4).
    pub fn is_overdue(&self, today: NaiveDate, extended: bool) -> bool {
        self.paused_since.is_none() && is_overdue(self.due(extended), today)
    }
}

/// All deadlines of a request received on `received` in `j`, with its pauses, as of `today`
/// (policy 2: `P` is added to the unrolled month date and the sum rolled once).
///
/// Pause days before `received` are not counted (the clock had not started).
pub fn compute(j: Jurisdiction, received: NaiveDate, pauses: &[Pause], today: NaiveDate) -> Deadlines {
    let paused = union_days(pauses, received, today);
    let one_month = add_days(add_months(received, 1), paused);
    let three_months = add_days(add_months(received, 3), paused);
    let deadline = roll_forward(j, one_month);
    let extended_deadline = roll_forward(j, three_months);
    Deadlines {
        deadline,
        extended_deadline,
        paused_days: paused,
        paused_since: paused_since(pauses),
        rolled_over_christmas_eve: rolled_over_christmas_eve(j, one_month, deadline),
        extended_rolled_over_christmas_eve: rolled_over_christmas_eve(j, three_months, extended_deadline),
    }
}

/// Whether rolling `unrolled` to `rolled` passed over a Finnish Christmas Eve on a weekday,
/// the only case where the e-Justice reading (24 Dec a working day) gives an earlier date.
fn rolled_over_christmas_eve(j: Jurisdiction, unrolled: NaiveDate, rolled: NaiveDate) -> bool {
    j == Jurisdiction::Fi
        && NaiveDate::from_ymd_opt(unrolled.year(), 12, 24).is_some_and(|eve| {
            unrolled <= eve && eve < rolled && !matches!(eve.weekday(), Weekday::Sat | Weekday::Sun)
        })
}

/// The one-month deadline without pauses, R5: `roll(add_months(R, 1))`.
pub fn deadline(j: Jurisdiction, received: NaiveDate) -> NaiveDate {
    roll_forward(j, add_months(received, 1))
}

/// The extended deadline without pauses, R6: `roll(add_months(R, 3))`.
pub fn extended_deadline(j: Jurisdiction, received: NaiveDate) -> NaiveDate {
    roll_forward(j, add_months(received, 3))
}

/// The last day to send a refusal (Art 12(4)): the paused one-month deadline, never the extended
/// one (LAW.md §1.5).
pub fn refusal_due(j: Jurisdiction, received: NaiveDate, pauses: &[Pause], today: NaiveDate) -> NaiveDate {
    compute(j, received, pauses, today).deadline
}

/// Calendar days from `today` to `due`: 0 on the due date (still on time), negative once overdue.
pub fn days_left(due: NaiveDate, today: NaiveDate) -> i64 {
    (due - today).num_days()
}

/// Whether `today` is past `due` (R7: the whole due date counts). Ignores pauses; see
/// [`Deadlines::is_overdue`].
pub fn is_overdue(due: NaiveDate, today: NaiveDate) -> bool {
    today > due
}

/// Why a date given for the arrival of the requester's answer is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ArrivalError {
    /// The answer cannot have arrived before the question was sent.
    #[error("cannot be before the question was sent ({asked_on})")]
    BeforeQuestion { asked_on: NaiveDate },
    /// Nor after today.
    #[error("cannot be in the future (today is {today})")]
    InFuture { today: NaiveDate },
    /// No question is waiting for an answer.
    #[error("no question is waiting for an answer")]
    NothingOpen,
}

impl ArrivalError {
    /// Why, in the reader's words.
    pub fn message(&self) -> super::Msg {
        match self {
            Self::BeforeQuestion { asked_on } => {
                super::Msg::new("problem-arrival-before-question").date("asked_on", *asked_on)
            }
            Self::InFuture { today } => super::Msg::new("problem-arrival-in-future").date("today", *today),
            Self::NothingOpen => super::Msg::new("problem-arrival-nothing-open"),
        }
    }
}

/// Checks the date the requester's answer arrived, which ends every open pause (policy 1: the
/// pause runs to the arrival, not to the day staff record it): between the latest open question
/// and `today`.
pub fn check_arrival(pauses: &[Pause], arrived_on: NaiveDate, today: NaiveDate) -> Result<(), ArrivalError> {
    let asked_on =
        pauses.iter().filter(|p| p.is_open()).map(|p| p.asked_on).max().ok_or(ArrivalError::NothingOpen)?;
    if arrived_on < asked_on {
        return Err(ArrivalError::BeforeQuestion { asked_on });
    }
    if arrived_on > today {
        return Err(ArrivalError::InFuture { today });
    }
    Ok(())
}

/// Why a deadline extension is refused (LAW.md §1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtendError {
    /// The deadline was already extended; Art 12(3) allows one extension.
    AlreadyExtended,
    /// Today is after the (paused) one-month deadline, the last day to notify an extension.
    WindowClosed {
        /// The one-month deadline that has passed.
        deadline: NaiveDate,
    },
}

impl fmt::Display for ExtendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AlreadyExtended => {
                f.write_str("the deadline has already been extended; it can be extended only once")
            }
            Self::WindowClosed { deadline } => write!(
                f,
                "the one-month deadline {deadline} has passed; an extension must be notified \
                 within one month of receipt (GDPR Art 12(3))"
            ),
        }
    }
}

impl std::error::Error for ExtendError {}

impl ExtendError {
    /// Why, in the reader's words.
    pub fn message(&self) -> super::Msg {
        match self {
            Self::AlreadyExtended => super::Msg::new("refused-already-extended"),
            Self::WindowClosed { deadline } => {
                super::Msg::new("refused-extension-window-closed").date("deadline", *deadline)
            }
        }
    }
}

/// Whether the deadline may be extended on `today` (LAW.md §1.5): once only, and only on or
/// before the (paused) one-month deadline.
pub fn can_extend(
    j: Jurisdiction,
    received: NaiveDate,
    pauses: &[Pause],
    today: NaiveDate,
    already_extended: bool,
) -> Result<(), ExtendError> {
    if already_extended {
        return Err(ExtendError::AlreadyExtended);
    }
    let deadline = compute(j, received, pauses, today).deadline;
    if today > deadline {
        return Err(ExtendError::WindowClosed { deadline });
    }
    Ok(())
}

/// A reminder about a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    /// `n` working days before the deadline (7 and 2).
    WorkingDaysLeft(u32),
    /// Past the deadline (sent every day until the request is closed).
    Overdue,
}

impl Reminder {
    /// The stable name stored with each reminder sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Reminder::WorkingDaysLeft(7) => "due_in_7",
            Reminder::WorkingDaysLeft(_) => "due_in_2",
            Reminder::Overdue => "overdue",
        }
    }
}

/// Working days before the deadline on which the handler is reminded.
pub const REMINDER_WORKING_DAYS: [u32; 2] = [7, 2];

/// The reminder due on `today` for a running (not paused) request due on `due`, if any: on the
/// working day 7 and the working day 2 working days before it, and every day after it.
pub fn reminder_due(j: Jurisdiction, due: NaiveDate, today: NaiveDate) -> Option<Reminder> {
    if is_overdue(due, today) {
        return Some(Reminder::Overdue);
    }
    REMINDER_WORKING_DAYS
        .into_iter()
        .find(|n| working_days_before(j, due, *n) == today)
        .map(Reminder::WorkingDaysLeft)
}

/// Whether a question asked on `asked_on` came "late" (policy 5): more than
/// [`QUESTION_LATE_AFTER_WORKING_DAYS`] working days after receipt, i.e. on or after the sixth
/// working day following the receipt date (the receipt day itself never counts). Received on a
/// Monday: asking up to the next Monday (or the weekend before it) is on time, Tuesday is late.
pub fn question_is_late(j: Jurisdiction, received: NaiveDate, asked_on: NaiveDate) -> bool {
    let first_late = (0..=QUESTION_LATE_AFTER_WORKING_DAYS).fold(received, |day, _| next_working_day(j, day));
    asked_on >= first_late
}

#[cfg(test)]
mod tests;
