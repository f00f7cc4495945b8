//! `sysvmsg`: PHP's System V message queue extension, in Rust.
//!
//! A drop-in replacement for PHP's C ext/sysvmsg: the same seven functions, class and constants,
//! the same bytes on the queue, the same warnings, exceptions and Reflection output. The kernel
//! calls live in the `sysvmsg-core` crate; this crate is the PHP side:
//!
//! - [`functions`]: the seven functions, in safe code, with a fast argument path and Zend's own
//!   parser behind it;
//! - [`php`]: the thin Zend layer under them (call frame, typed arguments, by-reference outputs,
//!   return value, errors) and the raw bindings ([`php::sys`]); every `unsafe` the handlers need
//!   is there;
//! - [`queue_class`]: the final class `SysvMessageQueue`;
//! - [`buffers`]: the send and receive buffers reused from call to call;
//! - [`serializer`]: the bridge to PHP's own serializer;
//! - [`compat`]: every quirk kept for compatibility, and the five deliberate differences;
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
mod php;
mod queue_class;
mod serializer;

use std::cell::UnsafeCell;
use std::ffi::{c_int, CStr, CString};
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::args::Arg;
use ext_php_rs::builders::{FunctionBuilder, ModuleBuilder};
use ext_php_rs::flags::DataType;
use ext_php_rs::zend::{ModuleAllocations, ModuleEntry};

use php::sys;

// Compile-time proof that ext-php-rs was configured for the PHP build that build.rs checked (ZTS, debug, module API).
include!(concat!(env!("OUT_DIR"), "/php_build_check.rs"));

/// The PHP version this build targets: the module version, as with the C extension.
const PHP_VERSION: &str = env!("SYSVMSG_PHP_VERSION");
/// This implementation's name and version, shown in phpinfo() next to "sysvmsg support".
const IMPLEMENTATION: &str = concat!("sysvmsg-rs ", env!("CARGO_PKG_VERSION"), " (Rust)\0");

const SUCCESS: c_int = 0;
const FAILURE: c_int = -1;

fn functions() -> [FunctionBuilder<'static>; 7] {
    let queue = || Arg::new("queue", DataType::object(queue_class::CLASS_NAME));
    // Untyped parameters are declared `mixed` here and have their type cleared in module startup.
    let untyped = |name: &str| Arg::new(name, DataType::Mixed);
    [
        FunctionBuilder::new("msg_get_queue", php_function!(functions::msg_get_queue))
            .arg(Arg::new("key", DataType::Long))
            .arg(Arg::new("permissions", DataType::Long).default("0666"))
            .required_args(1)
            .returns(DataType::object(queue_class::CLASS_NAME), false, false),
        FunctionBuilder::new("msg_send", php_function!(functions::msg_send))
            .arg(queue())
            .arg(Arg::new("message_type", DataType::Long))
            .arg(untyped("message"))
            .arg(Arg::new("serialize", DataType::Bool).default("true"))
            .arg(Arg::new("blocking", DataType::Bool).default("true"))
            .arg(untyped("error_code").as_ref().default("null"))
            .required_args(3)
            .returns(DataType::Bool, false, false),
        FunctionBuilder::new("msg_receive", php_function!(functions::msg_receive))
            .arg(queue())
            .arg(Arg::new("desired_message_type", DataType::Long))
            .arg(untyped("received_message_type").as_ref())
            .arg(Arg::new("max_message_size", DataType::Long))
            .arg(Arg::new("message", DataType::Mixed).as_ref())
            .arg(Arg::new("unserialize", DataType::Bool).default("true"))
            .arg(Arg::new("flags", DataType::Long).default("0"))
            .arg(untyped("error_code").as_ref().default("null"))
            .required_args(5)
            .returns(DataType::Bool, false, false),
        FunctionBuilder::new("msg_remove_queue", php_function!(functions::msg_remove_queue))
            .arg(queue())
            .returns(DataType::Bool, false, false),
        FunctionBuilder::new("msg_stat_queue", php_function!(functions::msg_stat_queue))
            .arg(queue())
            .returns(DataType::Array, false, false),
        FunctionBuilder::new("msg_set_queue", php_function!(functions::msg_set_queue))
            .arg(queue())
            .arg(Arg::new("data", DataType::Array))
            .returns(DataType::Bool, false, false),
        FunctionBuilder::new("msg_queue_exists", php_function!(functions::msg_queue_exists))
            .arg(Arg::new("key", DataType::Long))
            .returns(DataType::Bool, false, false),
    ]
}

