//! `zend_parse_parameters` for the argument specs of the seven functions, one typed function per
//! spec: the slow path behind each handler's direct reads, taken whenever an argument is not
//! already of its declared type or the argument count is off. PHP's parser then does what it does
//! for the C extension: coercion (or, under strict_types, a TypeError), deprecations such as
//! passing null to a non-nullable parameter, and ArgumentCountError, with PHP's own texts.
//!
//! Each returns `None` when parsing failed; an exception is then pending and the handler returns.
//! Optional parameters not passed keep the default the caller gives.

use std::ptr::null_mut;

use super::frame::{Arg, ArrayView, ClassRef, Frame};
use super::sys::{self, zend_long, zval};

/// `zend_parse_parameters(ZEND_NUM_ARGS(), spec, ...)` returned SUCCESS.
macro_rules! zpp {
    ($frame:expr, $spec:literal, $($out:expr),+ $(,)?) => {
        // SAFETY: the frame is the live call; each out pointer is a local of the type the spec's
        // letter writes (l: zend_long, b: bool, z: *mut zval, a: *mut zval, O: *mut zval then the
        // class entry).
        unsafe { sys::zend_parse_parameters(sys::num_args($frame.as_ptr()), $spec.as_ptr(), $($out),+) == 0 }
    };
}

/// The value slot zend_parse_parameters returned for "z", "a" or "O".
fn slot<'a>(zv: *mut zval) -> Option<Arg<'a>> {
    // SAFETY: zend_parse_parameters stores a pointer to the argument's slot in the frame (or
    // leaves null for an optional one not passed).
    (!zv.is_null()).then(|| unsafe { Arg::from_slot(zv) })
}

/// "l": `int $key`
pub fn l(frame: &Frame<'_>) -> Option<zend_long> {
    let mut key: zend_long = 0;
    zpp!(frame, c"l", &raw mut key).then_some(key)
}

/// "l|l": `int $key, int $second = default`
pub fn l_opt_l(frame: &Frame<'_>, default: zend_long) -> Option<(zend_long, zend_long)> {
    let (mut first, mut second): (zend_long, zend_long) = (0, default);
    zpp!(frame, c"l|l", &raw mut first, &raw mut second).then_some((first, second))
}

/// "O": `Class $object`
pub fn o<'a>(frame: &Frame<'a>, class: ClassRef) -> Option<Arg<'a>> {
    let mut object: *mut zval = null_mut();
    if !zpp!(frame, c"O", &raw mut object, class.as_ptr()) {
        return None;
    }
    slot(object)
}

/// "Oa": `Class $object, array $data`
pub fn oa<'a>(frame: &Frame<'a>, class: ClassRef) -> Option<(Arg<'a>, ArrayView<'a>)> {
    let (mut object, mut array): (*mut zval, *mut zval) = (null_mut(), null_mut());
    if !zpp!(frame, c"Oa", &raw mut object, class.as_ptr(), &raw mut array) {
        return None;
    }
    Some((slot(object)?, slot(array)?.array()?))
}

/// "Olz|bbz": `Class $object, int $long, mixed $value, bool $flag1 = d1, bool $flag2 = d2,
/// &$out = null`
pub fn olz_opt_bbz<'a>(
    frame: &Frame<'a>,
    class: ClassRef,
    defaults: (bool, bool),
) -> Option<(Arg<'a>, zend_long, Arg<'a>, bool, bool, Option<Arg<'a>>)> {
    let (mut object, mut long, mut value): (*mut zval, zend_long, *mut zval) = (null_mut(), 0, null_mut());
    let (mut flag1, mut flag2) = defaults;
    let mut out: *mut zval = null_mut();
    if !zpp!(
        frame,
        c"Olz|bbz",
        &raw mut object,
        class.as_ptr(),
        &raw mut long,
        &raw mut value,
        &raw mut flag1,
        &raw mut flag2,
        &raw mut out,
    ) {
        return None;
    }
    Some((slot(object)?, long, slot(value)?, flag1, flag2, slot(out)))
}

/// "Olzlz|blz": `Class $object, int $long1, &$out1, int $long2, &$out2, bool $flag = d1,
/// int $long3 = d2, &$out3 = null`
#[allow(clippy::type_complexity)]
pub fn olzlz_opt_blz<'a>(
    frame: &Frame<'a>,
    class: ClassRef,
    defaults: (bool, zend_long),
) -> Option<(Arg<'a>, zend_long, Arg<'a>, zend_long, Arg<'a>, bool, zend_long, Option<Arg<'a>>)> {
    let (mut object, mut long1, mut out1, mut long2, mut out2): (*mut zval, zend_long, *mut zval, zend_long, *mut zval) =
        (null_mut(), 0, null_mut(), 0, null_mut());
    let (mut flag, mut long3) = defaults;
    let mut out3: *mut zval = null_mut();
    if !zpp!(
        frame,
        c"Olzlz|blz",
        &raw mut object,
        class.as_ptr(),
        &raw mut long1,
        &raw mut out1,
        &raw mut long2,
        &raw mut out2,
        &raw mut flag,
        &raw mut long3,
        &raw mut out3,
    ) {
        return None;
    }
    Some((slot(object)?, long1, slot(out1)?, long2, slot(out2)?, flag, long3, slot(out3)))
}
