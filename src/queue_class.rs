//! The final class `SysvMessageQueue`: an opaque handle holding a queue's key and kernel id.
//!
//! Like the C extension, the object is a Zend object with the queue data in front of it and a
//! handler table of its own: `new` fails with an Error, cloning and comparing are refused, and
//! freeing the object never touches the kernel queue.

use std::ffi::c_int;
use std::mem::offset_of;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::OnceLock;

use sysvmsg_core::Queue;

use crate::php::sys::{self, zend_class_entry, zend_long, zend_object, zend_object_handlers, zval};
use crate::php::{Arg, ClassRef, ReturnValue};

pub const CLASS_NAME: &str = "SysvMessageQueue";

/// The object: queue data, then the standard Zend object, which must come last because the
/// engine allocates its property slots behind it.
#[repr(C)]
struct QueueObject {
    key: zend_long,
    id: c_int,
    std: zend_object,
}

const STD_OFFSET: usize = offset_of!(QueueObject, std);

static CLASS_ENTRY: AtomicPtr<zend_class_entry> = AtomicPtr::new(std::ptr::null_mut());

struct Handlers(zend_object_handlers);
// SAFETY: written once during module startup, read-only afterwards; the raw pointers inside
// point to functions and static data.
unsafe impl Sync for Handlers {}
// SAFETY: as for Sync: the table is immutable once published.
unsafe impl Send for Handlers {}
static HANDLERS: OnceLock<Handlers> = OnceLock::new();

/// The registered class entry (null before module startup).
#[inline(always)]
pub fn class_entry() -> *mut zend_class_entry {
    CLASS_ENTRY.load(Ordering::Relaxed)
}

/// Registers the class in module startup, as the C extension's generated
/// `register_class_SysvMessageQueue()` does (`INIT_CLASS_ENTRY`, `zend_register_internal_class_ex`,
/// then the flags). Done by hand rather than with ext-php-rs's `ClassBuilder`, which reads the
/// engine globals through a lock it allocates once and never frees (a leak report under
/// LeakSanitizer once PHP unloads the library).
pub fn register() -> bool {
    let handlers = HANDLERS.get_or_init(|| {
        // SAFETY: std_object_handlers is initialised by the engine before any module starts.
        let mut h = unsafe { sys::std_object_handlers };
        // An int up to PHP 8.5, a size_t from 8.6 on: the offset is a few bytes either way.
        h.offset = STD_OFFSET as _;
        h.clone_obj = None;
        h.get_constructor = Some(refuse_construction);
        h.compare = Some(sys::zend_objects_not_comparable);
        Handlers(h)
    });
    // SAFETY: module startup, with the engine's string interning and class table ready; the engine
    // copies the zeroed template entry, whose name is a permanent interned string.
    unsafe {
        let Some(intern) = ext_php_rs::ffi::zend_string_init_interned else { return false };
        let mut template = std::mem::MaybeUninit::<zend_class_entry>::zeroed();
        let ce = template.as_mut_ptr();
        (*ce).name = intern(CLASS_NAME.as_ptr().cast(), CLASS_NAME.len(), true);
        #[cfg(php83)]
        {
            (*ce).default_object_handlers = &raw const sys::std_object_handlers;
        }
        let class = ext_php_rs::ffi::zend_register_internal_class_ex(ce, std::ptr::null_mut());
        if class.is_null() {
            return false;
        }
        (*class).ce_flags |= ext_php_rs::ffi::ZEND_ACC_FINAL
            | ext_php_rs::ffi::ZEND_ACC_NO_DYNAMIC_PROPERTIES
            | ext_php_rs::ffi::ZEND_ACC_NOT_SERIALIZABLE;
        (*class).__bindgen_anon_2.create_object = Some(create_object);
        #[cfg(php83)]
        {
            (*class).default_object_handlers = &raw const handlers.0;
        }
        CLASS_ENTRY.store(class, Ordering::Relaxed);
    }
    let _ = handlers;
    true
}

