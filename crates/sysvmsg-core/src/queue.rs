//! A System V message queue, named by its kernel id (msqid).

use std::mem::MaybeUninit;

use libc::{c_int, c_long, key_t};

use crate::{Error, MessageBuffer, MsgBuf, MsgBufMut, MsgMax, MsgStorage, Operation, ReceiveFlags, Result, SendFlags};

/// A message queue id. Copying it copies the name, not the queue: the kernel queue lives until
/// [`Queue::remove`] or reboot, whatever happens to the values naming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Queue {
    id: c_int,
}

impl Queue {
    /// Opens the existing queue with `key` (`msgget(key, 0)`).
    ///
    /// # Errors
    /// - `ENOENT`: no queue has this key.
    /// - `EACCES`: the queue exists but the caller may not use it.
    pub fn open(key: key_t) -> Result<Queue> {
        Queue::get(key, 0)
    }

    /// Creates a queue with `key` and permission bits `mode`, failing if one exists
    /// (`msgget(key, IPC_CREAT | IPC_EXCL | mode)`).
    ///
    /// # Errors
    /// - `EEXIST`: a queue with this key exists already (another process may have won a race).
    /// - `ENOSPC`: the system-wide limit of queues (`msgmni`) is reached.
    pub fn create_exclusive(key: key_t, mode: u32) -> Result<Queue> {
        Queue::get(key, libc::IPC_CREAT | libc::IPC_EXCL | permission_bits(mode))
    }

    /// Creates a new queue that no key names (`IPC_PRIVATE`); share it by its [`Queue::id`].
    ///
    /// # Errors
    /// - `ENOSPC`: the system-wide limit of queues (`msgmni`) is reached.
    pub fn create_private(mode: u32) -> Result<Queue> {
        Queue::get(libc::IPC_PRIVATE, libc::IPC_CREAT | permission_bits(mode))
    }

    /// Calls `msgget` with raw flags, for callers that need a combination the other
    /// constructors do not offer.
    ///
    /// # Errors
    /// As `msgget(2)`: `ENOENT`, `EEXIST`, `EACCES`, `ENOSPC`, `ENOMEM`.
    pub fn get(key: key_t, flags: c_int) -> Result<Queue> {
        // SAFETY: msgget takes no pointers.
        let id = unsafe { libc::msgget(key, flags) };
        if id < 0 {
            return Err(Error::last(Operation::Get));
        }
        Ok(Queue { id })
    }

    /// Names the queue with kernel id `id`; nothing is checked until it is used.
    pub const fn from_id(id: c_int) -> Queue {
        Queue { id }
    }

    /// The kernel's id of this queue (the msqid that `ipcs -q` lists).
    pub const fn id(self) -> c_int {
        self.id
    }

    /// Sends `msg`: its type word and its payload.
    ///
    /// # Errors
    /// - `EINVAL`: the type is not positive, the payload is longer than the kernel's `msgmax`, or
    ///   the queue was removed.
    /// - `EAGAIN`: the queue is full and [`SendFlags::NO_WAIT`] was given.
    /// - `EIDRM`: the queue was removed while waiting for room.
    /// - `EINTR`: a signal arrived while waiting for room; Linux never restarts this call.
    /// - `EACCES`: no write permission.
    pub fn send(self, msg: MsgBuf<'_>, flags: SendFlags) -> Result<()> {
        let payload_len = msg.payload().len();
        // SAFETY: `msg` is a readable, c_long-aligned type word followed by `payload_len` bytes
        // (checked when the MsgBuf was made); the kernel only reads from it.
        let rc = unsafe { libc::msgsnd(self.id, msg.as_bytes().as_ptr().cast(), payload_len, flags.bits()) };
        if rc < 0 {
            return Err(Error::last(Operation::Send));
        }
        Ok(())
    }

    /// Receives one message of at most `max_size` payload bytes into `buf`, returning the
    /// payload length. `msg_type` selects as in `msgrcv(2)`: 0 the first message, N > 0 the first
    /// of type N (with [`ReceiveFlags::EXCEPT`], the first not of type N), N < 0 the first of the
    /// lowest type at most |N|.
    ///
    /// `buf` grows to at most min(`max_size`, the namespace's `msgmax`) bytes, or to the length of
    /// a longer message already queued: see [`Queue::receive_into`].
    ///
    /// # Errors
    /// As [`Queue::receive_into`]; `ENOMEM` when the buffer could not grow to the needed size.
    pub fn receive(
        self,
        buf: &mut MessageBuffer,
        max_size: usize,
        msg_type: c_long,
        flags: ReceiveFlags,
    ) -> Result<usize> {
        let len = self.receive_into(buf, max_size, msg_type, flags, &mut MsgMax::unread())?;
        buf.set_received_len(len);
        Ok(len)
    }

