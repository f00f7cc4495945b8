//! The bridge to PHP's own serializer (php_var_serialize / php_var_unserialize): the exact
//! bytes of serialize(), and unserialize()'s exact behaviour, without a userland call.

use sysvmsg_core::TYPE_SIZE;

use crate::php::sys::{self, zval, SmartStr};
use crate::php::{Arg, OwnedValue};

/// The outcome of serializing a message.
pub enum Serialized {
    /// The msgbuf: room for the type word, then serialize()'s bytes.
    Built(SerializedMessage),
    /// Serialization threw (a `__serialize`, `__sleep` or `Serializable::serialize` did, or a
    /// value is not serializable): the exception is pending and nothing is left to free.
    Threw,
}

/// A serialized message in a string on Zend's heap. No destructor (a bail-out would skip it):
/// [`SerializedMessage::free`] gives it back, and the request's end frees one left behind.
pub struct SerializedMessage(SmartStr);

impl SerializedMessage {
    /// The msgbuf in place: the type word's room (zeroed), then the payload. 8-aligned, as the
    /// text of every zend_string is.
    pub fn msgbuf_bytes(&mut self) -> &mut [u8] {
        // SAFETY: `s` is the live string built by serialize_after_type_word (never null there),
        // with `len` initialised bytes, owned by this value.
        unsafe {
            let s = self.0.s;
            std::slice::from_raw_parts_mut((*s).val.as_mut_ptr().cast::<u8>(), (*s).len)
        }
    }

    pub fn free(mut self) {
        // SAFETY: the string is fresh and owned by this value alone.
        unsafe { sys::smart_str_free(&mut self.0) }
    }
}

crate::assert_no_drop!(Serialized, SerializedMessage);

/// Serializes `value` as serialize() does, behind room for the msgbuf type word, so the result is
/// sent where it lies.
pub fn serialize_after_type_word(value: Arg<'_>) -> Serialized {
    let mut out = SmartStr { s: std::ptr::null_mut(), a: 0 };
    // SAFETY: `out` is an empty SmartStr that smart_str_erealloc gives a string of at least
    // TYPE_SIZE bytes (or bails out, leaving nothing of ours behind); `value` is a live argument.
    // The serializer's state is made, used and destroyed here, as php_var_serialize's callers do.
    unsafe {
        sys::smart_str_erealloc(&mut out, TYPE_SIZE);
        std::ptr::write_bytes((*out.s).val.as_mut_ptr(), 0, TYPE_SIZE);
        (*out.s).len = TYPE_SIZE;
        let mut var_hash = sys::php_var_serialize_init();
        sys::php_var_serialize(&mut out, value.as_ptr(), &mut var_hash);
        sys::php_var_serialize_destroy(var_hash);
        if sys::exception_pending() {
            sys::smart_str_free(&mut out);
            return Serialized::Threw;
        }
    }
    Serialized::Built(SerializedMessage(out))
}

/// Bytes followed by a NUL byte that is not part of them: the unserializer (re2c) reads one byte
/// past its input, as every zend_string allows.
#[derive(Clone, Copy)]
pub struct NulTerminated<'a> {
    bytes: &'a [u8],
}

impl<'a> NulTerminated<'a> {
    /// # Safety
    /// The byte right after `bytes` is a NUL that stays readable for `'a`.
    pub unsafe fn new_unchecked(bytes: &'a [u8]) -> Self {
        NulTerminated { bytes }
    }
}

/// What the unserializer made of a message.
pub enum Unserialized<'v> {
    /// The value, owned by the receiver of this outcome.
    Value(OwnedValue<'v>),
    /// Not a valid serialization ("Message corrupted"): the partly built value is freed by
    /// [`unserialize_then`].
    Corrupted,
}

/// Unserializes `input` as unserialize() does and hands the outcome to `deliver` while the
/// unserializer's state is still open, as the C extension does. Delayed __wakeup/__unserialize
/// calls run after `deliver`, and their exceptions stay pending as with unserialize(). After a
/// corrupted message the partly built value is freed (difference 4: PHP 8.2 leaked it).
///
/// A receive nested inside another unserialization (a `Serializable::unserialize()` that calls
/// msg_receive) shares the outer state (`php_var_unserialize_init` returns it, one nesting level
/// deeper), and every value it parses is registered there: the outer data may refer back to them
/// (`R:3;`) after this call returns. So, as PHP's own unserialize() does, a nested receive parses
/// into a slot the shared state owns (`var_tmp_var`) and delivers a counted copy; the shared state
/// frees its slot, and a value that failed to parse, with the outermost unserialization.
/// (Difference 4: the C extension parses into its own stack variable, which the outer data then
/// reads after it is gone.)
pub fn unserialize_then(input: NulTerminated<'_>, deliver: impl FnOnce(Unserialized<'_>)) {
    const { assert!(!std::mem::needs_drop::<Unserialized<'_>>()) };
    // ext-php-rs gives `zval` a Drop impl; this slot's ownership is managed by hand below.
    let mut slot = std::mem::MaybeUninit::<zval>::zeroed();
    let own = slot.as_mut_ptr();
    // SAFETY: `own` is a zeroed zval slot made null; the input is followed by a readable NUL
    // (NulTerminated), so the parser's one-byte lookahead stays in bounds. The state comes from
    // php_var_unserialize_init and is destroyed once, after the outcome was delivered. A parsed
    // value's one reference goes to `deliver` (an owned copy when nested); a failed one is freed
    // here, or by the shared state when nested.
    unsafe {
        sys::zval_set_null(own);
        let mut p = input.bytes.as_ptr();
        let end = p.add(input.bytes.len());
        let mut var_hash = sys::php_var_unserialize_init();
        let shared = if sys::unserialize_nesting_level() > 1 {
            sys::var_tmp_var(&mut var_hash)
        } else {
            std::ptr::null_mut()
        };
        let value = if shared.is_null() { own } else { shared };
        let ok = sys::php_var_unserialize(value, &mut p, end, &mut var_hash) != 0;
        if !ok {
            deliver(Unserialized::Corrupted);
            if shared.is_null() {
                sys::zval_ptr_dtor(own);
            }
        } else {
            if !shared.is_null() {
                sys::zval_copy(own, shared);
            }
            deliver(Unserialized::Value(OwnedValue::from_raw(own)));
        }
        sys::php_var_unserialize_destroy(var_hash);
    }
}
