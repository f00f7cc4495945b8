//! The kernel's `struct msgbuf`: a C `long` message type, then the payload bytes, no terminator.

use std::collections::TryReserveError;
use std::mem::{align_of, size_of};

use libc::c_long;

/// Bytes taken by the type word in front of every payload.
pub const TYPE_SIZE: usize = size_of::<c_long>();

/// Why a byte slice cannot be used as a msgbuf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LayoutError {
    /// Shorter than the type word.
    #[error("a msgbuf needs at least {TYPE_SIZE} bytes for its type, got {0}")]
    TooShort(usize),
    /// Not aligned for a C `long`, which the kernel reads the type as.
    #[error("a msgbuf must be aligned to {} bytes", align_of::<c_long>())]
    Misaligned,
}

fn check_layout(bytes: &[u8]) -> Result<(), LayoutError> {
    if bytes.len() < TYPE_SIZE {
        return Err(LayoutError::TooShort(bytes.len()));
    }
    if bytes.as_ptr().align_offset(align_of::<c_long>()) != 0 {
        return Err(LayoutError::Misaligned);
    }
    Ok(())
}

/// A msgbuf in memory owned by someone else, for example a string built by a serializer that
/// left room for the type word in front of its output.
#[derive(Debug, Clone, Copy)]
pub struct MsgBuf<'a> {
    bytes: &'a [u8],
}

impl<'a> MsgBuf<'a> {
    /// Views `bytes` (type word, then payload) as a msgbuf.
    ///
    /// # Errors
    /// [`LayoutError`] when `bytes` is shorter than the type word or not aligned for a C `long`.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self, LayoutError> {
        check_layout(bytes)?;
        Ok(MsgBuf { bytes })
    }

    /// The payload after the type word.
    pub fn payload(&self) -> &'a [u8] {
        self.bytes.get(TYPE_SIZE..).unwrap_or_default()
    }

    /// The whole msgbuf: type word and payload.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }
}

/// A writable msgbuf in memory owned by someone else.
#[derive(Debug)]
pub struct MsgBufMut<'a> {
    bytes: &'a mut [u8],
}

impl<'a> MsgBufMut<'a> {
    /// Views `bytes` (type word, then payload) as a writable msgbuf.
    ///
    /// # Errors
    /// [`LayoutError`] when `bytes` is shorter than the type word or not aligned for a C `long`.
    pub fn from_bytes(bytes: &'a mut [u8]) -> Result<Self, LayoutError> {
        check_layout(bytes)?;
        Ok(MsgBufMut { bytes })
    }

    /// Writes the message type into the type word.
    pub fn set_mtype(&mut self, mtype: c_long) {
        if let Some(word) = self.bytes.get_mut(..TYPE_SIZE) {
            word.copy_from_slice(&mtype.to_ne_bytes());
        }
    }

    /// Freezes the view for sending.
    pub fn as_msgbuf(&self) -> MsgBuf<'_> {
        MsgBuf { bytes: self.bytes }
    }

    /// The type word's address for the kernel, and the payload room behind it.
    pub(crate) fn raw_parts(&mut self) -> (*mut libc::c_void, usize) {
        (self.bytes.as_mut_ptr().cast(), self.bytes.len() - TYPE_SIZE)
    }
}

/// Memory a message can be received into (see [`crate::Queue::receive_into`]): a type word and
/// payload room behind it, which the receive asks to grow when a message does not fit.
pub trait MsgStorage {
    /// Payload bytes available behind the type word.
    fn payload_capacity(&self) -> usize;

    /// Makes room for at least `payload` bytes, or returns false. What the storage held before
    /// need not survive: a receive only grows before it asks the kernel again.
    fn reserve_payload(&mut self, payload: usize) -> bool;

    /// The whole storage as a writable msgbuf: type word and `payload_capacity()` bytes; None
    /// when the storage cannot provide one (the receive then fails with `ENOMEM`).
    fn msgbuf_mut(&mut self) -> Option<MsgBufMut<'_>>;
}

impl MsgStorage for MessageBuffer {
    fn payload_capacity(&self) -> usize {
        self.capacity()
    }

