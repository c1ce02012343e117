//! The monthly deadline report (DESIGN.md "Monthly deadline report"), as pure functions: which
//! month, how one request is judged (on time, late, open, overdue), the summary counts with their
//! median and 90th percentile, and the CSV record. The database query lives in
//! `service::report`; every date rule comes from [`super::deadline`].
//!
//! Definitions (also in README.md):
//! - a row is judged on the request's record as it stands when the report is made; a past month's
//!   report made again later shows the closings since then;
//! - `closed_on` = the date of `closed_at` in the register's time zone (R1);
//! - `due` = the deadline in force: the one-month deadline plus paused days, or the extended
//!   deadline once extended (LAW.md §1.4 policy 2); a refusal is always due by the one-month
//!   deadline (Art 12(4), LAW.md §1.5);
//! - on time = closed on or before `due` (R7: the whole due date counts);
//! - `days_taken` = `closed_on − received_on` in calendar days;
//! - `days_overdue` = for a closed request `max(0, closed_on − due)`; for an open one the days past
//!   `due` on the cut-off day (the month's last day, or today when that is earlier), and 0 while
//!   the clock is paused (policy 4); none for a withdrawn request.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::deadline::{self, Pause};
use super::holidays::Jurisdiction;
use super::lifecycle::Status;
use super::vocab::{RequestChannel, RequestKind};

/// A calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    first: NaiveDate,
}

/// Why a month was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a month in the form YYYY-MM (e.g. 2026-03)")]
pub struct BadMonth(pub String);

impl Month {
    /// Parses `YYYY-MM` (years 2000–9999), nothing else.
    pub fn parse(text: &str) -> Result<Self, BadMonth> {
        let bad = || BadMonth(text.chars().take(20).collect());
        let (year, month) = text.split_once('-').ok_or_else(bad)?;
        if year.len() != 4
            || month.len() != 2
            || !(year.chars().chain(month.chars()).all(|c| c.is_ascii_digit()))
        {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let month: u32 = month.parse().map_err(|_| bad())?;
        if year < 2000 {
            return Err(bad());
        }
        NaiveDate::from_ymd_opt(year, month, 1).map(|first| Self { first }).ok_or_else(bad)
    }

    /// The month `date` falls in.
    pub fn containing(date: NaiveDate) -> Self {
        Self { first: date.with_day(1).unwrap_or(date) }
    }

    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    pub fn last_day(self) -> NaiveDate {
        self.first.checked_add_months(Months::new(1)).and_then(|next| next.pred_opt()).unwrap_or(self.first)
    }

    pub fn previous(self) -> Self {
        Self { first: self.first.checked_sub_months(Months::new(1)).unwrap_or(self.first) }
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last_day()
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first.format("%Y-%m"))
    }
}

/// A request as stored, with what the report needs to judge it.
#[derive(Debug, Clone)]
pub struct Stored {
    pub reference: String,
    pub register: String,
    pub jurisdiction: Jurisdiction,
    pub kind: RequestKind,
    pub channel: RequestChannel,
    pub received_on: NaiveDate,
    /// The one-month deadline with the paused days counted so far.
    pub deadline: NaiveDate,
    pub extended_deadline: NaiveDate,
    pub extended: bool,
    pub effective_deadline: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub status: Status,
    pub outcome: Option<String>,
    pub handler: Option<String>,
    /// The pauses, read only while the request waits for the requester (the stored dates then do
    /// not yet count the open pause).
    pub pauses: Vec<Pause>,
}

/// Whether a request was answered in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OnTime {
    #[serde(rename = "yes")]
    Yes,
    #[serde(rename = "no")]
    No,
    #[serde(rename = "open")]
    Open,
    /// Withdrawn by the requester: nothing was due.
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl OnTime {
    pub fn as_str(self) -> &'static str {
        match self {
            OnTime::Yes => "yes",
            OnTime::No => "no",
            OnTime::Open => "open",
            OnTime::NotApplicable => "n/a",
        }
    }
}

