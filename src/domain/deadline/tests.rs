//! Tests of the deadline engine: receipt dates, month arithmetic, holidays, pauses, reminders and
//! working-day counts, as tables of dates and as properties.

use super::*;
use chrono::TimeZone;
use std::collections::BTreeSet;

const FI: Jurisdiction = Jurisdiction::Fi;
const EE: Jurisdiction = Jurisdiction::Ee;
const BOTH: &[Jurisdiction] = &[FI, EE];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn closed(asked: NaiveDate, answered: NaiveDate) -> Pause {
    Pause { asked_on: asked, answered_on: Some(answered) }
}

fn open(asked: NaiveDate) -> Pause {
    Pause { asked_on: asked, answered_on: None }
}

/// One row of the LAW.md §1.4 worked examples; the table names no jurisdiction and every
/// date in it is the same in both.
struct PauseRow {
    received: NaiveDate,
    pause: Pause,
    p: u32,
    without: NaiveDate,
    with: NaiveDate,
    extended_with: NaiveDate,
}

#[test]
fn law_1_4_pause_examples() {
    let rows = [
        // §1.4 row 1: Apr 5 + 5 = Apr 10 Thu (not Apr 7 + 5 = Apr 12 Sat → Apr 14)
        PauseRow {
            received: d(2025, 3, 5),
            pause: closed(d(2025, 3, 5), d(2025, 3, 10)),
            p: 5,
            without: d(2025, 4, 7),
            with: d(2025, 4, 10),
            extended_with: d(2025, 6, 10),
        },
        // §1.4 row 2: Feb 28 + 7 = Mar 7 Fri
        PauseRow {
            received: d(2025, 1, 31),
            pause: closed(d(2025, 2, 3), d(2025, 2, 10)),
            p: 7,
            without: d(2025, 2, 28),
            with: d(2025, 3, 7),
            extended_with: d(2025, 5, 7),
        },
        // §1.4 row 3: web form, email sent 18 Jun, verified 19 Jun; Jul 19 Sat → Jul 21 Mon
        PauseRow {
            received: d(2025, 6, 18),
            pause: closed(d(2025, 6, 18), d(2025, 6, 19)),
            p: 1,
            without: d(2025, 7, 18),
            with: d(2025, 7, 21),
            extended_with: d(2025, 9, 19),
        },
        // §1.4 row 4: Dec 14 + 14 = Dec 28 Sun → Dec 29
        PauseRow {
            received: d(2025, 11, 14),
            pause: closed(d(2025, 11, 17), d(2025, 12, 1)),
            p: 14,
            without: d(2025, 12, 15),
            with: d(2025, 12, 29),
            extended_with: d(2026, 3, 2),
        },
    ];
    for (i, row) in rows.iter().enumerate() {
        for &j in BOTH {
            let case = format!("§1.4 row {} [{j}]", i + 1);
            let today = d(2026, 6, 1); // long after: the pauses are closed
            assert_eq!(paused_days(&[row.pause], today), row.p, "{case}");
            assert_eq!(deadline(j, row.received), row.without, "{case}");
            let all = compute(j, row.received, &[row.pause], today);
            assert_eq!(all.paused_days, row.p, "{case}");
            assert_eq!(all.deadline, row.with, "{case}");
            assert_eq!(all.extended_deadline, row.extended_with, "{case}");
            assert_eq!(all.paused_since, None, "{case}");
            assert_eq!(refusal_due(j, row.received, &[row.pause], today), row.with);
            // Every question in the table was asked without undue delay.
            assert!(!question_is_late(j, row.received, row.pause.asked_on), "{case}");
        }
    }
}

#[test]
fn law_1_4_row_3_receipt_at_23_30_local() {
    // 2025-06-18 23:30 in Helsinki and Tallinn (both UTC+3 in summer) is 20:30 UTC.
    let instant = Utc.with_ymd_and_hms(2025, 6, 18, 20, 30, 0).unwrap();
    for &j in BOTH {
        assert_eq!(receipt_date(j, instant), d(2025, 6, 18));
    }
}

