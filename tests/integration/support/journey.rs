//! Helpers for the requester's journey: submit through the form or the API, read the emails the
//! SMTP capture server received, pull out links and codes.

use std::time::Duration;

use super::app::TestApp;
use super::smtp::Captured;

impl TestApp {
    /// The request's timeline, oldest first: (kind, payload) of each event.
    pub async fn events(&self, reference: &str) -> Vec<(String, serde_json::Value)> {
        use diesel::prelude::*;
        use diesel_async::RunQueryDsl;
        use dsr_desk::db::schema::{request_events, requests};
        let mut conn = self.db.conn().await;
        request_events::table
            .inner_join(requests::table)
            .filter(requests::reference.eq(reference))
            .select((request_events::kind, request_events::payload))
            .order(request_events::seq)
            .load(&mut conn)
            .await
            .expect("the request's events")
    }

    /// POSTs a form (repeated keys allowed).
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client.post(format!("{}{path}", self.address)).form(fields).send().await.expect("request")
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client.post(format!("{}{path}", self.address)).json(body).send().await.expect("request")
    }

    /// Runs the worker until the queue is empty; returns every message received so far.
    pub async fn deliver(&self) -> Vec<Captured> {
        self.worker.drain().await.expect("drain");
        let sent = self.smtp.messages().len();
        self.smtp.wait_for(sent, Duration::from_secs(5)).await
    }

    /// The newest message to `address`.
    pub async fn last_mail_to(&self, address: &str) -> Captured {
        self.deliver()
            .await
            .into_iter()
            .rev()
            .find(|m| m.rcpt_to.iter().any(|r| r.eq_ignore_ascii_case(address)))
            .unwrap_or_else(|| panic!("no email to {address}"))
    }

    /// How many requests the database holds.
    pub async fn request_count(&self) -> i64 {
        use diesel::prelude::*;
        use diesel_async::RunQueryDsl;
        let mut conn = self.db.conn().await;
        dsr_desk::db::schema::requests::table.count().get_result(&mut conn).await.unwrap()
    }
}

impl Captured {
    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    pub fn text(&self) -> String {
        self.parsed().body_text(0).map(|t| t.replace("\r\n", "\n")).unwrap_or_default()
    }

    pub fn html(&self) -> String {
        self.parsed().body_html(0).map(|t| t.into_owned()).unwrap_or_default()
    }

    /// The first link in the text part whose path starts with `prefix` (e.g. "/verify/"), as
    /// written, with its query string (a requester's link carries `?lang=`).
    pub fn full_link(&self, prefix: &str) -> String {
        self.text()
            .split_whitespace()
            .find(|w| w.starts_with("http") && w.contains(prefix))
            .unwrap_or_else(|| panic!("no {prefix} link in:\n{}", self.text()))
            .to_owned()
    }

    /// That link without its query string: the page's URL, to which paths are appended.
    pub fn link(&self, prefix: &str) -> String {
        self.full_link(prefix).split('?').next().unwrap_or_default().to_owned()
    }

    /// The token at the end of a link with `prefix`.
    pub fn token(&self, prefix: &str) -> String {
        self.link(prefix).rsplit('/').next().unwrap_or_default().to_owned()
    }

    /// The six-digit code in the text part: a word of its own, never digits
    /// inside a link's random token (which made this flaky).
    pub fn code(&self) -> String {
        self.text()
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
            .find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit()))
            .unwrap_or_else(|| panic!("no code in:\n{}", self.text()))
            .to_owned()
    }

    /// The request reference (`DSR-XXXX-XXXX`) in the subject.
    pub fn reference(&self) -> String {
        self.subject()
            .split_whitespace()
            .find(|w| w.starts_with("DSR-"))
            .unwrap_or_default()
            .trim_end_matches(':')
            .to_owned()
    }
}