    fn reserve_payload(&mut self, payload: usize) -> bool {
        self.try_reserve(payload).is_ok()
    }

    fn msgbuf_mut(&mut self) -> Option<MsgBufMut<'_>> {
        if self.words.is_empty() {
            self.words.push(0);
        }
        Some(MsgBufMut { bytes: self.bytes_mut() })
    }
}

/// An owned, reusable msgbuf. Its storage only grows (until [`MessageBuffer::shrink_to`]), so a
/// buffer kept across calls costs no allocation per message.
#[derive(Debug, Clone, Default)]
pub struct MessageBuffer {
    /// Whole C longs keep the type word aligned the way the kernel reads it; word 0 is the type.
    words: Vec<c_long>,
    /// Payload bytes in use.
    len: usize,
}

impl MessageBuffer {
    /// An empty buffer; it allocates on first use.
    pub const fn new() -> Self {
        MessageBuffer { words: Vec::new(), len: 0 }
    }

    /// A buffer with room for `payload` bytes.
    pub fn with_capacity(payload: usize) -> Self {
        let mut buf = MessageBuffer::new();
        // An allocation failure here is the caller's choice of size, so let it abort like Vec.
        buf.words.resize(words_for(payload), 0);
        buf
    }

    /// Payload bytes the buffer can hold without growing.
    pub fn capacity(&self) -> usize {
        self.words.len().saturating_sub(1) * TYPE_SIZE
    }

    /// Makes room for `payload` bytes.
    ///
    /// # Errors
    /// The allocator's refusal, instead of aborting the process: `payload` may come from outside.
    pub fn try_reserve(&mut self, payload: usize) -> Result<(), TryReserveError> {
        let needed = words_for(payload);
        if needed > self.words.len() {
            self.words.try_reserve_exact(needed - self.words.len())?;
            self.words.resize(needed, 0);
        }
        Ok(())
    }

    /// Gives back memory beyond `payload` bytes of capacity.
    pub fn shrink_to(&mut self, payload: usize) {
        let keep = words_for(payload).max(words_for(self.len));
        if self.words.len() > keep {
            self.words.truncate(keep);
            self.words.shrink_to_fit();
        }
    }

    /// The message type.
    pub fn mtype(&self) -> c_long {
        self.words.first().copied().unwrap_or(0)
    }

    /// Sets the message type.
    pub fn set_mtype(&mut self, mtype: c_long) {
        if self.words.is_empty() {
            self.words.push(0);
        }
        if let Some(word) = self.words.first_mut() {
            *word = mtype;
        }
    }

    /// The payload in use.
    pub fn payload(&self) -> &[u8] {
        self.bytes().get(TYPE_SIZE..TYPE_SIZE + self.len).unwrap_or_default()
    }

    /// Replaces the message with `mtype` and a copy of `payload`.
    pub fn set_message(&mut self, mtype: c_long, payload: &[u8]) {
        self.words.resize(self.words.len().max(words_for(payload.len())), 0);
        self.set_mtype(mtype);
        self.len = payload.len();
        if let Some(dst) = self.bytes_mut().get_mut(TYPE_SIZE..TYPE_SIZE + payload.len()) {
            dst.copy_from_slice(payload);
        }
    }

    /// The message as a borrowed msgbuf, ready for [`crate::Queue::send`].
    pub fn as_msgbuf(&self) -> MsgBuf<'_> {
        MsgBuf { bytes: self.bytes().get(..TYPE_SIZE + self.len).unwrap_or_default() }
    }

    /// Records that the kernel wrote a message of `len` payload bytes.
    pub(crate) fn set_received_len(&mut self, len: usize) {
        self.len = len.min(self.capacity());
    }

    fn bytes(&self) -> &[u8] {
        // A buffer that never held a message still reads as one of type 0 with no payload, so
        // every MsgBuf it lends has its type word.
        static EMPTY: [c_long; 1] = [0];
        let words: &[c_long] = if self.words.is_empty() { &EMPTY } else { &self.words };
        // SAFETY: the words are initialised and any byte pattern is a valid u8; the length is the
        // storage's own size in bytes.
        unsafe { std::slice::from_raw_parts(words.as_ptr().cast(), words.len() * TYPE_SIZE) }
    }

    fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: as in `bytes`, and every byte pattern is a valid c_long, so writes keep the
        // words valid.
        unsafe {
            std::slice::from_raw_parts_mut(self.words.as_mut_ptr().cast(), self.words.len() * TYPE_SIZE)
        }
    }
}

