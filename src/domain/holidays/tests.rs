//! Tests of the holiday calendars: jurisdictions, Easter and the movable holidays, known dates.

use super::*;
use std::collections::BTreeSet;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Easter by Gauss's algorithm with its two exceptions, written independently of the
/// anonymous computus under test.
fn easter_gauss(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year % 4;
    let c = year % 7;
    let k = year / 100;
    let p = (13 + 8 * k) / 25;
    let q = k / 4;
    let m = (15 - p + k - q) % 30;
    let n = (4 + k - q) % 7;
    let dd = (19 * a + m) % 30;
    let e = (2 * b + 4 * c + 6 * dd + n) % 7;
    if dd == 29 && e == 6 {
        return d(year, 4, 19);
    }
    if dd == 28 && e == 6 && (11 * m + 11) % 30 < 19 {
        return d(year, 4, 18);
    }
    let march = 22 + dd + e;
    if march <= 31 { d(year, 3, march as u32) } else { d(year, 4, (dd + e - 9) as u32) }
}

#[test]
fn jurisdiction_parses_displays_and_serialises() {
    assert_eq!("fi".parse::<Jurisdiction>().unwrap(), Jurisdiction::Fi);
    assert_eq!("ee".parse::<Jurisdiction>().unwrap(), Jurisdiction::Ee);
    for bad in ["FI", "se", "", " fi", "est"] {
        let err = bad.parse::<Jurisdiction>().unwrap_err();
        assert!(err.to_string().contains("expected \"fi\""), "{err}");
    }
    assert_eq!(
        "xx".parse::<Jurisdiction>().unwrap_err().to_string(),
        "unknown jurisdiction \"xx\": expected \"fi\" (Finland) or \"ee\" (Estonia)"
    );
    for j in Jurisdiction::ALL {
        assert_eq!(j.to_string(), j.as_str());
        assert_eq!(j.as_str().parse::<Jurisdiction>().unwrap(), j);
        let json = serde_json::to_string(&j).unwrap();
        assert_eq!(json, format!("\"{}\"", j.as_str()));
        assert_eq!(serde_json::from_str::<Jurisdiction>(&json).unwrap(), j);
    }
    assert!(serde_json::from_str::<Jurisdiction>("\"Fi\"").is_err());
}

#[test]
fn time_zones() {
    assert_eq!(Jurisdiction::Fi.time_zone(), chrono_tz::Europe::Helsinki);
    assert_eq!(Jurisdiction::Ee.time_zone(), chrono_tz::Europe::Tallinn);
}

#[test]
fn easter_known_dates() {
    let known = [
        d(2024, 3, 31),
        d(2025, 4, 20),
        d(2026, 4, 5),
        d(2000, 4, 23),
        d(2038, 4, 25),
        d(1943, 4, 25), // latest possible date
        d(1913, 3, 23), // early
        d(2008, 3, 23), // early: Ascension = May Day
        d(1818, 3, 22), // earliest possible date
        d(2285, 3, 22),
        d(1954, 4, 18), // Gauss exception d=28, e=6
        d(1981, 4, 19), // Gauss exception d=29, e=6
        d(2049, 4, 18),
        d(2076, 4, 19),
        d(1900, 4, 15),
        d(2200, 4, 6),
    ];
    for e in known {
        assert_eq!(easter_sunday(e.year()), e);
    }
}

#[test]
fn easter_agrees_with_gauss_for_every_gregorian_year_to_4099() {
    for year in 1583..=4099 {
        let e = easter_sunday(year);
        assert_eq!(e, easter_gauss(year), "year {year}");
        assert_eq!(e.weekday(), Weekday::Sun);
        assert!(e >= d(year, 3, 22) && e <= d(year, 4, 25), "{e}");
    }
}

#[test]
fn easter_far_years_do_not_panic() {
    assert_eq!(easter_sunday(i32::MAX), NaiveDate::MAX);
    assert_eq!(easter_sunday(i32::MIN), NaiveDate::MIN);
    assert_eq!(easter_sunday(-100).weekday(), Weekday::Sun);
    assert!(holidays_in_year(Jurisdiction::Fi, i32::MAX).is_empty());
}

