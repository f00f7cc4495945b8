//! The raw Zend API under [`crate::php`]: the bindings this extension calls, and Rust versions of
//! the header-only macros it needs (zval accessors, by-reference assignment, strings, the
//! allocator macros). Everything here is `unsafe` with the contract of its C original; the safe
//! views in the sibling modules are built on it.
//!
//! Every Zend function and global comes from `ext_php_rs::ffi`, which ext-php-rs's build script
//! generates with bindgen from the headers of the PHP being built: ext-php-rs's own list, plus the
//! names this crate adds in `.cargo/config.toml` (`EXT_PHP_RS_ALLOWED_BINDINGS`). So each signature
//! and struct layout is the one of that PHP's flavour: a debug PHP's `_emalloc`/`_efree` take the
//! caller's file and line (`ZEND_FILE_LINE_DC ZEND_FILE_LINE_ORIG_DC`), a ZTS PHP keeps its globals
//! per thread, and a hand-written declaration that is right for one flavour is wrong for another.
//! Declared here by hand are only `smart_str_erealloc` (its header is not among those ext-php-rs
//! gives bindgen; it has the same signature in every flavour of PHP 8.2-8.4) and, on ZTS, ext-php-rs's
//! own C helper `ext_php_rs_tsrmg_bulk`.
//!
//! Each wrapper's safety contract is the one of its C original.

use std::ffi::{c_int, c_void};

use ext_php_rs::ffi;

pub use ext_php_rs::ffi::{
    _zend_new_array, add_assoc_long_ex, object_properties_init, php_error_docref, php_info_print_table_end,
    php_info_print_table_row, php_info_print_table_start, php_var_serialize, php_var_serialize_destroy,
    php_var_serialize_init, php_var_unserialize, php_var_unserialize_destroy, php_var_unserialize_init,
    std_object_handlers, var_tmp_var, zend_array, zend_module_entry, zend_argument_type_error, zend_argument_value_error, zend_class_entry,
    zend_execute_data, zend_hash_str_find, zend_long, zend_object, zend_object_handlers, zend_object_std_init,
    zend_objects_not_comparable, zend_parse_parameters, zend_reference, zend_register_long_constant, zend_spprintf,
    zend_string, zend_throw_error, zend_try_assign_typed_ref, zend_try_assign_typed_ref_bool,
    zend_try_assign_typed_ref_long, zend_try_assign_typed_ref_stringl, zval, zval_get_long_func, zval_ptr_dtor,
};
/// The "X given" name of a value in argument errors: a type name up to 8.2 ("bool"), a value
/// name from 8.3 on ("true"), as the C extension of each version prints it.
#[cfg(not(php83))]
pub use ext_php_rs::ffi::zend_zval_type_name as zend_zval_given_name;
#[cfg(php83)]
pub use ext_php_rs::ffi::zend_zval_value_name as zend_zval_given_name;

/// A `smart_str`: the string being built and its allocated length.
pub type SmartStr = ext_php_rs::ffi::smart_str;

// Code below relies on this crate's php_debug and php_zts cfgs matching ext-php-rs's bindings: build.rs
// sets them from the PHP it found and asserts at compile time that the bindings are of that build (src/lib.rs).

// Type tags (Z_TYPE) as the zval's one-byte type field holds them, and the type_info words of
// fresh values (`IS_*_EX`), from the bindings.
pub const IS_NULL: u8 = ffi::IS_NULL as u8;
pub const IS_FALSE: u8 = ffi::IS_FALSE as u8;
pub const IS_TRUE: u8 = ffi::IS_TRUE as u8;
pub const IS_LONG: u8 = ffi::IS_LONG as u8;
pub const IS_DOUBLE: u8 = ffi::IS_DOUBLE as u8;
pub const IS_STRING: u8 = ffi::IS_STRING as u8;
pub const IS_ARRAY: u8 = ffi::IS_ARRAY as u8;
pub const IS_OBJECT: u8 = ffi::IS_OBJECT as u8;
pub const IS_REFERENCE: u8 = ffi::IS_REFERENCE as u8;
use ffi::{IS_ARRAY_EX, IS_OBJECT_EX, IS_STRING_EX};
/// `GC_STRING`: the gc type_info of a fresh, non-interned string (`IS_STRING | GC_NOT_COLLECTABLE`).
const GC_STRING: u32 = ffi::IS_STRING | (ffi::GC_NOT_COLLECTABLE << ffi::GC_FLAGS_SHIFT);
/// `IS_TYPE_REFCOUNTED << Z_TYPE_FLAGS_SHIFT`
pub const REFCOUNTED: u32 = ffi::IS_TYPE_REFCOUNTED << ffi::Z_TYPE_FLAGS_SHIFT;