/// One row of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub reference: String,
    pub register: String,
    pub kind: String,
    pub channel: String,
    pub received_on: NaiveDate,
    /// One-month deadline, paused days included.
    pub deadline: NaiveDate,
    /// Set only when the deadline was extended.
    pub extended_deadline: Option<NaiveDate>,
    /// The deadline the request is judged by.
    pub due: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub status: String,
    pub outcome: Option<String>,
    pub days_taken: Option<i64>,
    pub on_time: OnTime,
    pub days_overdue: Option<i64>,
    pub handler: Option<String>,
    /// Waiting for the requester on the cut-off day: the clock stands still.
    pub paused: bool,
    /// A partial refusal (some correction items rejected, an erasure partly refused) sent after
    /// the one-month deadline, inside an extension: allowed, but flagged (LAW.md §1.5).
    pub refusal_late: bool,
}

impl Row {
    /// `late` (closed after its deadline), `overdue` (open past it) or empty.
    pub fn mark(&self) -> &'static str {
        match self.on_time {
            OnTime::No => "late",
            OnTime::Open if self.days_overdue.unwrap_or(0) > 0 => "overdue",
            _ => "",
        }
    }

    fn is_closed(&self) -> bool {
        matches!(self.on_time, OnTime::Yes | OnTime::No)
    }
}

/// Judges one request; `cutoff` is the last day counted for open requests (the month's last day,
/// or today in the register's time zone when that is earlier).
pub fn judge(s: Stored, cutoff: NaiveDate) -> Row {
    let open = s.status.is_open();
    let paused = open && deadline::is_paused(&s.pauses);
    // While a pause is open the stored dates do not count it yet: project them to the cut-off, as
    // the request page does for today (policy 4).
    let (one_month, three_months) = if paused {
        let d = deadline::compute(s.jurisdiction, s.received_on, &s.pauses, cutoff);
        (d.deadline, d.extended_deadline)
    } else {
        (s.deadline, s.extended_deadline)
    };
    let due = if s.status == Status::Refused {
        one_month
    } else if paused {
        if s.extended { three_months } else { one_month }
    } else {
        s.effective_deadline
    };
    let days_taken = s.closed_on.map(|c| (c - s.received_on).num_days());
    let (on_time, days_overdue) = match (s.status, s.closed_on) {
        (Status::Withdrawn, _) => (OnTime::NotApplicable, None),
        (_, _) if open => {
            let late = if paused { 0 } else { (-deadline::days_left(due, cutoff)).max(0) };
            (OnTime::Open, Some(late))
        }
        (_, Some(closed)) if !deadline::is_overdue(due, closed) => (OnTime::Yes, Some(0)),
        (_, Some(closed)) => (OnTime::No, Some((closed - due).num_days())),
        // A closed state without a closing time cannot be judged: shown as open, never as on time.
        (_, None) => (OnTime::Open, Some((-deadline::days_left(due, cutoff)).max(0))),
    };
    let refusal_late = matches!(s.outcome.as_deref(), Some("partly_corrected" | "partly_refused"))
        && s.closed_on.is_some_and(|closed| deadline::is_overdue(one_month, closed));
    Row {
        reference: s.reference,
        register: s.register,
        kind: s.kind.as_str().to_owned(),
        channel: s.channel.as_str().to_owned(),
        received_on: s.received_on,
        deadline: one_month,
        extended_deadline: s.extended.then_some(three_months),
        due,
        closed_on: s.closed_on,
        status: s.status.as_str().to_owned(),
        outcome: s.outcome,
        days_taken: if open { None } else { days_taken },
        on_time,
        days_overdue,
        handler: s.handler,
        paused,
        refusal_late,
    }
}

