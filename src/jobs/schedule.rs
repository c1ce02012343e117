//! Recurring schedules: a cron pattern in a time zone (e.g. "0 7 * * *" in Europe/Helsinki). The
//! stored `next_run_at` is moved forward by exactly one instance per occurrence, which enqueues the
//! occurrence's job with a dedupe key, so a due run happens once however many workers race.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use croner::Cron;

/// A recurring job.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub name: String,
    pub cron: String,
    pub time_zone: Tz,
    pub job_kind: String,
}

#[derive(Debug, thiserror::Error)]
#[error("schedule `{name}`: invalid cron pattern `{cron}`: {reason}")]
pub struct ScheduleError {
    pub name: String,
    pub cron: String,
    pub reason: String,
}

impl Schedule {
    pub fn new(name: &str, cron: &str, time_zone: Tz, job_kind: &str) -> Result<Self, ScheduleError> {
        let schedule =
            Self { name: name.to_owned(), cron: cron.to_owned(), time_zone, job_kind: job_kind.to_owned() };
        schedule.parse()?;
        Ok(schedule)
    }

    fn parse(&self) -> Result<Cron, ScheduleError> {
        Cron::from_str(&self.cron).map_err(|e| ScheduleError {
            name: self.name.clone(),
            cron: self.cron.clone(),
            reason: e.to_string(),
        })
    }

    /// The first occurrence strictly after `after`.
    pub fn next_after(&self, after: DateTime<Utc>) -> Result<DateTime<Utc>, ScheduleError> {
        let cron = self.parse()?;
        cron.find_next_occurrence(&after.with_timezone(&self.time_zone), false)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| ScheduleError {
                name: self.name.clone(),
                cron: self.cron.clone(),
                reason: e.to_string(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn occurrences_follow_the_local_time_zone_across_daylight_saving() {
        let s = Schedule::new("daily", "0 7 * * *", chrono_tz::Europe::Helsinki, "x").unwrap();
        // 07:00 in Helsinki is 05:00 UTC in winter (EET) and 04:00 UTC in summer (EEST).
        let winter = s.next_after(Utc.with_ymd_and_hms(2026, 1, 10, 12, 0, 0).unwrap()).unwrap();
        assert_eq!(winter, Utc.with_ymd_and_hms(2026, 1, 11, 5, 0, 0).unwrap());
        let summer = s.next_after(Utc.with_ymd_and_hms(2026, 7, 10, 12, 0, 0).unwrap()).unwrap();
        assert_eq!(summer, Utc.with_ymd_and_hms(2026, 7, 11, 4, 0, 0).unwrap());
    }

    #[test]
    fn monthly_on_the_first() {
        let s = Schedule::new("monthly", "0 6 1 * *", chrono_tz::Europe::Tallinn, "x").unwrap();
        let next = s.next_after(Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap()).unwrap();
        assert_eq!(next, Utc.with_ymd_and_hms(2026, 12, 1, 4, 0, 0).unwrap());
    }

    #[test]
    fn a_bad_pattern_is_named() {
        let err = Schedule::new("broken", "61 * * * *", chrono_tz::UTC, "x").unwrap_err().to_string();
        assert!(err.contains("broken") && err.contains("61 * * * *"), "{err}");
    }
}
