//! A real SMTP server on loopback that records every message it accepts. Tests read the parsed
//! messages, and can stop and restart it (same port) to simulate an outage.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use mail_parser::MessageParser;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinSet;

/// One accepted message.
#[derive(Debug, Clone)]
pub struct Captured {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    pub raw: Vec<u8>,
}

impl Captured {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        MessageParser::default().parse(&self.raw).expect("a parseable MIME message")
    }
}

#[derive(Default)]
struct Shared {
    messages: Mutex<Vec<Captured>>,
    arrived: Notify,
    /// Recipients answered with a permanent failure (550).
    rejected: Mutex<Vec<String>>,
    /// Recipients answered with a transient failure (451).
    deferred: Mutex<Vec<String>>,
    /// Recipients whose RCPT is never answered (a relay that hangs mid-batch).
    held: Mutex<Vec<String>>,
}

pub struct SmtpServer {
    port: u16,
    shared: Arc<Shared>,
    tasks: Mutex<Option<JoinSet<()>>>,
}

fn listener(port: u16) -> std::io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    // Rebinding the same port after stop() must not wait for TIME_WAIT to clear.
    socket.set_reuseaddr(true)?;
    socket.bind(([127, 0, 0, 1], port).into())?;
    socket.listen(64)
}

impl SmtpServer {
    pub async fn start() -> Self {
        let listener = listener(0).expect("bind the SMTP capture server");
        let port = listener.local_addr().unwrap().port();
        let server = Self { port, shared: Arc::default(), tasks: Mutex::new(None) };
        server.serve(listener);
        server
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    fn serve(&self, listener: TcpListener) {
        let shared = self.shared.clone();
        let mut tasks = JoinSet::new();
        tasks.spawn(async move {
            let mut connections = JoinSet::new();
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let shared = shared.clone();
                connections.spawn(async move {
                    let _ = session(stream, &shared).await;
                });
            }
        });
        *self.tasks.lock().unwrap() = Some(tasks);
    }

    /// Stops listening and drops every open connection.
    pub fn stop(&self) {
        if let Some(mut tasks) = self.tasks.lock().unwrap().take() {
            tasks.abort_all();
        }
    }

    /// Listens again on the same port.
    pub async fn restart(&self) {
        self.stop();
        let mut tries = 0;
        let listener = loop {
            match listener(self.port) {
                Ok(l) => break l,
                Err(e) if tries < 50 => {
                    tries += 1;
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("rebind SMTP port {}: {e}", self.port),
            }
        };
        self.serve(listener);
    }

    /// Answers RCPT for `address` with 550 (a permanent failure) until [`accept_all`] is called.
    pub fn reject(&self, address: &str) {
        self.shared.rejected.lock().unwrap().push(address.to_owned());
    }

    /// Answers RCPT for `address` with 451 (a transient failure) until [`accept_all`] is called.
    pub fn defer(&self, address: &str) {
        self.shared.deferred.lock().unwrap().push(address.to_owned());
    }

    /// Never answers RCPT for `address`: the sender waits until its timeout or is stopped.
    pub fn hold(&self, address: &str) {
        self.shared.held.lock().unwrap().push(address.to_owned());
    }

    pub fn accept_all(&self) {
        self.shared.rejected.lock().unwrap().clear();
        self.shared.deferred.lock().unwrap().clear();
        self.shared.held.lock().unwrap().clear();
    }

    pub fn messages(&self) -> Vec<Captured> {
        self.shared.messages.lock().unwrap().clone()
    }

    /// Waits until at least `n` messages have arrived (or `timeout` passes) and returns them all.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Captured> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.shared.arrived.notified();
            let messages = self.messages();
            if messages.len() >= n || tokio::time::Instant::now() >= deadline {
                return messages;
            }
            let _ = tokio::time::timeout_at(deadline, notified).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn session(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 dsr-desk-test ESMTP\r\n").await?;
    let mut mail_from = String::new();
    let mut rcpt_to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let verb = command.split([' ', ':']).next().unwrap_or("").to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => {
                write
                    .write_all(b"250-dsr-desk-test\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 20971520\r\n")
                    .await?
            }
            "HELO" => write.write_all(b"250 dsr-desk-test\r\n").await?,
            "MAIL" => {
                mail_from = address(&command);
                rcpt_to.clear();
                write.write_all(b"250 OK\r\n").await?;
            }
            "RCPT" => {
                let to = address(&command);
                if shared.held.lock().unwrap().contains(&to) {
                    return std::future::pending().await;
                }
                if shared.rejected.lock().unwrap().contains(&to) {
                    write.write_all(b"550 5.1.1 Mailbox unavailable\r\n").await?;
                } else if shared.deferred.lock().unwrap().contains(&to) {
                    write.write_all(b"451 4.3.0 Try again later\r\n").await?;
                } else {
                    rcpt_to.push(to);
                    write.write_all(b"250 OK\r\n").await?;
                }
            }
            "DATA" => {
                write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
                let mut raw = Vec::new();
                loop {
                    let mut data = Vec::new();
                    if lines.read_until(b'\n', &mut data).await? == 0 {
                        return Ok(());
                    }
                    if data == b".\r\n" || data == b".\n" {
                        break;
                    }
                    // Dot-unstuffing (RFC 5321 4.5.2).
                    let data = if data.starts_with(b"..") { &data[1..] } else { &data[..] };
                    raw.extend_from_slice(data);
                }
                shared.messages.lock().unwrap().push(Captured {
                    mail_from: mail_from.clone(),
                    rcpt_to: std::mem::take(&mut rcpt_to),
                    raw,
                });
                shared.arrived.notify_waiters();
                write.write_all(b"250 OK: queued\r\n").await?;
            }
            "RSET" => {
                rcpt_to.clear();
                write.write_all(b"250 OK\r\n").await?;
            }
            "NOOP" => write.write_all(b"250 OK\r\n").await?,
            "QUIT" => {
                write.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            }
            _ => write.write_all(b"502 Command not implemented\r\n").await?,
        }
    }
}

fn address(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(addr, _)| addr.to_owned())
        .unwrap_or_default()
}
