//! Warnings and argument errors, through the same Zend calls the C extension makes, so their text,
//! their "function(): " prefix and what error handlers and exceptions see are PHP's.
//!
//! Texts are built on the stack: an error handler can bail out (longjmp) over the caller.

use std::ffi::{c_char, CStr};
use std::ptr::null;

use super::frame::Arg;
use super::sys;
use super::StackText;

/// `php_error_docref(NULL, E_WARNING, "%s", message)`
pub fn warning(message: &CStr) {
    // SAFETY: "%s" with one NUL-terminated string.
    unsafe { sys::php_error_docref(null(), sys::E_WARNING, c"%s".as_ptr(), message.as_ptr()) }
}

/// The warning `{prefix}{strerror(errno)}`, as C's `php_error_docref(NULL, E_WARNING, "...: %s",
/// ..., strerror(errno))` prints it.
pub fn warning_errno(prefix: &[u8], errno: i32) {
    let mut text = StackText::<256>::new();
    // A prefix too long for the buffer is cut; the ones used here are short.
    text.push_bytes(prefix);
    text.push_bytes(errno_text(errno).as_bytes());
    warning(text.as_c_str());
}

/// `strerror(errno)`, copied out of the C library's buffer.
fn errno_text(errno: i32) -> StackText<128> {
    let mut buf = [0u8; 128];
    let mut text = StackText::new();
    // SAFETY: the XSI strerror_r writes a NUL-terminated message of at most `buf.len()` bytes.
    let written = unsafe { libc::strerror_r(errno, buf.as_mut_ptr().cast::<c_char>(), buf.len()) } == 0;
    if written {
        if let Ok(message) = CStr::from_bytes_until_nul(&buf) {
            text.push_bytes(message.to_bytes());
        }
    }
    text
}

/// `zend_argument_value_error(n, "%s", message)`: throws a ValueError "f(): Argument #n ($name)
/// {message}".
pub fn argument_value_error(n: u32, message: &CStr) {
    // SAFETY: "%s" with one NUL-terminated string.
    unsafe { sys::zend_argument_value_error(n, c"%s".as_ptr(), message.as_ptr()) }
}

/// Throws C's TypeError for argument `n`: "f(): Argument #n ($name) {must_be}, {T} given", where
/// T is how PHP names the argument's value in such errors (a type name up to 8.2, a value name
/// such as "true" from 8.3 on).
pub fn argument_type_error(n: u32, must_be: &CStr, given: Arg<'_>) {
    // SAFETY: "%s, %s given" with two NUL-terminated strings; the argument is a live zval.
    unsafe {
        sys::zend_argument_type_error(
            n,
            c"%s, %s given".as_ptr(),
            must_be.as_ptr(),
            sys::zend_zval_given_name(given.as_ptr()),
        )
    }
}