#[test]
fn receipt_date_is_the_local_date() {
    for &j in BOTH {
        // R1: 23:30 local (UTC+2 in winter) on the 31st is the 31st ...
        let late = Utc.with_ymd_and_hms(2024, 1, 31, 21, 30, 0).unwrap();
        assert_eq!(receipt_date(j, late), d(2024, 1, 31));
        // ... and 00:30 local on the 1st is the 1st, though still the 31st in UTC.
        let after = Utc.with_ymd_and_hms(2024, 1, 31, 22, 30, 0).unwrap();
        assert_eq!(receipt_date(j, after), d(2024, 2, 1));
        // A Saturday receipt is not moved.
        let saturday = Utc.with_ymd_and_hms(2025, 4, 5, 9, 0, 0).unwrap();
        assert_eq!(receipt_date(j, saturday), d(2025, 4, 5));
        // Around the DST switch (last Sunday of March, 03:00 local → 04:00).
        let dst = Utc.with_ymd_and_hms(2025, 3, 29, 22, 30, 0).unwrap();
        assert_eq!(receipt_date(j, dst), d(2025, 3, 30));
        let summer = Utc.with_ymd_and_hms(2025, 3, 30, 20, 59, 0).unwrap();
        assert_eq!(receipt_date(j, summer), d(2025, 3, 30));
        let summer_midnight = Utc.with_ymd_and_hms(2025, 3, 30, 21, 0, 0).unwrap();
        assert_eq!(receipt_date(j, summer_midnight), d(2025, 3, 31));
    }
}

type Ymd = (i32, u32, u32);

/// Receipts on the 29th–31st, hand-derived: (received, one month, three months).
const MONTH_ENDS_2024: [(Ymd, Ymd, Ymd); 30] = [
    ((2024, 1, 29), (2024, 2, 29), (2024, 4, 29)),
    ((2024, 1, 30), (2024, 2, 29), (2024, 4, 30)),
    ((2024, 1, 31), (2024, 2, 29), (2024, 4, 30)),
    ((2024, 2, 29), (2024, 3, 29), (2024, 5, 29)),
    ((2024, 3, 29), (2024, 4, 29), (2024, 6, 29)),
    ((2024, 3, 30), (2024, 4, 30), (2024, 6, 30)),
    ((2024, 3, 31), (2024, 4, 30), (2024, 6, 30)),
    ((2024, 4, 29), (2024, 5, 29), (2024, 7, 29)),
    ((2024, 4, 30), (2024, 5, 30), (2024, 7, 30)),
    ((2024, 5, 29), (2024, 6, 29), (2024, 8, 29)),
    ((2024, 5, 30), (2024, 6, 30), (2024, 8, 30)),
    ((2024, 5, 31), (2024, 6, 30), (2024, 8, 31)),
    ((2024, 6, 29), (2024, 7, 29), (2024, 9, 29)),
    ((2024, 6, 30), (2024, 7, 30), (2024, 9, 30)),
    ((2024, 7, 29), (2024, 8, 29), (2024, 10, 29)),
    ((2024, 7, 30), (2024, 8, 30), (2024, 10, 30)),
    ((2024, 7, 31), (2024, 8, 31), (2024, 10, 31)),
    ((2024, 8, 29), (2024, 9, 29), (2024, 11, 29)),
    ((2024, 8, 30), (2024, 9, 30), (2024, 11, 30)),
    ((2024, 8, 31), (2024, 9, 30), (2024, 11, 30)),
    ((2024, 9, 29), (2024, 10, 29), (2024, 12, 29)),
    ((2024, 9, 30), (2024, 10, 30), (2024, 12, 30)),
    ((2024, 10, 29), (2024, 11, 29), (2025, 1, 29)),
    ((2024, 10, 30), (2024, 11, 30), (2025, 1, 30)),
    ((2024, 10, 31), (2024, 11, 30), (2025, 1, 31)),
    ((2024, 11, 29), (2024, 12, 29), (2025, 2, 28)),
    ((2024, 11, 30), (2024, 12, 30), (2025, 2, 28)),
    ((2024, 12, 29), (2025, 1, 29), (2025, 3, 29)),
    ((2024, 12, 30), (2025, 1, 30), (2025, 3, 30)),
    ((2024, 12, 31), (2025, 1, 31), (2025, 3, 31)),
];

