//! SQL steps with named parameters (`:email`, `:phone`, `:customer_number`), as written in a
//! register file, turned into each driver's positional placeholders. Parameters are found outside
//! string literals, quoted identifiers and comments; PostgreSQL's `::type` casts are not
//! parameters. A step is one statement: a `;` outside quotes is refused.

use super::Identifier;

/// The placeholder style of a driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `$1`, `$2`, … (each identifier one number, however often it occurs).
    Postgres,
    /// `?` per occurrence.
    Mysql,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Text(String),
    Param(Identifier),
}

/// A parsed SQL step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlTemplate {
    source: String,
    segments: Vec<Segment>,
    uses: Vec<Identifier>,
}

impl SqlTemplate {
    pub fn parse(text: &str) -> Result<Self, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut segments = Vec::new();
        let mut uses = Vec::new();
        let mut current = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '\'' | '"' | '`' => {
                    let end =
                        closing(&chars, i + 1, c).ok_or_else(|| format!("has an unclosed {c} quote"))?;
                    current.extend(&chars[i..=end]);
                    i = end + 1;
                }
                '-' if chars.get(i + 1) == Some(&'-') => {
                    let end = chars[i..].iter().position(|&c| c == '\n').map_or(chars.len(), |p| i + p);
                    current.extend(&chars[i..end]);
                    i = end;
                }
                '/' if chars.get(i + 1) == Some(&'*') => {
                    let end = (i + 2..chars.len().saturating_sub(1))
                        .find(|&j| chars[j] == '*' && chars[j + 1] == '/')
                        .ok_or("has an unclosed /* comment")?;
                    current.extend(&chars[i..end + 2]);
                    i = end + 2;
                }
                ';' => {
                    if chars[i + 1..].iter().all(|c| c.is_whitespace()) {
                        i = chars.len(); // a trailing `;` is harmless: dropped
                    } else {
                        return Err("must be one statement (a `;` separates two)".into());
                    }
                }
                ':' if chars.get(i + 1) == Some(&':') => {
                    current.push_str("::");
                    i += 2;
                }
                ':' if chars.get(i + 1).is_some_and(|c| c.is_ascii_lowercase() || *c == '_') => {
                    let start = i + 1;
                    let end = (start..chars.len())
                        .find(|&j| !(chars[j].is_ascii_alphanumeric() || chars[j] == '_'))
                        .unwrap_or(chars.len());
                    let name: String = chars[start..end].iter().collect();
                    let identifier = Identifier::parse(&name).ok_or_else(|| {
                        format!("uses `:{name}`; the parameters are :email, :phone and :customer_number")
                    })?;
                    if !current.is_empty() {
                        segments.push(Segment::Text(std::mem::take(&mut current)));
                    }
                    segments.push(Segment::Param(identifier));
                    if !uses.contains(&identifier) {
                        uses.push(identifier);
                    }
                    i = end;
                }
                _ => {
                    current.push(c);
                    i += 1;
                }
            }
        }
        if !current.is_empty() {
            segments.push(Segment::Text(current));
        }
        Ok(SqlTemplate { source: text.trim().to_owned(), segments, uses })
    }

    /// The identifiers the statement uses.
    pub fn uses(&self) -> &[Identifier] {
        &self.uses
    }

    /// The statement as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The first keyword, upper case (`SELECT`, `WITH`, `DELETE`, …).
    pub fn first_keyword(&self) -> String {
        let text: String = self
            .segments
            .iter()
            .filter_map(|s| match s {
                Segment::Text(t) => Some(t.as_str()),
                Segment::Param(_) => None,
            })
            .collect();
        strip_comments(&text)
            .trim_start_matches(|c: char| c.is_whitespace() || c == '(')
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase()
    }

    /// The statement in `dialect`'s placeholders, and the identifier bound to each in order.
    pub fn render(&self, dialect: Dialect) -> (String, Vec<Identifier>) {
        let mut sql = String::new();
        let mut binds = Vec::new();
        for segment in &self.segments {
            match segment {
                Segment::Text(t) => sql.push_str(t),
                Segment::Param(p) => match dialect {
                    Dialect::Postgres => {
                        let n = match binds.iter().position(|b| b == p) {
                            Some(n) => n + 1,
                            None => {
                                binds.push(*p);
                                binds.len()
                            }
                        };
                        sql.push_str(&format!("${n}"));
                    }
                    Dialect::Mysql => {
                        sql.push('?');
                        binds.push(*p);
                    }
                },
            }
        }
        (sql.trim().to_owned(), binds)
    }
}

/// The index of the quote closing one opened before `from` (a doubled quote is an escaped one).
fn closing(chars: &[char], from: usize, quote: char) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '\\' && quote != '`' {
            j += 2;
            continue;
        }
        if chars[j] == quote {
            if chars.get(j + 1) == Some(&quote) {
                j += 2;
                continue;
            }
            return Some(j);
        }
        j += 1;
    }
    None
}

/// `text` without leading line and block comments.
fn strip_comments(text: &str) -> &str {
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("--") {
            rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r).trim_start();
        } else {
            return rest;
        }
    }
}
