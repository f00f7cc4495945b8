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
/// # Safety
/// The byte after `bytes` must be readable.
pub unsafe fn unserialize_then(bytes: &[u8], deliver: impl FnOnce(*mut zval, bool)) {
    unsafe {
        // ext-php-rs gives `zval` a Drop impl; this slot's ownership is managed by hand below.
        let mut slot = std::mem::MaybeUninit::<zval>::zeroed();
        let value = slot.as_mut_ptr();
        zend::zval_set_null(value);
        let mut p = bytes.as_ptr();
        let end = p.add(bytes.len());
        let mut var_hash = zend::php_var_unserialize_init();
        let ok = zend::php_var_unserialize(value, &mut p, end, &mut var_hash) != 0;
        deliver(value, ok);
        if !ok {
            zend::zval_ptr_dtor(value);
        }
        zend::php_var_unserialize_destroy(var_hash);
    }
}
