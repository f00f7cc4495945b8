//! The seven functions. Each handler reads its arguments on a fast path when they already have
//! the declared types (what almost every call passes) and otherwise hands the whole parse to
//! `zend_parse_parameters` with the C extension's own type spec, so coercion, deprecations and
//! every error text stay PHP's.
//!
//! No Rust value with a destructor lives in these frames while Zend code runs: Zend reports
//! fatal errors (memory_limit) by longjmp, which would skip it.

use std::ffi::c_char;
use std::ptr::{null, null_mut};

use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecuteData;
use sysvmsg_core::{MsgBufMut, Queue, SendFlags, TYPE_SIZE};

use crate::buffers::{ZendBuffer, RECEIVE_BUFFER, SEND_BUFFER};
use crate::compat::{self, StackText};
use crate::queue_class::{self, class_entry, is_queue, queue_of};
use crate::serializer;
use crate::zend::{self, zend_execute_data, zend_long, zval, SmartStr};

/// A raw handler as the engine calls it.
macro_rules! handler {
    ($name:ident => $imp:ident) => {
        pub extern "C" fn $name(ex: &mut ExecuteData, rv: &mut Zval) {
            // SAFETY: the engine calls handlers with its live frame and return slot.
            unsafe { $imp(std::ptr::from_mut(ex).cast(), std::ptr::from_mut(rv).cast()) }
        }
    };
}

handler!(msg_get_queue => msg_get_queue_impl);
handler!(msg_send => msg_send_impl);
handler!(msg_receive => msg_receive_impl);
handler!(msg_remove_queue => msg_remove_queue_impl);
handler!(msg_stat_queue => msg_stat_queue_impl);
handler!(msg_set_queue => msg_set_queue_impl);
handler!(msg_queue_exists => msg_queue_exists_impl);

#[inline(always)]
unsafe fn as_bool(zv: *const zval) -> Option<bool> {
    match unsafe { zend::z_type(zv) } {
        zend::IS_TRUE => Some(true),
        zend::IS_FALSE => Some(false),
        _ => None,
    }
}

#[inline(always)]
unsafe fn as_long(zv: *const zval) -> Option<zend_long> {
    unsafe { (zend::z_type(zv) == zend::IS_LONG).then(|| zend::z_lval(zv)) }
}

/// `zend_parse_parameters(ZEND_NUM_ARGS(), ...)` succeeded.
macro_rules! zpp {
    ($ex:expr, $spec:literal, $($arg:expr),+ $(,)?) => {
        zend::zend_parse_parameters(zend::num_args($ex), $spec.as_ptr(), $($arg),+) == 0
    };
}

/// The argument `n` (1-based) when it was passed.
#[inline(always)]
unsafe fn optional_arg(ex: *mut zend_execute_data, argc: u32, n: u32) -> Option<*mut zval> {
    (n <= argc).then(|| unsafe { zend::call_arg(ex, n as usize) })
}

/// msg_get_queue(int $key, int $permissions = 0666): SysvMessageQueue|false
unsafe fn msg_get_queue_impl(ex: *mut zend_execute_data, rv: *mut zval) {
    unsafe {
        let argc = zend::num_args(ex);
        let mut key: zend_long = 0;
        let mut perms: zend_long = 0o666;
        let fast = match argc {
            1 => as_long(zend::call_arg(ex, 1)).map(|k| key = k).is_some(),
            2 => match (as_long(zend::call_arg(ex, 1)), as_long(zend::call_arg(ex, 2))) {
                (Some(k), Some(p)) => {
                    (key, perms) = (k, p);
                    true
                }
                _ => false,
            },
            _ => false,
        };
        if !fast && !zpp!(ex, c"l|l", &raw mut key, &raw mut perms) {
            return;
        }

        let narrowed = compat::narrow_key(key);
        let permissions = compat::permissions(perms);
        // The object comes first, as in C: its handle is taken even when msgget then fails.
        queue_class::init_queue_object(rv, key);
        let opened = if compat::is_private_key(narrowed) {
            Queue::create_private(permissions)
        } else {
            Queue::open(narrowed).or_else(|_| Queue::create_exclusive(narrowed, permissions))
        };
        match opened {
            Ok(queue) => queue_class::set_queue(rv, queue),
            Err(e) => {
                let mut hex = StackText::<24>::new();
                compat::write_key_hex(&mut hex, key);
                zend::php_error_docref(
                    null(),
                    zend::E_WARNING,
                    c"Failed for key 0x%s: %s".as_ptr(),
                    hex.as_c_ptr(),
                    libc::strerror(e.errno()),
                );
                zend::zval_ptr_dtor(rv);
                zend::zval_set_bool(rv, false);
            }
        }
    }
}