const MONTH_ENDS_2025: [(Ymd, Ymd, Ymd); 29] = [
    ((2025, 1, 29), (2025, 2, 28), (2025, 4, 29)),
    ((2025, 1, 30), (2025, 2, 28), (2025, 4, 30)),
    ((2025, 1, 31), (2025, 2, 28), (2025, 4, 30)),
    ((2025, 3, 29), (2025, 4, 29), (2025, 6, 29)),
    ((2025, 3, 30), (2025, 4, 30), (2025, 6, 30)),
    ((2025, 3, 31), (2025, 4, 30), (2025, 6, 30)),
    ((2025, 4, 29), (2025, 5, 29), (2025, 7, 29)),
    ((2025, 4, 30), (2025, 5, 30), (2025, 7, 30)),
    ((2025, 5, 29), (2025, 6, 29), (2025, 8, 29)),
    ((2025, 5, 30), (2025, 6, 30), (2025, 8, 30)),
    ((2025, 5, 31), (2025, 6, 30), (2025, 8, 31)),
    ((2025, 6, 29), (2025, 7, 29), (2025, 9, 29)),
    ((2025, 6, 30), (2025, 7, 30), (2025, 9, 30)),
    ((2025, 7, 29), (2025, 8, 29), (2025, 10, 29)),
    ((2025, 7, 30), (2025, 8, 30), (2025, 10, 30)),
    ((2025, 7, 31), (2025, 8, 31), (2025, 10, 31)),
    ((2025, 8, 29), (2025, 9, 29), (2025, 11, 29)),
    ((2025, 8, 30), (2025, 9, 30), (2025, 11, 30)),
    ((2025, 8, 31), (2025, 9, 30), (2025, 11, 30)),
    ((2025, 9, 29), (2025, 10, 29), (2025, 12, 29)),
    ((2025, 9, 30), (2025, 10, 30), (2025, 12, 30)),
    ((2025, 10, 29), (2025, 11, 29), (2026, 1, 29)),
    ((2025, 10, 30), (2025, 11, 30), (2026, 1, 30)),
    ((2025, 10, 31), (2025, 11, 30), (2026, 1, 31)),
    ((2025, 11, 29), (2025, 12, 29), (2026, 2, 28)),
    ((2025, 11, 30), (2025, 12, 30), (2026, 2, 28)),
    ((2025, 12, 29), (2026, 1, 29), (2026, 3, 29)),
    ((2025, 12, 30), (2026, 1, 30), (2026, 3, 30)),
    ((2025, 12, 31), (2026, 1, 31), (2026, 3, 31)),
];

#[test]
fn receipts_on_the_29th_30th_31st_of_2024_and_2025() {
    let ymd = |(y, m, day): Ymd| d(y, m, day);
    for (year, table) in [(2024, &MONTH_ENDS_2024[..]), (2025, &MONTH_ENDS_2025[..])] {
        // The tables hold every existing 29th–31st of the year.
        let mut expected = 0;
        for month in 1..=12 {
            expected += (29..=31).filter(|&day| NaiveDate::from_ymd_opt(year, month, day).is_some()).count();
        }
        assert_eq!(table.len(), expected, "{year}");
        for &(r, one, three) in table {
            let (r, one, three) = (ymd(r), ymd(one), ymd(three));
            assert_eq!(add_months(r, 1), one, "{r}");
            assert_eq!(add_months(r, 3), three, "{r}");
            for &j in BOTH {
                assert_eq!(deadline(j, r), roll_forward(j, one), "{j} {r}");
                assert_eq!(extended_deadline(j, r), roll_forward(j, three), "{j} {r}");
            }
        }
    }
}

#[test]
fn add_months_other_cases() {
    assert_eq!(add_months(d(2024, 2, 29), 0), d(2024, 2, 29));
    assert_eq!(add_months(d(2024, 2, 29), 12), d(2025, 2, 28));
    assert_eq!(add_months(d(2024, 12, 31), 2), d(2025, 2, 28));
    assert_eq!(add_months(d(2023, 11, 30), 3), d(2024, 2, 29));
    assert_eq!(add_months(NaiveDate::MAX, 1), NaiveDate::MAX);
}