#[test]
fn finland_2024_2025_2026() {
    let expected_2024 = [
        (d(2024, 1, 1), "New Year's Day"),
        (d(2024, 1, 6), "Epiphany"),
        (d(2024, 3, 29), "Good Friday"),
        (d(2024, 3, 31), "Easter Sunday"),
        (d(2024, 4, 1), "Easter Monday"),
        (d(2024, 5, 1), "May Day"),
        (d(2024, 5, 9), "Ascension Day"),
        (d(2024, 5, 19), "Whit Sunday"),
        (d(2024, 6, 21), "Midsummer Eve"),
        (d(2024, 6, 22), "Midsummer Day"),
        (d(2024, 11, 2), "All Saints' Day"),
        (d(2024, 12, 6), "Independence Day"),
        (d(2024, 12, 24), "Christmas Eve"),
        (d(2024, 12, 25), "Christmas Day"),
        (d(2024, 12, 26), "St Stephen's Day"),
    ];
    let expected_2025 = [
        (d(2025, 1, 1), "New Year's Day"),
        (d(2025, 1, 6), "Epiphany"),
        (d(2025, 4, 18), "Good Friday"),
        (d(2025, 4, 20), "Easter Sunday"),
        (d(2025, 4, 21), "Easter Monday"),
        (d(2025, 5, 1), "May Day"),
        (d(2025, 5, 29), "Ascension Day"),
        (d(2025, 6, 8), "Whit Sunday"),
        (d(2025, 6, 20), "Midsummer Eve"),
        (d(2025, 6, 21), "Midsummer Day"),
        (d(2025, 11, 1), "All Saints' Day"),
        (d(2025, 12, 6), "Independence Day"),
        (d(2025, 12, 24), "Christmas Eve"),
        (d(2025, 12, 25), "Christmas Day"),
        (d(2025, 12, 26), "St Stephen's Day"),
    ];
    let expected_2026 = [
        (d(2026, 1, 1), "New Year's Day"),
        (d(2026, 1, 6), "Epiphany"),
        (d(2026, 4, 3), "Good Friday"),
        (d(2026, 4, 5), "Easter Sunday"),
        (d(2026, 4, 6), "Easter Monday"),
        (d(2026, 5, 1), "May Day"),
        (d(2026, 5, 14), "Ascension Day"),
        (d(2026, 5, 24), "Whit Sunday"),
        (d(2026, 6, 19), "Midsummer Eve"),
        (d(2026, 6, 20), "Midsummer Day"),
        (d(2026, 10, 31), "All Saints' Day"),
        (d(2026, 12, 6), "Independence Day"),
        (d(2026, 12, 24), "Christmas Eve"),
        (d(2026, 12, 25), "Christmas Day"),
        (d(2026, 12, 26), "St Stephen's Day"),
    ];
    assert_eq!(holidays_in_year(Jurisdiction::Fi, 2024), expected_2024);
    assert_eq!(holidays_in_year(Jurisdiction::Fi, 2025), expected_2025);
    assert_eq!(holidays_in_year(Jurisdiction::Fi, 2026), expected_2026);
    for (date, name) in expected_2025.iter().chain(&expected_2026) {
        assert_eq!(holiday_name(Jurisdiction::Fi, *date), Some(*name));
    }
}

#[test]
fn estonia_2025_and_christmas_eve_since_2005() {
    let expected_2025 = [
        (d(2025, 1, 1), "New Year's Day"),
        (d(2025, 2, 24), "Independence Day"),
        (d(2025, 4, 18), "Good Friday"),
        (d(2025, 4, 20), "Easter Sunday"),
        (d(2025, 5, 1), "Spring Day"),
        (d(2025, 6, 8), "Whit Sunday"),
        (d(2025, 6, 23), "Victory Day"),
        (d(2025, 6, 24), "Midsummer Day"),
        (d(2025, 8, 20), "Day of Restoration of Independence"),
        (d(2025, 12, 24), "Christmas Eve"),
        (d(2025, 12, 25), "Christmas Day"),
        (d(2025, 12, 26), "Boxing Day"),
    ];
    assert_eq!(holidays_in_year(Jurisdiction::Ee, 2025), expected_2025);
    // 2004: Easter 11 April; no Christmas Eve yet.
    let expected_2004 = [
        (d(2004, 1, 1), "New Year's Day"),
        (d(2004, 2, 24), "Independence Day"),
        (d(2004, 4, 9), "Good Friday"),
        (d(2004, 4, 11), "Easter Sunday"),
        (d(2004, 5, 1), "Spring Day"),
        (d(2004, 5, 30), "Whit Sunday"),
        (d(2004, 6, 23), "Victory Day"),
        (d(2004, 6, 24), "Midsummer Day"),
        (d(2004, 8, 20), "Day of Restoration of Independence"),
        (d(2004, 12, 25), "Christmas Day"),
        (d(2004, 12, 26), "Boxing Day"),
    ];
    assert_eq!(holidays_in_year(Jurisdiction::Ee, 2004), expected_2004);
    assert!(!is_public_holiday(Jurisdiction::Ee, d(2004, 12, 24)));
    assert!(is_working_day(Jurisdiction::Ee, d(2004, 12, 24))); // a Friday
    assert_eq!(holiday_name(Jurisdiction::Ee, d(2005, 12, 24)), Some("Christmas Eve"));
    // Finland has had it throughout.
    assert!(is_public_holiday(Jurisdiction::Fi, d(2004, 12, 24)));
}