/// msg_queue_exists(int $key): bool
unsafe fn msg_queue_exists_impl(ex: *mut zend_execute_data, rv: *mut zval) {
    unsafe {
        let mut key: zend_long = 0;
        let fast = zend::num_args(ex) == 1 && as_long(zend::call_arg(ex, 1)).map(|k| key = k).is_some();
        if !fast && !zpp!(ex, c"l", &raw mut key) {
            return;
        }
        let narrowed = compat::narrow_key(key);
        let exists = !compat::is_private_key(narrowed) && Queue::open(narrowed).is_ok();
        zend::zval_set_bool(rv, exists);
    }
}

/// The queue of a function whose only parameter is `SysvMessageQueue $queue` ("O").
unsafe fn single_queue_arg(ex: *mut zend_execute_data) -> Option<Queue> {
    unsafe {
        if zend::num_args(ex) == 1 {
            let arg = zend::call_arg(ex, 1);
            if is_queue(arg) {
                return Some(queue_of(arg));
            }
        }
        let mut queue: *mut zval = null_mut();
        if !zpp!(ex, c"O", &raw mut queue, class_entry()) {
            return None;
        }
        Some(queue_of(queue))
    }
}

/// msg_remove_queue(SysvMessageQueue $queue): bool
unsafe fn msg_remove_queue_impl(ex: *mut zend_execute_data, rv: *mut zval) {
    unsafe {
        if let Some(queue) = single_queue_arg(ex) {
            zend::zval_set_bool(rv, queue.remove().is_ok());
        }
    }
}

/// msg_stat_queue(SysvMessageQueue $queue): array|false
unsafe fn msg_stat_queue_impl(ex: *mut zend_execute_data, rv: *mut zval) {
    unsafe {
        let Some(queue) = single_queue_arg(ex) else { return };
        let Ok(stat) = queue.stat() else {
            zend::zval_set_bool(rv, false);
            return;
        };
        let fields: [(&[u8], zend_long); 10] = [
            (b"msg_perm.uid", zend_long::from(stat.uid())),
            (b"msg_perm.gid", zend_long::from(stat.gid())),
            (b"msg_perm.mode", zend_long::from(stat.mode())),
            (b"msg_stime", stat.stime()),
            (b"msg_rtime", stat.rtime()),
            (b"msg_ctime", stat.ctime()),
            (b"msg_qnum", stat.qnum() as zend_long),
            (b"msg_qbytes", stat.qbytes() as zend_long),
            (b"msg_lspid", zend_long::from(stat.lspid())),
            (b"msg_lrpid", zend_long::from(stat.lrpid())),
        ];
        zend::zval_set_new_array(rv);
        for (key, value) in fields {
            zend::add_assoc_long_ex(rv, key.as_ptr().cast(), key.len(), value);
        }
    }
}

/// `zval_get_long`
unsafe fn zval_get_long(zv: *const zval) -> zend_long {
    unsafe { as_long(zv).unwrap_or_else(|| zend::zval_get_long_func(zv.cast_mut(), false)) }
}