#[test]
fn deadlines_around_holidays() {
    // (case, jurisdiction, received, hand-computed deadline)
    let cases = [
        // Easter 2024 (31 Mar): Good Friday 29 Mar, Sat, Sun, Easter Monday (fi only).
        ("Good Friday 2024", FI, d(2024, 2, 29), d(2024, 4, 2)),
        ("Good Friday 2024", EE, d(2024, 2, 29), d(2024, 4, 1)),
        // Easter 2026 (5 Apr): one month lands on Good Friday 3 Apr.
        ("Good Friday 2026", FI, d(2026, 3, 3), d(2026, 4, 7)),
        ("Good Friday 2026", EE, d(2026, 3, 3), d(2026, 4, 6)),
        ("Easter Sunday 2025", FI, d(2025, 3, 20), d(2025, 4, 22)),
        ("Easter Sunday 2025", EE, d(2025, 3, 20), d(2025, 4, 21)),
        // Ascension (Thursday) is a holiday in fi only.
        ("Ascension 2025", FI, d(2025, 4, 29), d(2025, 5, 30)),
        ("Ascension 2025", EE, d(2025, 4, 29), d(2025, 5, 29)),
        ("Ascension 2026", FI, d(2026, 4, 14), d(2026, 5, 15)),
        ("Ascension 2026", EE, d(2026, 4, 14), d(2026, 5, 14)),
        // Whit Sunday; Whit Monday is a working day in both.
        ("Whit Sunday 2025", FI, d(2025, 5, 8), d(2025, 6, 9)),
        ("Whit Sunday 2025", EE, d(2025, 5, 8), d(2025, 6, 9)),
        // Midsummer 2025: FI Eve Fri 20, Day Sat 21; EE Victory Mon 23, jaanipäev Tue 24.
        ("Midsummer Eve 2025", FI, d(2025, 5, 20), d(2025, 6, 23)),
        ("Midsummer Eve 2025", EE, d(2025, 5, 20), d(2025, 6, 20)),
        ("Midsummer Sat 2025", FI, d(2025, 5, 21), d(2025, 6, 23)),
        ("Midsummer Sat 2025", EE, d(2025, 5, 21), d(2025, 6, 25)),
        // Midsummer 2024: FI Eve Fri 21, Day Sat 22; EE Victory Sun 23, jaanipäev Mon 24.
        ("Midsummer Eve 2024", FI, d(2024, 5, 21), d(2024, 6, 24)),
        ("Midsummer Eve 2024", EE, d(2024, 5, 21), d(2024, 6, 21)),
        ("Midsummer Sat 2024", FI, d(2024, 5, 22), d(2024, 6, 24)),
        ("Midsummer Sat 2024", EE, d(2024, 5, 22), d(2024, 6, 25)),
        // Victory Day Tue 23 Jun 2026, jaanipäev Wed 24: ee only.
        ("Victory Day 2026", FI, d(2026, 5, 23), d(2026, 6, 23)),
        ("Victory Day 2026", EE, d(2026, 5, 23), d(2026, 6, 25)),
        // Restoration of Independence, Wed 20 Aug 2025: ee only.
        ("20 August 2025", FI, d(2025, 7, 20), d(2025, 8, 20)),
        ("20 August 2025", EE, d(2025, 7, 20), d(2025, 8, 21)),
        // All Saints' Day is always a Saturday: 1 Nov 2025 → Mon 3 Nov in both.
        ("All Saints' 2025", FI, d(2025, 10, 1), d(2025, 11, 3)),
        ("All Saints' 2025", EE, d(2025, 10, 1), d(2025, 11, 3)),
        // FI Independence Day: Fri 6 Dec 2024, Mon 6 Dec 2027.
        ("FI Independence 2024", FI, d(2024, 11, 6), d(2024, 12, 9)),
        ("FI Independence 2024", EE, d(2024, 11, 6), d(2024, 12, 6)),
        ("FI Independence 2027", FI, d(2027, 11, 6), d(2027, 12, 7)),
        ("FI Independence 2027", EE, d(2027, 11, 6), d(2027, 12, 6)),
        // EE Independence Day: Mon 24 Feb 2025, Tue 24 Feb 2026.
        ("EE Independence 2025", FI, d(2025, 1, 24), d(2025, 2, 24)),
        ("EE Independence 2025", EE, d(2025, 1, 24), d(2025, 2, 25)),
        ("EE Independence 2026", FI, d(2026, 1, 24), d(2026, 2, 24)),
        ("EE Independence 2026", EE, d(2026, 1, 24), d(2026, 2, 25)),
        // Christmas 2024: Tue 24, Wed 25, Thu 26 → Fri 27.
        ("Christmas Eve 2024", FI, d(2024, 11, 24), d(2024, 12, 27)),
        ("Christmas Eve 2024", EE, d(2024, 11, 24), d(2024, 12, 27)),
        // 23 Dec is a working day (a shortened one in ee).
        ("23 December 2024", FI, d(2024, 11, 23), d(2024, 12, 23)),
        ("23 December 2024", EE, d(2024, 11, 23), d(2024, 12, 23)),
        // Longest run: Sat 22 – Wed 26 Dec 2029 → Thu 27, five days later.
        ("Christmas 2029", FI, d(2029, 11, 22), d(2029, 12, 27)),
        ("Christmas 2029", EE, d(2029, 11, 22), d(2029, 12, 27)),
        // Christmas Eve before 2005 was a working day in ee (Wed 2003, Fri 2004).
        ("Christmas Eve 2003", FI, d(2003, 11, 24), d(2003, 12, 29)),
        ("Christmas Eve 2003", EE, d(2003, 11, 24), d(2003, 12, 24)),
        ("Christmas Eve 2004", FI, d(2004, 11, 24), d(2004, 12, 27)),
        ("Christmas Eve 2004", EE, d(2004, 11, 24), d(2004, 12, 24)),
        ("Christmas Eve 2007", EE, d(2007, 11, 24), d(2007, 12, 27)),
        // New Year's Day: Wed 2025, Thu 2026, Fri 2027 (→ Mon 4 Jan).
        ("New Year 2025", FI, d(2024, 12, 1), d(2025, 1, 2)),
        ("New Year 2025", EE, d(2024, 12, 1), d(2025, 1, 2)),
        ("New Year 2026", FI, d(2025, 12, 1), d(2026, 1, 2)),
        ("New Year 2026", EE, d(2025, 12, 1), d(2026, 1, 2)),
        ("New Year 2027", FI, d(2026, 12, 1), d(2027, 1, 4)),
        ("New Year 2027", EE, d(2026, 12, 1), d(2027, 1, 4)),
    ];
    for (case, j, received, expected) in cases {
        assert_eq!(deadline(j, received), expected, "{case} [{j}]");
    }
    // Three-month dates on holidays.
    let extended = [
        // All Saints' Day Sat 31 Oct 2026 → Mon 2 Nov.
        ("All Saints' 2026", FI, d(2026, 7, 31), d(2026, 11, 2)),
        ("All Saints' 2026", EE, d(2026, 7, 31), d(2026, 11, 2)),
        // Ascension Thu 14 May 2026.
        ("Ascension 2026", FI, d(2026, 2, 14), d(2026, 5, 15)),
        ("Ascension 2026", EE, d(2026, 2, 14), d(2026, 5, 14)),
        // Christmas Eve Thu 24 Dec 2026 → Mon 28 Dec.
        ("Christmas 2026", FI, d(2026, 9, 24), d(2026, 12, 28)),
        ("Christmas 2026", EE, d(2026, 9, 24), d(2026, 12, 28)),
    ];
    for (case, j, received, expected) in extended {
        assert_eq!(extended_deadline(j, received), expected, "{case} [{j}]");
    }
}

