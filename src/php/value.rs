//! Values going back to PHP: the return value and the by-reference outputs.

use std::marker::PhantomData;

use super::sys::{self, zend_long, zend_object, zval};

/// A by-reference parameter (`&$message`), assigned the way `ZEND_TRY_ASSIGN_REF_*` does: through
/// the reference, converted and checked when the reference is bound to a typed property.
///
/// It holds the argument slot, not the referenced value, and each assignment looks the target up
/// afresh: assigning releases the old value, which can run a destructor, and the same variable
/// may be passed for two parameters (`msg_receive($q, 0, $x, 100, $x)`), so no borrow of the
/// target outlives one assignment.
#[derive(Clone, Copy)]
pub struct RefOut<'a> {
    slot: *mut zval,
    _call: PhantomData<&'a zval>,
}

impl<'a> RefOut<'a> {
    /// # Safety
    /// `slot` is a live argument slot of the current call, valid for `'a`.
    pub(super) unsafe fn from_slot(slot: *mut zval) -> Self {
        RefOut { slot, _call: PhantomData }
    }

    /// `ZEND_TRY_ASSIGN_REF_LONG`
    pub fn assign_long(self, value: zend_long) {
        // SAFETY: the slot is live for the call.
        unsafe { sys::assign_ref_long(self.slot, value) }
    }

    /// `ZEND_TRY_ASSIGN_REF_FALSE`
    pub fn assign_false(self) {
        // SAFETY: the slot is live for the call.
        unsafe { sys::assign_ref_false(self.slot) }
    }

    /// `ZEND_TRY_ASSIGN_REF_STRINGL`: a new string with a copy of `bytes`.
    pub fn assign_bytes(self, bytes: &[u8]) {
        // SAFETY: the slot is live for the call. The old value is released (which can run user
        // code) before `bytes` is copied, as in C; `bytes` is a borrow held across that, and no
        // view this crate hands out points into memory user code can free.
        unsafe { sys::assign_ref_stringl(self.slot, bytes) }
    }

    /// `ZEND_TRY_ASSIGN_REF_TMP`: moves `value` into the reference.
    pub fn assign_owned(self, value: OwnedValue<'_>) {
        // SAFETY: the slot is live for the call; `value` is an owned zval, consumed here.
        unsafe { sys::assign_ref_tmp(self.slot, value.zv) }
    }
}

/// A value this code holds one counted reference to (a freshly unserialized value), to be moved
/// into a [`RefOut`]. It has no destructor (see the bail-out rule in [`crate::php`]): a value
/// never moved is freed by whoever made it, or with the request.
pub struct OwnedValue<'s> {
    zv: *mut zval,
    _slot: PhantomData<&'s mut zval>,
}

impl<'s> OwnedValue<'s> {
    /// # Safety
    /// `zv` is a live zval whose one reference the caller gives up to the new value.
    pub unsafe fn from_raw(zv: *mut zval) -> Self {
        OwnedValue { zv, _slot: PhantomData }
    }
}

/// The call's return slot. The engine initialises it to null; until it is set, PHP sees null.
pub struct ReturnValue<'a> {
    zv: *mut zval,
    _call: PhantomData<&'a mut zval>,
}

impl<'a> ReturnValue<'a> {
    /// # Safety
    /// `zv` is the return slot of the live call being handled, valid until the handler returns.
    pub(super) unsafe fn from_engine(zv: *mut zval) -> Self {
        ReturnValue { zv, _call: PhantomData }
    }

    /// Releases a counted value the slot holds (an object or array set earlier).
    #[inline(always)]
    fn release(&mut self) {
        // SAFETY: the slot is a live zval; a counted value in it is this slot's reference.
        unsafe {
            if (*self.zv).u1.type_info & sys::REFCOUNTED != 0 {
                sys::zval_ptr_dtor(self.zv);
            }
        }
    }

    /// `RETVAL_BOOL`, releasing what the slot held.
    #[inline(always)]
    pub fn set_bool(&mut self, value: bool) {
        self.release();
        // SAFETY: the slot is live and holds nothing counted now.
        unsafe { sys::zval_set_bool(self.zv, value) }
    }

    /// An array of longs under string keys, in order (`array_init` + `add_assoc_long`).
    pub fn set_long_map(&mut self, entries: &[(&[u8], zend_long)]) {
        self.release();
        // SAFETY: the slot is live and holds nothing counted; the new array is the slot's, and
        // each key is valid for its length. Allocation can bail out: the slot is consistent at
        // every step (an array with the entries added so far).
        unsafe {
            sys::zval_set_new_array(self.zv);
            for (key, value) in entries {
                sys::add_assoc_long_ex(self.zv, key.as_ptr().cast(), key.len(), *value);
            }
        }
    }

    /// `RETVAL_OBJ`: the slot takes the one reference of the fresh object `obj`.
    ///
    /// # Safety
    /// `obj` is a live object whose one reference moves into the slot.
    pub unsafe fn set_new_object(&mut self, obj: *mut zend_object) {
        self.release();
        // SAFETY: the caller's contract; the slot holds nothing counted.
        unsafe { sys::zval_set_obj(self.zv, obj) }
    }

    /// The object the slot holds, if any.
    pub fn object(&self) -> Option<*mut zend_object> {
        // SAFETY: the slot is a live zval; an IS_OBJECT one holds a live object.
        unsafe { (sys::z_type(self.zv) == sys::IS_OBJECT).then(|| sys::z_obj(self.zv)) }
    }
}
