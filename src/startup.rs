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

use crate::config::Settings;
use crate::db::{self, DbPool};
use crate::domain::Register;
use crate::http::{self, AppState};
use crate::registers;

/// A bound, not yet running, application.
pub struct Application {
    port: u16,
    server: Server,
    pool: DbPool,
}

/// Loads and validates the register files named by the settings.
pub fn load_registers(settings: &Settings) -> anyhow::Result<Vec<Register>> {
    Ok(registers::load_dir(&settings.registers.dir)?)
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
    let mut conn = db::conn(pool).await.context("cannot reach PostgreSQL")?;
    let pending = db::pending_migrations(&mut conn, &db::embedded_versions()).await?;
    if !pending.is_empty() {
        anyhow::bail!("the database is not migrated ({} pending): run `dsr-desk migrate`", pending.len());
    }
    let report = db::registers::sync(&mut conn, registers).await?;
    tracing::info!(registers = report.upserted, deactivated = ?report.deactivated, "registers synced");
    Ok(())
}

impl Application {
    /// Validates registers, syncs them and binds the listener.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let registers = load_registers(&settings)?;
        let pool = pool(&settings)?;
        sync_registers(&pool, &registers).await?;
        let listener = TcpListener::bind(settings.http.bind)
            .with_context(|| format!("cannot listen on {} (http.bind)", settings.http.bind))?;
        let port = listener.local_addr()?.port();
        let state = AppState {
            pool: pool.clone(),
            settings: Arc::new(settings.clone()),
            registers: Arc::new(registers),
            migrations: Arc::new(db::embedded_versions()),
        };
        let max_body = settings.http.max_body_bytes;
        let mut server = HttpServer::new(move || {
            App::new()
                .wrap(from_fn(http::log_requests))
                .wrap(http::security_headers())
                .app_data(web::Data::new(state.clone()))
                .app_data(web::PayloadConfig::new(max_body))
                .app_data(web::JsonConfig::default().limit(max_body))
                .app_data(web::FormConfig::default().limit(max_body))
                .configure(http::routes)
        })
        .shutdown_timeout(settings.http.shutdown_timeout_secs);
        if settings.http.workers > 0 {
            server = server.workers(settings.http.workers);
        }
        let server = server.listen(listener)?.run();
        Ok(Self { port, server, pool })
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

    /// Serves until stopped; actix drains in-flight requests on SIGTERM/SIGINT.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