#[test]
fn christmas_eve_hint() {
    let today = d(2030, 1, 1);
    // §1.3 "Christmas Eve on a weekday": Wed 24 Dec 2025 → Mon 29 Dec.
    assert!(compute(FI, d(2025, 11, 24), &[], today).rolled_over_christmas_eve);
    assert!(!compute(EE, d(2025, 11, 24), &[], today).rolled_over_christmas_eve);
    // Rolled from Sat 22 over Mon 24 Dec 2029.
    assert!(compute(FI, d(2029, 11, 22), &[], today).rolled_over_christmas_eve);
    // Sat 23 Dec 2023 → Wed 27: passes a Sunday 24 Dec, which no reading works on.
    let sunday_eve = compute(FI, d(2023, 11, 23), &[], today);
    assert_eq!(sunday_eve.deadline, d(2023, 12, 27));
    assert!(!sunday_eve.rolled_over_christmas_eve);
    // Not rolled at all, or rolled elsewhere.
    assert!(!compute(FI, d(2024, 11, 23), &[], today).rolled_over_christmas_eve);
    assert!(!compute(FI, d(2025, 12, 6), &[], today).rolled_over_christmas_eve);
    // A pause carrying the month date onto Christmas Eve.
    let paused = compute(FI, d(2025, 11, 14), &[closed(d(2025, 11, 17), d(2025, 11, 27))], today);
    assert_eq!(paused.deadline, d(2025, 12, 29)); // Dec 14 + 10 = Wed Dec 24
    assert!(paused.rolled_over_christmas_eve);
    // Extended deadline: Thu 24 Dec 2026.
    let ext = compute(FI, d(2026, 9, 24), &[], today);
    assert!(ext.extended_rolled_over_christmas_eve);
    assert!(!ext.rolled_over_christmas_eve);
}

