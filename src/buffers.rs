//! The buffers msg_send and msg_receive reuse from call to call, so a call allocates nothing
//! (the C extension allocates max_message_size bytes per receive).
//!
//! - The send buffer is a [`MessageBuffer`] on the Rust heap, for payloads up to
//!   [`SEND_BUFFER_RETAINED`]; larger ones are sent from Zend's heap (`functions::send_bytes`).
//! - The receive buffer is a [`ZendBuffer`] on Zend's request heap: it counts against memory_limit
//!   like the C extension's, grows to min(max_message_size, the kernel's msgmax) bytes when a
//!   receive needs it (difference 2 in the README), and is freed after every request.
//!
//! Rule for this file: request shutdown frees what these buffers point to, and a Zend allocation
//! can bail out (longjmp) at any time, so every buffer is consistent (points only at live
//! memory) before each call into Zend's allocator.

use std::cell::{Cell, UnsafeCell};

use sysvmsg_core::{c_long, MessageBuffer, MsgBufMut, MsgMax, MsgStorage, Queue, ReceiveFlags, TYPE_SIZE};

use crate::php::sys;
use crate::serializer::NulTerminated;

/// Payloads up to this size are sent from a reused buffer; larger ones get a temporary one from
/// Zend's allocator, where memory_limit applies as it does to the C extension's safe_emalloc.
pub const SEND_BUFFER_RETAINED: usize = 64 * 1024;

/// What a reused buffer must offer: an empty one for re-entrant calls, trimming after use, and
/// giving its memory back.
pub trait Scratch {
    /// A buffer that holds no memory yet.
    fn empty() -> Self;
    /// Gives back the memory it should not keep until the next call.
    fn trim(&mut self);
    /// Gives back all memory.
    fn release(&mut self);
}

impl Scratch for MessageBuffer {
    fn empty() -> Self {
        MessageBuffer::new()
    }
    fn trim(&mut self) {
        if self.capacity() > SEND_BUFFER_RETAINED {
            self.shrink_to(SEND_BUFFER_RETAINED);
        }
    }
    fn release(&mut self) {
        *self = MessageBuffer::new();
    }
}

/// Receive storage on Zend's request heap: a type word, `payload_capacity` bytes, and one spare
/// byte behind them for the NUL the unserializer needs. It has no destructor: Zend reports fatal
/// errors by longjmp, and whatever it holds then is freed at request shutdown.
pub struct ZendBuffer {
    block: *mut u8,
    payload_capacity: usize,
    /// The kernel's msgmax as the receives last read it: a receive that waits needs that much
    /// room (up to its max_message_size), so the block is kept between calls up to this size.
    msgmax: MsgMax,
}

impl ZendBuffer {
    pub const fn new() -> Self {
        ZendBuffer { block: std::ptr::null_mut(), payload_capacity: 0, msgmax: MsgMax::unread() }
    }

    /// Receives one message from `queue` (see `sysvmsg_core::Queue::receive_into`): every
    /// `msgrcv` that may wait has room for any message the C extension's would take, and the
    /// buffer grows only as far as that needs.
    pub fn receive(
        &mut self,
        queue: Queue,
        max_size: usize,
        msg_type: c_long,
        flags: ReceiveFlags,
    ) -> sysvmsg_core::Result<usize> {
        let mut msgmax = self.msgmax;
        let received = queue.receive_into(self, max_size, msg_type, flags, &mut msgmax);
        self.msgmax = msgmax;
        received
    }

    /// The type of the message received last.
    pub fn mtype(&self) -> c_long {
        let mut word = [0u8; TYPE_SIZE];
        if !self.block.is_null() {
            // SAFETY: a non-null block starts with the type word.
            unsafe { std::ptr::copy_nonoverlapping(self.block, word.as_mut_ptr(), TYPE_SIZE) };
        }
        c_long::from_ne_bytes(word)
    }

    /// The first `len` payload bytes (at most the capacity).
    pub fn payload(&self, len: usize) -> &[u8] {
        if self.block.is_null() {
            return &[];
        }
        // SAFETY: the block holds the type word and `payload_capacity` payload bytes, all
        // initialised when it was allocated.
        unsafe { std::slice::from_raw_parts(self.block.add(TYPE_SIZE), len.min(self.payload_capacity)) }
    }

