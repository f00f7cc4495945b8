//! Every quirk kept (or deliberately not kept) for byte-for-byte compatibility with PHP's C
//! ext/sysvmsg, each with its reason. The rest of the extension calls these instead of
//! re-deciding the behaviour, so this file is the one place to read what "compatible" means.
//!
//! The five deliberate differences from PHP 8.2's C extension (README, "Differences"):
//! 1. key 0 is IPC_PRIVATE, not a shared key: [`is_private_key`];
//! 2. memory follows the messages (at most min(max_message_size, the kernel's msgmax), read when a
//!    receive needs it), not max_message_size: the
//!    request-heap `buffers::ZendBuffer` is sized by `sysvmsg_core::Queue::receive_into`, which
//!    makes one msgrcv with that much room, so a blocked receiver takes every message C's would;
//! 3. $error_code after a failed msg_send is that msgsnd's errno, read before the warning
//!    (`functions::msg_send` keeps the core error's errno across the warning);
//! 4. the unserializer never reads past the message and a failed value is freed
//!    ([`unserialize_input`], `serializer::unserialize_then`), and a receive nested inside another's
//!    unserialization unserializes into the shared state's temporary slot, as PHP's unserialize()
//!    does (`serializer::unserialize_then`);
//! 5. $error_code after a failed msg_receive is that msgrcv's errno, kept in the core error while
//!    the outputs are assigned (`functions::msg_receive`), not errno read after destructors that
//!    the assignments ran.
//!
//! PHP 8.4's and 8.5's C extension still have all five (docs/php-versions.md). PHP 8.6's C
//! extension treats key 0 as IPC_PRIVATE itself (php-src #22956), so there difference 1 is simply
//! the C behaviour (2 to 5 remain), and it rejects a key outside key_t ([`queue_key`]).

use sysvmsg_core::{key_t, ReceiveFlags};

use crate::php::sys::zend_long;

/// PHP-level flag bits of msg_receive, as the C extension defines its constants.
pub const PHP_MSG_IPC_NOWAIT: zend_long = 1;
pub const PHP_MSG_NOERROR: zend_long = 2;
pub const PHP_MSG_EXCEPT: zend_long = 4;

/// The five constants, with the C extension's names and values (the last two are errnos).
pub const CONSTANTS: [(&str, zend_long); 5] = [
    ("MSG_IPC_NOWAIT", PHP_MSG_IPC_NOWAIT),
    ("MSG_EAGAIN", libc::EAGAIN as zend_long),
    ("MSG_ENOMSG", libc::ENOMSG as zend_long),
    ("MSG_NOERROR", PHP_MSG_NOERROR),
    ("MSG_EXCEPT", PHP_MSG_EXCEPT),
];

/// The key msg_get_queue and msg_queue_exists pass to msgget, or None when the call must throw
/// C's `ValueError: f(): Argument #1 ($key) is out of range` instead.
///
/// Up to PHP 8.5, C passes the zend_long key to msgget's key_t parameter: an unchecked narrowing
/// to 32 bits (2**32 + 77 opens key 77), which scripts may rely on; no key is refused.
#[cfg(not(php86))]
pub fn queue_key(key: zend_long) -> Option<key_t> {
    Some(key as key_t)
}

/// The key msg_get_queue and msg_queue_exists pass to msgget, or None when the call must throw
/// C's `ValueError: f(): Argument #1 ($key) is out of range` instead.
///
/// From PHP 8.6 on, C refuses a key that key_t cannot hold (php-src GH-9945) before it does
/// anything else: -2**31 to 2**31 - 1 are keys, 2**31 (0x80000000), 2**32 and every wider value
/// throw.
#[cfg(php86)]
pub fn queue_key(key: zend_long) -> Option<key_t> {
    key_t::try_from(key).ok()
}

/// Deliberate difference 1 up to PHP 8.5: its C extension passes key 0 (IPC_PRIVATE) to msgget
/// like any key, so msg_queue_exists(0) creates and leaks a queue and msg_get_queue(0) ignores the
/// permissions. Key 0 names no shared queue: it "exists" never, and opening it creates a private
/// queue, as PHP 8.6's C extension does too.
pub fn is_private_key(key: key_t) -> bool {
    key == libc::IPC_PRIVATE
}

