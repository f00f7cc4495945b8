//! The kernel's message queue limits for the caller's IPC namespace (`msgctl(IPC_INFO)`).
//!
//! Each IPC namespace has its own `kernel.msgmax` (longest message), `kernel.msgmnb` (default
//! byte limit of a new queue) and `kernel.msgmni` (number of queues). An administrator may
//! change them at any time, so a value read here is a snapshot.

use libc::c_int;

use crate::{Error, Operation, Result};

/// The namespace's limits, as `msgctl(0, IPC_INFO, ...)` reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// `kernel.msgmax`: the longest payload a `msgsnd` may send, in bytes.
    pub msgmax: usize,
    /// `kernel.msgmnb`: the `msg_qbytes` a new queue starts with.
    pub msgmnb: usize,
    /// `kernel.msgmni`: how many queues the namespace may hold.
    pub msgmni: usize,
}

impl Limits {
    /// Reads the limits of the caller's IPC namespace.
    ///
    /// # Errors
    /// - `EINVAL`: the kernel does not know `IPC_INFO` (not Linux-compatible).
    /// - `EFAULT`: cannot happen here (the buffer is ours).
    pub fn read() -> Result<Limits> {
        let mut info = std::mem::MaybeUninit::<libc::msginfo>::zeroed();
        // SAFETY: with IPC_INFO the kernel writes a `struct msginfo` through the msqid_ds pointer
        // (msgctl(2)); `info` is a writable msginfo, and the id is ignored.
        let rc = unsafe { libc::msgctl(0, libc::IPC_INFO, info.as_mut_ptr().cast()) };
        if rc < 0 {
            return Err(Error::last(Operation::Control));
        }
        // SAFETY: zeroed is a valid msginfo (plain integers), and the kernel filled it in.
        let info = unsafe { info.assume_init() };
        let size = |v: c_int| usize::try_from(v).unwrap_or(0);
        Ok(Limits { msgmax: size(info.msgmax), msgmnb: size(info.msgmnb), msgmni: size(info.msgmni) })
    }
}

/// `kernel.msgmax`, read from the kernel whenever a receive needs it ([`crate::Queue::receive_into`]),
/// and the value read last, for a caller that keeps storage between receives: the value may
/// change at any time (an administrator's `sysctl`), so it is never trusted for sizing later.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MsgMax {
    /// 0: not read yet.
    last: usize,
}

impl MsgMax {
    /// Linux's default `kernel.msgmax`, used when the kernel cannot be asked.
    pub const LINUX_DEFAULT: usize = 8192;

    /// Nothing read yet.
    pub const fn unread() -> MsgMax {
        MsgMax { last: 0 }
    }

    /// Reads the value from the kernel now, and remembers it.
    pub fn read(&mut self) -> usize {
        self.last = match Limits::read() {
            Ok(limits) if limits.msgmax > 0 => limits.msgmax,
            _ => MsgMax::LINUX_DEFAULT,
        };
        self.last
    }

    /// The value read last; 0 if none was.
    pub const fn last_read(&self) -> usize {
        self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_match_procfs() {
        let limits = Limits::read().unwrap();
        let proc = |name: &str| -> Option<usize> {
            std::fs::read_to_string(format!("/proc/sys/kernel/{name}")).ok()?.trim().parse().ok()
        };
        if let (Some(msgmax), Some(msgmnb)) = (proc("msgmax"), proc("msgmnb")) {
            assert_eq!((limits.msgmax, limits.msgmnb), (msgmax, msgmnb));
        }
        assert!(limits.msgmax > 0);
    }

    #[test]
    fn msgmax_remembers_the_value_read_last() {
        let mut m = MsgMax::unread();
        assert_eq!(m.last_read(), 0);
        let read = m.read();
        assert_eq!(read, Limits::read().unwrap().msgmax);
        assert_eq!(m.last_read(), read);
    }
}
