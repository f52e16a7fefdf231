//! Connection hygiene: a bound on open connections, below the process's descriptor limit, a
//! silence limit on each, and a deadline for a request's headers, so that half-open, idle,
//! silent or trickling sockets cannot lock the server out. A connection over the bound gets a
//! plain `503` and is closed at once.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

/// Descriptors kept back from the connections: the journal, the OSC socket, the windows.
const RESERVED_DESCRIPTORS: u64 = 256;

/// The most connections served at once, whatever the system allows.
const MOST_CONNECTIONS: u64 = 8192;

/// Connections served at once: the open-file limit raised to what the system allows, less a
/// reserve, and at most 8 192 (768 under the usual soft limit of 1 024 that cannot be raised).
pub fn max_connections() -> usize {
    let descriptors = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
    let usable = descriptors
        .saturating_sub(RESERVED_DESCRIPTORS)
        .clamp(64, MOST_CONNECTIONS);
    usize::try_from(usable).unwrap_or(768)
}

/// A connection that sends nothing for this long is closed: a request's headers, a body, or a
/// WebSocket's answers to the server's pings (every 10 s) all reset it.
pub const SILENCE: Duration = Duration::from_secs(30);

/// A request's headers must arrive within this (a client that trickles them a byte at a time
/// is closed, however often it sends).
pub const HEADER_DEADLINE: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until the program ends: each connection with its peer's
/// address for the handlers (`ConnectInfo<Peer>`), HTTP/1.1 with upgrades (WebSockets) and
/// the [`HEADER_DEADLINE`].
pub async fn serve(listener: Guarded, app: axum::Router) {
    serve_with(listener, app, HEADER_DEADLINE).await;
}

/// [`serve`] with a deadline of its own for headers (tests).
async fn serve_with(mut listener: Guarded, app: axum::Router, header_deadline: Duration) {
    use axum::serve::Listener;
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use hyper_util::server::conn::auto::Builder;
    use hyper_util::service::TowerToHyperService;
    loop {
        let (io, peer) = listener.accept().await;
        let service = app
            .clone()
            .layer(axum::Extension(axum::extract::ConnectInfo(Peer(peer))));
        tokio::spawn(async move {
            let mut builder = Builder::new(TokioExecutor::new());
            builder
                .http1()
                .timer(TokioTimer::new())
                .header_read_timeout(header_deadline);
            // A connection that fails or times out is simply closed.
            let _ = builder
                .serve_connection_with_upgrades(TokioIo::new(io), TowerToHyperService::new(service))
                .await;
        });
    }
}

/// The answer to a connection over the bound.
const FULL: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n\
Content-Length: 46\r\nConnection: close\r\n\r\nthe server is full: too many open connections\n";

/// A listener that bounds connections and closes silent ones.
pub struct Guarded {
    listener: TcpListener,
    slots: Arc<Semaphore>,
    silence: Duration,
}

impl Guarded {
    pub fn new(listener: TcpListener, max: usize, silence: Duration) -> Self {
        Guarded {
            listener,
            slots: Arc::new(Semaphore::new(max)),
            silence,
        }
    }
}

/// The address a connection came from, for handlers (`ConnectInfo<Peer>`).
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub SocketAddr);

