//! The one application builder used by `serve`, the CLI and the tests: loads registers, builds the
//! pool, syncs registers, binds (port 0 in tests) and runs until SIGTERM/SIGINT, draining in-flight
//! requests.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use secrecy::ExposeSecret;

use tokio_util::sync::CancellationToken;

use crate::clock::{SharedClock, SystemClock};
use crate::config::{EnvVars, Environment, Settings};
use crate::db::{self, DbPool};
use crate::domain::Register;
use crate::email::mailer::Mailer;
use crate::http::{self, AppState};
use crate::jobs::webhooks::Outbound;
use crate::jobs::{JobContext, Registry, Worker};
use crate::service::audit::{self, AuditAction, AuditActor};
use crate::{registers, service};

/// A bound, not yet running, application.
pub struct Application {
    port: u16,
    server: Server,
    pool: DbPool,
    worker: Worker,
    run_worker: bool,
}

/// How to assemble the application; tests swap the clock, the jobs and the background worker.
pub struct Options {
    pub clock: SharedClock,
    pub registry: Registry,
    /// Run the background worker beside the HTTP server (`serve`); tests may drive it by hand.
    pub run_worker: bool,
    /// Where the variables register files name are read (webhook signing secrets).
    pub env: EnvVars,
}

impl Options {
    /// The product as deployed: the system clock, the built-in jobs and the background worker.
    pub fn standard() -> anyhow::Result<Self> {
        Ok(Self {
            clock: Arc::new(SystemClock),
            registry: Registry::builtin()?,
            run_worker: true,
            env: EnvVars::process(),
        })
    }
}

/// Everything both `serve` and `worker` need: validated registers, a pool with synced registers,
/// the mailer and a worker.
pub async fn worker(settings: &Settings, options: &Options) -> anyhow::Result<(Arc<Vec<Register>>, Worker)> {
    let production = settings.environment == Environment::Production;
    let (registers, webhook_keys) = registers::load_with_keys(
        &settings.registers.dir,
        &options.env,
        production,
        !settings.identity.providers.is_empty(),
    )?;
    let registers = Arc::new(registers);
    let pool = pool(settings)?;
    sync_registers(&pool, &registers).await?;
    let retired = Arc::new(retired_registers(&pool).await?);
    let mailer = Arc::new(Mailer::from_settings(&settings.mail)?);
    let webhooks =
        Arc::new(Outbound::new(webhook_keys, Duration::from_secs(settings.webhooks.timeout_secs))?);
    let settings = Arc::new(settings.clone());
    let sources = data_sources(&registers, &options.env)?;
    let service = service::Context::new(
        pool.clone(),
        options.clock.clone(),
        settings.clone(),
        registers.clone(),
        retired,
        Arc::new(sources),
    );
    let ctx = JobContext {
        pool,
        clock: options.clock.clone(),
        settings,
        registers: registers.clone(),
        mailer,
        service,
        webhooks,
    };
    Ok((registers, Worker::new(ctx, options.registry.clone())))
}

/// The data sources of the registers, their URLs and secrets read from `env`; a missing
/// or unusable one stops start-up naming the register, the source and the variable.
pub fn data_sources(registers: &[Register], env: &EnvVars) -> anyhow::Result<db::sources::Connections> {
    db::sources::Connections::build(registers, &|name| env.var(name)).map_err(|problems| {
        let lines: Vec<String> = problems
            .into_iter()
            .map(|(register, source, reason)| {
                format!("register `{register}`, data source `{source}`: {reason}")
            })
            .collect();
        anyhow::anyhow!("data sources are not configured:\n  {}", lines.join("\n  "))
    })
}

/// The registers whose files were removed, from their descriptions as last synced. One that no
/// longer reads (written by an older version) is left out with an error in the log.
async fn retired_registers(pool: &DbPool) -> anyhow::Result<Vec<Register>> {
    let mut conn = db::conn(pool).await?;
    let mut retired = Vec::new();
    for (key, config) in db::registers::retired(&mut conn).await? {
        let parsed = serde_json::from_value::<crate::domain::register::RegisterFile>(config)
            .map_err(|e| e.to_string())
            .and_then(|file| Register::from_stored(file).map_err(|errors| format!("{errors:?}")));
        match parsed {
            Ok(mut register) => {
                register.active = false;
                retired.push(register);
            }
            Err(e) => {
                tracing::error!(register = %key, error = %e, "a retired register's description does not read")
            }
        }
    }
    Ok(retired)
}