/// msg_get_queue's permissions go to msgget as int flags; the kernel only keeps the
/// permission bits, which the core crate masks, so the narrowing is all that is left to mirror.
pub fn permissions(perms: zend_long) -> u32 {
    perms as u32
}

/// The warning of a failed msg_get_queue names the key as C's ZEND_XLONG_FMT does: the
/// unnarrowed 64-bit value in lowercase hex, so a negative key prints 16 digits.
pub fn write_key_hex(out: &mut impl std::fmt::Write, key: zend_long) {
    let _ = write!(out, "{:x}", key as u64);
}

/// msg_receive translates its PHP flag bits to the kernel's and ignores any other bit, as C does.
pub fn receive_flags(flags: zend_long) -> ReceiveFlags {
    let mut kernel = ReceiveFlags::empty();
    if flags & PHP_MSG_EXCEPT != 0 {
        kernel |= ReceiveFlags::EXCEPT;
    }
    if flags & PHP_MSG_NOERROR != 0 {
        kernel |= ReceiveFlags::NO_ERROR;
    }
    if flags & PHP_MSG_IPC_NOWAIT != 0 {
        kernel |= ReceiveFlags::NO_WAIT;
    }
    kernel
}

/// msg_set_queue stores zval_get_long() results into the C struct's narrower fields with C's
/// implicit conversions: uid_t and gid_t keep 32 bits, the mode 16 (x86_64's `unsigned short`;
/// aarch64's field is 32 bits wide, which cannot show: the kernel keeps only the permission bits),
/// msg_qbytes is unsigned.
pub fn set_queue_uid(value: zend_long) -> libc::uid_t {
    value as libc::uid_t
}
/// See [`set_queue_uid`].
pub fn set_queue_gid(value: zend_long) -> libc::gid_t {
    value as libc::gid_t
}
/// See [`set_queue_uid`].
pub fn set_queue_mode(value: zend_long) -> u32 {
    u32::from(value as u16)
}
/// See [`set_queue_uid`].
pub fn set_queue_qbytes(value: zend_long) -> u64 {
    value as u64
}

/// msg_send with serialize=false sends ints in decimal (ZEND_LONG_FMT), false as "0" and true as
/// "1"; floats go through Zend's own "%F" (see `php::with_float_text`), since Rust's float
/// formatting differs for -0.0, INF and NAN.
pub fn write_long(out: &mut impl std::fmt::Write, value: zend_long) {
    let _ = write!(out, "{value}");
}

/// Difference 4: the unserializer (re2c) relies on the NUL terminator every zend_string has, and
/// PHP 8.2 gave it the raw message without one, so parsing could run on into stale heap bytes.
/// The message is handed over with a NUL after it (the terminator is not part of the input).
pub fn unserialize_input(buf: &mut crate::buffers::ZendBuffer, len: usize) -> crate::serializer::NulTerminated<'_> {
    buf.payload_nul_terminated(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::php::StackText;

    #[test]
    #[cfg(not(php86))]
    fn keys_narrow_like_c_before_8_6() {
        assert_eq!(queue_key((1 << 32) + 77), Some(77));
        assert_eq!(queue_key(-1), Some(-1));
        assert_eq!(queue_key(zend_long::MAX), Some(-1));
        assert!(queue_key(1 << 32).is_some_and(is_private_key));
    }

    #[test]
    #[cfg(php86)]
    fn keys_outside_key_t_are_refused_from_8_6() {
        assert_eq!(queue_key(-(1 << 31)), Some(key_t::MIN));
        assert_eq!(queue_key((1 << 31) - 1), Some(key_t::MAX));
        assert_eq!(queue_key(-5), Some(-5));
        for wide in [1 << 31, 0xffff_ffff, 1 << 32, -(1 << 31) - 1, zend_long::MAX, zend_long::MIN] {
            assert_eq!(queue_key(wide), None);
        }
    }

    #[test]
    fn key_hex_is_the_64_bit_value() {
        let mut t = StackText::<32>::new();
        write_key_hex(&mut t, -1);
        assert_eq!(t.as_bytes(), b"ffffffffffffffff");
    }

    #[test]
    fn flags_translate_and_ignore_unknown_bits() {
        assert_eq!(receive_flags(0x100), ReceiveFlags::empty());
        assert_eq!(receive_flags(7), ReceiveFlags::EXCEPT | ReceiveFlags::NO_ERROR | ReceiveFlags::NO_WAIT);
    }
}
