//! The module as the engine reads it: the function table with each function's argument
//! information, and the module entry, all static data.
//!
//! The argument information mirrors the C extension's stub (`ext/sysvmsg/sysvmsg.stub.php`, and
//! `stubs/sysvmsg.stub.php` here) entry by entry, in the layout its generated arginfo header has:
//! per function, the return type with the required argument count, then each parameter's name,
//! type, send mode and default text. So Reflection (`php --rf`, `--re`) prints what it prints for
//! the C module, with nothing patched after registration and nothing allocated: the engine copies
//! the tables it changes (class names become interned strings) and reads the rest in place for as
//! long as the library is loaded.

use std::cell::UnsafeCell;
use std::ffi::{c_void, CStr};
use std::ptr::null;

use ext_php_rs::ffi::{self, zend_execute_data, zend_function_entry, zend_internal_arg_info, zend_module_entry, zend_type, zval};

use crate::{functions, php_function};

/// Read-only tables of pointers to static data.
#[repr(transparent)]
struct Static<T>(T);
// SAFETY: written only at compile time; every pointer inside points to static, immutable data.
unsafe impl<T> Sync for Static<T> {}

/// A class name in a type (`ZEND_TYPE_INIT_CLASS_CONST`): a literal C string the engine interns at
/// registration. 8.3 gave such literal names a bit of their own.
#[cfg(php83)]
const LITERAL_CLASS_NAME: u32 = ffi::_ZEND_TYPE_LITERAL_NAME_BIT;
#[cfg(not(php83))]
const LITERAL_CLASS_NAME: u32 = ffi::_ZEND_TYPE_NAME_BIT;

const MAY_BE_FALSE: u32 = 1 << ffi::IS_FALSE;
const MAY_BE_LONG: u32 = 1 << ffi::IS_LONG;
const MAY_BE_ARRAY: u32 = 1 << ffi::IS_ARRAY;
/// `_ZEND_ARG_INFO_FLAGS(1, 0, 0)`: passed by reference.
const BY_REF: u32 = 1 << ffi::_ZEND_SEND_MODE_SHIFT;

const CLASS_NAME: &CStr = c"SysvMessageQueue";

/// A type of simple types (`ZEND_TYPE_INIT_MASK`); `0` is no declared type.
const fn mask(type_mask: u32) -> zend_type {
    zend_type { ptr: std::ptr::null_mut(), type_mask }
}

const INT: zend_type = mask(MAY_BE_LONG);
const BOOL: zend_type = mask(ffi::MAY_BE_BOOL);
const ARRAY: zend_type = mask(MAY_BE_ARRAY);
const MIXED: zend_type = mask(ffi::MAY_BE_ANY);
const UNTYPED: zend_type = mask(0);
/// `SysvMessageQueue`, or with `MAY_BE_FALSE` `SysvMessageQueue|false`.
const fn queue(also: u32) -> zend_type {
    zend_type { ptr: CLASS_NAME.as_ptr().cast_mut().cast::<c_void>(), type_mask: LITERAL_CLASS_NAME | also }
}

/// The first entry: the return type, and the number of required parameters in the name's place.
const fn returns(required: usize, type_: zend_type) -> zend_internal_arg_info {
    zend_internal_arg_info { name: std::ptr::without_provenance(required), type_, default_value: null() }
}

/// A parameter passed by value.
const fn param(name: &'static CStr, type_: zend_type) -> zend_internal_arg_info {
    zend_internal_arg_info { name: name.as_ptr(), type_, default_value: null() }
}

/// An optional parameter with its default as the stub writes it (Reflection shows this text).
const fn optional(name: &'static CStr, type_: zend_type, default: &'static CStr) -> zend_internal_arg_info {
    zend_internal_arg_info { name: name.as_ptr(), type_, default_value: default.as_ptr() }
}

/// `&$name`: a by-reference parameter.
const fn by_ref(mut info: zend_internal_arg_info) -> zend_internal_arg_info {
    info.type_.type_mask |= BY_REF;
    info
}

// function msg_get_queue(int $key, int $permissions = 0666): SysvMessageQueue|false {}
static MSG_GET_QUEUE: Static<[zend_internal_arg_info; 3]> = Static([
    returns(1, queue(MAY_BE_FALSE)),
    param(c"key", INT),
    optional(c"permissions", INT, c"0666"),
]);

// function msg_send(SysvMessageQueue $queue, int $message_type, $message, bool $serialize = true,
//                   bool $blocking = true, &$error_code = null): bool {}
static MSG_SEND: Static<[zend_internal_arg_info; 7]> = Static([
    returns(3, BOOL),
    param(c"queue", queue(0)),
    param(c"message_type", INT),
    param(c"message", UNTYPED),
    optional(c"serialize", BOOL, c"true"),
    optional(c"blocking", BOOL, c"true"),
    by_ref(optional(c"error_code", UNTYPED, c"null")),
]);

// function msg_receive(SysvMessageQueue $queue, int $desired_message_type, &$received_message_type,
//                      int $max_message_size, mixed &$message, bool $unserialize = true, int $flags = 0,
//                      &$error_code = null): bool {}
static MSG_RECEIVE: Static<[zend_internal_arg_info; 9]> = Static([
    returns(5, BOOL),
    param(c"queue", queue(0)),
    param(c"desired_message_type", INT),
    by_ref(param(c"received_message_type", UNTYPED)),
    param(c"max_message_size", INT),
    by_ref(param(c"message", MIXED)),
    optional(c"unserialize", BOOL, c"true"),
    optional(c"flags", INT, c"0"),
    by_ref(optional(c"error_code", UNTYPED, c"null")),
]);

