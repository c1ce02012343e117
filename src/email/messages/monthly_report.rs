//! The contact person's monthly deadline report: the summary in the body, every row in the
//! attached CSV.

use serde::{Deserialize, Serialize};

use super::Sender;
use crate::domain::RequestKind;
use crate::domain::audit::ChainHeads;
use crate::domain::report::Group;
use crate::email::{Attachment, Message};
use crate::i18n::Tr;

/// To the register's contact person on the 1st: the previous month's deadline report, its summary
/// in the body and every row in the attached CSV (references and dates, no requester's data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyReport {
    pub sender: Sender,
    pub register_key: String,
    /// `YYYY-MM`.
    pub month: String,
    pub summary: Group,
    /// The report page of the month and register.
    pub report_link: String,
    /// The attachment, as written when the email was queued (erased from the outbox once sent).
    pub csv: String,
    /// Where the audit log and the register's request chains stood when the report was made
    /// (absent in reports queued before chain heads were published).
    #[serde(default)]
    pub chains: Option<ChainHeads>,
}

impl MonthlyReport {
    pub fn file_name(&self) -> String {
        format!("deadline-report-{}-{}.csv", self.month, self.register_key)
    }

    /// (label key, value) of the summary lines, in the order shown.
    pub fn lines(&self) -> Vec<(&'static str, String)> {
        let c = &self.summary.totals;
        let days = |v: Option<i64>| v.map_or_else(|| "–".to_owned(), |d| d.to_string());
        vec![
            ("monthly-report-rows", c.rows.to_string()),
            ("monthly-report-received", c.received.to_string()),
            ("monthly-report-on-time", c.closed_on_time.to_string()),
            ("monthly-report-late", c.closed_late.to_string()),
            ("monthly-report-open", c.open_within_deadline.to_string()),
            ("monthly-report-overdue", c.open_overdue.to_string()),
            ("monthly-report-withdrawn", c.withdrawn.to_string()),
            ("monthly-report-extended", c.extended.to_string()),
            ("monthly-report-median", days(c.median_days_to_close)),
            ("monthly-report-p90", days(c.p90_days_to_close)),
        ]
    }

    /// One line per kind of request: its name and counts.
    pub fn kind_lines(&self, t: &Tr) -> Vec<String> {
        self.summary
            .by_kind
            .iter()
            .map(|k| {
                let name = k
                    .kind
                    .parse::<RequestKind>()
                    .map_or_else(|_| k.kind.clone(), |kind| t.get(kind.message_key()));
                let c = &k.counts;
                t.fmt(
                    "monthly-report-kind",
                    &[
                        ("kind", &name),
                        ("rows", &c.rows.to_string()),
                        ("on_time", &c.closed_on_time.to_string()),
                        ("late", &c.closed_late.to_string()),
                        ("open", &c.open_within_deadline.to_string()),
                        ("overdue", &c.open_overdue.to_string()),
                    ],
                )
            })
            .collect()
    }
}

email_templates!(
    MonthlyReport,
    "emails/monthly_report/subject.txt",
    "emails/monthly_report/body.txt",
    "emails/monthly_report/body.html"
);

impl Message for MonthlyReport {
    fn attachments(&self) -> Vec<Attachment> {
        vec![Attachment {
            file_name: self.file_name(),
            content_type: "text/csv; charset=utf-8".into(),
            content: self.csv.clone().into_bytes(),
        }]
    }
}
