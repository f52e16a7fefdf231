//! Connection hygiene: a bound on open connections, below the process's descriptor limit, and
//! a silence limit on each, so that half-open, idle or silent sockets cannot lock the server
//! out. A connection over the bound gets a plain `503` and is closed at once.

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

/// Connections served at once: well below the usual limit of 1 024 descriptors.
pub const MAX_CONNECTIONS: usize = 768;

/// A connection that sends nothing for this long is closed: a request's headers, a body, or a
/// WebSocket's answers to the server's pings (every 10 s) all reset it.
pub const SILENCE: Duration = Duration::from_secs(30);

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

impl axum::extract::connect_info::Connected<axum::serve::IncomingStream<'_, Guarded>> for Peer {
    fn connect_info(stream: axum::serve::IncomingStream<'_, Guarded>) -> Self {
        Peer(*stream.remote_addr())
    }
}

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