/// The summary of a set of rows. `rows` = `closed_on_time + closed_late + open_within_deadline +
/// open_overdue + withdrawn`; `received` and `extended` count rows among them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub rows: u64,
    /// Received in the month itself.
    pub received: u64,
    pub closed_on_time: u64,
    pub closed_late: u64,
    pub open_within_deadline: u64,
    pub open_overdue: u64,
    pub withdrawn: u64,
    pub extended: u64,
    /// Of the closed (completed or refused) rows, by the nearest-rank method.
    pub median_days_to_close: Option<i64>,
    pub p90_days_to_close: Option<i64>,
}

/// The counts of one kind of request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCounts {
    pub kind: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// The summary of one register (or of all, `register: None`), in total and per kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub register: Option<String>,
    pub totals: Counts,
    pub by_kind: Vec<KindCounts>,
}

/// The summary of a report: every register in it, then all together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub overall: Group,
    pub registers: Vec<Group>,
}

#[derive(Debug, Clone, Default)]
struct Tally {
    counts: Counts,
    days: Vec<i64>,
}

impl Tally {
    fn add(&mut self, row: &Row, month: Month) {
        let c = &mut self.counts;
        c.rows += 1;
        c.received += u64::from(month.contains(row.received_on));
        c.extended += u64::from(row.extended_deadline.is_some());
        match row.on_time {
            OnTime::Yes => c.closed_on_time += 1,
            OnTime::No => c.closed_late += 1,
            OnTime::Open if row.days_overdue.unwrap_or(0) > 0 => c.open_overdue += 1,
            OnTime::Open => c.open_within_deadline += 1,
            OnTime::NotApplicable => c.withdrawn += 1,
        }
        if row.is_closed()
            && let Some(days) = row.days_taken
        {
            self.days.push(days);
        }
    }

    fn merge(&mut self, other: &Tally) {
        let (c, o) = (&mut self.counts, &other.counts);
        c.rows += o.rows;
        c.received += o.received;
        c.closed_on_time += o.closed_on_time;
        c.closed_late += o.closed_late;
        c.open_within_deadline += o.open_within_deadline;
        c.open_overdue += o.open_overdue;
        c.withdrawn += o.withdrawn;
        c.extended += o.extended;
        self.days.extend_from_slice(&other.days);
    }

    fn finish(mut self) -> Counts {
        self.days.sort_unstable();
        self.counts.median_days_to_close = percentile(&self.days, 50);
        self.counts.p90_days_to_close = percentile(&self.days, 90);
        self.counts
    }
}

/// The nearest-rank `p`th percentile of sorted `values`: the value at rank `⌈p·n/100⌉` (so the
/// median of an even count is the lower middle value, and always a real number of days).
pub fn percentile(sorted: &[i64], p: usize) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).clamp(1, sorted.len());
    sorted.get(rank - 1).copied()
}

/// Builds the summary row by row (the rows themselves need not be kept).
#[derive(Debug, Clone)]
pub struct SummaryBuilder {
    month: Month,
    tallies: BTreeMap<(String, String), Tally>,
}

impl SummaryBuilder {
    pub fn new(month: Month) -> Self {
        Self { month, tallies: BTreeMap::new() }
    }

    pub fn add(&mut self, row: &Row) {
        self.tallies.entry((row.register.clone(), row.kind.clone())).or_default().add(row, self.month);
    }

    /// The summary; `registers` (the ones in scope) each get a group, rows or not.
    pub fn finish(self, registers: &[String]) -> Summary {
        let mut overall = Tally::default();
        let mut overall_kinds: BTreeMap<String, Tally> = BTreeMap::new();
        let mut groups = Vec::new();
        for register in registers {
            let mut total = Tally::default();
            let mut by_kind = Vec::new();
            let of_register = self
                .tallies
                .range((register.clone(), String::new())..)
                .take_while(|((r, _), _)| r == register);
            for ((_, kind), tally) in of_register {
                total.merge(tally);
                overall_kinds.entry(kind.clone()).or_default().merge(tally);
                by_kind.push(KindCounts { kind: kind.clone(), counts: tally.clone().finish() });
            }
            overall.merge(&total);
            groups.push(Group { register: Some(register.clone()), totals: total.finish(), by_kind });
        }
        let by_kind = overall_kinds
            .into_iter()
            .map(|(kind, tally)| KindCounts { kind, counts: tally.finish() })
            .collect();
        Summary { overall: Group { register: None, totals: overall.finish(), by_kind }, registers: groups }
    }
}