#[test]
fn paused_days_policy_1() {
    let today = d(2025, 12, 31);
    assert_eq!(paused_days(&[], today), 0);
    // Same day: 0.
    assert_eq!(paused_days(&[closed(d(2025, 3, 5), d(2025, 3, 5))], today), 0);
    // Overlapping [1, 5) and [3, 7): days 1..=6 once each.
    let overlap = [closed(d(2025, 3, 1), d(2025, 3, 5)), closed(d(2025, 3, 3), d(2025, 3, 7))];
    assert_eq!(paused_days(&overlap, today), 6);
    // Back to back [1, 3) and [3, 5): 2 + 2.
    let touching = [closed(d(2025, 3, 3), d(2025, 3, 5)), closed(d(2025, 3, 1), d(2025, 3, 3))];
    assert_eq!(paused_days(&touching, today), 4);
    // Contained and duplicated.
    let nested = [
        closed(d(2025, 3, 1), d(2025, 3, 11)),
        closed(d(2025, 3, 2), d(2025, 3, 4)),
        closed(d(2025, 3, 1), d(2025, 3, 11)),
    ];
    assert_eq!(paused_days(&nested, today), 10);
    // Disjoint.
    let disjoint = [closed(d(2025, 3, 1), d(2025, 3, 3)), closed(d(2025, 4, 1), d(2025, 4, 4))];
    assert_eq!(paused_days(&disjoint, today), 5);
    // Open pause runs to today; overlapping a closed one counts once.
    let with_open = [open(d(2025, 3, 5)), closed(d(2025, 3, 1), d(2025, 3, 7))];
    assert_eq!(paused_days(&with_open, d(2025, 3, 10)), 9);
    assert_eq!(paused_days(&[open(d(2025, 3, 5))], d(2025, 3, 5)), 0);
    // Nonsense counts nothing: open pause after today, answer before question.
    assert_eq!(paused_days(&[open(d(2025, 3, 5))], d(2025, 3, 1)), 0);
    assert_eq!(paused_days(&[closed(d(2025, 3, 5), d(2025, 3, 1))], today), 0);
}

#[test]
fn pause_days_before_receipt_are_not_counted() {
    // A question dated two days before receipt counts from receipt only.
    let all = compute(FI, d(2025, 3, 5), &[closed(d(2025, 3, 3), d(2025, 3, 10))], d(2025, 4, 1));
    assert_eq!(all.paused_days, 5);
    assert_eq!(all.deadline, d(2025, 4, 10));
}

