//! A thin, safe view of the Zend engine for the handlers: every `unsafe` operation on the engine's
//! data lives in this module (and in [`sys`], the raw bindings), so the seven functions in
//! `crate::functions` are safe code.
//!
//! - [`Frame`] and [`Arg`]: the call's arguments, read as the declared types (`long`, `bool`, a
//!   scalar's bytes, an object of a class, an array);
//! - [`RefOut`]: a by-reference parameter, assigned the way `ZEND_TRY_ASSIGN_REF_*` does (typed
//!   references included); [`ReturnValue`]: the call's return slot;
//! - [`parse`]: `zend_parse_parameters` with one typed function per argument spec, the fallback
//!   that keeps PHP's coercion, deprecations and error texts;
//! - [`errors`]: warnings and argument errors, with PHP's own formatting.
//!
//! A handler is a plain function registered through [`php_function!`]:
//!
//! ```ignore
//! fn msg_queue_exists(args: Frame<'_>, mut return_value: ReturnValue<'_>) {
//!     let Some(key) = args.only_arg().and_then(Arg::long).or_else(|| parse::l(&args)) else { return };
//!     return_value.set_bool(queue_exists(key));
//! }
//! ```
//!
//! # Bail-outs
//! Zend reports fatal errors (memory_limit, a fatal error in user code run from a callback) with a
//! longjmp to the request's bail-out point: Rust frames in between are skipped and their values
//! are never dropped. So no value with a destructor may live in a frame across a call that can
//! bail out. The views here have none, and [`assert_no_drop!`] turns that rule into a compile-time
//! check for the types the handlers keep across such calls.

pub mod errors;
mod frame;
pub mod parse;
pub mod sys;
mod text;
mod value;

pub use frame::{Arg, ClassRef, Frame, Function, Scalar};
pub use text::StackText;
pub use value::{OwnedValue, RefOut, ReturnValue};

/// The engine's entry point for the PHP function `F` (what the function table points to).
///
/// # Safety
/// Only the engine calls it: `ex` is the live frame of a call to a function registered with this
/// handler and `return_value` that call's return slot.
pub unsafe extern "C" fn handler<F: Function>(ex: *mut sys::zend_execute_data, return_value: *mut sys::zval) {
    // SAFETY: the caller's contract: both stay valid, and are not otherwise accessed, until the
    // handler returns.
    let (frame, return_value) = unsafe { (Frame::from_engine(ex), ReturnValue::from_engine(return_value)) };
    F::call(frame, return_value);
}

/// Runs `f` with `value` as Zend's `spprintf("%F")` formats it (what msg_send sends for a float
/// with serialize=false; Rust's own formatting differs for -0.0, INF and NAN). The text is on
/// Zend's heap: memory_limit applies, and past it Zend bails out.
pub fn with_float_text<R>(value: f64, f: impl FnOnce(&[u8]) -> R) -> R {
    const { assert!(!std::mem::needs_drop::<R>()) };
    let mut text: *mut std::ffi::c_char = std::ptr::null_mut();
    // SAFETY: "%F" with one double; zend_spprintf stores a NUL-terminated string of `len` bytes,
    // from emalloc, in `text`.
    let len = unsafe { sys::zend_spprintf(&mut text, 0, c"%F".as_ptr(), value) };
    // SAFETY: `text` holds `len` bytes until it is freed below.
    let result = f(unsafe { std::slice::from_raw_parts(text.cast::<u8>(), len) });
    // SAFETY: `text` came from Zend's allocator and nothing points to it now.
    unsafe { sys::_efree(text.cast()) };
    result
}

/// The handler of a safe function `fn(Frame<'_>, ReturnValue<'_>)`, for the function table.
#[macro_export]
macro_rules! php_function {
    ($f:path) => {{
        struct Handler;
        impl $crate::php::Function for Handler {
            #[inline(always)]
            fn call(frame: $crate::php::Frame<'_>, return_value: $crate::php::ReturnValue<'_>) {
                $f(frame, return_value)
            }
        }
        $crate::php::handler::<Handler>
            as unsafe extern "C" fn(*mut $crate::php::sys::zend_execute_data, *mut $crate::php::sys::zval)
    }};
}

/// Fails the build if one of the types has a destructor: values of these types live in frames
/// across calls that can bail out (see the module documentation), where a destructor would be
/// skipped.
#[macro_export]
macro_rules! assert_no_drop {
    ($($t:ty),+ $(,)?) => {
        $(const _: () = assert!(
            !::std::mem::needs_drop::<$t>(),
            concat!(stringify!($t), " has a destructor, which a bail-out (longjmp) would skip"),
        );)+
    };
}