/// msg_set_queue(SysvMessageQueue $queue, array $data): bool
unsafe fn msg_set_queue_impl(ex: *mut zend_execute_data, rv: *mut zval) {
    unsafe {
        let mut queue: *mut zval = null_mut();
        let mut data: *mut zval = null_mut();
        if !zpp!(ex, c"Oa", &raw mut queue, class_entry(), &raw mut data) {
            return;
        }
        let queue = queue_of(queue);
        zend::zval_set_bool(rv, false);
        let Ok(mut stat) = queue.stat() else { return };
        let table = (*data).value.arr;
        let lookup = |key: &[u8]| {
            let item = zend::zend_hash_str_find(table, key.as_ptr().cast(), key.len());
            (!item.is_null()).then(|| zval_get_long(item))
        };
        if let Some(v) = lookup(b"msg_perm.uid") {
            stat.set_uid(compat::set_queue_uid(v));
        }
        if let Some(v) = lookup(b"msg_perm.gid") {
            stat.set_gid(compat::set_queue_gid(v));
        }
        if let Some(v) = lookup(b"msg_perm.mode") {
            stat.set_mode(compat::set_queue_mode(v));
        }
        if let Some(v) = lookup(b"msg_qbytes") {
            stat.set_qbytes(compat::set_queue_qbytes(v));
        }
        zend::zval_set_bool(rv, queue.set(&stat).is_ok());
    }
}

/// msg_send(SysvMessageQueue $queue, int $message_type, $message, bool $serialize = true,
///          bool $blocking = true, &$error_code = null): bool
unsafe fn msg_send_impl(ex: *mut zend_execute_data, rv: *mut zval) {
    unsafe {
        zend::zval_set_bool(rv, false);
        let argc = zend::num_args(ex);
        let mut queue: *mut zval = null_mut();
        let mut mtype: zend_long = 0;
        let mut message: *mut zval = null_mut();
        let mut serialize = true;
        let mut blocking = true;
        let mut error_code: *mut zval = null_mut();

        let fast = (3..=6).contains(&argc) && {
            queue = zend::call_arg(ex, 1);
            message = zend::call_arg(ex, 3);
            error_code = optional_arg(ex, argc, 6).unwrap_or(null_mut());
            is_queue(queue)
                && as_long(zend::call_arg(ex, 2)).map(|t| mtype = t).is_some()
                && optional_arg(ex, argc, 4).is_none_or(|a| as_bool(a).map(|b| serialize = b).is_some())
                && optional_arg(ex, argc, 5).is_none_or(|a| as_bool(a).map(|b| blocking = b).is_some())
        };
        if !fast {
            error_code = null_mut();
            if !zpp!(
                ex,
                c"Olz|bbz",
                &raw mut queue,
                class_entry(),
                &raw mut mtype,
                &raw mut message,
                &raw mut serialize,
                &raw mut blocking,
                &raw mut error_code,
            ) {
                return;
            }
        }

        let queue = queue_of(queue);
        let flags = if blocking { SendFlags::empty() } else { SendFlags::NO_WAIT };
        let sent = if serialize {
            send_serialized(queue, mtype, message, flags)
        } else {
            match raw_payload(message, |payload| send_bytes(queue, mtype, payload, flags)) {
                Some(sent) => Some(sent),
                None => {
                    zend::zend_argument_type_error(
                        3,
                        c"must be of type string|int|float|bool, %s given".as_ptr(),
                        zend::zend_zval_given_name(message),
                    );
                    return;
                }
            }
        };

        match sent {
            Some(Ok(())) => zend::zval_set_bool(rv, true),
            Some(Err(e)) => {
                // Difference 3: the errno is the msgsnd's, whatever the warning's handler does.
                let errno = e.errno();
                zend::php_error_docref(null(), zend::E_WARNING, c"msgsnd failed: %s".as_ptr(), libc::strerror(errno));
                if !error_code.is_null() {
                    zend::assign_ref_long(error_code, zend_long::from(errno));
                }
            }
            // Serialization threw: the exception propagates and nothing was sent.
            None => {}
        }
    }
}