#[test]
fn open_pause_projection_and_overdue_policy_4() {
    let received = d(2025, 3, 5);
    let pauses = [open(d(2025, 3, 6))];
    // Projection: if the answer came today (10 Mar), P = 4: Apr 5 + 4 = Wed Apr 9.
    let today = d(2025, 3, 10);
    let all = compute(FI, received, &pauses, today);
    assert!(is_paused(&pauses));
    assert_eq!(all.paused_since, Some(d(2025, 3, 6)));
    assert_eq!(all.paused_days, 4);
    assert_eq!(all.deadline, d(2025, 4, 9));
    assert_eq!(all.extended_deadline, d(2025, 6, 9));

    // A question asked after the deadline passed: paused, so not overdue.
    let received = d(2025, 1, 1);
    assert_eq!(deadline(EE, received), d(2025, 2, 3)); // Feb 1 Sat → Mon
    let late = [open(d(2025, 2, 10))];
    let all = compute(EE, received, &late, d(2025, 2, 12));
    assert_eq!(all.deadline, d(2025, 2, 3)); // Feb 1 + 2 = Feb 3
    assert!(!all.is_overdue(d(2025, 2, 12), false));
    assert!(is_overdue(all.deadline, d(2025, 2, 12)));
    // Once answered, it is overdue again.
    let answered = [closed(d(2025, 2, 10), d(2025, 2, 12))];
    let all = compute(EE, received, &answered, d(2025, 2, 12));
    assert_eq!(all.paused_since, None);
    assert!(all.is_overdue(d(2025, 2, 12), false));
    assert!(!all.is_overdue(d(2025, 2, 12), true));
    assert!(question_is_late(EE, received, d(2025, 2, 10)));
}

#[test]
fn overdue_and_days_left_r7() {
    let all = compute(FI, d(2025, 3, 5), &[], d(2025, 3, 5));
    assert_eq!(all.due(false), d(2025, 4, 7));
    assert_eq!(all.due(true), d(2025, 6, 5));
    // The whole deadline day is on time.
    assert!(!all.is_overdue(d(2025, 4, 7), false));
    assert!(all.is_overdue(d(2025, 4, 8), false));
    assert!(!all.is_overdue(d(2025, 4, 8), true));
    assert!(all.is_overdue(d(2025, 6, 6), true));
    assert_eq!(days_left(d(2025, 4, 7), d(2025, 4, 7)), 0);
    assert_eq!(days_left(d(2025, 4, 7), d(2025, 4, 8)), -1);
    assert_eq!(days_left(d(2025, 4, 7), d(2025, 4, 1)), 6);
    assert!(!is_overdue(d(2025, 4, 7), d(2025, 4, 7)));
    assert!(is_overdue(d(2025, 4, 7), d(2025, 4, 8)));
}

#[test]
fn extension_window_law_1_5() {
    let received = d(2025, 3, 5); // deadline Mon 7 Apr
    assert_eq!(can_extend(FI, received, &[], d(2025, 3, 5), false), Ok(()));
    assert_eq!(can_extend(FI, received, &[], d(2025, 4, 7), false), Ok(()));
    assert_eq!(
        can_extend(FI, received, &[], d(2025, 4, 8), false),
        Err(ExtendError::WindowClosed { deadline: d(2025, 4, 7) })
    );
    assert_eq!(can_extend(FI, received, &[], d(2025, 3, 10), true), Err(ExtendError::AlreadyExtended));
    // §1.4 row 1 pause moves the window to Thu 10 Apr.
    let pauses = [closed(d(2025, 3, 5), d(2025, 3, 10))];
    assert_eq!(can_extend(EE, received, &pauses, d(2025, 4, 10), false), Ok(()));
    assert!(can_extend(EE, received, &pauses, d(2025, 4, 11), false).is_err());
    assert_eq!(refusal_due(EE, received, &pauses, d(2025, 4, 11)), d(2025, 4, 10));
    assert_eq!(
        ExtendError::WindowClosed { deadline: d(2025, 4, 7) }.to_string(),
        "the one-month deadline 2025-04-07 has passed; an extension must be notified \
         within one month of receipt (GDPR Art 12(3))"
    );
    assert_eq!(
        ExtendError::AlreadyExtended.to_string(),
        "the deadline has already been extended; it can be extended only once"
    );
}

