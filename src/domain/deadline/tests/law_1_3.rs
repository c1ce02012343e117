//! The worked edge cases of LAW.md §1.3, row by row, in both jurisdictions.

use super::*;

/// One row of LAW.md §1.3 for one jurisdiction.
struct Row {
    case: &'static str,
    js: &'static [Jurisdiction],
    received: NaiveDate,
    one_month: NaiveDate,
    deadline: NaiveDate,
    extended: Option<NaiveDate>,
}

#[test]
fn reminders_fall_on_working_days_before_the_deadline_and_daily_after_it() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let fi = Jurisdiction::Fi;
    // Due Thursday 2026-04-09 (fi): Easter Monday 6.4 and Good Friday 3.4 are holidays, so
    // 2 working days before is Tuesday 7.4 and 7 working days before is Friday 27.3.
    let due = d(2026, 4, 9);
    let fired: Vec<(NaiveDate, Reminder)> = (0..20)
        .map(|n| d(2026, 3, 25) + Days::new(n))
        .filter_map(|day| reminder_due(fi, due, day).map(|r| (day, r)))
        .collect();
    assert_eq!(
        fired,
        [
            (d(2026, 3, 27), Reminder::WorkingDaysLeft(7)),
            (d(2026, 4, 7), Reminder::WorkingDaysLeft(2)),
            (d(2026, 4, 10), Reminder::Overdue),
            (d(2026, 4, 11), Reminder::Overdue),
            (d(2026, 4, 12), Reminder::Overdue),
            (d(2026, 4, 13), Reminder::Overdue),
        ]
    );
    // Estonia works on Easter Monday: 7 working days before is Monday 30.3 there.
    assert_eq!(reminder_due(Jurisdiction::Ee, due, d(2026, 3, 30)), Some(Reminder::WorkingDaysLeft(7)));
    assert_eq!(reminder_due(fi, due, d(2026, 3, 30)), None);
    assert_eq!(reminder_due(fi, due, due), None);
    assert_eq!(Reminder::WorkingDaysLeft(7).as_str(), "due_in_7");
}