    /// Receives one message of at most `max_size` payload bytes into any [`MsgStorage`] (for
    /// example memory from an interpreter's own allocator), returning the payload length; the
    /// message is the storage's type word and its first `len` payload bytes.
    ///
    /// The outcome is the one of a single `msgrcv` with a `max_size` buffer, whatever `max_size`
    /// is, while the storage grows only as far as the messages need: to min(`max_size`,
    /// `msgmax`), where `msgmax` is read from the kernel when the call needs it, or to the length
    /// of a longer message queued before `msgmax` was lowered. The rule that makes this exact:
    /// every `msgrcv` that may wait has room for every message the full-size call could take at
    /// that moment.
    ///
    /// - When the storage already holds `max_size` bytes, the receive is that one `msgrcv`.
    /// - Otherwise it first asks without waiting and without `MSG_NOERROR`, with the room it has:
    ///   the kernel selects a queued message by its type alone, so a message that fits is the one
    ///   the full-size call would take; a longer one is answered with `E2BIG` and stays queued.
    /// - When nothing matches and the caller waits, the storage first grows to min(`max_size`,
    ///   `msgmax` read now), which no message sent while it waits can exceed. This matters: the
    ///   kernel hands a new message straight to the first waiter whose buffer fits it, before
    ///   `msgsnd` returns, so a waiter with less room loses it to another waiter, or to a removal of
    ///   the queue right after the send. A `msgmax` read earlier (by a long-running worker, before
    ///   an administrator raised it) is not enough.
    /// - When the queued message is longer, the storage grows (to `msgmax` read now, or four times
    ///   what it holds, up to `max_size`) and asks again; at `max_size` the caller's own flags
    ///   apply, so `MSG_NOERROR` cuts at exactly `max_size`.
    ///
    /// `msgmax` remembers the last value read, for a caller that trims its storage after use.
    ///
    /// # Errors
    /// - `ENOMSG`: nothing matches and [`ReceiveFlags::NO_WAIT`] was given.
    /// - `E2BIG`: the selected message is longer than `max_size` and `NO_ERROR` was not given.
    /// - `EIDRM`: the queue was removed while waiting.
    /// - `EINVAL`: the queue does not exist (any more).
    /// - `EINTR`: a signal arrived while waiting; Linux never restarts this call.
    /// - `ENOMEM`: the storage refused to grow to the size needed.
    /// - `EACCES`: no read permission.
    pub fn receive_into<S: MsgStorage + ?Sized>(
        self,
        storage: &mut S,
        max_size: usize,
        msg_type: c_long,
        flags: ReceiveFlags,
        msgmax: &mut MsgMax,
    ) -> Result<usize> {
        let mut room = storage.payload_capacity();
        if room == 0 {
            room = max_size.min(msgmax.read());
        }
        if room >= max_size {
            return self.receive_with_room(storage, max_size, msg_type, flags);
        }
        let queued_only = (flags | ReceiveFlags::NO_WAIT).without(ReceiveFlags::NO_ERROR);
        match self.receive_with_room(storage, room, msg_type, queued_only) {
            Err(e) if e.errno() == libc::ENOMSG && !flags.contains(ReceiveFlags::NO_WAIT) => {
                self.receive_growing(storage, max_size, msg_type, flags, msgmax, false)
            }
            Err(e) if e.errno() == libc::E2BIG => self.receive_growing(storage, max_size, msg_type, flags, msgmax, true),
            taken_or_failed => taken_or_failed,
        }
    }

    /// The rest of [`Queue::receive_into`] when the storage is smaller than `max_size` and no
    /// queued message fits it: nothing matches (the call is about to wait), or the message that
    /// does is longer (`longer_queued`).
    #[inline(never)]
    fn receive_growing<S: MsgStorage + ?Sized>(
        self,
        storage: &mut S,
        max_size: usize,
        msg_type: c_long,
        flags: ReceiveFlags,
        msgmax: &mut MsgMax,
        mut longer_queued: bool,
    ) -> Result<usize> {
        loop {
            let held = storage.payload_capacity();
            // Room for any message sent from now on, read now: an administrator may have raised
            // msgmax since it was last read.
            let mut room = max_size.min(msgmax.read()).max(held);
            if longer_queued {
                room = room.max(max_size.min(held.saturating_mul(4)));
            }
            if room >= max_size {
                return self.receive_with_room(storage, max_size, msg_type, flags);
            }
            match self.receive_with_room(storage, room, msg_type, flags.without(ReceiveFlags::NO_ERROR)) {
                // A longer message than `room` was selected: one queued before msgmax was lowered,
                // or one sent while this call waited after msgmax was raised again (then it is
                // queued, or gone to another receiver). Grow and ask again.
                Err(e) if e.errno() == libc::E2BIG => longer_queued = true,
                result => return result,
            }
        }
    }

