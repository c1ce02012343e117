//! The collection benchmark's driver (`scripts/bench-sources` builds and runs it): collects one
//! person's data from every data source of a register, as the collection job does
//! (`service::collection::dry_run`: every source at once, each lookup read-only with its timeout),
//! for random customers of shop databases seeded with 1,000,000 customers and 5,000,000 orders,
//! and reports latency percentiles; then collects the customer with 10,000 orders repeatedly and
//! reports the resident memory after each run. The newsletter API is served here, on loopback.
//!
//! Usage: bench_sources REGISTERS_DIR REGISTER SAMPLES (the sources' URLs in the environment).

use std::time::Instant;

use actix_web::{App, HttpResponse, HttpServer, web};
use dsr_desk::config::EnvVars;
use dsr_desk::domain::sources::Identifiers;
use rand::Rng;

/// Resident memory of this process in KiB (Linux).
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

async fn members(query: web::Query<std::collections::HashMap<String, String>>) -> HttpResponse {
    let email = query.get("email").cloned().unwrap_or_default();
    HttpResponse::Ok().json(serde_json::json!({
        "members": [{"email": email, "status": "subscribed", "lists": ["offers"]}]
    }))
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, key, samples] = args.as_slice() else {
        anyhow::bail!("usage: bench_sources REGISTERS_DIR REGISTER SAMPLES");
    };
    let samples: usize = samples.parse()?;
    let server = HttpServer::new(|| App::new().route("/members", web::get().to(members)))
        .workers(1)
        .bind("127.0.0.1:0")?;
    let api = format!("http://127.0.0.1:{}", server.addrs()[0].port());
    let server = server.run();
    let handle = server.handle();
    tokio::spawn(server);

    let registers = dsr_desk::registers::load_dir(std::path::Path::new(dir))?;
    let register =
        registers.into_iter().find(|r| &r.key == key).ok_or_else(|| anyhow::anyhow!("no register {key}"))?;
    let env = EnvVars::fixed([
        ("BENCH_NEWSLETTER_URL".to_owned(), api),
        ("BENCH_SHOP_URL".to_owned(), std::env::var("BENCH_SHOP_URL")?),
        ("BENCH_WOO_URL".to_owned(), std::env::var("BENCH_WOO_URL")?),
    ]);
    let connections = dsr_desk::startup::data_sources(std::slice::from_ref(&register), &env)?;
    let ids = |n: u64| Identifiers {
        email: Some(format!("user{n}@example.fi")),
        phone: None,
        customer_number: None,
    };

    let mut rng = rand::rng();
    for _ in 0..20 {
        dsr_desk::service::collection::dry_run(
            &connections,
            &register,
            &ids(rng.random_range(2..=1_000_000)),
        )
        .await;
    }
    let mut millis = Vec::with_capacity(samples);
    let mut rows = 0usize;
    for _ in 0..samples {
        let started = Instant::now();
        let found = dsr_desk::service::collection::dry_run(
            &connections,
            &register,
            &ids(rng.random_range(2..=1_000_000)),
        )
        .await;
        millis.push(started.elapsed().as_secs_f64() * 1000.0);
        for lookup in found["lookups"].as_array().into_iter().flatten() {
            anyhow::ensure!(
                lookup["status"] == "ok" || lookup["status"] == "empty",
                "a lookup failed: {lookup}"
            );
            rows += lookup["rows"].as_array().map_or(0, Vec::len);
        }
    }
    millis.sort_by(f64::total_cmp);
    println!(
        "collections={samples} rows={rows} p50_ms={:.1} p95_ms={:.1} p99_ms={:.1} max_ms={:.1}",
        percentile(&millis, 50.0),
        percentile(&millis, 95.0),
        percentile(&millis, 99.0),
        millis.last().copied().unwrap_or(0.0)
    );

    let before = rss_kib();
    let mut after = Vec::new();
    let mut heavy_ms = Vec::new();
    let mut heavy_rows = 0;
    for _ in 0..20 {
        let started = Instant::now();
        let found = dsr_desk::service::collection::dry_run(&connections, &register, &ids(1)).await;
        heavy_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        heavy_rows = found["lookups"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|l| l["rows"].as_array().map_or(0, Vec::len))
            .sum();
        after.push(rss_kib());
    }
    heavy_ms.sort_by(f64::total_cmp);
    println!(
        "heavy_rows={heavy_rows} heavy_p50_ms={:.1} rss_before_kib={before} rss_after_first_kib={} rss_after_last_kib={} rss_peak_kib={}",
        percentile(&heavy_ms, 50.0),
        after.first().copied().unwrap_or(0),
        after.last().copied().unwrap_or(0),
        after.iter().max().copied().unwrap_or(0)
    );
    handle.stop(true).await;
    Ok(())
}
