//! The Zend API this extension calls beyond ext-php-rs's bindings, and Rust versions of the
//! header-only macros it needs (zval accessors, by-reference assignment, strings).
//!
//! Everything here is a thin, `unsafe` mirror of a C declaration or macro of PHP 8.2-8.4; the
//! safety contract of each function is the one of its C original.

use std::ffi::{c_char, c_int, c_void};

pub use ext_php_rs::ffi::{
    zend_class_entry, zend_execute_data, zend_long, zend_object, zend_object_handlers, zend_reference,
    zend_string, zval, HashTable,
};

// Type tags (Z_TYPE): stable across PHP 8.
pub const IS_NULL: u8 = 1;
pub const IS_FALSE: u8 = 2;
pub const IS_TRUE: u8 = 3;
pub const IS_LONG: u8 = 4;
pub const IS_DOUBLE: u8 = 5;
pub const IS_STRING: u8 = 6;
pub const IS_OBJECT: u8 = 8;
pub const IS_REFERENCE: u8 = 10;

/// `IS_OBJECT_EX`: an object zval's type_info (refcounted and collectable).
const IS_OBJECT_EX: u32 = 8 | (1 << 8) | (1 << 9);
/// `IS_STRING_EX`: a refcounted string zval's type_info.
const IS_STRING_EX: u32 = 6 | (1 << 8);
/// `GC_STRING`: the gc type_info of a fresh, non-interned string.
const GC_STRING: u32 = 6 | (1 << 4);

pub const E_WARNING: c_int = 1 << 1;
pub const CONST_PERSISTENT: c_int = 1;

/// A `smart_str`: the string being built and its allocated length.
#[repr(C)]
pub struct SmartStr {
    pub s: *mut zend_string,
    pub a: usize,
}

pub type SerializeData = *mut c_void;
pub type UnserializeData = *mut c_void;

extern "C" {
    pub fn zend_parse_parameters(num_args: u32, type_spec: *const c_char, ...) -> c_int;
    pub fn zend_argument_value_error(arg_num: u32, format: *const c_char, ...);
    pub fn zend_argument_type_error(arg_num: u32, format: *const c_char, ...);
    /// The "X given" name of a value in argument errors: a type name up to 8.2 ("bool"), a value
    /// name from 8.3 on ("true"), as the C extension of each version prints it.
    #[cfg(not(php83))]
    #[link_name = "zend_zval_type_name"]
    pub fn zend_zval_given_name(arg: *const zval) -> *const c_char;
    #[cfg(php83)]
    #[link_name = "zend_zval_value_name"]
    pub fn zend_zval_given_name(arg: *const zval) -> *const c_char;
    pub fn zend_throw_error(exception_ce: *mut zend_class_entry, format: *const c_char, ...);
    pub fn php_error_docref(docref: *const c_char, type_: c_int, format: *const c_char, ...);

    pub fn zend_try_assign_typed_ref(reference: *mut zend_reference, zv: *mut zval) -> c_int;
    pub fn zend_try_assign_typed_ref_bool(reference: *mut zend_reference, val: bool) -> c_int;
    pub fn zend_try_assign_typed_ref_long(reference: *mut zend_reference, lval: zend_long) -> c_int;
    pub fn zend_try_assign_typed_ref_stringl(reference: *mut zend_reference, string: *const c_char, len: usize) -> c_int;
    pub fn zval_ptr_dtor(zv: *mut zval);
    pub fn zval_get_long_func(op: *const zval, is_strict: bool) -> zend_long;

    pub fn object_properties_init(object: *mut zend_object, class_type: *mut zend_class_entry);
    pub fn zend_object_std_init(object: *mut zend_object, ce: *mut zend_class_entry);
    pub fn zend_objects_not_comparable(o1: *mut zval, o2: *mut zval) -> c_int;
    pub static std_object_handlers: zend_object_handlers;

    pub fn add_assoc_long_ex(arg: *mut zval, key: *const c_char, key_len: usize, n: zend_long);
    pub fn _zend_new_array(size: u32) -> *mut HashTable;
    pub fn zend_hash_str_find(ht: *const HashTable, key: *const c_char, len: usize) -> *mut zval;
    pub fn zend_register_long_constant(
        name: *const c_char,
        name_len: usize,
        lval: zend_long,
        flags: c_int,
        module_number: c_int,
    );
    pub fn zend_spprintf(message: *mut *mut c_char, max_len: usize, format: *const c_char, ...) -> usize;

    pub fn smart_str_erealloc(s: *mut SmartStr, len: usize);
    pub fn php_var_serialize(buf: *mut SmartStr, struc: *mut zval, data: *mut SerializeData);
    pub fn php_var_serialize_init() -> SerializeData;
    pub fn php_var_serialize_destroy(d: SerializeData);
    pub fn php_var_unserialize(
        rval: *mut zval,
        p: *mut *const u8,
        max: *const u8,
        var_hash: *mut UnserializeData,
    ) -> c_int;
    pub fn php_var_unserialize_init() -> UnserializeData;
    pub fn php_var_unserialize_destroy(d: UnserializeData);

    pub fn _emalloc(size: usize) -> *mut c_void;
    pub fn _efree(ptr: *mut c_void);

    pub fn php_info_print_table_start();
    pub fn php_info_print_table_row(num_cols: c_int, ...);
    pub fn php_info_print_table_end();
}