    /// One `msgrcv` of at most `size` payload bytes, after making room for them in `storage`.
    #[inline(always)]
    fn receive_with_room<S: MsgStorage + ?Sized>(
        self,
        storage: &mut S,
        size: usize,
        msg_type: c_long,
        flags: ReceiveFlags,
    ) -> Result<usize> {
        if !storage.reserve_payload(size) {
            return Err(Error::new(Operation::Receive, libc::ENOMEM));
        }
        match storage.msgbuf_mut() {
            Some(msg) => self.receive_once(msg, size, msg_type, flags),
            None => Err(Error::new(Operation::Receive, libc::ENOMEM)),
        }
    }

    fn receive_once(self, mut msg: MsgBufMut<'_>, size: usize, msg_type: c_long, flags: ReceiveFlags) -> Result<usize> {
        let (storage, capacity) = msg.raw_parts();
        let size = size.min(capacity);
        // SAFETY: `storage` points to a c_long-aligned type word followed by `capacity` >= `size`
        // writable bytes (checked when the MsgBufMut was made), borrowed mutably for the call.
        let received = unsafe { libc::msgrcv(self.id, storage, size, msg_type, flags.bits()) };
        if received < 0 {
            return Err(Error::last(Operation::Receive));
        }
        Ok(usize::try_from(received).unwrap_or(0))
    }

    /// Reads the queue's state (`IPC_STAT`).
    ///
    /// # Errors
    /// - `EINVAL`: the queue does not exist (any more).
    /// - `EACCES`: no read permission.
    pub fn stat(self) -> Result<QueueStat> {
        let mut ds = MaybeUninit::<libc::msqid_ds>::zeroed();
        // SAFETY: `ds` is a writable msqid_ds; IPC_STAT fills it.
        let rc = unsafe { libc::msgctl(self.id, libc::IPC_STAT, ds.as_mut_ptr()) };
        if rc < 0 {
            return Err(Error::last(Operation::Control));
        }
        // SAFETY: zeroed is a valid msqid_ds (plain integers), and the kernel filled it in.
        Ok(QueueStat(unsafe { ds.assume_init() }))
    }

    /// Writes owner, group, mode and `msg_qbytes` from `stat` (`IPC_SET`); the kernel ignores
    /// the other fields and keeps only the permission bits of the mode.
    ///
    /// # Errors
    /// - `EPERM`: the caller is neither owner nor creator nor privileged, or raises `msg_qbytes`
    ///   above `msgmnb` without `CAP_SYS_RESOURCE`.
    /// - `EINVAL`: the queue does not exist, or a uid/gid is invalid.
    pub fn set(self, stat: &QueueStat) -> Result<()> {
        let mut ds = stat.0;
        // SAFETY: `ds` is a valid msqid_ds; IPC_SET only reads it.
        let rc = unsafe { libc::msgctl(self.id, libc::IPC_SET, &mut ds) };
        if rc < 0 {
            return Err(Error::last(Operation::Control));
        }
        Ok(())
    }

    /// Removes the queue (`IPC_RMID`), waking every blocked reader and writer with `EIDRM`.
    ///
    /// # Errors
    /// - `EINVAL`: the queue does not exist (any more).
    /// - `EPERM`: the caller is neither owner nor creator nor privileged.
    pub fn remove(self) -> Result<()> {
        // SAFETY: IPC_RMID takes no buffer.
        let rc = unsafe { libc::msgctl(self.id, libc::IPC_RMID, std::ptr::null_mut()) };
        if rc < 0 {
            return Err(Error::last(Operation::Control));
        }
        Ok(())
    }
}

fn permission_bits(mode: u32) -> c_int {
    // msgget reads only the low nine bits as permissions; the rest would be taken as flags.
    (mode & 0o777) as c_int
}

/// A queue's state as `IPC_STAT` reports it.
#[derive(Clone, Copy)]
pub struct QueueStat(libc::msqid_ds);

impl std::fmt::Debug for QueueStat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QueueStat")
            .field("uid", &self.uid())
            .field("gid", &self.gid())
            .field("mode", &format_args!("{:#o}", self.mode()))
            .field("qnum", &self.qnum())
            .field("qbytes", &self.qbytes())
            .finish_non_exhaustive()
    }
}

impl QueueStat {
    /// Owner's user id.
    pub fn uid(&self) -> libc::uid_t {
        self.0.msg_perm.uid
    }
    /// Owner's group id.
    pub fn gid(&self) -> libc::gid_t {
        self.0.msg_perm.gid
    }
    /// Permission bits (and, in the kernel's reply, nothing else of interest).
    pub fn mode(&self) -> u32 {
        u32::from(self.0.msg_perm.mode)
    }
    /// Time of the last send, seconds since the epoch (0: none yet).
    pub fn stime(&self) -> libc::time_t {
        self.0.msg_stime
    }
    /// Time of the last receive.
    pub fn rtime(&self) -> libc::time_t {
        self.0.msg_rtime
    }
    /// Time of the last change (creation or `IPC_SET`).
    pub fn ctime(&self) -> libc::time_t {
        self.0.msg_ctime
    }
    /// Messages in the queue.
    pub fn qnum(&self) -> u64 {
        self.0.msg_qnum
    }
    /// Payload bytes the queue may hold.
    pub fn qbytes(&self) -> u64 {
        self.0.msg_qbytes
    }
    /// Pid of the last sender.
    pub fn lspid(&self) -> libc::pid_t {
        self.0.msg_lspid
    }
    /// Pid of the last receiver.
    pub fn lrpid(&self) -> libc::pid_t {
        self.0.msg_lrpid
    }