fn handlers_ptr() -> *const zend_object_handlers {
    HANDLERS.get().map_or(std::ptr::null(), |h| &raw const h.0)
}

/// `create_object`: allocates the object with Zend's allocator, as `zend_object_alloc` does.
unsafe extern "C" fn create_object(ce: *mut zend_class_entry) -> *mut zend_object {
    // The class declares no properties and uses no guards, so the embedded zend_object's own
    // one-slot property table is not needed (zend_object_properties_size is negative here).
    let size = std::mem::size_of::<QueueObject>() - std::mem::size_of::<zval>();
    // SAFETY: _emalloc returns `size` bytes for the object (or bails out); the engine's init
    // functions fill the standard part, as zend_object_alloc's callers do.
    unsafe {
        let intern = sys::_emalloc(size).cast::<QueueObject>();
        (*intern).key = 0;
        (*intern).id = -1;
        let std = &raw mut (*intern).std;
        sys::zend_object_std_init(std, ce);
        sys::object_properties_init(std, ce);
        (*std).handlers = handlers_ptr();
        std
    }
}

/// `get_constructor`: the class has no constructor, and `new` must fail like the C extension's.
unsafe extern "C" fn refuse_construction(_obj: *mut zend_object) -> *mut ext_php_rs::ffi::zend_function {
    // SAFETY: a fixed NUL-terminated message without format specifiers.
    unsafe {
        sys::zend_throw_error(
            std::ptr::null_mut(),
            c"Cannot directly construct SysvMessageQueue, use msg_get_queue() instead".as_ptr(),
        );
    }
    std::ptr::null_mut()
}

/// The class, for zend_parse_parameters' "O".
#[inline(always)]
pub fn class() -> ClassRef {
    // SAFETY: the entry the engine registered in module startup (null before, when no function
    // can be called yet).
    unsafe { ClassRef::from_registered(class_entry()) }
}

/// The object data in front of the standard object `std` of a SysvMessageQueue.
///
/// # Safety
/// `std` is the embedded object of a live QueueObject (its class is this one: create_object made it).
unsafe fn container_of(std: *mut zend_object) -> *mut QueueObject {
    // SAFETY: the caller's contract: `std` lies STD_OFFSET bytes into a QueueObject.
    unsafe { std.cast::<u8>().sub(STD_OFFSET).cast::<QueueObject>() }
}

/// The queue of an argument holding a SysvMessageQueue (the check behind the fast argument path,
/// and the read after zend_parse_parameters' "O").
#[inline(always)]
pub fn queue(arg: Arg<'_>) -> Option<Queue> {
    let object = arg.object().filter(|o| o.is_exactly(class()))?;
    // SAFETY: the object's class is exactly this final class, whose objects create_object made.
    Some(Queue::from_id(unsafe { (*container_of(object.as_ptr())).id }))
}

/// Makes the return value a new SysvMessageQueue for `key`, not yet bound to a queue, as the C
/// extension's msg_get_queue does (`object_init_ex`) before it calls msgget: the object's handle
/// is taken while the failure warning's handler runs.
pub fn init_object(return_value: &mut ReturnValue<'_>, key: zend_long) {
    // SAFETY: create_object returns a fresh object of this class (or bails out), whose one
    // reference moves into the return value.
    unsafe {
        let std = create_object(class_entry());
        (*container_of(std)).key = key;
        return_value.set_new_object(std);
    }
}

/// Binds the SysvMessageQueue in the return value (from [`init_object`]) to `queue`.
pub fn bind(return_value: &ReturnValue<'_>, queue: Queue) {
    if let Some(std) = return_value.object() {
        // SAFETY: the object is live; its class is checked to be this one first.
        unsafe {
            if (*std).ce == class_entry() {
                (*container_of(std)).id = queue.id();
            }
        }
    }
}