/// The arginfo changes ext-php-rs's builder cannot express, applied to the engine's registered
/// copy in module startup: (function, parameter name or `None` for the return type, patch). Each
/// is keyed by name, so a parameter renamed or moved in [`functions()`] fails module startup
/// rather than patching the wrong one.
const ARGINFO_PATCHES: [(&str, Option<&CStr>, TypePatch); 6] = [
    ("msg_get_queue", None, TypePatch::OrFalse),
    ("msg_stat_queue", None, TypePatch::OrFalse),
    ("msg_send", Some(c"message"), TypePatch::Untyped),
    ("msg_send", Some(c"error_code"), TypePatch::Untyped),
    ("msg_receive", Some(c"received_message_type"), TypePatch::Untyped),
    ("msg_receive", Some(c"error_code"), TypePatch::Untyped),
];

#[derive(Clone, Copy)]
enum TypePatch {
    /// `T` becomes `T|false`.
    OrFalse,
    /// No declared type (the C stub's untyped parameters), keeping the by-reference bit.
    Untyped,
}

/// Applies [`ARGINFO_PATCHES`] to the registered functions; false if a function or parameter is
/// not found.
fn patch_arginfo() -> bool {
    const MAY_BE_FALSE: u32 = 1 << sys::IS_FALSE;
    const TYPE_BITS: u32 = (1 << ext_php_rs::ffi::_ZEND_SEND_MODE_SHIFT) - 1;
    // SAFETY: module startup, after the engine registered this module's functions: the function
    // table and each function's arg_info (the return type at index -1, then `num_args`
    // parameters with NUL-terminated names) are live, and nothing else runs meanwhile.
    unsafe {
        let cg = ext_php_rs::ffi::ext_php_rs_compiler_globals();
        let table = (*cg).function_table;
        for (function, parameter, patch) in ARGINFO_PATCHES {
            let func = ext_php_rs::ffi::zend_hash_str_find_ptr_lc(table, function.as_ptr().cast(), function.len())
                .cast::<ext_php_rs::ffi::zend_function>();
            if func.is_null() {
                return false;
            }
            let args = (*func).internal_function.arg_info;
            let num_args = (*func).internal_function.num_args as usize;
            if args.is_null() {
                return false;
            }
            let info = match parameter {
                None => args.sub(1),
                Some(name) => {
                    let found = (0..num_args).map(|i| args.add(i)).find(|&info| {
                        !(*info).name.is_null() && CStr::from_ptr((*info).name) == name
                    });
                    let Some(info) = found else { return false };
                    info
                }
            };
            match patch {
                TypePatch::OrFalse => (*info).type_.type_mask |= MAY_BE_FALSE,
                TypePatch::Untyped => (*info).type_.type_mask &= !TYPE_BITS,
            }
        }
        true
    }
}

unsafe extern "C" fn module_startup(_type: c_int, module_number: c_int) -> c_int {
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
    if !patch_arginfo() {
        return FAILURE;
    }
    SUCCESS
}

unsafe extern "C" fn request_startup(_type: c_int, _module_number: c_int) -> c_int {
    buffers::request_startup();
    SUCCESS
}

unsafe extern "C" fn post_deactivate() -> c_int {
    buffers::request_end();
    SUCCESS
}

unsafe extern "C" fn module_info(_module: *mut ModuleEntry) {
    // SAFETY: called by phpinfo() with the output layer ready; the strings are NUL-terminated.
    unsafe {
        sys::php_info_print_table_start();
        sys::php_info_print_table_row(2, c"sysvmsg support".as_ptr(), c"enabled".as_ptr());
        sys::php_info_print_table_row(2, c"sysvmsg implementation".as_ptr(), IMPLEMENTATION.as_ptr());
        sys::php_info_print_table_end();
    }
}

/// The module entry handed to PHP. The engine keeps a pointer to it in its module registry and
/// reads it until the library is unloaded (after module shutdown too), so it lives in static
/// storage and is never freed.
struct EntrySlot(UnsafeCell<MaybeUninit<ModuleEntry>>);
// SAFETY: written only by get_module, which PHP calls while loading extensions (one thread, before
// any request); the engine reads it afterwards.
unsafe impl Sync for EntrySlot {}
static ENTRY: EntrySlot = EntrySlot(UnsafeCell::new(MaybeUninit::uninit()));

/// The allocations ext-php-rs's builder made for [`ENTRY`] (function table, argument infos,
/// names): set by [`get_module`], taken and freed by [`module_shutdown`].
static ALLOCATIONS: AtomicPtr<ModuleAllocations> = AtomicPtr::new(std::ptr::null_mut());