impl axum::serve::Listener for Guarded {
    type Io = GuardedIo;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (GuardedIo, SocketAddr) {
        loop {
            let (mut stream, addr) = match self.listener.accept().await {
                Ok(accepted) => accepted,
                // Out of descriptors, or a connection reset before it was taken: wait a
                // moment, as axum's own listener does.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            // Every message is written whole, once: nothing to gain from Nagle's delay, and a
            // message right after another (a state after the clock, a pong) must not wait for
            // the client's delayed acknowledgement.
            let _ = stream.set_nodelay(true);
            match Arc::clone(&self.slots).try_acquire_owned() {
                Ok(permit) => return (GuardedIo::new(stream, permit, self.silence), addr),
                Err(_) => {
                    // Best effort, bounded in time: the socket is closed either way.
                    let _ =
                        tokio::time::timeout(Duration::from_secs(1), stream.write_all(FULL)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }
}

/// A connection with its slot (given back when it closes) and its silence limit.
pub struct GuardedIo {
    stream: TcpStream,
    _slot: OwnedSemaphorePermit,
    silence: Duration,
    deadline: Pin<Box<Sleep>>,
}

impl GuardedIo {
    fn new(stream: TcpStream, slot: OwnedSemaphorePermit, silence: Duration) -> Self {
        GuardedIo {
            stream,
            _slot: slot,
            silence,
            deadline: Box::pin(tokio::time::sleep(silence)),
        }
    }
}

impl AsyncRead for GuardedIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.stream).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    let next = Instant::now() + self.silence;
                    self.deadline.as_mut().reset(next);
                }
                Poll::Ready(result)
            }
            Poll::Pending => match self.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the connection was silent too long",
                ))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl AsyncWrite for GuardedIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::serve::Listener;
    use tokio::io::AsyncReadExt;

    /// A client that sends its headers a byte at a time, never finishing them, is closed at
    /// the header deadline however often it sends; a whole request is answered.
    #[tokio::test]
    async fn a_trickling_client_is_closed_at_the_header_deadline() {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bound");
        let addr = listener.local_addr().expect("addr");
        let guarded = Guarded::new(listener, 8, Duration::from_secs(30));
        let app = axum::Router::new().route("/", axum::routing::get(|| async { "ok" }));
        tokio::spawn(serve_with(guarded, app, Duration::from_millis(600)));
        let mut trickler = TcpStream::connect(addr).await.expect("connects");
        let started = Instant::now();
        let closed = loop {
            if trickler.write_all(b"X").await.is_err() {
                break true;
            }
            let mut buf = [0u8; 256];
            match tokio::time::timeout(Duration::from_millis(150), trickler.read(&mut buf)).await {
                Ok(Ok(0) | Err(_)) => break true,
                Ok(Ok(_)) => break true, // an error answer, then the close
                Err(_) => {}
            }
            if started.elapsed() > Duration::from_secs(5) {
                break false;
            }
        };
        assert!(closed, "the trickling client was closed");
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
        let mut whole = TcpStream::connect(addr).await.expect("connects");
        whole
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .expect("request");
        let mut answer = String::new();
        whole.read_to_string(&mut answer).await.expect("read");
        assert!(
            answer.starts_with("HTTP/1.1 200") && answer.ends_with("ok"),
            "{answer}"
        );
    }

    /// Every accepted connection writes at once (no Nagle delay behind an unacknowledged
    /// message).
    #[tokio::test]
    async fn an_accepted_connection_has_no_nagle_delay() {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bound");
        let addr = listener.local_addr().expect("addr");
        let mut guarded = Guarded::new(listener, 4, Duration::from_secs(5));
        let _client = TcpStream::connect(addr).await.expect("connects");
        let (io, _) = guarded.accept().await;
        assert!(io.stream.nodelay().expect("readable option"));
    }

    #[tokio::test]
    async fn a_silent_connection_is_closed_and_one_over_the_bound_is_told_so() {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bound");
        let addr = listener.local_addr().expect("addr");
        let mut guarded = Guarded::new(listener, 1, Duration::from_millis(200));
        let server = tokio::spawn(async move {
            let (mut io, _) = guarded.accept().await;
            let mut buf = [0u8; 64];
            let silent = loop {
                match io.read(&mut buf).await {
                    Ok(0) => break None,
                    Ok(_) => {}
                    Err(e) => break Some(e.kind()),
                }
            };
            // Still holding the one slot: the next connection is told the server is full.
            let _never = tokio::time::timeout(Duration::from_millis(500), guarded.accept()).await;
            silent
        });
        let mut first = TcpStream::connect(addr).await.expect("connects");
        first
            .write_all(b"GET / HTTP/1.1\r\n")
            .await
            .expect("half a request");
        let mut second = TcpStream::connect(addr).await.expect("connects");
        let mut answer = String::new();
        second.read_to_string(&mut answer).await.expect("read");
        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
        assert!(answer.contains("too many open connections"));
        assert_eq!(
            server.await.expect("server"),
            Some(io::ErrorKind::TimedOut),
            "the silent connection was closed"
        );
    }
}
