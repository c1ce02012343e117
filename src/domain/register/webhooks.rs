//! `[[webhooks]]` of a register file: the marketing systems told at once when an objection to
//! direct marketing takes effect or is lifted (`domain::webhook` has the event and its signature).
//! The signing secret is never in the file: `secret_env` names the environment variable holding
//! it, read at start-up (`registers::load_with_keys`).

use serde::{Deserialize, Serialize};

use super::FieldError;
use crate::domain::vocab::WebhookEvent;

/// One `[[webhooks]]` entry as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookFile {
    pub name: String,
    pub url: String,
    pub secret_env: String,
    /// Default: every event.
    #[serde(default)]
    pub events: Option<Vec<String>>,
}

/// An endpoint that receives the register's objection events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Webhook {
    /// Names the endpoint on the request page and in logs (the URL is never logged).
    pub name: String,
    pub url: String,
    /// The environment variable holding the `whsec_…` signing secret.
    pub secret_env: String,
    pub events: Vec<WebhookEvent>,
}

impl Webhook {
    pub fn wants(&self, event: WebhookEvent) -> bool {
        self.events.contains(&event)
    }

    /// Whether the URL is plain `http` to another machine: personal data would cross the network
    /// unencrypted (refused in production).
    pub fn is_plain_http_elsewhere(&self) -> bool {
        url::Url::parse(&self.url).is_ok_and(|u| {
            u.scheme() == "http"
                && !matches!(u.host(), Some(url::Host::Domain("localhost")))
                && !matches!(u.host(), Some(url::Host::Ipv4(ip)) if ip.is_loopback())
                && !matches!(u.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback())
        })
    }
}

/// Validates every entry, each problem named `webhooks[i].field`.
pub(super) fn validate(raw: &[WebhookFile], errors: &mut Vec<FieldError>) -> Vec<Webhook> {
    let mut out: Vec<Webhook> = Vec::new();
    for (i, w) in raw.iter().enumerate() {
        let before = errors.len();
        let mut error = |field: &str, reason: String| {
            errors.push(FieldError::new(format!("webhooks[{i}].{field}"), reason));
        };
        let name = w.name.trim().to_owned();
        let name_ok = !name.is_empty()
            && name.len() <= 40
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !name_ok {
            error("name", "must be 1–40 characters of a–z, 0–9, '-' and '_'".into());
        } else if out.iter().any(|o| o.name == name) {
            error("name", format!("`{name}` names two webhooks of this register"));
        }
        let url = w.url.trim().to_owned();
        match url::Url::parse(&url) {
            Ok(u) if !matches!(u.scheme(), "http" | "https") => {
                error("url", format!("`{}:` is not http or https", u.scheme()));
            }
            Ok(u) if u.host().is_none() => error("url", "names no host".into()),
            Ok(u) if !u.username().is_empty() || u.password().is_some() => {
                error("url", "must not carry credentials: the signature authenticates the sender".into());
            }
            Ok(_) => {}
            Err(e) => error("url", format!("is not a URL ({e})")),
        }
        let secret_env = w.secret_env.trim().to_owned();
        let env_ok = secret_env.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && secret_env.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !env_ok {
            error("secret_env", "must name an environment variable (letters, digits and '_')".into());
        }
        let events = match &w.events {
            None => WebhookEvent::ALL.to_vec(),
            Some(list) if list.is_empty() => {
                error("events", "lists nothing; leave it out for every event".into());
                Vec::new()
            }
            Some(list) => {
                let mut events = Vec::new();
                for raw in list {
                    match raw.trim().parse::<WebhookEvent>() {
                        Ok(e) if events.contains(&e) => error("events", format!("lists `{e}` twice")),
                        Ok(e) => events.push(e),
                        Err(e) => error("events", e.to_string()),
                    }
                }
                events
            }
        };
        if errors.len() == before {
            out.push(Webhook { name, url, secret_env, events });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, url: &str, secret_env: &str, events: Option<&[&str]>) -> WebhookFile {
        WebhookFile {
            name: name.into(),
            url: url.into(),
            secret_env: secret_env.into(),
            events: events.map(|e| e.iter().map(|s| s.to_string()).collect()),
        }
    }

    fn fields(raw: &[WebhookFile]) -> Vec<String> {
        let mut errors = Vec::new();
        validate(raw, &mut errors);
        errors.into_iter().map(|e| format!("{}: {}", e.field, e.reason)).collect()
    }

    #[test]
    fn a_webhook_takes_every_event_unless_it_lists_some() {
        let mut errors = Vec::new();
        let hooks = validate(
            &[
                file("crm", "https://crm.example.fi/hooks/dsr", "CRM_WEBHOOK_SECRET", None),
                file("mailer", "http://127.0.0.1:9000/", "MAILER_SECRET", Some(&["objection.lifted"])),
            ],
            &mut errors,
        );
        assert_eq!(errors, []);
        assert_eq!(hooks[0].events, WebhookEvent::ALL);
        assert!(
            hooks[1].wants(WebhookEvent::ObjectionLifted) && !hooks[1].wants(WebhookEvent::ObjectionRecorded)
        );
        assert!(!hooks[0].is_plain_http_elsewhere() && !hooks[1].is_plain_http_elsewhere());
        let remote = file("x", "http://crm.example.fi/", "X", None);
        assert!(validate(&[remote], &mut errors)[0].is_plain_http_elsewhere());
    }

    #[test]
    fn each_bad_field_is_named() {
        let errors = fields(&[
            file("CRM tool", "ftp://crm.example.fi/", "crm-secret", Some(&[])),
            file(
                "a",
                "https://user:pw@crm.example.fi/",
                "A",
                Some(&["objection.recorded", "objection.recorded"]),
            ),
            file("b", "not a url", "B", Some(&["objection.deleted"])),
            file("c", "https://crm.example.fi/", "C", None),
            file("c", "https://crm.example.fi/other", "C", None),
        ]);
        let named: Vec<&str> = errors.iter().map(|e| e.split(':').next().unwrap_or("")).collect();
        assert_eq!(
            named,
            [
                "webhooks[0].name",
                "webhooks[0].url",
                "webhooks[0].secret_env",
                "webhooks[0].events",
                "webhooks[1].url",
                "webhooks[1].events",
                "webhooks[2].url",
                "webhooks[2].events",
                "webhooks[4].name",
            ],
            "{errors:#?}"
        );
        assert!(errors[1].contains("`ftp:` is not http or https"));
        assert!(!errors[4].contains("pw"), "credentials are not repeated: {}", errors[4]);
    }
}