pub use ext_php_rs::ffi::ext_php_rs_executor_globals;

/// `Z_TYPE_P`
#[inline(always)]
pub unsafe fn z_type(zv: *const zval) -> u8 {
    unsafe { (*zv).u1.v.type_ }
}

/// `Z_LVAL_P`
#[inline(always)]
pub unsafe fn z_lval(zv: *const zval) -> zend_long {
    unsafe { (*zv).value.lval }
}

/// `Z_OBJ_P`
#[inline(always)]
pub unsafe fn z_obj(zv: *const zval) -> *mut zend_object {
    unsafe { (*zv).value.obj }
}

/// `Z_STR_P`
#[inline(always)]
pub unsafe fn z_str(zv: *const zval) -> *mut zend_string {
    unsafe { (*zv).value.str_ }
}

/// `ZVAL_NULL`
#[inline(always)]
pub unsafe fn zval_set_null(zv: *mut zval) {
    unsafe { (*zv).u1.type_info = u32::from(IS_NULL) }
}

/// `ZVAL_BOOL`
#[inline(always)]
pub unsafe fn zval_set_bool(zv: *mut zval, b: bool) {
    unsafe { (*zv).u1.type_info = u32::from(if b { IS_TRUE } else { IS_FALSE }) }
}

/// `ZVAL_LONG`
#[inline(always)]
pub unsafe fn zval_set_long(zv: *mut zval, l: zend_long) {
    unsafe {
        (*zv).value.lval = l;
        (*zv).u1.type_info = u32::from(IS_LONG);
    }
}

/// `ZVAL_OBJ`
#[inline(always)]
pub unsafe fn zval_set_obj(zv: *mut zval, obj: *mut zend_object) {
    unsafe {
        (*zv).value.obj = obj;
        (*zv).u1.type_info = IS_OBJECT_EX;
    }
}

/// `ZVAL_NEW_STR`: takes ownership of a fresh (non-interned) string.
#[inline(always)]
pub unsafe fn zval_set_new_str(zv: *mut zval, s: *mut zend_string) {
    unsafe {
        (*zv).value.str_ = s;
        (*zv).u1.type_info = IS_STRING_EX;
    }
}

/// `ZVAL_ARR` of a fresh array (`array_init`).
#[inline(always)]
pub unsafe fn zval_set_new_array(zv: *mut zval) {
    const IS_ARRAY_EX: u32 = 7 | (1 << 8) | (1 << 9);
    unsafe {
        (*zv).value.arr = _zend_new_array(0);
        (*zv).u1.type_info = IS_ARRAY_EX;
    }
}

/// `ZSTR_VAL` and `ZSTR_LEN` as a byte slice.
#[inline(always)]
pub unsafe fn zstr_bytes<'a>(s: *const zend_string) -> &'a [u8] {
    unsafe { std::slice::from_raw_parts((*s).val.as_ptr().cast(), (*s).len) }
}

/// Byte offset of `val` in `zend_string`: the struct size of a string of length `len` is
/// this plus `len + 1`, rounded up to Zend's 8-byte alignment (`_ZSTR_STRUCT_SIZE`).
const ZSTR_HEADER: usize = std::mem::offset_of!(zend_string, val);

/// `zend_string_init(bytes, len, 0)`: a fresh request-allocated string. Zend's allocator
/// enforces memory_limit and bails out (longjmp) past it, so callers keep no Drop values alive.
pub unsafe fn zend_string_from_bytes(bytes: &[u8]) -> *mut zend_string {
    let size = (ZSTR_HEADER + bytes.len() + 1 + 7) & !7;
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
    unsafe { !(*ext_php_rs_executor_globals()).exception.is_null() }
}

/// The target of a by-reference parameter: its `zend_reference`, or null when the engine
/// passed a plain value (it never does for by-ref parameters; kept total for safety).
#[inline(always)]
unsafe fn reference_of(zv: *mut zval) -> *mut zend_reference {
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
    unsafe { !(*r).sources.ptr.is_null() }
}

/// The value slot a plain (untyped) assignment writes to, after releasing its old value.
#[inline(always)]
unsafe fn release_target(zv: *mut zval, r: *mut zend_reference) -> *mut zval {
    unsafe {
        let target = if r.is_null() { zv } else { &raw mut (*r).val };
        zval_ptr_dtor(target);
        target
    }
}

/// `ZEND_TRY_ASSIGN_REF_LONG`
pub unsafe fn assign_ref_long(zv: *mut zval, value: zend_long) {
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
    unsafe { (*ex).This.u2.num_args }
}

/// `ZEND_CALL_ARG(ex, n)`, 1-based.
#[inline(always)]
pub unsafe fn call_arg(ex: *mut zend_execute_data, n: usize) -> *mut zval {
    const FRAME_SLOT: usize =
        std::mem::size_of::<zend_execute_data>().div_ceil(std::mem::size_of::<zval>());
    unsafe { ex.cast::<zval>().add(FRAME_SLOT + n - 1) }
}