#[test]
fn working_day_arithmetic() {
    // Reminders for Thu 10 Apr 2025: 2 working days before = Tue 8; 7 = Tue 1 Apr.
    for &j in BOTH {
        assert_eq!(working_days_before(j, d(2025, 4, 10), 0), d(2025, 4, 10));
        assert_eq!(working_days_before(j, d(2025, 4, 10), 2), d(2025, 4, 8));
        assert_eq!(working_days_before(j, d(2025, 4, 10), 7), d(2025, 4, 1));
        // Over Christmas: Mon 29 Dec 2025 → Tue 23 (1), Mon 22 (2).
        assert_eq!(working_days_before(j, d(2025, 12, 29), 1), d(2025, 12, 23));
        assert_eq!(working_days_before(j, d(2025, 12, 29), 2), d(2025, 12, 22));
        // From a Saturday: 1 working day before is the Friday.
        assert_eq!(working_days_before(j, d(2025, 4, 5), 1), d(2025, 4, 4));
        assert_eq!(next_working_day(j, d(2025, 4, 4)), d(2025, 4, 7));
        assert_eq!(next_working_day(j, d(2025, 12, 23)), d(2025, 12, 29));
        assert_eq!(next_working_day(j, d(2025, 4, 7)), d(2025, 4, 8));
        // Mon → next Mon: 5; reverse −5; same day 0; Sat → Sun 0.
        assert_eq!(working_days_between(j, d(2025, 3, 3), d(2025, 3, 10)), 5);
        assert_eq!(working_days_between(j, d(2025, 3, 10), d(2025, 3, 3)), -5);
        assert_eq!(working_days_between(j, d(2025, 3, 3), d(2025, 3, 3)), 0);
        assert_eq!(working_days_between(j, d(2025, 3, 8), d(2025, 3, 9)), 0);
        assert_eq!(working_days_between(j, d(2025, 3, 7), d(2025, 3, 8)), 1);
    }
    // Easter week 2025, [Mon 14, Mon 28 Apr): Good Friday both, Easter Monday fi only.
    assert_eq!(working_days_between(FI, d(2025, 4, 14), d(2025, 4, 28)), 8);
    assert_eq!(working_days_between(EE, d(2025, 4, 14), d(2025, 4, 28)), 9);
    // Midsummer 2026: Fri 19 Jun is working in ee only.
    assert_eq!(working_days_before(FI, d(2026, 6, 22), 1), d(2026, 6, 18));
    assert_eq!(working_days_before(EE, d(2026, 6, 22), 1), d(2026, 6, 19));
    assert_eq!(next_working_day(EE, d(2026, 6, 22)), d(2026, 6, 25));
}

#[test]
fn question_sent_late_policy_5() {
    for &j in BOTH {
        // Received Mon 3 Mar 2025: the fifth working day after is Mon 10.
        assert!(!question_is_late(j, d(2025, 3, 3), d(2025, 3, 3)));
        assert!(!question_is_late(j, d(2025, 3, 3), d(2025, 3, 10)));
        assert!(question_is_late(j, d(2025, 3, 3), d(2025, 3, 11)));
        // Received Sat 8 Mar: Mon 10 … Fri 14 is the fifth; the weekend after is not late.
        assert!(!question_is_late(j, d(2025, 3, 8), d(2025, 3, 14)));
        assert!(!question_is_late(j, d(2025, 3, 8), d(2025, 3, 16)));
        assert!(question_is_late(j, d(2025, 3, 8), d(2025, 3, 17)));
    }
    // Received Thu 17 Apr 2025, before Easter. fi: Tue 22 … Mon 28 is the fifth.
    assert!(!question_is_late(FI, d(2025, 4, 17), d(2025, 4, 28)));
    assert!(question_is_late(FI, d(2025, 4, 17), d(2025, 4, 29)));
    // ee: Easter Monday works, Mon 21 … Fri 25 is the fifth.
    assert!(!question_is_late(EE, d(2025, 4, 17), d(2025, 4, 25)));
    assert!(question_is_late(EE, d(2025, 4, 17), d(2025, 4, 28)));
}

#[test]
fn pause_serde_shape() {
    let p = closed(d(2025, 3, 5), d(2025, 3, 10));
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(json, r#"{"asked_on":"2025-03-05","answered_on":"2025-03-10"}"#);
    assert_eq!(serde_json::from_str::<Pause>(&json).unwrap(), p);
    assert!(!p.is_open());
    assert!(open(d(2025, 3, 5)).is_open());
    assert_eq!(paused_since(&[open(d(2025, 3, 9)), p, open(d(2025, 3, 7))]), Some(d(2025, 3, 7)));
    assert!(!is_paused(&[p]));
}

mod law_1_3;
mod properties;
