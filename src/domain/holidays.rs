//! Jurisdictions and their public-holiday calendars (LAW.md §1.2, rule R3).
//!
//! Every calendar is a table of rules (fixed date, Easter offset, or "the first given weekday on or
//! after a date"), evaluated for any year; no date is typed in. Adding a jurisdiction means adding
//! an enum variant, its time zone and one rule table in `calendar`.
//!
//! The tables encode today's law for every year, with one dated change: Estonian Christmas Eve is a
//! holiday from 2005 on (PTS §2 p 8¹, in force 20.05.2005). Earlier historical calendars (e.g. the
//! Finnish holiday reforms of the 1950s–70s, Soviet-era Estonia) are deliberately not modelled:
//! requests are handled today, and the years 1900–2200 are supported only so that the arithmetic
//! is well defined and testable.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The law a register is kept under; decides the time zone (R1) and the holidays (R3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Jurisdiction {
    /// Finland: GDPR + Tietosuojalaki 1050/2018, Europe/Helsinki.
    Fi,
    /// Estonia: GDPR + IKS, Europe/Tallinn.
    Ee,
}

impl Jurisdiction {
    /// Every supported jurisdiction.
    pub const ALL: [Jurisdiction; 2] = [Jurisdiction::Fi, Jurisdiction::Ee];

    /// The lowercase code used in configuration, the CLI and JSON (`fi`, `ee`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Fi => "fi",
            Self::Ee => "ee",
        }
    }

    /// The time zone in which receipt dates are taken (R1).
    /// The international calling code, the default for telephone numbers written without one.
    pub const fn calling_code(self) -> &'static str {
        match self {
            Jurisdiction::Fi => "358",
            Jurisdiction::Ee => "372",
        }
    }

    pub const fn time_zone(self) -> chrono_tz::Tz {
        match self {
            Self::Fi => chrono_tz::Europe::Helsinki,
            Self::Ee => chrono_tz::Europe::Tallinn,
        }
    }
}

impl fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A jurisdiction code that is neither `fi` nor `ee`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseJurisdictionError {
    input: String,
}

impl fmt::Display for ParseJurisdictionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown jurisdiction {:?}: expected \"fi\" (Finland) or \"ee\" (Estonia)", self.input)
    }
}

impl std::error::Error for ParseJurisdictionError {}

impl FromStr for Jurisdiction {
    type Err = ParseJurisdictionError;

    /// Accepts exactly the serde spelling, `fi` or `ee`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|j| j.as_str() == s)
            .ok_or_else(|| ParseJurisdictionError { input: s.to_owned() })
    }
}

/// Gregorian Easter Sunday of `year` by the anonymous Gregorian computus (Meeus/Jones/Butcher).
///
/// Years outside chrono's range (±262,143) saturate to `NaiveDate::MIN` / `NaiveDate::MAX`.
pub fn easter_sunday(year: i32) -> NaiveDate {
    easter_opt(year).unwrap_or(if year < 0 { NaiveDate::MIN } else { NaiveDate::MAX })
}

fn easter_opt(year: i32) -> Option<NaiveDate> {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    // month is 3 or 4, day 1..=31: the casts cannot truncate.
    NaiveDate::from_ymd_opt(year, (n / 31) as u32, (n % 31 + 1) as u32)
}

/// How a holiday's date is found in a given year.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// The same month and day every year.
    Fixed { month: u32, day: u32 },
    /// Easter Sunday plus this many days (may be negative).
    Easter(i64),
    /// The first `weekday` on or after `month`/`day` (e.g. Saturday 20–26 June).
    WeekdayFrom { month: u32, day: u32, weekday: Weekday },
}

/// One public holiday of a calendar.
#[derive(Debug, Clone, Copy)]
struct Holiday {
    name: &'static str,
    rule: Rule,
    /// First year in which the day is a holiday.
    since: i32,
}

const fn fixed(name: &'static str, month: u32, day: u32) -> Holiday {
    Holiday { name, rule: Rule::Fixed { month, day }, since: i32::MIN }
}

const fn easter(name: &'static str, offset: i64) -> Holiday {
    Holiday { name, rule: Rule::Easter(offset), since: i32::MIN }
}

const fn weekday_from(name: &'static str, month: u32, day: u32, weekday: Weekday) -> Holiday {
    Holiday { name, rule: Rule::WeekdayFrom { month, day, weekday }, since: i32::MIN }
}

const fn since(holiday: Holiday, year: i32) -> Holiday {
    Holiday { since: year, ..holiday }
}

