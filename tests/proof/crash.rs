//! SIGKILL under load: clients submit through the JSON API with `Idempotency-Key`s while the
//! server is killed and started again twice. A client whose connection dies sends the same key and
//! body again until it gets its 202, so every submission ends acknowledged. Afterwards each is
//! stored exactly once and its verification email was delivered; a message is delivered twice only
//! when it was in flight at a kill (at most one per worker, and `serve` runs one).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::db::TestDb;
use crate::harness::{self, Server};
use crate::smtp::SmtpServer;

const SUBMISSIONS: usize = 300;
const CLIENTS: usize = 12;
const KILLS: usize = 2;

/// How one submission ended.
#[derive(Debug)]
struct Acknowledged {
    reference: String,
    /// When the first attempt was sent.
    first_sent: DateTime<Utc>,
    /// Attempts until the 202 (more than one when a kill cut the connection or refused it).
    attempts: usize,
    /// Answers that were 503 (the restarted server not yet connected to PostgreSQL).
    unavailable: usize,
}

/// Sends submission `i` until it is acknowledged: a lost connection or a 503 is tried again with
/// the same key and body; any other answer ends it as an error.
async fn submit_until_acknowledged(
    client: &reqwest::Client,
    url: &str,
    i: usize,
) -> Result<Acknowledged, String> {
    let body = harness::submission(i);
    let key = format!("proof-crash-{i}");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    let (mut attempts, mut unavailable) = (0, 0);
    let first_sent = Utc::now();
    loop {
        attempts += 1;
        let sent = client.post(url).header("Idempotency-Key", &key).json(&body).send().await;
        match sent {
            Ok(r) if r.status() == 202 => {
                // The body can still be cut by a kill: then the answer was not received.
                if let Ok(answer) = r.json::<serde_json::Value>().await {
                    let reference = answer["reference"].as_str().unwrap_or_default().to_owned();
                    return Ok(Acknowledged { reference, first_sent, attempts, unavailable });
                }
            }
            Ok(r) if r.status() == 503 => unavailable += 1,
            Ok(r) => {
                let status = r.status();
                return Err(format!("submission {i}: {status} {}", r.text().await.unwrap_or_default()));
            }
            Err(_) => {}
        }
        if tokio::time::Instant::now() > deadline {
            return Err(format!("submission {i}: not acknowledged after {attempts} attempts"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs its own PostgreSQL cluster; run by scripts/proof"]
async fn sigkill_under_load_keeps_every_acknowledged_request_once_with_its_email() {
    let db = TestDb::migrated().await;
    let smtp = SmtpServer::start().await;
    let mut server = Server::start("crash", &db.url, smtp.port()).await;
    let url = server.url("/api/v1/requests");

    let next = Arc::new(AtomicUsize::new(0));
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (next, acknowledged, url) = (next.clone(), acknowledged.clone(), url.clone());
            tokio::spawn(async move {
                let client = harness::client();
                let mut results = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= SUBMISSIONS {
                        return results;
                    }
                    let result = submit_until_acknowledged(&client, &url, i).await;
                    acknowledged.fetch_add(1, Ordering::SeqCst);
                    results.push((i, result));
                }
            })
        })
        .collect();

    // The kills fall at a third and two thirds of the load, while the worker is sending.
    let mut kills = Vec::new();
    for kill in 1..=KILLS {
        let due = kill * SUBMISSIONS / (KILLS + 1);
        while acknowledged.load(Ordering::SeqCst) < due {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let sent_before = smtp.messages().len();
        kills.push(Utc::now());
        server.kill_and_restart().await;
        println!("crash: kill {kill} after {due} acknowledged submissions and {sent_before} emails");
    }

    let mut outcomes = Vec::new();
    for client in clients {
        outcomes.extend(client.await.unwrap());
    }
    outcomes.sort_by_key(|(i, _)| *i);
    let errors: Vec<&String> = outcomes.iter().filter_map(|(_, r)| r.as_ref().err()).collect();
    assert!(errors.is_empty(), "answers other than 202 or 503: {errors:?}; log: {}", server.log().display());
    let acks: Vec<(usize, &Acknowledged)> =
        outcomes.iter().filter_map(|(i, r)| r.as_ref().ok().map(|a| (*i, a))).collect();
    assert_eq!(acks.len(), SUBMISSIONS);

    // Stored exactly once: one request per submission's address, with the acknowledged reference.
    let mut conn = harness::connect(&db.url).await;
    let stored = harness::stored_requests(&mut conn).await;
    let mut by_address: HashMap<String, Vec<String>> = HashMap::new();
    for (reference, email, _) in &stored {
        by_address.entry(email.clone().unwrap_or_default()).or_default().push(reference.clone());
    }
    for (i, ack) in &acks {
        let references = by_address.get(&harness::address(*i)).cloned().unwrap_or_default();
        assert_eq!(references, vec![ack.reference.clone()], "submission {i}: stored once, as acknowledged");
    }
    assert_eq!(stored.len(), SUBMISSIONS, "no request beyond the submissions");

    // Every verification email delivered: wait until the outbox has sent every message (those a
    // kill left leased go when their lease ends), then read what the SMTP server received.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    let outbox = loop {
        let states = harness::outbox_states(&mut conn).await;
        if states.get("sent").copied().unwrap_or(0) == SUBMISSIONS as i64
            || tokio::time::Instant::now() > deadline
        {
            break states;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    assert_eq!(outbox, HashMap::from([("sent".to_owned(), SUBMISSIONS as i64)]), "every email sent");
    let delivered = harness::delivered(&smtp.messages());
    let mut message_ids: HashMap<&str, HashSet<&str>> = HashMap::new();
    for d in &delivered {
        message_ids.entry(&d.reference).or_default().insert(&d.message_id);
    }
    for (i, ack) in &acks {
        let ids = message_ids.get(ack.reference.as_str()).cloned().unwrap_or_default();
        assert_eq!(ids.len(), 1, "submission {i} ({}): one verification email, delivered", ack.reference);
    }
    assert_eq!(message_ids.len(), SUBMISSIONS, "no email for anything else");
    let addresses: HashMap<&str, &str> =
        stored.iter().map(|(r, e, _)| (r.as_str(), e.as_deref().unwrap_or_default())).collect();
    for d in &delivered {
        assert_eq!(addresses.get(d.reference.as_str()), Some(&d.to.as_str()), "sent to its requester");
    }
    let duplicates = harness::duplicates(&delivered);
    // One worker per `serve`: at most the message in flight at each kill goes out twice.
    assert!(duplicates <= KILLS, "{duplicates} messages delivered twice after {KILLS} kills");

    let retried: Vec<&Acknowledged> = acks.iter().map(|(_, a)| *a).filter(|a| a.attempts > 1).collect();
    // A retry answered from its Idempotency-Key: the request was written before the kill that cut
    // its first attempt's connection.
    let written: HashMap<&str, DateTime<Utc>> = stored.iter().map(|(r, _, at)| (r.as_str(), *at)).collect();
    let replayed = retried
        .iter()
        .filter(|a| {
            let cut = kills.iter().find(|k| **k > a.first_sent);
            cut.is_some_and(|cut| written[a.reference.as_str()] < *cut)
        })
        .count();
    let unavailable: usize = acks.iter().map(|(_, a)| a.unavailable).sum();
    println!(
        "crash: {SUBMISSIONS} submissions by {CLIENTS} clients, {KILLS} SIGKILLs: {} acknowledged, \
         {} of them retried after a kill ({replayed} answered from their key, {unavailable} answers \
         503), {} stored, {} emails delivered for {} messages, {duplicates} delivered twice",
        acks.len(),
        retried.len(),
        stored.len(),
        delivered.len(),
        message_ids.len(),
    );
}