#[test]
fn midsummer_and_all_saints_known_dates() {
    let fi = Jurisdiction::Fi;
    assert_eq!(holiday_name(fi, d(2025, 6, 20)), Some("Midsummer Eve"));
    assert_eq!(holiday_name(fi, d(2026, 6, 19)), Some("Midsummer Eve"));
    assert_eq!(holiday_name(fi, d(2026, 6, 20)), Some("Midsummer Day"));
    assert_eq!(holiday_name(fi, d(2025, 11, 1)), Some("All Saints' Day"));
    assert_eq!(holiday_name(fi, d(2026, 10, 31)), Some("All Saints' Day"));
    // Boundaries: 19 June a Friday (2026) and 25 June a Friday (2027).
    assert_eq!(holiday_name(fi, d(2027, 6, 25)), Some("Midsummer Eve"));
    assert_eq!(holiday_name(fi, d(2027, 6, 26)), Some("Midsummer Day"));
    // All Saints' on 6 November (2027) and 31 October (2026).
    assert_eq!(holiday_name(fi, d(2027, 11, 6)), Some("All Saints' Day"));
    // Estonia's midsummer is fixed.
    assert_eq!(
        holiday_name(Jurisdiction::Ee, d(2025, 6, 20)),
        None,
        "FI Midsummer Eve is a working day in EE"
    );
    assert_eq!(holiday_name(Jurisdiction::Ee, d(2026, 6, 24)), Some("Midsummer Day"));
}

#[test]
fn days_that_are_not_holidays() {
    let fi = Jurisdiction::Fi;
    let ee = Jurisdiction::Ee;
    assert!(!is_public_holiday(fi, d(2025, 12, 31))); // New Year's Eve
    assert!(!is_public_holiday(fi, d(2025, 4, 19))); // Easter Saturday
    assert!(!is_public_holiday(fi, d(2025, 6, 9))); // Åland Autonomy Day, Whit Monday
    assert!(!is_public_holiday(fi, d(2025, 2, 24)));
    assert!(!is_public_holiday(ee, d(2025, 4, 21))); // Easter Monday
    assert!(!is_public_holiday(ee, d(2025, 5, 29))); // Ascension
    assert!(!is_public_holiday(ee, d(2025, 1, 6))); // Epiphany
    for shortened in [d(2025, 2, 23), d(2025, 6, 22), d(2025, 12, 23), d(2025, 12, 31)] {
        assert!(!is_public_holiday(ee, shortened), "{shortened}");
    }
    assert!(is_working_day(ee, d(2025, 12, 23)));
    assert!(is_working_day(ee, d(2025, 12, 31)));
    assert!(is_working_day(fi, d(2025, 12, 31)));
    assert!(!is_working_day(fi, d(2025, 3, 8))); // Saturday
    assert!(!is_working_day(ee, d(2025, 3, 9))); // Sunday
    assert!(is_working_day(fi, d(2025, 3, 10)));
}

#[test]
fn ascension_on_may_day_shares_the_date() {
    // Easter 2008 was 23 March: Ascension (Easter + 39) fell on 1 May.
    let list = holidays_in_year(Jurisdiction::Fi, 2008);
    assert_eq!(list.len(), 15);
    let may_day: Vec<_> = list.iter().filter(|(dt, _)| *dt == d(2008, 5, 1)).collect();
    assert_eq!(may_day, [&(d(2008, 5, 1), "May Day"), &(d(2008, 5, 1), "Ascension Day")]);
    assert_eq!(holiday_name(Jurisdiction::Fi, d(2008, 5, 1)), Some("May Day"));
}

fn find(list: &[(NaiveDate, &str)], name: &str) -> NaiveDate {
    list.iter().find(|(_, n)| *n == name).map(|(dt, _)| *dt).unwrap_or_else(|| panic!("{name} missing"))
}