/// Finland, LAW.md §1.2: Kirkkolaki 4:3 church holidays, Independence Day, May Day, and the
/// Christmas and Midsummer Eves of 150/1930 §5. Listed in calendar order, so that where two
/// coincide (Ascension on 1 May when Easter is 23 March, e.g. 2008) the earlier entry names it.
const FI: [Holiday; 15] = [
    fixed("New Year's Day", 1, 1),
    fixed("Epiphany", 1, 6),
    easter("Good Friday", -2),
    easter("Easter Sunday", 0),
    easter("Easter Monday", 1),
    fixed("May Day", 5, 1),
    easter("Ascension Day", 39),
    easter("Whit Sunday", 49),
    weekday_from("Midsummer Eve", 6, 19, Weekday::Fri),
    weekday_from("Midsummer Day", 6, 20, Weekday::Sat),
    weekday_from("All Saints' Day", 10, 31, Weekday::Sat),
    fixed("Independence Day", 12, 6),
    fixed("Christmas Eve", 12, 24),
    fixed("Christmas Day", 12, 25),
    fixed("St Stephen's Day", 12, 26),
];

/// Estonia, LAW.md §1.2: Pühade ja tähtpäevade seadus §1–2.
const EE: [Holiday; 12] = [
    fixed("New Year's Day", 1, 1),
    fixed("Independence Day", 2, 24),
    easter("Good Friday", -2),
    easter("Easter Sunday", 0),
    fixed("Spring Day", 5, 1),
    easter("Whit Sunday", 49),
    fixed("Victory Day", 6, 23),
    fixed("Midsummer Day", 6, 24),
    fixed("Day of Restoration of Independence", 8, 20),
    since(fixed("Christmas Eve", 12, 24), 2005),
    fixed("Christmas Day", 12, 25),
    fixed("Boxing Day", 12, 26),
];

/// The rule table of a jurisdiction.
const fn calendar(j: Jurisdiction) -> &'static [Holiday] {
    match j {
        Jurisdiction::Fi => &FI,
        Jurisdiction::Ee => &EE,
    }
}

impl Holiday {
    /// The date in `year`, or `None` when it is not (yet) a holiday that year.
    fn date_in(&self, year: i32, easter: Option<NaiveDate>) -> Option<NaiveDate> {
        if year < self.since {
            return None;
        }
        match self.rule {
            Rule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            Rule::Easter(offset) => {
                let days = Days::new(offset.unsigned_abs());
                if offset < 0 { easter?.checked_sub_days(days) } else { easter?.checked_add_days(days) }
            }
            Rule::WeekdayFrom { month, day, weekday } => {
                let start = NaiveDate::from_ymd_opt(year, month, day)?;
                let ahead = (7 + weekday.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
                start.checked_add_days(Days::new(u64::from(ahead)))
            }
        }
    }
}

/// The English name of the public holiday on `date`, if it is one in `j` (§1.2).
///
/// Where two holidays share a date (in Finland, Ascension Day falls on May Day when Easter is
/// 23 March), the one listed first in calendar order is named ("May Day").
pub fn holiday_name(j: Jurisdiction, date: NaiveDate) -> Option<&'static str> {
    let year = date.year();
    let easter = easter_opt(year);
    calendar(j).iter().find(|h| h.date_in(year, easter) == Some(date)).map(|h| h.name)
}

/// Whether `date` is a public holiday of `j` (weekends are not holidays as such).
pub fn is_public_holiday(j: Jurisdiction, date: NaiveDate) -> bool {
    holiday_name(j, date).is_some()
}

/// Whether `date` is a working day in `j`: not a Saturday, Sunday or public holiday (R3).
pub fn is_working_day(j: Jurisdiction, date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(j, date)
}

/// Every public holiday of `j` in `year`, sorted by date: one entry per holiday of §1.2 (15 for
/// `fi`; 12 for `ee`, 11 before 2005), so two entries can share a date (see [`holiday_name`]).
pub fn holidays_in_year(j: Jurisdiction, year: i32) -> Vec<(NaiveDate, &'static str)> {
    let easter = easter_opt(year);
    let mut days: Vec<_> =
        calendar(j).iter().filter_map(|h| h.date_in(year, easter).map(|d| (d, h.name))).collect();
    // Stable sort keeps calendar order for holidays on the same date.
    days.sort_by_key(|&(d, _)| d);
    days
}

#[cfg(test)]
mod tests;
