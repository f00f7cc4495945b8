//! Safe, thin bindings to System V message queues: `msgget`, `msgsnd`, `msgrcv` and `msgctl`.
//!
//! Every system call sits in exactly one `unsafe` block, followed at once by its errno check, and
//! every failure comes back as an [`Error`] that keeps the raw errno. Messages travel in the
//! kernel's `struct msgbuf` layout (a C `long` type, then the payload bytes), which
//! [`MessageBuffer`] owns and [`MsgBuf`] borrows, so programs written in C, PHP's ext/sysvmsg
//! and this crate all read each other's messages.
//!
//! ```
//! use sysvmsg_core::{MessageBuffer, Queue, ReceiveFlags, SendFlags};
//!
//! # fn main() -> Result<(), sysvmsg_core::Error> {
//! let queue = Queue::create_private(0o600)?;
//! let mut buf = MessageBuffer::new();
//! buf.set_message(7, b"hello");
//! queue.send(buf.as_msgbuf(), SendFlags::empty())?;
//!
//! let len = queue.receive(&mut buf, 8192, 0, ReceiveFlags::NO_WAIT)?;
//! assert_eq!((buf.mtype(), &buf.payload()[..len]), (7, &b"hello"[..]));
//! queue.remove()?;
//! # Ok(())
//! # }
//! ```
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

mod buffer;
mod flags;
mod limits;
mod queue;

pub use buffer::{LayoutError, MessageBuffer, MsgBuf, MsgBufMut, MsgStorage, TYPE_SIZE};
pub use flags::{ReceiveFlags, SendFlags};
pub use limits::{Limits, MsgMax};
pub use queue::{Queue, QueueStat};

pub use libc::{c_long, key_t};

/// The system call that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// `msgget`
    Get,
    /// `msgsnd`
    Send,
    /// `msgrcv`
    Receive,
    /// `msgctl`
    Control,
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Operation::Get => "msgget",
            Operation::Send => "msgsnd",
            Operation::Receive => "msgrcv",
            Operation::Control => "msgctl",
        })
    }
}

/// A failed system call with the errno it left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{op} failed: {}", std::io::Error::from_raw_os_error(*.errno))]
pub struct Error {
    op: Operation,
    errno: i32,
}

impl Error {
    /// An error for `op` with the given errno.
    pub const fn new(op: Operation, errno: i32) -> Self {
        Error { op, errno }
    }

    /// Reads errno right after a failed call of `op`.
    pub(crate) fn last(op: Operation) -> Self {
        Error::new(op, std::io::Error::last_os_error().raw_os_error().unwrap_or(0))
    }

    /// The raw errno value, as C code would see it (`libc::EAGAIN`, `libc::EIDRM`, ...).
    pub const fn errno(&self) -> i32 {
        self.errno
    }

    /// The system call that failed.
    pub const fn operation(&self) -> Operation {
        self.op
    }
}

impl From<Error> for std::io::Error {
    fn from(e: Error) -> Self {
        std::io::Error::from_raw_os_error(e.errno)
    }
}

/// The result of every fallible call in this crate.
pub type Result<T> = std::result::Result<T, Error>;