/// The CSV header (and the order of [`csv_record`]).
pub const CSV_HEADER: [&str; 16] = [
    "reference",
    "register",
    "kind",
    "channel",
    "received_on",
    "deadline",
    "extended_deadline",
    "due",
    "closed_on",
    "status",
    "outcome",
    "days_taken",
    "on_time",
    "days_overdue",
    "handler",
    "refusal_late",
];

/// A spreadsheet would run a cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return
/// before one) as a formula: such cells get a leading apostrophe (OWASP "CSV injection").
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

fn text<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// One CSV record, every cell neutralised.
pub fn csv_record(row: &Row) -> [String; 16] {
    [
        row.reference.clone(),
        row.register.clone(),
        row.kind.clone(),
        row.channel.clone(),
        row.received_on.to_string(),
        row.deadline.to_string(),
        text(row.extended_deadline),
        row.due.to_string(),
        text(row.closed_on),
        row.status.clone(),
        text(row.outcome.as_deref()),
        text(row.days_taken),
        row.on_time.as_str().to_owned(),
        text(row.days_overdue),
        text(row.handler.as_deref()),
        if row.refusal_late { "yes" } else { "" }.to_owned(),
    ]
    .map(|cell| neutralise(&cell))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn stored(status: &str, received: NaiveDate, closed: Option<NaiveDate>) -> Stored {
        let deadline = deadline::deadline(Jurisdiction::Fi, received);
        Stored {
            reference: "DSR-1".into(),
            register: "jokkerit".into(),
            jurisdiction: Jurisdiction::Fi,
            kind: RequestKind::Inspection,
            channel: RequestChannel::Web,
            received_on: received,
            deadline,
            extended_deadline: deadline::extended_deadline(Jurisdiction::Fi, received),
            extended: false,
            effective_deadline: deadline,
            closed_on: closed,
            status: status.parse().unwrap(),
            outcome: None,
            handler: None,
            pauses: Vec::new(),
        }
    }

    #[test]
    fn months_parse_strictly() {
        assert_eq!(Month::parse("2026-03").unwrap().last_day(), d(2026, 3, 31));
        assert_eq!(Month::parse("2024-02").unwrap().last_day(), d(2024, 2, 29));
        assert_eq!(Month::parse("2026-01").unwrap().previous().to_string(), "2025-12");
        for bad in
            ["2026-13", "2026-3", "26-03", "2026/03", "", "2026-03-01", "1999-12", "abcd-ef", "+202-03"]
        {
            assert!(Month::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn on_time_is_the_whole_due_date() {
        // Received Mon 2 March 2026: one month is Thu 2 April, a working day (Easter is 3–6 April).
        let r = judge(stored("completed", d(2026, 3, 2), Some(d(2026, 4, 2))), d(2026, 4, 30));
        assert_eq!((r.on_time, r.days_taken, r.days_overdue), (OnTime::Yes, Some(31), Some(0)));
        let r = judge(stored("completed", d(2026, 3, 2), Some(d(2026, 4, 7))), d(2026, 4, 30));
        assert_eq!(
            (r.on_time, r.days_taken, r.days_overdue, r.mark()),
            (OnTime::No, Some(36), Some(5), "late")
        );
    }

    #[test]
    fn a_refusal_is_due_by_the_one_month_deadline_even_when_extended() {
        let mut s = stored("refused", d(2026, 3, 2), Some(d(2026, 4, 8)));
        s.extended = true;
        s.effective_deadline = s.extended_deadline;
        let r = judge(s, d(2026, 4, 30));
        assert_eq!((r.due, r.on_time), (d(2026, 4, 2), OnTime::No));
    }

    #[test]
    fn open_requests_count_overdue_days_to_the_cutoff_and_none_while_paused() {
        let r = judge(stored("in_progress", d(2026, 3, 2), None), d(2026, 4, 30));
        assert_eq!(
            (r.on_time, r.days_overdue, r.days_taken, r.mark()),
            (OnTime::Open, Some(28), None, "overdue")
        );
        let mut s = stored("awaiting_requester", d(2026, 3, 2), None);
        s.pauses = vec![Pause { asked_on: d(2026, 3, 10), answered_on: None }];
        let r = judge(s, d(2026, 4, 30));
        // 2 April + 51 paused days (10 March – 30 April) = 23 May, a Saturday → Mon 25 May.
        assert_eq!(
            (r.on_time, r.days_overdue, r.due, r.paused),
            (OnTime::Open, Some(0), d(2026, 5, 25), true)
        );
    }

    #[test]
    fn withdrawn_requests_are_not_judged() {
        let r = judge(stored("withdrawn", d(2026, 3, 2), Some(d(2026, 3, 5))), d(2026, 3, 31));
        assert_eq!((r.on_time, r.days_overdue, r.days_taken), (OnTime::NotApplicable, None, Some(3)));
    }

    #[test]
    fn nearest_rank_percentiles() {
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[7], 90), Some(7));
        assert_eq!(percentile(&[1, 2, 3, 4], 50), Some(2));
        assert_eq!(percentile(&(1..=10).collect::<Vec<_>>(), 90), Some(9));
        assert_eq!(percentile(&(1..=11).collect::<Vec<_>>(), 90), Some(10));
    }

    #[test]
    fn the_summary_adds_up_per_register_kind_and_overall() {
        let month = Month::parse("2026-03").unwrap();
        let mut b = SummaryBuilder::new(month);
        let rows = [
            judge(stored("completed", d(2026, 3, 2), Some(d(2026, 3, 12))), d(2026, 3, 31)),
            judge(stored("refused", d(2026, 2, 2), Some(d(2026, 3, 9))), d(2026, 3, 31)),
            judge(stored("in_progress", d(2026, 2, 20), None), d(2026, 3, 31)),
            judge(stored("withdrawn", d(2026, 3, 3), Some(d(2026, 3, 4))), d(2026, 3, 31)),
        ];
        for row in &rows {
            b.add(row);
        }
        let mut other = rows[0].clone();
        other.register = "jaccara".into();
        other.kind = "erasure".into();
        b.add(&other);
        let s = b.finish(&["jaccara".into(), "jokkerit".into(), "konekesko".into()]);
        let jokkerit = &s.registers[1].totals;
        assert_eq!(
            (jokkerit.rows, jokkerit.received, jokkerit.closed_on_time, jokkerit.closed_late),
            (4, 2, 1, 1)
        );
        assert_eq!((jokkerit.open_overdue, jokkerit.withdrawn), (1, 1));
        // Days to close 10 and 35: nearest-rank median is the lower one.
        assert_eq!((jokkerit.median_days_to_close, jokkerit.p90_days_to_close), (Some(10), Some(35)));
        assert_eq!(s.registers[2].totals, Counts::default());
        assert_eq!(s.overall.totals.rows, 5);
        assert_eq!(
            s.overall.by_kind.iter().map(|k| k.kind.as_str()).collect::<Vec<_>>(),
            ["erasure", "inspection"]
        );
        assert_eq!(s.registers[0].by_kind.len(), 1);
    }

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for risky in ["+1", "-1", "@SUM", "\t=1", "\r=1"] {
            assert!(neutralise(risky).starts_with('\''), "{risky}");
        }
        assert_eq!(neutralise("DSR-1"), "DSR-1");
        assert_eq!(neutralise(""), "");
    }
}