#[test]
fn law_1_3_worked_edge_cases() {
    let rows = [
        // LAW.md §1.3 "EDPB example 32 (5 March)"
        Row {
            case: "EDPB example 32",
            js: BOTH,
            received: d(2024, 3, 5),
            one_month: d(2024, 4, 5),
            deadline: d(2024, 4, 5),
            extended: Some(d(2024, 6, 5)),
        },
        // §1.3 "same, end on a Saturday"
        Row {
            case: "EDPB 32, end on a Saturday",
            js: BOTH,
            received: d(2025, 3, 5),
            one_month: d(2025, 4, 5),
            deadline: d(2025, 4, 7),
            extended: Some(d(2025, 6, 5)),
        },
        // §1.3 "EDPB example 33 (31 August)"
        Row {
            case: "EDPB example 33",
            js: BOTH,
            received: d(2024, 8, 31),
            one_month: d(2024, 9, 30),
            deadline: d(2024, 9, 30),
            extended: Some(d(2024, 12, 2)),
        },
        // §1.3 "31 Jan, common year"
        Row {
            case: "31 Jan, common year",
            js: BOTH,
            received: d(2025, 1, 31),
            one_month: d(2025, 2, 28),
            deadline: d(2025, 2, 28),
            extended: Some(d(2025, 4, 30)),
        },
        // §1.3 "31 Jan, leap year"
        Row {
            case: "31 Jan, leap year",
            js: BOTH,
            received: d(2024, 1, 31),
            one_month: d(2024, 2, 29),
            deadline: d(2024, 2, 29),
            extended: Some(d(2024, 4, 30)),
        },
        // §1.3 "31 Jan, 3 months end Sunday + May Day" (fi; Spring Day gives ee the same)
        Row {
            case: "31 Jan 2028, Sunday + May Day",
            js: BOTH,
            received: d(2028, 1, 31),
            one_month: d(2028, 2, 29),
            deadline: d(2028, 2, 29),
            extended: Some(d(2028, 5, 2)),
        },
        // §1.3 "30 Nov + 3 months"
        Row {
            case: "30 Nov + 3 months",
            js: BOTH,
            received: d(2024, 11, 30),
            one_month: d(2024, 12, 30),
            deadline: d(2024, 12, 30),
            extended: Some(d(2025, 2, 28)),
        },
        // §1.3 "receipt on a holiday itself"
        Row {
            case: "receipt on Christmas Day",
            js: BOTH,
            received: d(2024, 12, 25),
            one_month: d(2025, 1, 25),
            deadline: d(2025, 1, 27),
            extended: Some(d(2025, 3, 25)),
        },
        // §1.3 "receipt on a holiday, end on a holiday"
        Row {
            case: "FI Independence Day → Epiphany (fi)",
            js: &[FI],
            received: d(2025, 12, 6),
            one_month: d(2026, 1, 6),
            deadline: d(2026, 1, 7),
            extended: Some(d(2026, 3, 6)),
        },
        Row {
            case: "FI Independence Day → Epiphany (ee)",
            js: &[EE],
            received: d(2025, 12, 6),
            one_month: d(2026, 1, 6),
            deadline: d(2026, 1, 6),
            extended: Some(d(2026, 3, 6)),
        },
        // §1.3 "Christmas Eve on a weekday"
        Row {
            case: "Christmas Eve on a weekday (fi)",
            js: &[FI],
            received: d(2025, 11, 24),
            one_month: d(2025, 12, 24),
            deadline: d(2025, 12, 29),
            extended: Some(d(2026, 2, 24)),
        },
        Row {
            case: "Christmas Eve on a weekday (ee, Independence Day)",
            js: &[EE],
            received: d(2025, 11, 24),
            one_month: d(2025, 12, 24),
            deadline: d(2025, 12, 29),
            extended: Some(d(2026, 2, 25)),
        },
        // §1.3 "Midsummer Eve"
        Row {
            case: "Midsummer Eve (fi)",
            js: &[FI],
            received: d(2026, 5, 19),
            one_month: d(2026, 6, 19),
            deadline: d(2026, 6, 22),
            extended: Some(d(2026, 8, 19)),
        },
        Row {
            case: "Midsummer Eve (ee)",
            js: &[EE],
            received: d(2026, 5, 19),
            one_month: d(2026, 6, 19),
            deadline: d(2026, 6, 19),
            extended: Some(d(2026, 8, 19)),
        },
        // §1.3 "Estonian Victory Day + jaanipäev"
        Row {
            case: "Victory Day + jaanipäev (fi)",
            js: &[FI],
            received: d(2025, 5, 23),
            one_month: d(2025, 6, 23),
            deadline: d(2025, 6, 23),
            extended: Some(d(2025, 8, 25)),
        },
        Row {
            case: "Victory Day + jaanipäev (ee)",
            js: &[EE],
            received: d(2025, 5, 23),
            one_month: d(2025, 6, 23),
            deadline: d(2025, 6, 25),
            extended: Some(d(2025, 8, 25)),
        },
        // §1.3 "Easter Monday"
        Row {
            case: "Easter Monday (fi)",
            js: &[FI],
            received: d(2025, 3, 21),
            one_month: d(2025, 4, 21),
            deadline: d(2025, 4, 22),
            extended: Some(d(2025, 6, 23)),
        },
        Row {
            case: "Easter Monday (ee)",
            js: &[EE],
            received: d(2025, 3, 21),
            one_month: d(2025, 4, 21),
            deadline: d(2025, 4, 21),
            extended: Some(d(2025, 6, 25)),
        },
        // §1.3 "New Year's Eve is a working day" (extended: "—" in the table)
        Row {
            case: "New Year's Eve is a working day",
            js: BOTH,
            received: d(2029, 11, 29),
            one_month: d(2029, 12, 29),
            deadline: d(2029, 12, 31),
            extended: None,
        },
    ];
    for row in &rows {
        for &j in row.js {
            let case = format!("{} [{j}]", row.case);
            assert_eq!(add_months(row.received, 1), row.one_month, "{case}");
            assert_eq!(deadline(j, row.received), row.deadline, "{case}");
            let all = compute(j, row.received, &[], row.received);
            assert_eq!(all.deadline, row.deadline, "{case}");
            assert_eq!(all.paused_days, 0, "{case}");
            if let Some(extended) = row.extended {
                assert_eq!(extended_deadline(j, row.received), extended, "{case}");
                assert_eq!(all.extended_deadline, extended, "{case}");
            }
        }
    }
}
