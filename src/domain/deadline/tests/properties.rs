//! Properties of the deadline engine over receipts from 1900 to 2200, both jurisdictions and any
//! pauses.

use proptest::prelude::*;

use super::*;

fn any_date() -> impl Strategy<Value = NaiveDate> {
    let first = d(1900, 1, 1);
    let span = (d(2200, 12, 31) - first).num_days() as u64;
    (0..=span).prop_map(move |n| first + Days::new(n))
}

fn any_jurisdiction() -> impl Strategy<Value = Jurisdiction> {
    prop::sample::select(Jurisdiction::ALL.to_vec())
}

/// Pauses as (start offset from receipt, length, open?), plus today as an offset.
fn any_pauses() -> impl Strategy<Value = (Vec<(u64, u64, bool)>, u64)> {
    (prop::collection::vec((0u64..70, 0u64..30, prop::bool::weighted(0.2)), 0..4), 0u64..150)
}

fn materialise(r: NaiveDate, spec: &[(u64, u64, bool)]) -> Vec<Pause> {
    spec.iter()
        .map(|&(start, len, is_open)| {
            let asked = r + Days::new(start);
            Pause { asked_on: asked, answered_on: (!is_open).then(|| asked + Days::new(len)) }
        })
        .collect()
}

/// Brute force: the set of paused days, each day once.
fn paused_set(pauses: &[Pause], today: NaiveDate) -> usize {
    let mut days = BTreeSet::new();
    for p in pauses {
        let end = p.answered_on.unwrap_or(today);
        let mut day = p.asked_on;
        while day < end {
            days.insert(day);
            day = day.succ_opt().unwrap();
        }
    }
    days.len()
}

proptest! {
    #[test]
    fn deadline_is_a_working_day_close_to_the_month_date(j in any_jurisdiction(), r in any_date()) {
        let one = add_months(r, 1);
        let dl = deadline(j, r);
        prop_assert!(holidays::is_working_day(j, dl));
        prop_assert!(dl >= one);
        prop_assert!((dl - one).num_days() <= 5, "{} rolled {} days", r, (dl - one).num_days());
        let three = add_months(r, 3);
        let ext = extended_deadline(j, r);
        prop_assert!(holidays::is_working_day(j, ext));
        prop_assert!(ext >= three && (ext - three).num_days() <= 5);
        prop_assert!(ext > dl);
        // Month arithmetic: same day number or the month's last day.
        prop_assert_eq!(one.day(), r.day().min(add_months(r.with_day(1).unwrap(), 2).pred_opt().unwrap().day()));
    }

    #[test]
    fn deadline_is_monotonic(j in any_jurisdiction(), r in any_date(), delta in 0u64..400) {
        let later = r + Days::new(delta);
        prop_assert!(deadline(j, r) <= deadline(j, later));
        prop_assert!(extended_deadline(j, r) <= extended_deadline(j, later));
    }

    #[test]
    fn roll_forward_is_the_first_working_day(j in any_jurisdiction(), date in any_date()) {
        let rolled = roll_forward(j, date);
        prop_assert!(holidays::is_working_day(j, rolled));
        prop_assert!(rolled >= date);
        prop_assert_eq!(roll_forward(j, rolled), rolled);
        let mut day = date;
        while day < rolled {
            prop_assert!(!holidays::is_working_day(j, day));
            day = day.succ_opt().unwrap();
        }
        let next = next_working_day(j, date);
        prop_assert!(next > date && holidays::is_working_day(j, next));
        prop_assert_eq!(working_days_between(j, date.succ_opt().unwrap(), next), 0);
    }

    #[test]
    fn pauses_push_deadlines_by_policy_2(
        j in any_jurisdiction(),
        r in any_date(),
        (spec, today_offset) in any_pauses(),
    ) {
        let pauses = materialise(r, &spec);
        let today = r + Days::new(today_offset);
        let all = compute(j, r, &pauses, today);
        let p = paused_set(&pauses, today);
        prop_assert_eq!(all.paused_days as usize, p);
        prop_assert_eq!(paused_days(&pauses, today) as usize, p);
        prop_assert!(all.deadline >= deadline(j, r));
        prop_assert!(all.extended_deadline >= extended_deadline(j, r));
        prop_assert!(all.extended_deadline > all.deadline);
        prop_assert_eq!(all.deadline, roll_forward(j, add_months(r, 1) + Days::new(p as u64)));
        prop_assert_eq!(
            all.extended_deadline,
            roll_forward(j, add_months(r, 3) + Days::new(p as u64))
        );
        prop_assert_eq!(all.paused_since.is_some(), pauses.iter().any(|p| p.is_open()));
        // Extension window and refusal follow the paused one-month deadline.
        prop_assert_eq!(can_extend(j, r, &pauses, today, false).is_ok(), today <= all.deadline);
        prop_assert_eq!(can_extend(j, r, &pauses, today, true), Err(ExtendError::AlreadyExtended));
        prop_assert_eq!(refusal_due(j, r, &pauses, today), all.deadline);
        let unpaused = compute(j, r, &[], today);
        prop_assert_eq!(unpaused.deadline, deadline(j, r));
        prop_assert_eq!(unpaused.extended_deadline, extended_deadline(j, r));
    }

    #[test]
    fn working_days_before_and_between_agree(
        j in any_jurisdiction(),
        date in any_date(),
        n in 0u32..40,
        other in any_date(),
    ) {
        let before = working_days_before(j, date, n);
        prop_assert_eq!(working_days_between(j, before, date), i64::from(n));
        prop_assert!(before <= date);
        if n > 0 {
            prop_assert!(holidays::is_working_day(j, before));
        }
        // Antisymmetric and additive (`other` is kept near `date` for speed).
        let near = date + Days::new(u64::from(other.ordinal()) % 60);
        prop_assert_eq!(
            working_days_between(j, date, near),
            -working_days_between(j, near, date)
        );
        prop_assert_eq!(
            working_days_between(j, before, date) + working_days_between(j, date, near),
            working_days_between(j, before, near)
        );
    }

    #[test]
    fn question_is_late_counts_working_days_after_receipt(
        j in any_jurisdiction(),
        r in any_date(),
        offset in 0u64..20,
    ) {
        let asked = r + Days::new(offset);
        // Working days in (r, asked], counted by hand.
        let mut count = 0;
        let mut day = r;
        while day < asked {
            day = day.succ_opt().unwrap();
            if holidays::is_working_day(j, day) {
                count += 1;
            }
        }
        prop_assert_eq!(question_is_late(j, r, asked), count > 5);
    }
}