pub const E_WARNING: c_int = ffi::E_WARNING as c_int;
pub const CONST_PERSISTENT: c_int = ffi::CONST_PERSISTENT as c_int;

extern "C" {
    /// `ZEND_API void ZEND_FASTCALL smart_str_erealloc(smart_str *str, size_t len)` (zend_smart_str.h):
    /// the same in debug, release and ZTS builds. `ZEND_FASTCALL` is empty on x86-64 and aarch64.
    pub fn smart_str_erealloc(s: *mut SmartStr, len: usize);
}

/// The file name a debug PHP's allocator reports for this extension's allocations (its
/// "Allowed memory size ... exhausted at FILE:LINE" fatal error and its leak reports).
#[cfg(php_debug)]
const ALLOC_FILE: &std::ffi::CStr = c"sysvmsg-rs/src/php/sys.rs";

/// `emalloc(size)`: Zend's request allocator. Past memory_limit it reports a fatal error and bails
/// out (longjmp), so callers keep no Drop values alive.
#[inline(always)]
pub unsafe fn _emalloc(size: usize) -> *mut c_void {
    // SAFETY: the caller's contract; a debug PHP takes the caller's file and line (the "orig"
    // pair is empty, as in the emalloc() macro).
    #[cfg(php_debug)]
    unsafe {
        ext_php_rs::ffi::_emalloc(size, ALLOC_FILE.as_ptr(), line!(), std::ptr::null(), 0)
    }
    // SAFETY: the caller's contract.
    #[cfg(not(php_debug))]
    unsafe {
        ext_php_rs::ffi::_emalloc(size)
    }
}

/// `efree(ptr)`: frees a block of Zend's request allocator.
#[inline(always)]
pub unsafe fn _efree(ptr: *mut c_void) {
    // SAFETY: the caller's contract; see [`_emalloc`] for the debug parameters.
    #[cfg(php_debug)]
    unsafe {
        ext_php_rs::ffi::_efree(ptr, ALLOC_FILE.as_ptr(), line!(), std::ptr::null(), 0)
    }
    // SAFETY: the caller's contract.
    #[cfg(not(php_debug))]
    unsafe {
        ext_php_rs::ffi::_efree(ptr)
    }
}

/// `BG(unserialize).level`: how many unserializations (unserialize() or a msg_receive) share the
/// current unserialize state; above 1 after `php_var_unserialize_init` means this one is nested.
#[inline(always)]
pub unsafe fn unserialize_nesting_level() -> u32 {
    // SAFETY: basic_globals is the standard module's; on ZTS each thread has its own, found by id.
    #[cfg(php_zts)]
    unsafe {
        extern "C" {
            /// ext-php-rs's C wrapper for `TSRMG_BULK(id)` (src/wrapper.c, ZTS builds only).
            fn ext_php_rs_tsrmg_bulk(id: c_int) -> *mut c_void;
        }
        let bg = ext_php_rs_tsrmg_bulk(ext_php_rs::ffi::basic_globals_id).cast::<ext_php_rs::ffi::php_basic_globals>();
        (*bg).unserialize.level
    }
    // SAFETY: a non-ZTS PHP has one basic_globals, the standard module's, live while PHP code runs.
    #[cfg(not(php_zts))]
    unsafe {
        ext_php_rs::ffi::basic_globals.unserialize.level
    }
}

pub use ext_php_rs::ffi::ext_php_rs_executor_globals;

/// `Z_TYPE_P`
#[inline(always)]
pub unsafe fn z_type(zv: *const zval) -> u8 {
    // SAFETY: `zv` points to a live zval (the caller's contract, as for Z_TYPE_P).
    unsafe { (*zv).u1.v.type_ }
}

/// `Z_LVAL_P`
#[inline(always)]
pub unsafe fn z_lval(zv: *const zval) -> zend_long {
    // SAFETY: `zv` is a live zval holding a long.
    unsafe { (*zv).value.lval }
}

/// `Z_OBJ_P`
#[inline(always)]
pub unsafe fn z_obj(zv: *const zval) -> *mut zend_object {
    // SAFETY: `zv` is a live zval holding an object.
    unsafe { (*zv).value.obj }
}

/// `Z_STR_P`
#[inline(always)]
pub unsafe fn z_str(zv: *const zval) -> *mut zend_string {
    // SAFETY: `zv` is a live zval holding a string.
    unsafe { (*zv).value.str_ }
}