/// The entry point PHP looks up when it loads the extension.
///
/// After a module shutdown that freed the allocations, a PHP that loads the library again
/// without having unloaded it (`ZEND_DONT_UNLOAD_MODULES`, an embedding SAPI started twice) gets
/// a newly built entry.
#[no_mangle]
pub extern "C" fn get_module() -> *mut ModuleEntry {
    let entry = ENTRY.0.get().cast::<ModuleEntry>();
    if ALLOCATIONS.load(Ordering::Acquire).is_null() {
        let mut builder = ModuleBuilder::new("sysvmsg", PHP_VERSION)
            .startup_function(module_startup)
            .shutdown_function(module_shutdown)
            .request_startup_function(request_startup)
            .post_deactivate_function(post_deactivate)
            .info_function(module_info);
        for function in functions() {
            builder = builder.function(function);
        }
        #[allow(clippy::expect_used)]
        let (fresh, _startup, owned) = builder
            .try_into()
            // Fixed names without NUL bytes: only a bug in this file can fail here, at load time.
            .expect("the sysvmsg module table is well-formed");
        // SAFETY: PHP loads extensions on one thread, and no registered module refers to the slot
        // now: this is the first load, or the previous module was shut down and unregistered.
        unsafe { entry.write(fresh) };
        ALLOCATIONS.store(Box::into_raw(Box::new(owned)), Ordering::Release);
    }
    entry
}

/// `MSHUTDOWN`: frees what ext-php-rs's builder allocated for the module entry, though not the entry
/// itself. Without it, every run under LeakSanitizer (`run-tests.php --asan`) reports them once PHP
/// unloads the library.
///
/// What the engine still reads after this hook decides what can go: for a module loaded at startup
/// (`extension=`, MODULE_PERSISTENT) nothing: its registered functions hold their own copies of the
/// names and argument infos (`zend_register_functions` copies every typed arg_info, and all seven
/// functions have a return type), and only the argument names and default texts those copies
/// point to are read again, by Reflection, which cannot run any more. A module loaded by `dl()`
/// (MODULE_TEMPORARY) is different: `module_destructor` walks its function table by name right
/// after this hook returns, so that table and its names are left in place (PHP unloads the library
/// next; this is what ext-php-rs did for every module).
unsafe extern "C" fn module_shutdown(type_: c_int, _module_number: c_int) -> c_int {
    buffers::module_shutdown();
    let owned = ALLOCATIONS.swap(std::ptr::null_mut(), Ordering::AcqRel);
    if !owned.is_null() {
        let persistent = type_ == ext_php_rs::ffi::MODULE_PERSISTENT as c_int;
        // SAFETY: the pointer came from Box::into_raw in get_module and was just unpublished.
        unsafe { free_allocations(*Box::from_raw(owned), persistent) };
    }
    SUCCESS
}

/// Frees the module's allocations: the C strings ext-php-rs's builder leaked into the entry with
/// `CString::into_raw` (function names, argument names, default texts and class type names; see
/// ext-php-rs 0.16's `FunctionBuilder::build`, `Arg::as_arg_info` and `ZendType::empty_from_type`),
/// then the tables and the module name and version. With `with_function_table` false the function table and its names stay
/// allocated (for a `dl()` module, see [`module_shutdown`]).
///
/// # Safety
/// Nothing may read the module's allocations afterwards (see [`module_shutdown`]).
unsafe fn free_allocations(owned: ModuleAllocations, with_function_table: bool) {
    let ModuleAllocations { functions, arg_info, name, version } = owned;
    // ext-php-rs's ZendType marks a class type's name, a leaked CString, with this bit.
    #[cfg(php83)]
    const CLASS_NAME_BIT: u32 = ext_php_rs::ffi::_ZEND_TYPE_LITERAL_NAME_BIT;
    #[cfg(not(php83))]
    const CLASS_NAME_BIT: u32 = ext_php_rs::ffi::_ZEND_TYPE_NAME_BIT;
    for table in arg_info.iter() {
        for (index, arg) in table.iter().enumerate() {
            // SAFETY: each came from CString::into_raw in ext-php-rs (ZendType::empty_from_type,
            // Arg::as_arg_info) and is freed once here. Entry 0 is the return type, whose `name`
            // field holds the required argument count instead of a name.
            unsafe {
                if arg.type_.type_mask & CLASS_NAME_BIT != 0 && !arg.type_.ptr.is_null() {
                    drop(CString::from_raw(arg.type_.ptr.cast()));
                }
                if index == 0 {
                    continue;
                }
                if !arg.name.is_null() {
                    drop(CString::from_raw(arg.name.cast_mut()));
                }
                if !arg.default_value.is_null() {
                    drop(CString::from_raw(arg.default_value.cast_mut()));
                }
            }
        }
    }
    drop(arg_info);
    if with_function_table {
        for function in functions.iter() {
            if !function.fname.is_null() {
                // SAFETY: from CString::into_raw in ext-php-rs's FunctionBuilder::build; the
                // terminating entry has a null name.
                unsafe { drop(CString::from_raw(function.fname.cast_mut())) };
            }
        }
        drop(functions);
    } else {
        std::mem::forget(functions);
    }
    drop((name, version));
}