// function msg_remove_queue(SysvMessageQueue $queue): bool {}
static MSG_REMOVE_QUEUE: Static<[zend_internal_arg_info; 2]> = Static([returns(1, BOOL), param(c"queue", queue(0))]);

// function msg_stat_queue(SysvMessageQueue $queue): array|false {}
static MSG_STAT_QUEUE: Static<[zend_internal_arg_info; 2]> =
    Static([returns(1, mask(MAY_BE_ARRAY | MAY_BE_FALSE)), param(c"queue", queue(0))]);

// function msg_set_queue(SysvMessageQueue $queue, array $data): bool {}
static MSG_SET_QUEUE: Static<[zend_internal_arg_info; 3]> =
    Static([returns(2, BOOL), param(c"queue", queue(0)), param(c"data", ARRAY)]);

// function msg_queue_exists(int $key): bool {}
static MSG_QUEUE_EXISTS: Static<[zend_internal_arg_info; 2]> = Static([returns(1, BOOL), param(c"key", INT)]);

type Handler = unsafe extern "C" fn(*mut zend_execute_data, *mut zval);

/// `ZEND_FE(name, arginfo)`; fields a PHP version adds after these five (8.4's frameless
/// variants and doc comment) stay empty, as ZEND_FE leaves them.
const fn function(name: &'static CStr, handler: Handler, arg_info: &'static [zend_internal_arg_info]) -> zend_function_entry {
    // SAFETY: all zeroes is a valid zend_function_entry: null pointers, no handler, no flags.
    let mut entry: zend_function_entry = unsafe { std::mem::zeroed() };
    entry.fname = name.as_ptr();
    entry.handler = Some(handler);
    entry.arg_info = arg_info.as_ptr();
    entry.num_args = (arg_info.len() - 1) as u32;
    entry
}

/// The function table, in the C module's order, ending with `ZEND_FE_END`.
static FUNCTIONS: Static<[zend_function_entry; 8]> = Static([
    function(c"msg_get_queue", php_function!(functions::msg_get_queue), &MSG_GET_QUEUE.0),
    function(c"msg_send", php_function!(functions::msg_send), &MSG_SEND.0),
    function(c"msg_receive", php_function!(functions::msg_receive), &MSG_RECEIVE.0),
    function(c"msg_remove_queue", php_function!(functions::msg_remove_queue), &MSG_REMOVE_QUEUE.0),
    function(c"msg_stat_queue", php_function!(functions::msg_stat_queue), &MSG_STAT_QUEUE.0),
    function(c"msg_set_queue", php_function!(functions::msg_set_queue), &MSG_SET_QUEUE.0),
    function(c"msg_queue_exists", php_function!(functions::msg_queue_exists), &MSG_QUEUE_EXISTS.0),
    // SAFETY: all zeroes is ZEND_FE_END.
    unsafe { std::mem::zeroed() },
]);

/// The PHP version this build targets: the module version, as with the C extension.
#[allow(clippy::panic)] // evaluated at compile time: a bad version fails the build
const VERSION: &CStr = match CStr::from_bytes_with_nul(concat!(env!("SYSVMSG_PHP_VERSION"), "\0").as_bytes()) {
    Ok(version) => version,
    Err(_) => panic!("the PHP version from build.rs has a NUL byte"),
};

/// The module entry (`STANDARD_MODULE_HEADER`, name, functions, hooks, version,
/// `STANDARD_MODULE_PROPERTIES_EX`). The engine writes into it (module number, type, handle,
/// started flag) and reads it until the library is unloaded.
struct Entry(UnsafeCell<zend_module_entry>);
// SAFETY: written by get_module while PHP loads extensions (one thread, before any request), and
// by the engine, which owns it from then on.
unsafe impl Sync for Entry {}

static ENTRY: Entry = Entry(UnsafeCell::new({
    // SAFETY: all zeroes is a valid zend_module_entry (null pointers, no hooks, no globals).
    let mut entry: zend_module_entry = unsafe { std::mem::zeroed() };
    entry.size = std::mem::size_of::<zend_module_entry>() as u16;
    entry.zend_api = ffi::ZEND_MODULE_API_NO;
    entry.zend_debug = cfg!(php_debug) as u8;
    entry.zts = cfg!(php_zts) as u8;
    entry.name = c"sysvmsg".as_ptr();
    entry.functions = FUNCTIONS.0.as_ptr();
    entry.module_startup_func = Some(crate::module_startup);
    entry.module_shutdown_func = Some(crate::module_shutdown);
    entry.request_startup_func = Some(crate::request_startup);
    entry.post_deactivate_func = Some(crate::post_deactivate);
    entry.info_func = Some(crate::module_info);
    entry.version = VERSION.as_ptr();
    entry
}));

/// The entry point PHP looks up when it loads the extension.
#[no_mangle]
pub extern "C" fn get_module() -> *mut zend_module_entry {
    let entry = ENTRY.0.get();
    // SAFETY: PHP calls this while loading extensions, on one thread, before it registers the
    // module; ZEND_MODULE_BUILD_ID is a static string of the PHP this was built against.
    unsafe { (*entry).build_id = ffi::ext_php_rs_php_build_id() };
    entry
}