#[test]
fn calendars_agree_with_their_definitions_1900_to_2200() {
    for year in 1900..=2200 {
        let easter = easter_sunday(year);
        let fi = holidays_in_year(Jurisdiction::Fi, year);
        assert_eq!(fi.len(), 15, "{year}");
        let distinct: BTreeSet<_> = fi.iter().map(|(dt, _)| *dt).collect();
        // The only coincidence: Ascension on May Day when Easter is 23 March.
        let expected_distinct = if easter == d(year, 3, 23) { 14 } else { 15 };
        assert_eq!(distinct.len(), expected_distinct, "{year}");
        assert!(fi.windows(2).all(|w| w[0].0 <= w[1].0), "sorted {year}");

        let good_friday = find(&fi, "Good Friday");
        assert_eq!(good_friday + Days::new(2), easter);
        assert_eq!(good_friday.weekday(), Weekday::Fri);
        assert_eq!(find(&fi, "Easter Sunday"), easter);
        let easter_monday = find(&fi, "Easter Monday");
        assert_eq!(easter_monday.weekday(), Weekday::Mon);
        assert_eq!(easter_monday, easter + Days::new(1));
        let ascension = find(&fi, "Ascension Day");
        assert_eq!(ascension.weekday(), Weekday::Thu);
        assert_eq!(ascension, easter + Days::new(39));
        let whit = find(&fi, "Whit Sunday");
        assert_eq!(whit.weekday(), Weekday::Sun);
        assert_eq!(whit, easter + Days::new(49));
        let eve = find(&fi, "Midsummer Eve");
        assert_eq!(eve.weekday(), Weekday::Fri);
        assert!(eve >= d(year, 6, 19) && eve <= d(year, 6, 25));
        let day = find(&fi, "Midsummer Day");
        assert_eq!(day.weekday(), Weekday::Sat);
        assert!(day >= d(year, 6, 20) && day <= d(year, 6, 26));
        assert_eq!(day, eve + Days::new(1));
        let saints = find(&fi, "All Saints' Day");
        assert_eq!(saints.weekday(), Weekday::Sat);
        assert!(saints >= d(year, 10, 31) && saints <= d(year, 11, 6));
        for (name, m, dd) in [
            ("New Year's Day", 1, 1),
            ("Epiphany", 1, 6),
            ("May Day", 5, 1),
            ("Independence Day", 12, 6),
            ("Christmas Eve", 12, 24),
            ("Christmas Day", 12, 25),
            ("St Stephen's Day", 12, 26),
        ] {
            assert_eq!(find(&fi, name), d(year, m, dd), "{name} {year}");
        }

        let ee = holidays_in_year(Jurisdiction::Ee, year);
        assert_eq!(ee.len(), if year >= 2005 { 12 } else { 11 }, "{year}");
        let distinct: BTreeSet<_> = ee.iter().map(|(dt, _)| *dt).collect();
        assert_eq!(distinct.len(), ee.len(), "EE holidays never coincide");
        assert_eq!(find(&ee, "Good Friday"), good_friday);
        assert_eq!(find(&ee, "Easter Sunday"), easter);
        assert_eq!(find(&ee, "Whit Sunday"), whit);
        for (name, m, dd) in [
            ("New Year's Day", 1, 1),
            ("Independence Day", 2, 24),
            ("Spring Day", 5, 1),
            ("Victory Day", 6, 23),
            ("Midsummer Day", 6, 24),
            ("Day of Restoration of Independence", 8, 20),
            ("Christmas Day", 12, 25),
            ("Boxing Day", 12, 26),
        ] {
            assert_eq!(find(&ee, name), d(year, m, dd), "{name} {year}");
        }
        // Neither Easter Monday nor Ascension (which is Spring Day itself when on 1 May).
        assert_eq!(holiday_name(Jurisdiction::Ee, easter_monday), None);
        assert!(matches!(holiday_name(Jurisdiction::Ee, ascension), None | Some("Spring Day")));
    }
}

#[test]
fn day_by_day_lookup_matches_the_yearly_lists_1900_to_2200() {
    for j in Jurisdiction::ALL {
        let mut from_lists = BTreeSet::new();
        for year in 1900..=2200 {
            from_lists.extend(holidays_in_year(j, year).into_iter().map(|(dt, _)| dt));
        }
        let mut date = d(1900, 1, 1);
        let mut found = BTreeSet::new();
        while date <= d(2200, 12, 31) {
            if is_public_holiday(j, date) {
                found.insert(date);
            }
            let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
            assert_eq!(is_working_day(j, date), !weekend && !from_lists.contains(&date), "{j} {date}");
            date = date.succ_opt().unwrap();
        }
        assert_eq!(found, from_lists, "{j}");
    }
}