/// `ZVAL_NULL`
#[inline(always)]
pub unsafe fn zval_set_null(zv: *mut zval) {
    // SAFETY: `zv` is a writable zval slot whose old value needs no release.
    unsafe { (*zv).u1.type_info = u32::from(IS_NULL) }
}

/// `ZVAL_BOOL`
#[inline(always)]
pub unsafe fn zval_set_bool(zv: *mut zval, b: bool) {
    // SAFETY: `zv` is a writable zval slot whose old value needs no release.
    unsafe { (*zv).u1.type_info = u32::from(if b { IS_TRUE } else { IS_FALSE }) }
}

/// `ZVAL_LONG`
#[inline(always)]
pub unsafe fn zval_set_long(zv: *mut zval, l: zend_long) {
    // SAFETY: `zv` is a writable zval slot whose old value needs no release.
    unsafe {
        (*zv).value.lval = l;
        (*zv).u1.type_info = u32::from(IS_LONG);
    }
}

/// `ZVAL_OBJ`
#[inline(always)]
pub unsafe fn zval_set_obj(zv: *mut zval, obj: *mut zend_object) {
    // SAFETY: `zv` is a writable slot; `obj` is a live object whose one reference moves into it.
    unsafe {
        (*zv).value.obj = obj;
        (*zv).u1.type_info = IS_OBJECT_EX;
    }
}

/// `ZVAL_COPY`: `dst` becomes another counted holder of `src`'s value.
#[inline(always)]
pub unsafe fn zval_copy(dst: *mut zval, src: *const zval) {
    // SAFETY: `src` is a live zval and `dst` a writable slot; a counted value gains the reference `dst` now holds.
    unsafe {
        (*dst).value = (*src).value;
        (*dst).u1.type_info = (*src).u1.type_info;
        if (*src).u1.type_info & REFCOUNTED != 0 {
            (*(*src).value.counted).gc.refcount += 1;
        }
    }
}

/// `ZVAL_NEW_STR`: takes ownership of a fresh (non-interned) string.
#[inline(always)]
pub unsafe fn zval_set_new_str(zv: *mut zval, s: *mut zend_string) {
    // SAFETY: `zv` is a writable slot; `s` is a fresh string whose one reference moves into it.
    unsafe {
        (*zv).value.str_ = s;
        (*zv).u1.type_info = IS_STRING_EX;
    }
}

/// `ZVAL_ARR` of a fresh array (`array_init`).
#[inline(always)]
pub unsafe fn zval_set_new_array(zv: *mut zval) {
    // SAFETY: `zv` is a writable slot; _zend_new_array returns a fresh array or bails out.
    unsafe {
        (*zv).value.arr = _zend_new_array(0);
        (*zv).u1.type_info = IS_ARRAY_EX;
    }
}

/// `ZSTR_VAL` and `ZSTR_LEN` as a byte slice.
#[inline(always)]
pub unsafe fn zstr_bytes<'a>(s: *const zend_string) -> &'a [u8] {
    // SAFETY: `s` is a live zend_string: `len` bytes of text at `val`.
    unsafe { std::slice::from_raw_parts((*s).val.as_ptr().cast(), (*s).len) }
}

/// Byte offset of `val` in `zend_string`: the struct size of a string of length `len` is
/// this plus `len + 1`, rounded up to Zend's 8-byte alignment (`_ZSTR_STRUCT_SIZE`).
const ZSTR_HEADER: usize = std::mem::offset_of!(zend_string, val);

/// `zend_string_init(bytes, len, 0)`: a fresh request-allocated string. Zend's allocator
/// enforces memory_limit and bails out (longjmp) past it, so callers keep no Drop values alive.
pub unsafe fn zend_string_from_bytes(bytes: &[u8]) -> *mut zend_string {
    let size = (ZSTR_HEADER + bytes.len() + 1 + 7) & !7;
    // SAFETY: _emalloc returns `size` writable, 8-aligned bytes (or bails out): room for the header, the bytes and the NUL.
    unsafe {
        let s = _emalloc(size).cast::<zend_string>();
        (*s).gc.refcount = 1;
        (*s).gc.u.type_info = GC_STRING;
        (*s).h = 0;
        (*s).len = bytes.len();
        let val = (*s).val.as_mut_ptr().cast::<u8>();
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), val, bytes.len());
        *val.add(bytes.len()) = 0;
        s
    }
}

/// Frees a string built by a `SmartStr` (`smart_str_free`): it is fresh and owned once.
pub unsafe fn smart_str_free(s: *mut SmartStr) {
    // SAFETY: `s` is a SmartStr whose string, when there is one, is fresh and owned only by it.
    unsafe {
        if !(*s).s.is_null() {
            _efree((*s).s.cast());
            (*s).s = std::ptr::null_mut();
            (*s).a = 0;
        }
    }
}