/// C longs needed for the type word plus `payload` bytes.
fn words_for(payload: usize) -> usize {
    1 + payload.div_ceil(TYPE_SIZE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_type_word_then_payload() {
        let mut buf = MessageBuffer::new();
        buf.set_message(0x0102_0304, b"abc");
        let bytes = buf.as_msgbuf().as_bytes();
        assert_eq!(bytes.len(), TYPE_SIZE + 3);
        assert_eq!(&bytes[..TYPE_SIZE], &(0x0102_0304 as c_long).to_ne_bytes());
        assert_eq!(&bytes[TYPE_SIZE..], b"abc");
    }

    #[test]
    fn an_unused_buffer_lends_a_complete_type_word() {
        let buf = MessageBuffer::new();
        let msg = buf.as_msgbuf();
        assert_eq!((msg.as_bytes(), msg.payload()), (&[0; TYPE_SIZE][..], &[][..]));
        assert_eq!(buf.mtype(), 0);
    }

    #[test]
    fn borrowed_views_check_layout() {
        let words = [0 as c_long; 3];
        // SAFETY: test-only view of initialised words as bytes.
        let bytes: &[u8] = unsafe { std::slice::from_raw_parts(words.as_ptr().cast(), 24) };
        assert!(MsgBuf::from_bytes(bytes).is_ok());
        // A type word and no payload is a complete msgbuf.
        assert_eq!(MsgBuf::from_bytes(&bytes[..TYPE_SIZE]).map(|m| m.payload().len()), Ok(0));
        assert_eq!(MsgBuf::from_bytes(&bytes[..TYPE_SIZE - 1]).unwrap_err(), LayoutError::TooShort(TYPE_SIZE - 1));
        assert_eq!(MsgBuf::from_bytes(&bytes[..3]).unwrap_err(), LayoutError::TooShort(3));
        assert_eq!(MsgBuf::from_bytes(&bytes[1..]).unwrap_err(), LayoutError::Misaligned);
    }

    #[test]
    fn a_writable_view_writes_the_type_word_in_place() {
        let mut words = [0 as c_long, 0x4142];
        // SAFETY: test-only view of initialised words as bytes.
        let bytes: &mut [u8] = unsafe { std::slice::from_raw_parts_mut(words.as_mut_ptr().cast(), 16) };
        let mut msg = MsgBufMut::from_bytes(bytes).unwrap();
        msg.set_mtype(0x0102_0304);
        assert_eq!(msg.as_msgbuf().payload(), &(0x4142 as c_long).to_ne_bytes()[..]);
        assert_eq!(words, [0x0102_0304, 0x4142]);
        // SAFETY: as above.
        let short: &mut [u8] = unsafe { std::slice::from_raw_parts_mut(words.as_mut_ptr().cast(), TYPE_SIZE - 1) };
        assert_eq!(MsgBufMut::from_bytes(short).unwrap_err(), LayoutError::TooShort(TYPE_SIZE - 1));
    }

    #[test]
    fn capacity_grows_and_shrinks() {
        let mut buf = MessageBuffer::with_capacity(10);
        assert!(buf.capacity() >= 10);
        buf.try_reserve(100_000).unwrap();
        assert!(buf.capacity() >= 100_000);
        buf.shrink_to(64);
        assert!(buf.capacity() >= 64 && buf.capacity() < 100_000);
    }

    #[test]
    fn absurd_reservations_fail_instead_of_aborting() {
        let mut buf = MessageBuffer::new();
        assert!(buf.try_reserve(usize::MAX / 2).is_err());
    }
}