    /// The first `len` payload bytes, with a NUL written right after them into the spare byte.
    pub fn payload_nul_terminated(&mut self, len: usize) -> NulTerminated<'_> {
        let len = len.min(self.payload_capacity);
        if self.block.is_null() {
            // SAFETY: a static empty C string: no bytes, then a NUL.
            return unsafe { NulTerminated::new_unchecked(c"".to_bytes()) };
        }
        // SAFETY: the block has `payload_capacity + 1` bytes behind the type word, so the byte
        // after the payload is in it; it stays NUL while `self` is borrowed.
        unsafe {
            *self.block.add(TYPE_SIZE + len) = 0;
            NulTerminated::new_unchecked(std::slice::from_raw_parts(self.block.add(TYPE_SIZE), len))
        }
    }

    /// Forgets the block without freeing it, and msgmax with it: at request startup, a block left
    /// by a request that never reached its shutdown belongs to a heap Zend has already reset.
    fn forget(&mut self) {
        *self = ZendBuffer::new();
    }

    /// Frees the block. The buffer forgets it first, with a store the optimiser may not move
    /// past the free or a later allocation: if that allocation bails out, request shutdown
    /// must find no pointer to freed memory here.
    fn free_block(&mut self) {
        let block = self.block;
        // SAFETY: `self.block` is a valid, aligned field; volatile only pins the store in place.
        unsafe { std::ptr::write_volatile(&raw mut self.block, std::ptr::null_mut()) };
        self.payload_capacity = 0;
        if !block.is_null() {
            // SAFETY: the block came from _emalloc in this request and nothing points to it now.
            unsafe { sys::_efree(block.cast()) };
        }
    }
}

impl Scratch for ZendBuffer {
    fn empty() -> Self {
        ZendBuffer::new()
    }
    fn trim(&mut self) {
        // Only a message queued before msgmax was lowered makes the block larger than that.
        if self.payload_capacity > self.msgmax.last_read() {
            self.free_block();
        }
    }
    fn release(&mut self) {
        self.free_block();
    }
}

impl MsgStorage for ZendBuffer {
    fn payload_capacity(&self) -> usize {
        self.payload_capacity
    }

    fn reserve_payload(&mut self, payload: usize) -> bool {
        if !self.block.is_null() && payload <= self.payload_capacity {
            return true;
        }
        // The old contents need not survive, so free first: the peak is one block, not two, as
        // with the C extension's buffer.
        self.free_block();
        let Some(size) = payload.checked_add(TYPE_SIZE + 1) else { return false };
        // SAFETY: _emalloc returns an 8-aligned block of `size` bytes or bails out (memory_limit),
        // in which case this buffer is already empty. Zeroing initialises every byte once.
        unsafe {
            let block = sys::_emalloc(size).cast::<u8>();
            std::ptr::write_bytes(block, 0, size);
            self.block = block;
        }
        self.payload_capacity = payload;
        true
    }

    fn msgbuf_mut(&mut self) -> Option<MsgBufMut<'_>> {
        if self.block.is_null() {
            return None;
        }
        // SAFETY: the block has the type word and `payload_capacity` initialised bytes, borrowed
        // mutably through `self`.
        let bytes = unsafe { std::slice::from_raw_parts_mut(self.block, TYPE_SIZE + self.payload_capacity) };
        MsgBufMut::from_bytes(bytes).ok()
    }
}

/// A buffer reused by every call, with a flag for the rare re-entrant use (a destructor or
/// autoloader running inside msg_receive that calls msg_receive again).
pub struct ReusableBuffer<B> {
    buf: UnsafeCell<B>,
    busy: Cell<bool>,
}

impl<B: Scratch> ReusableBuffer<B> {
    const fn new(buf: B) -> Self {
        ReusableBuffer { buf: UnsafeCell::new(buf), busy: Cell::new(false) }
    }

    /// Runs `f` with this buffer, or with an empty one while the buffer is in use further up the
    /// stack; afterwards trims it. A fatal error inside `f` leaves `busy` set, which the request
    /// hooks clear.
    pub fn with<F: FnOnce(&mut B) -> R, R>(&self, f: F) -> R {
        // `f` runs Zend code that can bail out over this frame (see crate::php).
        const { assert!(!std::mem::needs_drop::<F>() && !std::mem::needs_drop::<R>()) };
        if self.busy.replace(true) {
            let mut fresh = std::mem::ManuallyDrop::new(B::empty());
            let result = f(&mut fresh);
            fresh.release();
            return result;
        }
        // SAFETY: `busy` grants exclusive use until it is cleared below.
        let buf = unsafe { &mut *self.buf.get() };
        let result = f(buf);
        buf.trim();
        self.busy.set(false);
        result
    }