/// `EG(exception) != NULL`
#[inline(always)]
pub unsafe fn exception_pending() -> bool {
    // SAFETY: the executor globals of this thread are live while PHP code runs.
    unsafe { !(*ext_php_rs_executor_globals()).exception.is_null() }
}

/// The target of a by-reference parameter: its `zend_reference`, or null when the engine
/// passed a plain value (it never does for by-ref parameters; kept total for safety).
#[inline(always)]
unsafe fn reference_of(zv: *mut zval) -> *mut zend_reference {
    // SAFETY: `zv` is a live zval; an IS_REFERENCE one holds a live reference.
    unsafe {
        if z_type(zv) == IS_REFERENCE {
            (*zv).value.ref_
        } else {
            std::ptr::null_mut()
        }
    }
}

/// `ZEND_REF_HAS_TYPE_SOURCES`: the reference is bound to a typed property.
#[inline(always)]
unsafe fn has_type_sources(r: *mut zend_reference) -> bool {
    // SAFETY: `r` is a live zend_reference.
    unsafe { !(*r).sources.ptr.is_null() }
}

/// The value slot a plain (untyped) assignment writes to, after releasing its old value.
#[inline(always)]
unsafe fn release_target(zv: *mut zval, r: *mut zend_reference) -> *mut zval {
    // SAFETY: `zv`/`r` come from reference_of: the slot or the reference's value is a live zval.
    unsafe {
        let target = if r.is_null() { zv } else { &raw mut (*r).val };
        zval_ptr_dtor(target);
        target
    }
}

/// `ZEND_TRY_ASSIGN_REF_LONG`
pub unsafe fn assign_ref_long(zv: *mut zval, value: zend_long) {
    // SAFETY: `zv` is a live by-reference argument slot (the caller's contract).
    unsafe {
        let r = reference_of(zv);
        if !r.is_null() && has_type_sources(r) {
            zend_try_assign_typed_ref_long(r, value);
            return;
        }
        zval_set_long(release_target(zv, r), value);
    }
}

/// `ZEND_TRY_ASSIGN_REF_FALSE`
pub unsafe fn assign_ref_false(zv: *mut zval) {
    // SAFETY: `zv` is a live by-reference argument slot (the caller's contract).
    unsafe {
        let r = reference_of(zv);
        if !r.is_null() && has_type_sources(r) {
            zend_try_assign_typed_ref_bool(r, false);
            return;
        }
        zval_set_bool(release_target(zv, r), false);
    }
}

/// `ZEND_TRY_ASSIGN_REF_STRINGL`
pub unsafe fn assign_ref_stringl(zv: *mut zval, bytes: &[u8]) {
    // SAFETY: `zv` is a live by-reference argument slot (the caller's contract).
    unsafe {
        let r = reference_of(zv);
        if !r.is_null() && has_type_sources(r) {
            zend_try_assign_typed_ref_stringl(r, bytes.as_ptr().cast(), bytes.len());
            return;
        }
        let target = release_target(zv, r);
        zval_set_new_str(target, zend_string_from_bytes(bytes));
    }
}

/// `ZEND_TRY_ASSIGN_REF_TMP`: moves `value` (owned) into the reference.
pub unsafe fn assign_ref_tmp(zv: *mut zval, value: *mut zval) {
    // SAFETY: `zv` is a live by-reference argument slot and `value` an owned zval that moves into it.
    unsafe {
        let r = reference_of(zv);
        if !r.is_null() && has_type_sources(r) {
            zend_try_assign_typed_ref(r, value);
            return;
        }
        std::ptr::copy_nonoverlapping(value, release_target(zv, r), 1);
    }
}

/// `ZEND_NUM_ARGS()`
#[inline(always)]
pub unsafe fn num_args(ex: *const zend_execute_data) -> u32 {
    // SAFETY: `ex` is the live frame of the current internal call.
    unsafe { (*ex).This.u2.num_args }
}

/// `ZEND_CALL_ARG(ex, n)`, 1-based.
#[inline(always)]
pub unsafe fn call_arg(ex: *mut zend_execute_data, n: usize) -> *mut zval {
    const FRAME_SLOT: usize =
        std::mem::size_of::<zend_execute_data>().div_ceil(std::mem::size_of::<zval>());
    // SAFETY: `ex` is the live frame of the current internal call and `n` is at most its argument count: arguments follow the frame header in zval slots.
    unsafe { ex.cast::<zval>().add(FRAME_SLOT + n - 1) }
}