    /// Sets the owner for [`Queue::set`].
    pub fn set_uid(&mut self, uid: libc::uid_t) {
        self.0.msg_perm.uid = uid;
    }
    /// Sets the group for [`Queue::set`].
    pub fn set_gid(&mut self, gid: libc::gid_t) {
        self.0.msg_perm.gid = gid;
    }
    /// Sets the mode for [`Queue::set`]. The field is as wide as the C library makes it (glibc:
    /// `unsigned short` on x86_64, `unsigned int` on aarch64) and keeps what fits, as a C
    /// assignment would; the kernel only takes the permission bits from it.
    pub fn set_mode(&mut self, mode: u32) {
        // `as _`: the field's type differs per architecture; the narrowing is C's.
        self.0.msg_perm.mode = mode as _;
    }
    /// Sets the queue's byte limit for [`Queue::set`].
    pub fn set_qbytes(&mut self, qbytes: u64) {
        self.0.msg_qbytes = qbytes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A private queue that is removed when the test ends, pass or fail.
    struct TestQueue(Queue);

    impl TestQueue {
        fn new() -> TestQueue {
            TestQueue(Queue::create_private(0o600).expect("create a private queue"))
        }
    }

    impl Drop for TestQueue {
        fn drop(&mut self) {
            let _ = self.0.remove();
        }
    }

    fn send(q: Queue, mtype: c_long, payload: &[u8]) -> Result<()> {
        let mut buf = MessageBuffer::new();
        buf.set_message(mtype, payload);
        q.send(buf.as_msgbuf(), SendFlags::NO_WAIT)
    }

    #[test]
    fn round_trip_keeps_type_and_bytes() {
        let q = TestQueue::new();
        send(q.0, 42, b"a\0b").unwrap();
        let mut buf = MessageBuffer::new();
        let len = q.0.receive(&mut buf, 100, 0, ReceiveFlags::NO_WAIT).unwrap();
        assert_eq!(len, 3);
        assert_eq!(buf.mtype(), 42);
        assert_eq!(buf.payload(), b"a\0b");
    }

    #[test]
    fn empty_queue_with_no_wait_is_enomsg() {
        let q = TestQueue::new();
        let err = q.0.receive(&mut MessageBuffer::new(), 100, 0, ReceiveFlags::NO_WAIT).unwrap_err();
        assert_eq!((err.errno(), err.operation()), (libc::ENOMSG, Operation::Receive));
    }

    #[test]
    fn too_long_message_is_e2big_and_stays_queued() {
        let q = TestQueue::new();
        send(q.0, 1, b"0123456789").unwrap();
        let mut buf = MessageBuffer::new();
        let err = q.0.receive(&mut buf, 4, 0, ReceiveFlags::NO_WAIT).unwrap_err();
        assert_eq!(err.errno(), libc::E2BIG);
        assert_eq!(q.0.stat().unwrap().qnum(), 1);
        let len = q.0.receive(&mut buf, 4, 0, ReceiveFlags::NO_WAIT | ReceiveFlags::NO_ERROR).unwrap();
        assert_eq!(&buf.payload()[..len], b"0123");
        assert_eq!(q.0.stat().unwrap().qnum(), 0);
    }

    #[test]
    fn huge_max_size_allocates_at_most_msgmax() {
        let q = TestQueue::new();
        send(q.0, 1, b"small").unwrap();
        let mut buf = MessageBuffer::new();
        let len = q.0.receive(&mut buf, isize::MAX as usize, 0, ReceiveFlags::NO_WAIT).unwrap();
        assert_eq!(&buf.payload()[..len], b"small");
        let msgmax = crate::Limits::read().unwrap().msgmax;
        assert!(buf.capacity() >= msgmax && buf.capacity() < msgmax + 2 * crate::TYPE_SIZE);
    }

    #[test]
    fn messages_as_long_as_msgmax_arrive_in_a_small_buffer() {
        let q = TestQueue::new();
        // The longest message the queue takes: msgmax, unless the queue holds fewer bytes.
        let msgmax = crate::Limits::read().unwrap().msgmax;
        let size = msgmax.min(q.0.stat().unwrap().qbytes() as usize);
        let big: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
        send(q.0, 3, &big).unwrap();
        let mut buf = MessageBuffer::with_capacity(16);
        assert!(buf.capacity() < size);
        let len = q.0.receive(&mut buf, msgmax, 0, ReceiveFlags::NO_WAIT).unwrap();
        assert_eq!(len, size);
        assert_eq!(buf.payload(), &big[..]);
    }

    #[test]
    fn no_error_truncates_at_max_size() {
        let q = TestQueue::new();
        let payload: Vec<u8> = (0..6000u32).map(|i| i as u8).collect();
        send(q.0, 1, &payload).unwrap();
        // A buffer that held less before must still cut at max_size, not at its old capacity.
        let mut buf = MessageBuffer::with_capacity(16);
        let len = q.0.receive(&mut buf, 5000, 0, ReceiveFlags::NO_WAIT | ReceiveFlags::NO_ERROR).unwrap();
        assert_eq!(buf.payload(), &payload[..len]);
        assert_eq!(len, 5000);
    }

    /// Storage of a fixed size that refuses to grow, as an interpreter's allocator may.
    struct FixedStorage([c_long; 4]);

    impl MsgStorage for FixedStorage {
        fn payload_capacity(&self) -> usize {
            3 * crate::TYPE_SIZE
        }
        fn reserve_payload(&mut self, payload: usize) -> bool {
            payload <= self.payload_capacity()
        }
        fn msgbuf_mut(&mut self) -> Option<MsgBufMut<'_>> {
            // SAFETY: test-only view of initialised words as bytes.
            let bytes = unsafe { std::slice::from_raw_parts_mut(self.0.as_mut_ptr().cast(), 32) };
            MsgBufMut::from_bytes(bytes).ok()
        }
    }

