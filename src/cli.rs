//! The `dsr-desk` command line: one clap enum for every subcommand, and its dispatch.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use secrecy::{ExposeSecret, SecretString};

use crate::config::{LogFormat, Settings};
use crate::db::staff::CreateStaffError;
use crate::domain::verification::SecretHasher;
use crate::domain::vocab::UnknownValue;
use crate::domain::{ApiKeyId, Jurisdiction, OutboxId, StaffRole, deadline};
use crate::service::admin::{self, Actor, AdminError, Target};
use crate::service::audit::AuditActor;
use crate::service::staff::{self as staff_service, AddStaff, AddStaffError};
use crate::service::{audit, deliveries, integrations};
use crate::startup::{self, Application};
use crate::{db, telemetry};

#[derive(Debug, Parser)]
#[command(
    name = "dsr-desk",
    version,
    about = "Data-subject request desk: requests, deadlines, queue and reports"
)]
pub struct Cli {
    /// Folder holding `config/` (default.toml, local.toml, registers/).
    #[arg(long, global = true, default_value = ".", env = "DSR_ROOT")]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server and the background worker (emails, jobs, schedules).
    Serve,
    /// Run the background worker only (any number of instances may run beside `serve`).
    Worker,
    /// Apply pending database migrations.
    Migrate {
        /// PostgreSQL URL; defaults to DATABASE_URL, then the configured database.url.
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Manage staff accounts.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Inspect the email outbox and re-send dead messages.
    #[command(subcommand)]
    Outbox(OutboxCommand),
    /// The audit trail: check every request's event chain and the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Manage the API keys of integrations (the suppression API).
    #[command(subcommand)]
    Apikey(ApikeyCommand),
    /// Check and try the registers' data sources (the company's systems).
    #[command(subcommand)]
    Sources(SourcesCommand),
    /// Compute deadlines: reads receipt dates (YYYY-MM-DD, one per line) on stdin and writes CSV
    /// `received,deadline,extended_deadline` to stdout. Needs no database or configuration.
    Deadlines {
        /// Jurisdiction whose holidays apply.
        #[arg(long, value_parser = ["fi", "ee"])]
        jurisdiction: String,
    },
    /// Write the monthly deadline report of every register (or one): every request received in
    /// the month, due in it, closed in it or open at its end, judged on time or late.
    Report {
        /// The month, YYYY-MM.
        #[arg(long)]
        month: String,
        /// Only this register (key).
        #[arg(long, value_name = "SLUG")]
        register: Option<String>,
        /// Output format.
        #[arg(long, default_value = "csv", value_parser = ["csv", "json", "html"])]
        format: String,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Create a staff account and print its generated one-time password.
    Add {
        /// Sign-in email address.
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// Role: admin sees everything; handler sees the registers given with --register.
        #[arg(long, value_parser = vocabulary::<StaffRole>)]
        role: StaffRole,
        /// Register key a handler may work (repeat for several).
        #[arg(long = "register", value_name = "SLUG")]
        registers: Vec<String>,
        /// Succeed without changes when an account with this email already exists.
        #[arg(long)]
        skip_existing: bool,
    },
    /// Disable an account: it can no longer sign in and its sessions end at once.
    Disable {
        /// Sign-in email address of the account.
        #[arg(long)]
        email: String,
    },
    /// Remove an account's lost second factor (e.g. the only administrator's) and end its
    /// sessions; it signs in with its password and adds a new one. Recorded in the audit log.
    ResetSecondFactor {
        /// Sign-in email address of the account.
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SourcesCommand {
    /// Connect to each data source of a register, prepare every step and report steps that would
    /// read a whole table for lack of an index (exit 1 when anything is reported).
    Check {
        /// The register's key.
        #[arg(long)]
        register: String,
    },
    /// A dry run: print as JSON what a verified request with these identifiers would collect
    /// (the email address counts as verified; nothing is stored).
    Lookup {
        #[arg(long)]
        register: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        customer_number: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApikeyCommand {
    /// Create a key and print it once (only its keyed hash is stored).
    Create {
        /// Register the key may read (repeat for several).
        #[arg(long = "register", value_name = "KEY", required = true)]
        registers: Vec<String>,
        /// What the key is for, e.g. the marketing system's name.
        #[arg(long)]
        name: String,
    },
    /// List keys with their registers, state and last use (never the keys themselves).
    List,
    /// Revoke a key: it stops working at once.
    Revoke {
        /// The key's id shown by `apikey list`.
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute every hash chain (each request's events, then the audit log): exit 0 when all
    /// are intact, 1 naming the first break.
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// List messages, newest first (without their content).
    List {
        /// Only messages that exhausted their attempts.
        #[arg(long, conflicts_with = "status")]
        dead: bool,
        /// Only messages in this state.
        #[arg(long, value_parser = ["pending", "sent", "dead"])]
        status: Option<String>,
        /// At most this many rows.
        #[arg(long, default_value_t = 100)]
        limit: i64,
    },
    /// Put a dead message (or every dead message) back in the queue with a fresh attempt budget.
    Retry {
        /// The message id shown by `outbox list`.
        #[arg(required_unless_present = "all_dead", conflicts_with = "all_dead")]
        id: Option<i64>,
        /// Every dead message, e.g. after a long relay outage.
        #[arg(long)]
        all_dead: bool,
    },
}

/// Exit code for bad input (a malformed line, an unknown name).
const EXIT_BAD_INPUT: u8 = 2;

/// Runs the parsed command.
pub async fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Deadlines { jurisdiction } => return deadlines(&jurisdiction),
        Command::Migrate { database_url } => migrate(&cli.root, database_url).await,
        Command::Serve => serve(&cli.root).await,
        Command::Worker => worker(&cli.root).await,
        Command::Outbox(command) => outbox(&cli.root, command).await,
        Command::Audit(AuditCommand::Verify) => audit_verify(&cli.root).await,
        Command::Apikey(command) => apikey(&cli.root, command).await,
        Command::Sources(command) => sources(&cli.root, command).await,
        Command::Staff(StaffCommand::Add { email, name, role, registers, skip_existing }) => {
            staff_add(&cli.root, AddStaff { email, name, role, registers }, skip_existing).await
        }
        Command::Staff(StaffCommand::Disable { email }) => staff_disable(&cli.root, &email).await,
        Command::Staff(StaffCommand::ResetSecondFactor { email }) => {
            staff_reset_second_factor(&cli.root, &email).await
        }
        Command::Report { month, register, format, output } => {
            report(&cli.root, &month, register.as_deref(), &format, output.as_deref()).await
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Parses a closed vocabulary's wire name for clap (its error lists the allowed values).
fn vocabulary<T: std::str::FromStr<Err = UnknownValue>>(raw: &str) -> Result<T, String> {
    raw.parse().map_err(|e: UnknownValue| e.to_string())
}

/// What the administrative commands need: the settings and a pool (no server, no workers), with
/// only warnings logged so that their output stays readable.
fn console(root: &Path) -> anyhow::Result<(Settings, db::DbPool)> {
    let settings = settings(root)?;
    telemetry::init(LogFormat::Pretty, "warn");
    let pool = startup::pool(&settings)?;
    Ok((settings, pool))
}

fn settings(root: &Path) -> anyhow::Result<Settings> {
    let mut settings = Settings::load(root)?;
    if settings.registers.dir.is_relative() {
        settings.registers.dir = root.join(&settings.registers.dir);
    }
    if settings.mail.file_dir.is_relative() {
        settings.mail.file_dir = root.join(&settings.mail.file_dir);
    }
    Ok(settings)
}

async fn serve(root: &Path) -> anyhow::Result<ExitCode> {
    let settings = settings(root)?;
    telemetry::init(settings.log.format, &settings.log.level);
    let bind = settings.http.bind;
    let app = Application::build(settings).await?;
    let stop = shutdown_signal_listener()?;
    let handle = app.handle();
    tokio::spawn(async move {
        stop.await;
        tracing::info!("stopping: draining in-flight requests");
        handle.stop(true).await;
    });
    tracing::info!(%bind, port = app.port(), "dsr-desk serving");
    app.run_until_stopped().await?;
    tracing::info!("dsr-desk stopped");
    Ok(ExitCode::SUCCESS)
}

async fn worker(root: &Path) -> anyhow::Result<ExitCode> {
    let settings = settings(root)?;
    telemetry::init(settings.log.format, &settings.log.level);
    let (_, worker) = startup::worker(&settings, &startup::Options::standard()?).await?;
    let stop = shutdown_signal_listener()?;
    let cancel = tokio_util::sync::CancellationToken::new();
    let run = tokio::spawn(worker.run(cancel.clone()));
    stop.await;
    tracing::info!("stopping: finishing the current unit of work");
    cancel.cancel();
    run.await?;
    Ok(ExitCode::SUCCESS)
}

/// Starts listening for SIGTERM and Ctrl-C now; the returned future resolves on either.
fn shutdown_signal_listener() -> std::io::Result<impl std::future::Future<Output = ()>> {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let mut interrupt = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => {}
            _ = interrupt.recv() => {}
        }
    })
}

async fn outbox(root: &Path, command: OutboxCommand) -> anyhow::Result<ExitCode> {
    let (_, pool) = console(root)?;
    match command {
        OutboxCommand::List { dead, status, limit } => {
            let status = if dead { Some("dead".to_owned()) } else { status };
            let rows =
                deliveries::list(&pool, status.as_deref(), limit).await.context("cannot read the outbox")?;
            println!(
                "id\tstatus\tattempts\ttemplate\tlanguage\tregister\trequest_id\tcreated_at\tnext_attempt_at\tlast_error"
            );
            for r in rows {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    r.id,
                    r.status,
                    r.attempts,
                    r.template,
                    r.language,
                    r.register_key.unwrap_or_default(),
                    r.request_id.map(|id| id.to_string()).unwrap_or_default(),
                    r.created_at.to_rfc3339(),
                    r.next_attempt_at.to_rfc3339(),
                    r.last_error.unwrap_or_default().replace(['\t', '\n'], " "),
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        OutboxCommand::Retry { id: None, .. } => {
            let n = deliveries::retry_all(&pool, chrono::Utc::now()).await?;
            println!("{n} dead messages queued again");
            Ok(ExitCode::SUCCESS)
        }
        OutboxCommand::Retry { id: Some(id), .. } => {
            if deliveries::retry(&pool, OutboxId(id), chrono::Utc::now()).await? {
                println!("message {id} queued again");
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("error: no dead message with id {id}");
                Ok(ExitCode::from(EXIT_BAD_INPUT))
            }
        }
    }
}

async fn audit_verify(root: &Path) -> anyhow::Result<ExitCode> {
    let (_, pool) = console(root)?;
    match audit::verify(&pool).await.context("cannot read the chains")? {
        Ok(v) => {
            println!(
                "intact: {} requests with {} events, and {} audit records",
                v.requests, v.events, v.audit_records
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(first_break) => {
            println!("broken: {first_break}");
            Ok(ExitCode::FAILURE)
        }
    }
}

async fn migrate(root: &Path, database_url: Option<String>) -> anyhow::Result<ExitCode> {
    telemetry::init(LogFormat::Pretty, "warn");
    let url: SecretString = match database_url {
        Some(url) => url.into(),
        // Migrating needs only the database URL, not a complete configuration.
        None => Settings::figment(root)
            .extract_inner::<SecretString>("database.url")
            .context("configuration key `database.url` (DATABASE_URL)")?,
    };
    let applied = db::run_migrations(url.expose_secret()).await?;
    if applied.is_empty() {
        println!("migrations: up to date");
    } else {
        for version in &applied {
            println!("migrations: applied {version}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn staff_add(root: &Path, input: AddStaff, skip_existing: bool) -> anyhow::Result<ExitCode> {
    let (settings, pool) = console(root)?;
    let registers = startup::load_registers(&settings)?;
    startup::sync_registers(&pool, &registers).await?;
    let email = input.email.clone();
    match staff_service::add(&pool, input, AuditActor::Console, None).await {
        Ok(password) => {
            println!("Created staff account {}.", email.trim());
            println!(
                "One-time password (shown once; change it after signing in): {}",
                password.expose_secret()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(AddStaffError::Create(CreateStaffError::EmailTaken)) if skip_existing => {
            println!("Staff account {} already exists; nothing changed.", email.trim());
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => match e.field() {
            Some(field) => {
                let option = if field == "registers" { "register" } else { field };
                eprintln!("error: --{option}: {e}");
                Ok(ExitCode::from(EXIT_BAD_INPUT))
            }
            None => Err(e.into()),
        },
    }
}

async fn apikey(root: &Path, command: ApikeyCommand) -> anyhow::Result<ExitCode> {
    let (settings, pool) = console(root)?;
    let now = chrono::Utc::now();
    match command {
        ApikeyCommand::Create { registers, name } => {
            let hasher = SecretHasher::new(settings.security.secret_key.expose_secret());
            match integrations::create_key(&pool, &hasher, &name, &registers, None, None, now).await {
                Ok((id, key)) => {
                    println!("API key {id} for {}: {}", registers.join(", "), key.expose_secret());
                    println!("It is shown only now; send it as: Authorization: Bearer <key>");
                    Ok(ExitCode::SUCCESS)
                }
                Err(integrations::KeyError::Db(e)) => Err(e.into()),
                Err(e) => {
                    eprintln!("error: {e}");
                    Ok(ExitCode::from(EXIT_BAD_INPUT))
                }
            }
        }
        ApikeyCommand::List => {
            println!("id\tname\tprefix\tregisters\tcreated\trevoked\tlast_used");
            for k in integrations::keys(&pool).await? {
                let at = |t: Option<chrono::DateTime<chrono::Utc>>| {
                    t.map(|t| t.to_rfc3339()).unwrap_or_else(|| "-".into())
                };
                println!(
                    "{}\t{}\t{}…\t{}\t{}\t{}\t{}",
                    k.id,
                    k.name,
                    k.prefix,
                    k.registers.join(","),
                    k.created_at.to_rfc3339(),
                    at(k.revoked_at),
                    at(k.last_used_at)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        ApikeyCommand::Revoke { id } => {
            if integrations::revoke_key(&pool, ApiKeyId(id), AuditActor::Console, None, now).await? {
                println!("API key {id} revoked.");
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("error: no active API key with id {id}");
                Ok(ExitCode::from(EXIT_BAD_INPUT))
            }
        }
    }
}

async fn staff_disable(root: &Path, email: &str) -> anyhow::Result<ExitCode> {
    let (_, pool) = console(root)?;
    match admin::disable(&pool, chrono::Utc::now(), Actor::Console, None, Target::Email(email)).await {
        Ok(true) => {
            println!("Staff account {} disabled; its sessions have ended.", email.trim());
            Ok(ExitCode::SUCCESS)
        }
        Ok(false) | Err(AdminError::NotFound) => {
            eprintln!("error: --email: no enabled staff account with this address");
            Ok(ExitCode::from(EXIT_BAD_INPUT))
        }
        Err(e @ AdminError::LastAdmin) => {
            eprintln!("error: --email: {e}");
            Ok(ExitCode::from(EXIT_BAD_INPUT))
        }
        Err(e) => Err(e.into()),
    }
}

async fn staff_reset_second_factor(root: &Path, email: &str) -> anyhow::Result<ExitCode> {
    let (_, pool) = console(root)?;
    match admin::reset_second_factor(&pool, chrono::Utc::now(), Actor::Console, None, Target::Email(email))
        .await
    {
        Ok(email) => {
            println!("The second factor of {email} is removed; its sessions have ended.");
            Ok(ExitCode::SUCCESS)
        }
        Err(AdminError::NotFound) => {
            eprintln!("error: --email: no staff account with this address");
            Ok(ExitCode::from(EXIT_BAD_INPUT))
        }
        Err(e) => Err(e.into()),
    }
}

/// `dsr-desk sources check|lookup`: needs the register files and the sources' environment
/// variables, not the database.
async fn sources(root: &Path, command: SourcesCommand) -> anyhow::Result<ExitCode> {
    let settings = settings(root)?;
    telemetry::init(LogFormat::Pretty, "warn");
    let registers = startup::load_registers(&settings)?;
    let key = match &command {
        SourcesCommand::Check { register } | SourcesCommand::Lookup { register, .. } => register.trim(),
    };
    let Some(register) = registers.iter().find(|r| r.key == key) else {
        eprintln!("error: --register: no register `{key}` in {}", settings.registers.dir.display());
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    };
    if register.data_sources.is_empty() {
        eprintln!("error: --register: register `{key}` has no data sources ([[data_sources]])");
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let connections =
        startup::data_sources(std::slice::from_ref(register), &crate::config::EnvVars::process())?;
    match command {
        SourcesCommand::Check { .. } => {
            let mut problems = 0;
            for source in &register.data_sources {
                for finding in connections.check(&register.key, source).await {
                    let mark = if finding.ok { "ok" } else { "PROBLEM" };
                    problems += usize::from(!finding.ok);
                    println!("{}: {} {}: {}", source.name, mark, finding.step, finding.message);
                }
            }
            Ok(if problems == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        SourcesCommand::Lookup { email, phone, customer_number, .. } => {
            let Ok(email) = crate::domain::Email::parse(email.trim()) else {
                eprintln!("error: --email: not an email address");
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            };
            let ids = crate::domain::sources::Identifiers {
                email: Some(email.normalised()),
                phone,
                customer_number,
            };
            let found = crate::service::collection::dry_run(&connections, register, &ids).await;
            println!("{}", serde_json::to_string_pretty(&found)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Rows between two progress lines of `report` on stderr.
const PROGRESS_EVERY: u64 = 20_000;

/// `dsr-desk report`: the whole scope (every register ever synced); CSV is written row by row as
/// the database sends it, JSON and HTML once complete. A bad month or an unknown register is exit 2.
async fn report(
    root: &Path,
    month: &str,
    register: Option<&str>,
    format: &str,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    use futures_util::StreamExt;

    use crate::service::report::{self as reports, Format, ReportError, Scope};

    let Ok(format) = format.parse::<Format>() else {
        eprintln!("error: --format: expected csv, json or html");
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    };
    let (_, pool) = console(root)?;
    let mut reader = reports::Reader::open(&pool).await.context("cannot reach PostgreSQL")?;
    let visible = reader.all_registers().await?;
    let now = chrono::Utc::now();
    let scope = match Scope::new(month, register, &visible, now) {
        Ok(scope) => scope,
        Err(ReportError::Month(reason)) => {
            eprintln!("error: --month: {}", crate::i18n::english(&reason));
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
        Err(ReportError::UnknownRegister(key)) => {
            eprintln!("error: --register: no register `{key}` (known: {})", visible.join(", "));
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
        Err(ReportError::Db(e)) => return Err(e.into()),
    };
    let mut out: Box<dyn Write> = match output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("--output {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let written = match format {
        Format::Csv => {
            let mut csv = reports::CsvWriter::new()?;
            let mut rows = std::pin::pin!(reader.rows(&scope, now).await?);
            let mut n: u64 = 0;
            while let Some(row) = rows.next().await {
                csv.push(&row?)?;
                out.write_all(&csv.take()?)?;
                n += 1;
                if n.is_multiple_of(PROGRESS_EVERY) {
                    eprintln!("report: {n} rows written");
                }
            }
            out.write_all(&csv.take()?)?;
            n
        }
        Format::Json | Format::Html => {
            let report = reader.collect(&scope, now).await?;
            let n = report.rows.len() as u64;
            if format == Format::Json {
                serde_json::to_writer_pretty(&mut out, &report)?;
                out.write_all(b"\n")?;
            } else {
                let page = reports::Page {
                    t: crate::i18n::Tr::new(crate::domain::Language::En),
                    user: None,
                    csrf: String::new(),
                    registers: scope.registers.clone(),
                    month: scope.month.to_string(),
                    register: scope.register.clone().unwrap_or_default(),
                    format: "html".into(),
                    bom: false,
                    report,
                    problem: None,
                };
                out.write_all(askama::Template::render(&page)?.as_bytes())?;
            }
            n
        }
    };
    out.flush()?;
    let target = output.map_or_else(|| "standard output".to_owned(), |p| p.display().to_string());
    eprintln!("report: {written} rows for {} written to {target}", scope.month);
    Ok(ExitCode::SUCCESS)
}

/// `dsr-desk deadlines`: pure computation over stdin; malformed lines are reported with their line
/// number and make the exit code 2 after every other line has been written.
fn deadlines(jurisdiction: &str) -> ExitCode {
    let Ok(jurisdiction) = jurisdiction.parse::<Jurisdiction>() else {
        eprintln!("error: --jurisdiction: expected fi or ee");
        return ExitCode::from(EXIT_BAD_INPUT);
    };
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    match write_deadlines(jurisdiction, stdin, stdout, &mut std::io::stderr().lock()) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(EXIT_BAD_INPUT),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the deadline CSV for every date read; returns how many lines were malformed.
pub fn write_deadlines(
    jurisdiction: Jurisdiction,
    input: impl BufRead,
    output: impl Write,
    errors: &mut impl Write,
) -> std::io::Result<usize> {
    let mut csv = csv::Writer::from_writer(std::io::BufWriter::new(output));
    csv.write_record(["received", "deadline", "extended_deadline"])?;
    let mut bad = 0;
    for (index, line) in input.lines().enumerate() {
        let line = line?;
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(received) => {
                let due = deadline::deadline(jurisdiction, received);
                let extended = deadline::extended_deadline(jurisdiction, received);
                csv.write_record([received.to_string(), due.to_string(), extended.to_string()])?;
            }
            Err(_) => {
                bad += 1;
                let shown: String = text.chars().take(40).collect();
                writeln!(errors, "line {}: `{shown}` is not a date in the form YYYY-MM-DD", index + 1)?;
            }
        }
    }
    csv.flush()?;
    Ok(bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn deadlines_writes_csv_and_reports_bad_lines_by_number() {
        let input = "2025-03-05\nnot-a-date\n\n2024-01-31\n2025-02-30\n";
        let mut out = Vec::new();
        let mut err = Vec::new();
        let bad = write_deadlines(Jurisdiction::Fi, input.as_bytes(), &mut out, &mut err).unwrap();
        assert_eq!(bad, 2);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "received,deadline,extended_deadline\n2025-03-05,2025-04-07,2025-06-05\n2024-01-31,2024-02-29,2024-04-30\n"
        );
        let err = String::from_utf8(err).unwrap();
        assert!(err.contains("line 2:") && err.contains("line 5:"), "{err}");
    }
}