/// Serializes `message` in place behind the type word and sends it.
unsafe fn send_serialized(
    queue: Queue,
    mtype: zend_long,
    message: *mut zval,
    flags: SendFlags,
) -> Option<sysvmsg_core::Result<()>> {
    unsafe {
        let mut out = SmartStr { s: null_mut(), a: 0 };
        if !serializer::serialize_after_type_word(&mut out, message) {
            return None;
        }
        // A zend_string's text is 8-aligned and starts with the room left for the type word.
        let bytes = std::slice::from_raw_parts_mut((*out.s).val.as_mut_ptr().cast::<u8>(), (*out.s).len);
        let result = send_in_place(queue, bytes, mtype, flags);
        zend::smart_str_free(&mut out);
        Some(result)
    }
}

/// The bytes msg_send sends for `message` with serialize=false, given to `send`; None for a type
/// that has no such form (the caller throws C's TypeError).
unsafe fn raw_payload<R>(message: *mut zval, send: impl FnOnce(&[u8]) -> R) -> Option<R> {
    unsafe {
        match zend::z_type(message) {
            zend::IS_STRING => Some(send(zend::zstr_bytes(zend::z_str(message)))),
            zend::IS_LONG => {
                let mut text = StackText::<24>::new();
                compat::write_long(&mut text, zend::z_lval(message));
                Some(send(text.as_bytes()))
            }
            zend::IS_FALSE => Some(send(b"0")),
            zend::IS_TRUE => Some(send(b"1")),
            zend::IS_DOUBLE => {
                let mut text: *mut c_char = null_mut();
                let len = zend::zend_spprintf(&mut text, 0, c"%F".as_ptr(), (*message).value.dval);
                let result = send(std::slice::from_raw_parts(text.cast::<u8>(), len));
                zend::_efree(text.cast());
                Some(result)
            }
            _ => None,
        }
    }
}

/// Sends `payload` with `mtype`, from the reused buffer or, for a large payload, from a
/// temporary one on Zend's heap (so memory_limit applies as it does for the C extension).
unsafe fn send_bytes(
    queue: Queue,
    mtype: zend_long,
    payload: &[u8],
    flags: SendFlags,
) -> sysvmsg_core::Result<()> {
    if payload.len() <= compat::SEND_BUFFER_RETAINED {
        return SEND_BUFFER.with(|slot| {
            slot.with(|buf| {
                buf.set_message(mtype, payload);
                queue.send(buf.as_msgbuf(), flags)
            })
        });
    }
    unsafe {
        let size = TYPE_SIZE + payload.len();
        let storage = zend::_emalloc(size).cast::<u8>();
        // Initialise every byte before the slice is made: the type word here, the payload next.
        std::ptr::write_bytes(storage, 0, TYPE_SIZE);
        std::ptr::copy_nonoverlapping(payload.as_ptr(), storage.add(TYPE_SIZE), payload.len());
        // Zend's allocator returns 8-aligned blocks.
        let result = send_in_place(queue, std::slice::from_raw_parts_mut(storage, size), mtype, flags);
        zend::_efree(storage.cast());
        result
    }
}

/// Writes `mtype` into the type word at the front of `msgbuf` and sends it where it lies.
fn send_in_place(queue: Queue, msgbuf: &mut [u8], mtype: zend_long, flags: SendFlags) -> sysvmsg_core::Result<()> {
    match MsgBufMut::from_bytes(msgbuf) {
        Ok(mut msg) => {
            msg.set_mtype(mtype);
            queue.send(msg.as_msgbuf(), flags)
        }
        // Both callers hand over 8-aligned memory with room for the type word; unreachable.
        Err(_) => Err(sysvmsg_core::Error::new(sysvmsg_core::Operation::Send, libc::EINVAL)),
    }
}