    #[test]
    fn any_storage_can_receive_and_refusing_to_grow_is_enomem() {
        let q = TestQueue::new();
        let mut msgmax = MsgMax::unread();
        let mut storage = FixedStorage([0; 4]);
        send(q.0, 9, b"0123456789").unwrap();
        assert_eq!(q.0.receive_into(&mut storage, 24, 0, ReceiveFlags::NO_WAIT, &mut msgmax).unwrap(), 10);
        assert_eq!(storage.0[0], 9);
        // A queued message that fits is taken with the room the storage has, whatever max_size is.
        send(q.0, 8, &[1; 20]).unwrap();
        assert_eq!(q.0.receive_into(&mut storage, 1000, 0, ReceiveFlags::empty(), &mut msgmax).unwrap(), 20);
        assert_eq!(storage.0[0], 8);
        // A longer one needs more room: refused, it stays queued.
        send(q.0, 7, &[2; 30]).unwrap();
        let err = q.0.receive_into(&mut storage, 1000, 0, ReceiveFlags::NO_WAIT, &mut msgmax).unwrap_err();
        assert_eq!(err.errno(), libc::ENOMEM);
        assert_eq!(q.0.stat().unwrap().qnum(), 1, "the message stays queued");
        q.0.receive_into(&mut MessageBuffer::new(), 1000, 0, ReceiveFlags::NO_WAIT, &mut msgmax).unwrap();
        // Waiting needs room for min(max_size, msgmax): refused before the call could wait.
        let err = q.0.receive_into(&mut storage, 1000, 0, ReceiveFlags::empty(), &mut msgmax).unwrap_err();
        assert_eq!(err.errno(), libc::ENOMEM);
        assert_eq!(msgmax.last_read(), crate::Limits::read().unwrap().msgmax);
    }

    /// Storage that claims more room than the msgbuf it lends (a faulty MsgStorage): 16 payload
    /// bytes lent, 100 claimed, inside a larger block so a receive that trusted the claim would
    /// write only into this test's own memory.
    struct OverclaimingStorage([c_long; 16]);

