//! A sentence for people, as data: a translation key and its arguments. The domain and the
//! services say why an action is refused or a field is wrong in these, and each edge renders them
//! in its reader's language (a staff page in the staff member's, the API in English), so no reason
//! is fixed in one language where it is decided.

use chrono::NaiveDate;

use super::lifecycle::Status;

/// A value inside a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Words or numbers as they are: names, file names, counts, codes.
    Text(String),
    /// The words of another message, by key: a state, a kind.
    Term(String),
    /// Another message with arguments of its own, as a part of this one.
    Nested(Box<Msg>),
    /// A date, written as the reader's language writes dates.
    Date(NaiveDate),
}

/// A message key with its named arguments (the key names a Fluent message in `locales/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(key: &'static str) -> Self {
        Self { key, args: Vec::new() }
    }

    /// Text that is already in its reader's words (a reason from an outside system, or one
    /// translated at the edge); rendered as it is.
    pub fn verbatim(text: impl Into<String>) -> Self {
        Self::new("verbatim").text("text", text.into())
    }

    /// The argument `name` as plain text.
    pub fn text(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// The argument `name` as the words of the message `key`.
    pub fn term(mut self, name: &'static str, key: impl Into<String>) -> Self {
        self.args.push((name, Arg::Term(key.into())));
        self
    }

    /// The argument `name` as another message.
    pub fn nested(mut self, name: &'static str, message: Msg) -> Self {
        self.args.push((name, Arg::Nested(Box::new(message))));
        self
    }

    /// The argument `name` as a date.
    pub fn date(mut self, name: &'static str, date: NaiveDate) -> Self {
        self.args.push((name, Arg::Date(date)));
        self
    }

    /// The argument `name` as the name of a request's state (the staff's words for it).
    pub fn state(self, name: &'static str, status: Status) -> Self {
        self.term(name, format!("staff-state-{}", status.as_str()))
    }

    pub fn key(&self) -> &'static str {
        self.key
    }

    pub fn args(&self) -> &[(&'static str, Arg)] {
        &self.args
    }
}

// Text typed at the edge in its reader's language (or the API's English) needs no key.
impl From<&str> for Msg {
    fn from(text: &str) -> Self {
        Msg::verbatim(text)
    }
}

impl From<String> for Msg {
    fn from(text: String) -> Self {
        Msg::verbatim(text)
    }
}

/// A field of a form or body that is not acceptable, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub message: Msg,
}

impl Problem {
    pub fn new(field: impl Into<String>, message: Msg) -> Self {
        Self { field: field.into(), message }
    }
}