/// msg_receive(SysvMessageQueue $queue, int $desired_message_type, &$received_message_type,
///             int $max_message_size, mixed &$message, bool $unserialize = true, int $flags = 0,
///             &$error_code = null): bool
unsafe fn msg_receive_impl(ex: *mut zend_execute_data, rv: *mut zval) {
    unsafe {
        zend::zval_set_bool(rv, false);
        let argc = zend::num_args(ex);
        let mut queue: *mut zval = null_mut();
        let mut desired: zend_long = 0;
        let mut out_type: *mut zval = null_mut();
        let mut max_size: zend_long = 0;
        let mut out_message: *mut zval = null_mut();
        let mut unserialize = true;
        let mut flags: zend_long = 0;
        let mut error_code: *mut zval = null_mut();

        let fast = (5..=8).contains(&argc) && {
            queue = zend::call_arg(ex, 1);
            out_type = zend::call_arg(ex, 3);
            out_message = zend::call_arg(ex, 5);
            error_code = optional_arg(ex, argc, 8).unwrap_or(null_mut());
            is_queue(queue)
                && as_long(zend::call_arg(ex, 2)).map(|t| desired = t).is_some()
                && as_long(zend::call_arg(ex, 4)).map(|m| max_size = m).is_some()
                && optional_arg(ex, argc, 6).is_none_or(|a| as_bool(a).map(|b| unserialize = b).is_some())
                && optional_arg(ex, argc, 7).is_none_or(|a| as_long(a).map(|f| flags = f).is_some())
        };
        if !fast {
            error_code = null_mut();
            if !zpp!(
                ex,
                c"Olzlz|blz",
                &raw mut queue,
                class_entry(),
                &raw mut desired,
                &raw mut out_type,
                &raw mut max_size,
                &raw mut out_message,
                &raw mut unserialize,
                &raw mut flags,
                &raw mut error_code,
            ) {
                return;
            }
        }

        if max_size <= 0 {
            zend::zend_argument_value_error(4, c"must be greater than 0".as_ptr());
            return;
        }
        let queue = queue_of(queue);
        let kernel_flags = compat::receive_flags(flags);
        RECEIVE_BUFFER.with(|slot| {
            slot.with(|buf| {
                match buf.receive(queue, max_size as usize, desired, kernel_flags) {
                    Ok(len) => {
                        zend::assign_ref_long(out_type, buf.mtype());
                        if !error_code.is_null() {
                            zend::assign_ref_long(error_code, 0);
                        }
                        zend::zval_set_bool(rv, true);
                        deliver_message(buf, len, unserialize, out_message, rv);
                    }
                    Err(e) => {
                        zend::assign_ref_long(out_type, 0);
                        zend::assign_ref_false(out_message);
                        if !error_code.is_null() {
                            zend::assign_ref_long(error_code, zend_long::from(e.errno()));
                        }
                    }
                }
            })
        });
    }
}

/// Stores the received message (`len` payload bytes in `buf`) into `$message`: as PHP values, or
/// as the raw bytes.
unsafe fn deliver_message(buf: &mut ZendBuffer, len: usize, unserialize: bool, out_message: *mut zval, rv: *mut zval) {
    unsafe {
        if !unserialize {
            zend::assign_ref_stringl(out_message, buf.payload(len));
            return;
        }
        let deliver = |value: *mut zval, parsed: bool| {
            if parsed {
                zend::assign_ref_tmp(out_message, value);
            } else {
                zend::php_error_docref(null(), zend::E_WARNING, c"Message corrupted".as_ptr());
                zend::assign_ref_false(out_message);
                zend::zval_set_bool(rv, false);
            }
        };
        serializer::unserialize_then(compat::unserialize_input(buf, len), deliver);
    }
}