    impl MsgStorage for OverclaimingStorage {
        fn payload_capacity(&self) -> usize {
            100
        }
        fn reserve_payload(&mut self, payload: usize) -> bool {
            payload <= 100
        }
        fn msgbuf_mut(&mut self) -> Option<MsgBufMut<'_>> {
            // SAFETY: test-only view of initialised words as bytes: the type word and 16 bytes.
            let bytes = unsafe { std::slice::from_raw_parts_mut(self.0.as_mut_ptr().cast(), crate::TYPE_SIZE + 16) };
            MsgBufMut::from_bytes(bytes).ok()
        }
    }

    #[test]
    fn the_kernel_never_gets_more_room_than_the_msgbuf_has() {
        let q = TestQueue::new();
        send(q.0, 1, &[9; 30]).unwrap();
        let mut storage = OverclaimingStorage([0; 16]);
        let err = q.0.receive_into(&mut storage, 100, 0, ReceiveFlags::NO_WAIT, &mut MsgMax::unread()).unwrap_err();
        assert_eq!(err.errno(), libc::E2BIG, "asked with the 16 bytes lent, not the 100 claimed");
        assert_eq!(storage.0[3..], [0; 13], "nothing written past the msgbuf");
    }

    #[test]
    fn storage_that_holds_max_size_makes_one_msgrcv_and_reads_nothing_else() {
        let q = TestQueue::new();
        let mut msgmax = MsgMax::unread();
        let mut buf = MessageBuffer::with_capacity(64);
        send(q.0, 4, b"abc").unwrap();
        assert_eq!(q.0.receive_into(&mut buf, 64, 0, ReceiveFlags::NO_WAIT, &mut msgmax), Ok(3));
        let err = q.0.receive_into(&mut buf, 40, 0, ReceiveFlags::NO_WAIT, &mut msgmax).unwrap_err();
        assert_eq!(err.errno(), libc::ENOMSG);
        assert_eq!(msgmax.last_read(), 0, "kernel.msgmax was not read");
        // Smaller storage: a receive that may have to wait reads it.
        let mut small = MessageBuffer::new();
        let err = q.0.receive_into(&mut small, 1 << 20, 0, ReceiveFlags::NO_WAIT, &mut msgmax).unwrap_err();
        assert_eq!(err.errno(), libc::ENOMSG);
        assert_eq!(msgmax.last_read(), crate::Limits::read().unwrap().msgmax);
    }

    #[test]
    fn stat_shows_its_fields_in_debug_output() {
        let q = TestQueue::new();
        send(q.0, 1, b"12345").unwrap();
        let shown = format!("{:?}", q.0.stat().unwrap());
        assert!(shown.starts_with("QueueStat { uid: "), "{shown}");
        assert!(shown.contains("mode: 0o600, qnum: 1, qbytes: "), "{shown}");
    }

    #[test]
    fn type_selection_follows_msgrcv() {
        let q = TestQueue::new();
        for t in [3, 1, 2] {
            send(q.0, t, &[t as u8]).unwrap();
        }
        let mut buf = MessageBuffer::new();
        q.0.receive(&mut buf, 8, 2, ReceiveFlags::NO_WAIT).unwrap();
        assert_eq!(buf.mtype(), 2);
        q.0.receive(&mut buf, 8, 3, ReceiveFlags::NO_WAIT | ReceiveFlags::EXCEPT).unwrap();
        assert_eq!(buf.mtype(), 1);
        q.0.receive(&mut buf, 8, -5, ReceiveFlags::NO_WAIT).unwrap();
        assert_eq!(buf.mtype(), 3);
    }

    #[test]
    fn non_positive_type_is_einval() {
        let q = TestQueue::new();
        assert_eq!(send(q.0, 0, b"x").unwrap_err().errno(), libc::EINVAL);
        assert_eq!(send(q.0, -1, b"x").unwrap_err().errno(), libc::EINVAL);
    }

    #[test]
    fn full_queue_with_no_wait_is_eagain() {
        let q = TestQueue::new();
        let mut stat = q.0.stat().unwrap();
        stat.set_qbytes(16);
        q.0.set(&stat).unwrap();
        send(q.0, 1, &[0; 16]).unwrap();
        assert_eq!(send(q.0, 1, b"x").unwrap_err().errno(), libc::EAGAIN);
    }

    #[test]
    fn stat_and_set_round_trip() {
        let q = TestQueue::new();
        let mut stat = q.0.stat().unwrap();
        assert_eq!(stat.mode() & 0o777, 0o600);
        stat.set_mode(0o640);
        stat.set_qbytes(1000);
        q.0.set(&stat).unwrap();
        let after = q.0.stat().unwrap();
        assert_eq!((after.mode() & 0o777, after.qbytes()), (0o640, 1000));
    }

    #[test]
    fn removed_queue_fails_with_einval_and_remove_twice_fails() {
        let q = Queue::create_private(0o600).unwrap();
        q.remove().unwrap();
        assert_eq!(q.remove().unwrap_err().errno(), libc::EINVAL);
        assert_eq!(q.stat().unwrap_err().errno(), libc::EINVAL);
        assert_eq!(send(q, 1, b"x").unwrap_err().errno(), libc::EINVAL);
    }

    #[test]
    fn open_and_create_exclusive() {
        // A key from this process's pid keeps parallel test runs apart.
        let key = 0x5157_0000 | (std::process::id() as key_t & 0xffff);
        assert_eq!(Queue::open(key).unwrap_err().errno(), libc::ENOENT);
        let q = TestQueue(Queue::create_exclusive(key, 0o600).unwrap());
        assert_eq!(Queue::create_exclusive(key, 0o600).unwrap_err().errno(), libc::EEXIST);
        assert_eq!(Queue::open(key).unwrap().id(), q.0.id());
    }

    #[test]
    fn errors_keep_errno_and_display_strerror() {
        let e = Error::new(Operation::Send, libc::EINVAL);
        assert_eq!(e.errno(), 22);
        assert!(e.to_string().starts_with("msgsnd failed: Invalid argument"));
        assert_eq!(std::io::Error::from(e).raw_os_error(), Some(libc::EINVAL));
    }

    /// Runs `test` on a thread of its own in a new IPC namespace whose `msgmax` and `msgmnb` are
    /// `msgmax` bytes (threads it spawns share that namespace). Needs root (CAP_SYS_ADMIN): the
    /// tests that use it are `#[ignore]`d, and the test command runs them as root.
    fn in_namespace_with_msgmax(msgmax: usize, test: impl FnOnce() + Send + 'static) {
        std::thread::spawn(move || {
            // SAFETY: unshare takes no pointers; CLONE_NEWIPC moves only this thread.
            let rc = unsafe { libc::unshare(libc::CLONE_NEWIPC) };
            assert_eq!(rc, 0, "unshare(CLONE_NEWIPC): {}", std::io::Error::last_os_error());
            set_limit("msgmax", msgmax);
            set_limit("msgmnb", msgmax);
            test();
        })
        .join()
        .unwrap()
    }

    /// Sets `kernel.NAME` in the calling thread's IPC namespace.
    fn set_limit(name: &str, value: usize) {
        std::fs::write(format!("/proc/sys/kernel/{name}"), value.to_string()).unwrap();
    }

    /// Waits until the thread `tid` of this process sleeps in msgrcv: syscall 70 on an x86_64
    /// kernel, 188 on an aarch64 one (the kernel's numbers: under qemu user emulation an aarch64
    /// test runs on the host's kernel).
    fn wait_until_receiving(tid: libc::pid_t) {
        let path = format!("/proc/self/task/{tid}/syscall");
        for _ in 0..10_000 {
            let syscall = std::fs::read_to_string(&path).unwrap_or_default();
            if matches!(syscall.split_whitespace().next(), Some("70" | "188")) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        panic!("thread {tid} never blocked in msgrcv");
    }

    /// What a receiver thread got: the type and the payload.
    type Received = std::thread::JoinHandle<Result<(c_long, Vec<u8>)>>;

    /// A thread that blocks in a receive of at most `max_size` bytes with `flags`, once its
    /// storage holds `prior` bytes; returns when it waits, with a handle to what it received.
    fn blocked_receiver(q: Queue, max_size: usize, prior: usize, flags: ReceiveFlags) -> Received {
        let (tx, rx) = std::sync::mpsc::channel();
        let handle = std::thread::spawn(move || {
            let mut buf = MessageBuffer::with_capacity(prior);
            // SAFETY: gettid has no preconditions.
            tx.send(unsafe { libc::gettid() }).unwrap();
            let len = q.receive(&mut buf, max_size, 0, flags)?;
            Ok((buf.mtype(), buf.payload()[..len].to_vec()))
        });
        wait_until_receiving(rx.recv().unwrap());
        handle
    }

    fn message(mtype: c_long, payload: &[u8]) -> MessageBuffer {
        let mut buf = MessageBuffer::new();
        buf.set_message(mtype, payload);
        buf
    }

    #[test]
    #[ignore = "needs root"]
    fn a_blocked_receiver_gets_a_message_sent_right_before_the_queue_is_removed() {
        in_namespace_with_msgmax(1 << 20, || {
            for size in [9000, 40_000, 300_000, 1 << 20] {
                let q = Queue::create_private(0o600).unwrap();
                let receiver = blocked_receiver(q, 1 << 21, 0, ReceiveFlags::empty());
                let payload: Vec<u8> = (0..size).map(|i| (i % 253) as u8).collect();
                q.send(message(5, &payload).as_msgbuf(), SendFlags::empty()).unwrap();
                q.remove().unwrap();
                assert_eq!(receiver.join().unwrap(), Ok((5, payload)), "message of {size} bytes");
            }
        });
    }

    #[test]
    fn a_receiver_waiting_with_less_room_than_max_size_returns_the_removal() {
        let q = TestQueue::new();
        // max_size above any default msgmax: the receiver waits with msgmax's room, not max_size's.
        let receiver = blocked_receiver(q.0, 1 << 21, 0, ReceiveFlags::empty());
        q.0.remove().unwrap();
        assert_eq!(receiver.join().unwrap().map_err(|e| e.errno()), Err(libc::EIDRM));
    }

    #[test]
    #[ignore = "needs root"]
    fn the_first_blocked_receiver_that_fits_gets_the_message() {
        in_namespace_with_msgmax(1 << 20, || {
            let q = Queue::create_private(0o600).unwrap();
            // The first waiter starts with no storage, the second with a large one: both must
            // ask the kernel with room for any message, or the first loses its turn.
            let first = blocked_receiver(q, 1 << 20, 0, ReceiveFlags::empty());
            let second = blocked_receiver(q, 1 << 20, 1 << 20, ReceiveFlags::empty());
            q.send(message(1, &[7; 20_000]).as_msgbuf(), SendFlags::empty()).unwrap();
            q.send(message(1, &[8]).as_msgbuf(), SendFlags::empty()).unwrap();
            assert_eq!(first.join().unwrap(), Ok((1, vec![7; 20_000])));
            assert_eq!(second.join().unwrap(), Ok((1, vec![8])));
            q.remove().unwrap();
        });
    }

    #[test]
    #[ignore = "needs root"]
    fn a_worker_that_received_before_msgmax_was_raised_waits_with_room_for_the_new_msgmax() {
        in_namespace_with_msgmax(8192, || {
            set_limit("msgmnb", 1 << 20);
            let q = Queue::create_private(0o600).unwrap();
            // The worker's first job, at msgmax 8192: its storage and its MsgMax keep that size.
            q.send(message(1, b"first job").as_msgbuf(), SendFlags::empty()).unwrap();
            let (go, wait_for_go) = std::sync::mpsc::channel::<()>();
            let (tid_tx, tid_rx) = std::sync::mpsc::channel();
            let worker = std::thread::spawn(move || {
                let mut storage = MessageBuffer::new();
                let mut msgmax = MsgMax::unread();
                q.receive_into(&mut storage, 1 << 20, 0, ReceiveFlags::empty(), &mut msgmax).unwrap();
                assert_eq!((msgmax.last_read(), storage.capacity()), (8192, 8192));
                // SAFETY: gettid has no preconditions.
                tid_tx.send(unsafe { libc::gettid() }).unwrap();
                wait_for_go.recv().unwrap();
                let len = q.receive_into(&mut storage, 1 << 20, 0, ReceiveFlags::empty(), &mut msgmax).unwrap();
                (storage.mtype(), len, msgmax.last_read())
            });
            let tid = tid_rx.recv().unwrap();
            set_limit("msgmax", 70_000);
            go.send(()).unwrap();
            wait_until_receiving(tid);
            // A later waiter that takes anything, cut to 100 bytes.
            let late = blocked_receiver(q, 100, 0, ReceiveFlags::NO_ERROR);
            q.send(message(2, &[7; 20_000]).as_msgbuf(), SendFlags::empty()).unwrap();
            q.send(message(3, b"y").as_msgbuf(), SendFlags::empty()).unwrap();
            assert_eq!(worker.join().unwrap(), (2, 20_000, 70_000), "the worker, which waited first, gets the job");
            assert_eq!(late.join().unwrap(), Ok((3, b"y".to_vec())));
            q.remove().unwrap();
        });
    }

    #[test]
    #[ignore = "needs root"]
    fn messages_queued_before_msgmax_was_lowered_are_received_whole() {
        in_namespace_with_msgmax(70_000, || {
            set_limit("msgmnb", 1 << 20);
            let q = Queue::create_private(0o600).unwrap();
            let payload: Vec<u8> = (0..50_000u32).map(|i| (i % 249) as u8).collect();
            for mtype in 1..=3 {
                q.send(message(mtype, &payload).as_msgbuf(), SendFlags::empty()).unwrap();
            }
            set_limit("msgmax", 8192);
            let mut storage = MessageBuffer::new();
            let len = q.receive(&mut storage, 1 << 20, 0, ReceiveFlags::empty()).unwrap();
            assert_eq!((storage.mtype(), len, storage.payload()), (1, 50_000, &payload[..]));
            // Cut at max_size exactly, not at the storage's size on the way.
            let mut storage = MessageBuffer::new();
            let len = q.receive(&mut storage, 30_000, 0, ReceiveFlags::NO_ERROR).unwrap();
            assert_eq!((storage.mtype(), len, storage.payload()), (2, 30_000, &payload[..30_000]));
            let err = q.receive(&mut storage, 30_000, 0, ReceiveFlags::NO_WAIT).unwrap_err();
            assert_eq!(err.errno(), libc::E2BIG);
            assert_eq!(q.stat().unwrap().qnum(), 1, "the message stays queued");
            q.remove().unwrap();
        });
    }

    #[test]
    #[ignore = "needs root"]
    fn messages_queued_before_msgmax_was_set_to_zero_are_still_received() {
        in_namespace_with_msgmax(8192, || {
            let q = Queue::create_private(0o600).unwrap();
            q.send(message(6, &[5; 3000]).as_msgbuf(), SendFlags::empty()).unwrap();
            set_limit("msgmax", 0);
            let mut storage = MessageBuffer::new();
            let len = q.receive(&mut storage, 1 << 20, 0, ReceiveFlags::NO_WAIT).unwrap();
            assert_eq!((storage.mtype(), len, storage.payload()), (6, 3000, &[5; 3000][..]));
            q.remove().unwrap();
        });
    }
}