    /// Runs `f` on the buffer at a request boundary, when no call can be using it.
    fn at_request_boundary(&self, f: impl FnOnce(&mut B)) {
        self.busy.set(false);
        // SAFETY: request startup and shutdown run outside any msg_* call.
        f(unsafe { &mut *self.buf.get() });
    }
}

// Where the reused buffers live: per thread on a thread-safe (ZTS) PHP, where requests run on
// many threads; in plain statics otherwise, where PHP itself runs on one thread only and a
// thread-local would cost a `__tls_get_addr` call per use in a shared library.
#[cfg(php_zts)]
thread_local! {
    pub static SEND_BUFFER: ReusableBuffer<MessageBuffer> = const { ReusableBuffer::new(MessageBuffer::new()) };
    pub static RECEIVE_BUFFER: ReusableBuffer<ZendBuffer> = const { ReusableBuffer::new(ZendBuffer::new()) };
}
#[cfg(not(php_zts))]
pub static SEND_BUFFER: EngineThread<ReusableBuffer<MessageBuffer>> =
    EngineThread(ReusableBuffer::new(MessageBuffer::new()));
#[cfg(not(php_zts))]
pub static RECEIVE_BUFFER: EngineThread<ReusableBuffer<ZendBuffer>> =
    EngineThread(ReusableBuffer::new(ZendBuffer::new()));

/// A value only the (single) PHP engine thread of a non-ZTS build touches, with the same `with`
/// as a thread-local.
#[cfg(not(php_zts))]
pub struct EngineThread<T>(T);
// SAFETY: a non-ZTS PHP runs every request on one thread; its own globals rely on the same.
#[cfg(not(php_zts))]
unsafe impl<T> Sync for EngineThread<T> {}
#[cfg(not(php_zts))]
impl<T> EngineThread<T> {
    #[inline(always)]
    pub fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0)
    }
}

/// Request startup: forget what a request that ended in a fatal error may have left.
pub fn request_startup() {
    SEND_BUFFER.with(|b| b.at_request_boundary(|_| {}));
    RECEIVE_BUFFER.with(|b| b.at_request_boundary(ZendBuffer::forget));
}

/// Module shutdown: the reused send buffer is on the Rust heap and would outlive the library. (On
/// a ZTS PHP this is the shutting-down thread's; other threads' go with their thread-local storage.)
pub fn module_shutdown() {
    SEND_BUFFER.with(|b| b.at_request_boundary(Scratch::release));
}

/// After request shutdown (post-deactivate): the receive buffer lives on the request heap and
/// goes with the request. Not earlier: user code still runs after the modules' request shutdown
/// (a user stream's stream_close() while resources are freed, a session save handler's write()),
/// and may call msg_receive.
pub fn request_end() {
    RECEIVE_BUFFER.with(|b| b.at_request_boundary(Scratch::release));
}

/// A temporary block on Zend's request heap, for a message too large for the reused send buffer:
/// memory_limit applies to it as to the C extension's `safe_emalloc`. No destructor (a bail-out
/// would skip it): [`ZendBlock::free`] gives it back, and the request's end frees one left behind.
pub struct ZendBlock {
    block: *mut u8,
    len: usize,
}

crate::assert_no_drop!(ZendBlock, ZendBuffer);

impl ZendBlock {
    /// A msgbuf for `payload`: a zeroed type word, then a copy of the payload; 8-aligned. Past
    /// memory_limit, Zend reports a fatal error and bails out.
    pub fn message(payload: &[u8]) -> Self {
        let len = TYPE_SIZE + payload.len();
        // SAFETY: _emalloc returns `len` writable bytes, 8-aligned (or bails out); the type word is
        // zeroed and the payload copied behind it, so each byte is initialised once.
        unsafe {
            let block = sys::_emalloc(len).cast::<u8>();
            std::ptr::write_bytes(block, 0, TYPE_SIZE);
            std::ptr::copy_nonoverlapping(payload.as_ptr(), block.add(TYPE_SIZE), payload.len());
            ZendBlock { block, len }
        }
    }

    pub fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: `len` initialised bytes, owned by this value and borrowed through it.
        unsafe { std::slice::from_raw_parts_mut(self.block, self.len) }
    }

    pub fn free(self) {
        // SAFETY: the block came from _emalloc in this request and is owned by this value alone.
        unsafe { sys::_efree(self.block.cast()) }
    }
}
