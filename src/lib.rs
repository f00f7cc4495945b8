//! `sysvmsg`: PHP's System V message queue extension, in Rust.
//!
//! A drop-in replacement for PHP's C ext/sysvmsg: the same seven functions, class and constants,
//! the same bytes on the queue, the same warnings, exceptions and Reflection output. The kernel
//! calls live in the `sysvmsg-core` crate; this crate is the PHP side:
//!
//! - this file: the module's hooks (startup, request start and end, phpinfo, shutdown);
//! - [`module`]: the module entry and the function table with the C stub's argument information,
//!   as static data;
//! - [`functions`]: the seven functions, in safe code, with a fast argument path and Zend's own
//!   parser behind it;
//! - [`php`]: the thin Zend layer under them (call frame, typed arguments, by-reference outputs,
//!   return value, errors) and the raw bindings ([`php::sys`]); every `unsafe` the handlers need
//!   is there;
//! - [`queue_class`]: the final class `SysvMessageQueue`;
//! - [`buffers`]: the send and receive buffers reused from call to call;
//! - [`serializer`]: the bridge to PHP's own serializer;
//! - [`compat`]: every quirk kept for compatibility, and the five deliberate differences.
//!
//! ```php
//! $queue = msg_get_queue(ftok(__FILE__, 'a'));
//! msg_send($queue, 1, ['job' => 42]);
//! msg_receive($queue, 0, $type, 8192, $message);   // $message === ['job' => 42]
//! msg_remove_queue($queue);
//! ```
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

mod buffers;
mod compat;
mod functions;
mod module;
mod php;
mod queue_class;
mod serializer;

use std::ffi::c_int;

use php::sys;

// Compile-time proof that ext-php-rs was configured for the PHP build that build.rs checked (ZTS, debug, module API).
include!(concat!(env!("OUT_DIR"), "/php_build_check.rs"));

/// This implementation's name and version, shown in phpinfo() next to "sysvmsg support".
const IMPLEMENTATION: &str = concat!("sysvmsg-rs ", env!("CARGO_PKG_VERSION"), " (Rust)\0");

const SUCCESS: c_int = 0;
const FAILURE: c_int = -1;

/// `MINIT`: the constants and the class (the functions are registered from [`module`]'s table).
pub(crate) unsafe extern "C" fn module_startup(_type: c_int, module_number: c_int) -> c_int {
    for (name, value) in compat::CONSTANTS {
        // SAFETY: the name is valid for its length; the engine copies it.
        unsafe {
            sys::zend_register_long_constant(
                name.as_ptr().cast(),
                name.len(),
                value,
                sys::CONST_PERSISTENT,
                module_number,
            );
        }
    }
    if !queue_class::register() {
        return FAILURE;
    }
    SUCCESS
}

pub(crate) unsafe extern "C" fn request_startup(_type: c_int, _module_number: c_int) -> c_int {
    buffers::request_startup();
    SUCCESS
}

pub(crate) unsafe extern "C" fn post_deactivate() -> c_int {
    buffers::request_end();
    SUCCESS
}

pub(crate) unsafe extern "C" fn module_info(_module: *mut sys::zend_module_entry) {
    // SAFETY: called by phpinfo() with the output layer ready; the strings are NUL-terminated.
    unsafe {
        sys::php_info_print_table_start();
        sys::php_info_print_table_row(2, c"sysvmsg support".as_ptr(), c"enabled".as_ptr());
        sys::php_info_print_table_row(2, c"sysvmsg implementation".as_ptr(), IMPLEMENTATION.as_ptr());
        sys::php_info_print_table_end();
    }
}

/// `MSHUTDOWN`: the send buffer lives on the Rust heap and would outlive the library. The module's
/// own tables are static data (see [`module`]): nothing else to free.
pub(crate) unsafe extern "C" fn module_shutdown(_type: c_int, _module_number: c_int) -> c_int {
    buffers::module_shutdown();
    SUCCESS
}
