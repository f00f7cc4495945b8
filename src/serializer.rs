//! The bridge to PHP's own serializer (php_var_serialize / php_var_unserialize): the exact
//! bytes of serialize(), and unserialize()'s exact behaviour, without a userland call.

use sysvmsg_core::TYPE_SIZE;

use crate::zend::{self, zval, SmartStr};

/// Serializes `value` behind room for the msgbuf type word, so the result is sent in place.
/// Returns the built string (type word room + payload) in `out`, or false when serialization
/// threw: then nothing is left to free and the exception is pending.
///
/// # Safety
/// `value` must be a valid zval; `out` must be an empty SmartStr that the caller frees with
/// [`zend::smart_str_free`].
pub unsafe fn serialize_after_type_word(out: *mut SmartStr, value: *mut zval) -> bool {
    unsafe {
        zend::smart_str_erealloc(out, TYPE_SIZE);
        std::ptr::write_bytes((*(*out).s).val.as_mut_ptr(), 0, TYPE_SIZE);
        (*(*out).s).len = TYPE_SIZE;
        let mut var_hash = zend::php_var_serialize_init();
        zend::php_var_serialize(out, value, &mut var_hash);
        zend::php_var_serialize_destroy(var_hash);
        if zend::exception_pending() {
            zend::smart_str_free(out);
            return false;
        }
        true
    }
}

/// Unserializes `bytes` (which must be followed by a NUL byte, see
/// `compat::unserialize_input`) and hands the outcome to `deliver` while the unserializer's
/// state is still open, as the C extension does: `deliver(value, true)` must take ownership of
/// the value; after `deliver(value, false)` the partly built value is freed (difference 4:
/// PHP 8.2 leaked it). Delayed __wakeup/__unserialize calls run after `deliver`, and their
/// exceptions stay pending as with unserialize().
///
/// A receive nested inside another unserialization (a `Serializable::unserialize()` that calls
/// msg_receive) shares the outer state (`php_var_unserialize_init` returns it, one nesting level
/// deeper), and every value it parses is registered there: the outer data may refer back to them
/// (`R:3;`) after this call returns. So, as PHP's own unserialize() does, a nested receive parses
/// into a slot the shared state owns (`var_tmp_var`) and delivers a counted copy; the shared state
/// frees its slot, and a value that failed to parse, with the outermost unserialization.
/// (Difference 4: the C extension parses into its own stack variable, which the outer data then
/// reads after it is gone.)
///
/// # Safety
/// The byte after `bytes` must be readable.
pub unsafe fn unserialize_then(bytes: &[u8], deliver: impl FnOnce(*mut zval, bool)) {
    unsafe {
        // ext-php-rs gives `zval` a Drop impl; this slot's ownership is managed by hand below.
        let mut slot = std::mem::MaybeUninit::<zval>::zeroed();
        let own = slot.as_mut_ptr();
        zend::zval_set_null(own);
        let mut p = bytes.as_ptr();
        let end = p.add(bytes.len());
        let mut var_hash = zend::php_var_unserialize_init();
        let shared = if zend::unserialize_nesting_level() > 1 {
            zend::var_tmp_var(&mut var_hash)
        } else {
            std::ptr::null_mut()
        };
        let value = if shared.is_null() { own } else { shared };
        let ok = zend::php_var_unserialize(value, &mut p, end, &mut var_hash) != 0;
        if shared.is_null() {
            deliver(own, ok);
            if !ok {
                zend::zval_ptr_dtor(own);
            }
        } else if ok {
            zend::zval_copy(own, shared);
            deliver(own, true);
        } else {
            deliver(shared, false);
        }
        zend::php_var_unserialize_destroy(var_hash);
    }
}
