//! The arguments of one call, as the engine laid them out in the call frame.

use std::marker::PhantomData;

use super::sys::{self, zend_class_entry, zend_execute_data, zend_long, zend_object, zval};
use super::value::{RefOut, ReturnValue};

/// A PHP function implemented in safe Rust; [`super::handler`] is what the engine calls.
pub trait Function {
    fn call(frame: Frame<'_>, return_value: ReturnValue<'_>);
}

/// The frame of one internal function call: `'a` is the call.
///
/// The engine keeps the frame and each argument's value alive until the handler returns, and
/// user code run meanwhile (a destructor, an error handler) cannot replace an argument slot, so
/// the views it hands out stay valid for the whole call.
pub struct Frame<'a> {
    ex: *mut zend_execute_data,
    _call: PhantomData<&'a zend_execute_data>,
}

impl<'a> Frame<'a> {
    /// # Safety
    /// `ex` is the live frame of the internal call being handled, valid until the handler returns.
    pub(super) unsafe fn from_engine(ex: *mut zend_execute_data) -> Self {
        Frame { ex, _call: PhantomData }
    }

    pub(super) fn as_ptr(&self) -> *mut zend_execute_data {
        self.ex
    }

    /// `ZEND_NUM_ARGS()`: how many arguments the call passed.
    #[inline(always)]
    pub fn argc(&self) -> u32 {
        // SAFETY: `ex` is the live frame (see from_engine).
        unsafe { sys::num_args(self.ex) }
    }

    /// Argument `n` (1-based), when the call passed it.
    #[inline(always)]
    pub fn arg(&self, n: u32) -> Option<Arg<'a>> {
        if n == 0 || n > self.argc() {
            return None;
        }
        // SAFETY: 1 <= n <= argc: the slot holds a passed argument of this live frame.
        Some(Arg { zv: unsafe { sys::call_arg(self.ex, n as usize) }, _call: PhantomData })
    }

    /// The argument of a call that passed exactly one.
    #[inline(always)]
    pub fn only_arg(&self) -> Option<Arg<'a>> {
        if self.argc() == 1 {
            self.arg(1)
        } else {
            None
        }
    }
}

/// One argument's value slot, valid for the call `'a`.
#[derive(Clone, Copy)]
pub struct Arg<'a> {
    zv: *mut zval,
    _call: PhantomData<&'a zval>,
}

/// The value of an argument that msg_send can send without serializing (`Other` for the rest).
pub enum Scalar<'a> {
    String(&'a [u8]),
    Long(zend_long),
    Bool(bool),
    Double(f64),
    Other,
}

impl<'a> Arg<'a> {
    /// # Safety
    /// `zv` is an argument slot (or a value zend_parse_parameters returned from one) of a live
    /// frame, valid for `'a`.
    pub(super) unsafe fn from_slot(zv: *mut zval) -> Self {
        Arg { zv, _call: PhantomData }
    }

    pub(crate) fn as_ptr(self) -> *mut zval {
        self.zv
    }

    fn type_tag(self) -> u8 {
        // SAFETY: the slot is a live zval for the call.
        unsafe { sys::z_type(self.zv) }
    }

    /// The value when it is an int (no coercion).
    #[inline(always)]
    pub fn long(self) -> Option<zend_long> {
        // SAFETY: a live zval of type IS_LONG holds a long.
        (self.type_tag() == sys::IS_LONG).then(|| unsafe { sys::z_lval(self.zv) })
    }

    /// The value when it is a bool (no coercion).
    #[inline(always)]
    pub fn bool(self) -> Option<bool> {
        match self.type_tag() {
            sys::IS_TRUE => Some(true),
            sys::IS_FALSE => Some(false),
            _ => None,
        }
    }

    /// The value as one of the scalar types.
    pub fn scalar(self) -> Scalar<'a> {
        // SAFETY: each arm reads the field its type tag says is live; a string argument is
        // held by the frame (one counted reference) and is immutable while shared, so its bytes
        // stay as they are for the call.
        unsafe {
            match self.type_tag() {
                sys::IS_STRING => Scalar::String(sys::zstr_bytes(sys::z_str(self.zv))),
                sys::IS_LONG => Scalar::Long(sys::z_lval(self.zv)),
                sys::IS_TRUE => Scalar::Bool(true),
                sys::IS_FALSE => Scalar::Bool(false),
                sys::IS_DOUBLE => Scalar::Double((*self.zv).value.dval),
                _ => Scalar::Other,
            }
        }
    }

    /// The object, when the value is one.
    #[inline(always)]
    pub fn object(self) -> Option<ObjectRef<'a>> {
        // SAFETY: a live zval of type IS_OBJECT holds a live object, which the frame keeps alive.
        (self.type_tag() == sys::IS_OBJECT).then(|| ObjectRef { obj: unsafe { sys::z_obj(self.zv) }, _call: PhantomData })
    }

    /// The array, when the value is one.
    pub fn array(self) -> Option<ArrayView<'a>> {
        // SAFETY: a live zval of type IS_ARRAY holds a live table, which the frame keeps alive.
        (self.type_tag() == sys::IS_ARRAY).then(|| ArrayView { table: unsafe { (*self.zv).value.arr }, _call: PhantomData })
    }

    /// The argument as the target of a by-reference parameter.
    #[inline(always)]
    pub fn by_ref(self) -> RefOut<'a> {
        // SAFETY: the slot is live for the call.
        unsafe { RefOut::from_slot(self.zv) }
    }
}

/// A registered class entry, as `zend_parse_parameters`' "O" and class checks take it.
#[derive(Clone, Copy)]
pub struct ClassRef(*mut zend_class_entry);

impl ClassRef {
    /// # Safety
    /// `ce` is a class entry the engine registered (it lives until module shutdown), or null
    /// (no class: any object matches "O").
    pub unsafe fn from_registered(ce: *mut zend_class_entry) -> Self {
        ClassRef(ce)
    }

    pub(super) fn as_ptr(self) -> *mut zend_class_entry {
        self.0
    }
}

/// An object passed as an argument, alive for the call `'a`.
#[derive(Clone, Copy)]
pub struct ObjectRef<'a> {
    obj: *mut zend_object,
    _call: PhantomData<&'a zend_object>,
}

impl ObjectRef<'_> {
    /// Whether the object's class is exactly `class` (what a final class's instanceof check is).
    #[inline(always)]
    pub fn is_exactly(self, class: ClassRef) -> bool {
        // SAFETY: the object is live; `ce` is its class entry.
        unsafe { (*self.obj).ce == class.0 }
    }

    pub(crate) fn as_ptr(self) -> *mut zend_object {
        self.obj
    }
}

/// An array passed as an argument, alive for the call `'a`.
#[derive(Clone, Copy)]
pub struct ArrayView<'a> {
    table: *mut sys::zend_array,
    _call: PhantomData<&'a sys::zend_array>,
}

impl ArrayView<'_> {
    /// `zval_get_long()` of the element at string key `key`, when there is one.
    ///
    /// The conversion may run user code (a warning's handler); it cannot change this array,
    /// which the frame holds and which is copied before any write.
    pub fn long_at(self, key: &[u8]) -> Option<zend_long> {
        // SAFETY: the table is live for the call; the key is valid for its length.
        let item = unsafe { sys::zend_hash_str_find(self.table, key.as_ptr().cast(), key.len()) };
        if item.is_null() {
            return None;
        }
        // SAFETY: a found element is a live zval of the table.
        unsafe {
            Some(if sys::z_type(item) == sys::IS_LONG {
                sys::z_lval(item)
            } else {
                sys::zval_get_long_func(item, false)
            })
        }
    }
}