/// A listening socket on `addr` whose queue holds `backlog` connections (the standard library's
/// `bind` fixes it at 128, too few for a burst while every worker is busy).
fn listen(addr: std::net::SocketAddr, backlog: u32) -> std::io::Result<TcpListener> {
    let socket = socket2::Socket::new(socket2::Domain::for_address(addr), socket2::Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.bind(&addr.into())?;
    socket.listen(i32::try_from(backlog).unwrap_or(i32::MAX))?;
    Ok(socket.into())
}

/// Loads and validates the register files named by the settings.
pub fn load_registers(settings: &Settings) -> anyhow::Result<Vec<Register>> {
    Ok(registers::load(&settings.registers.dir, !settings.identity.providers.is_empty())?)
}

/// Builds the pool from the settings.
pub fn pool(settings: &Settings) -> anyhow::Result<DbPool> {
    Ok(db::build_pool(
        settings.database.url.expose_secret(),
        settings.database.pool_size,
        Duration::from_secs(settings.database.timeout_secs),
    )?)
}

/// Syncs the configured registers into the database.
pub async fn sync_registers(pool: &DbPool, registers: &[Register]) -> anyhow::Result<()> {
    // A database that is slow to accept a connection at boot (busy host, still starting) gets a
    // few seconds before start-up fails.
    let mut attempt = 0;
    let mut conn = loop {
        match db::conn(pool).await {
            Ok(conn) => break conn,
            Err(e) if attempt < 10 => {
                attempt += 1;
                tracing::warn!(attempt, error = %e, "PostgreSQL not reachable yet; retrying");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => return Err(e).context("cannot reach PostgreSQL"),
        }
    };
    let pending = db::pending_migrations(&mut conn, &db::embedded_versions()).await?;
    if !pending.is_empty() {
        anyhow::bail!("the database is not migrated ({} pending): run `dsr-desk migrate`", pending.len());
    }
    let report = db::registers::sync(&mut conn, registers).await?;
    tracing::info!(registers = report.upserted, deactivated = ?report.deactivated, "registers synced");
    for key in &report.deactivated {
        let entry = audit::entry(AuditActor::System, AuditAction::RegisterDeactivated, key, None);
        audit::record_alone(pool, entry, chrono::Utc::now()).await?;
    }
    Ok(())
}

impl Application {
    /// Validates registers, syncs them and binds the listener.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        Self::build_with(settings, Options::standard()?).await
    }

    pub async fn build_with(settings: Settings, options: Options) -> anyhow::Result<Self> {
        let (registers, worker) = worker(&settings, &options).await?;
        let pool = worker.context().pool.clone();
        let listener = listen(settings.http.bind, settings.http.backlog)
            .with_context(|| format!("cannot listen on {} (http.bind)", settings.http.bind))?;
        let port = listener.local_addr()?.port();
        let state =
            AppState { ctx: worker.context().service.clone(), migrations: Arc::new(db::embedded_versions()) };
        let _ = registers;
        let max_body = settings.http.max_body_bytes;
        let https = settings.http.public_url.is_https();
        let form_targets = settings.form_targets();
        let metrics = web::Data::new(http::metrics::Metrics::new().context("request metrics")?);
        let mut server = HttpServer::new(move || {
            App::new()
                .wrap(from_fn(http::request_deadline))
                .wrap(from_fn(http::log_requests))
                .wrap(http::security_headers(https, &form_targets))
                .wrap(http::request_spans())
                .wrap(from_fn(http::metrics::record))
                .app_data(web::Data::new(state.clone()))
                .app_data(metrics.clone())
                .app_data(web::PayloadConfig::new(max_body))
                .app_data(web::JsonConfig::default().limit(max_body))
                .app_data(web::FormConfig::default().limit(max_body))
                .configure(http::routes)
        })
        .shutdown_timeout(settings.http.shutdown_timeout_secs)
        // Signals are handled by the caller (`dsr-desk serve`), which listens from before it
        // announces readiness, so that an early SIGTERM is never lost.
        .disable_signals();
        if settings.http.workers > 0 {
            server = server.workers(settings.http.workers);
        }
        let server = server.listen(listener)?.run();
        Ok(Self { port, server, pool, worker, run_worker: options.run_worker })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A handle that stops the server gracefully.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    pub fn pool(&self) -> &DbPool {
        &self.pool
    }

    /// The worker sharing this application's pool, clock and mailer.
    pub fn worker(&self) -> &Worker {
        &self.worker
    }

    /// Serves until stopped; on SIGTERM/SIGINT actix drains in-flight requests, then the worker
    /// finishes its current unit of work.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let cancel = CancellationToken::new();
        let worker = self.run_worker.then(|| tokio::spawn(self.worker.clone().run(cancel.clone())));
        let result = self.server.await;
        cancel.cancel();
        if let Some(worker) = worker {
            let _ = worker.await;
        }
        result
    }
}
