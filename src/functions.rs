//! The seven functions, in safe code over [`crate::php`].
//!
//! Each reads its arguments directly when they already have the declared types (what almost
//! every call passes) and otherwise hands the whole parse to `zend_parse_parameters` with the C
//! extension's own spec ([`parse`]), so coercion, deprecations and every error text stay PHP's.
//!
//! Zend reports fatal errors (memory_limit) by longjmp over these frames: the values they keep
//! across calls into Zend have no destructors, which `assert_no_drop!` below checks.
#![forbid(unsafe_code)]

use std::fmt::Write;

use sysvmsg_core::{MsgBufMut, Queue, QueueStat, ReceiveFlags, SendFlags};

use crate::buffers::{ZendBlock, ZendBuffer, RECEIVE_BUFFER, SEND_BUFFER, SEND_BUFFER_RETAINED};
use crate::compat;
use crate::php::sys::zend_long;
use crate::php::{self, errors, parse, Arg, Frame, RefOut, ReturnValue, Scalar, StackText};
use crate::queue_class::{self, queue};
use crate::serializer::{self, Serialized, Unserialized};

crate::assert_no_drop!(
    Queue,
    QueueStat,
    SendFlags,
    ReceiveFlags,
    StackText<24>,
    StackText<48>,
    SendArgs<'static>,
    ReceiveArgs<'static>,
    SendOutcome,
    sysvmsg_core::Result<usize>,
    ReturnValue<'static>,
);

/// msg_get_queue(int $key, int $permissions = 0666): SysvMessageQueue|false
pub fn msg_get_queue(args: Frame<'_>, mut return_value: ReturnValue<'_>) {
    let declared = match (args.argc(), args.arg(1).and_then(Arg::long)) {
        (1, Some(key)) => Some((key, 0o666)),
        (2, Some(key)) => args.arg(2).and_then(Arg::long).map(|permissions| (key, permissions)),
        _ => None,
    };
    let Some((key, permissions)) = declared.or_else(|| parse::l_opt_l(&args, 0o666)) else { return };

    // PHP 8.6 refuses a key outside key_t before it makes the object.
    let Some(narrowed) = compat::queue_key(key) else {
        errors::argument_value_error(1, c"is out of range");
        return;
    };
    let permissions = compat::permissions(permissions);
    // The object comes first, as in C: its handle is taken even when msgget then fails.
    queue_class::init_object(&mut return_value, key);
    let opened = if compat::is_private_key(narrowed) {
        Queue::create_private(permissions)
    } else {
        Queue::open(narrowed).or_else(|_| Queue::create_exclusive(narrowed, permissions))
    };
    match opened {
        Ok(queue) => queue_class::bind(&return_value, queue),
        Err(e) => {
            let mut prefix = StackText::<48>::new();
            let _ = prefix.write_str("Failed for key 0x");
            compat::write_key_hex(&mut prefix, key);
            let _ = prefix.write_str(": ");
            errors::warning_errno(prefix.as_bytes(), e.errno());
            return_value.set_bool(false);
        }
    }
}

/// msg_queue_exists(int $key): bool
pub fn msg_queue_exists(args: Frame<'_>, mut return_value: ReturnValue<'_>) {
    let Some(key) = args.only_arg().and_then(Arg::long).or_else(|| parse::l(&args)) else { return };
    let Some(narrowed) = compat::queue_key(key) else {
        errors::argument_value_error(1, c"is out of range");
        return;
    };
    return_value.set_bool(!compat::is_private_key(narrowed) && Queue::open(narrowed).is_ok());
}

/// The queue of a function whose only parameter is `SysvMessageQueue $queue` ("O").
fn only_queue_arg(args: &Frame<'_>) -> Option<Queue> {
    args.only_arg().and_then(queue).or_else(|| parse::o(args, queue_class::class()).and_then(queue))
}

/// msg_remove_queue(SysvMessageQueue $queue): bool
pub fn msg_remove_queue(args: Frame<'_>, mut return_value: ReturnValue<'_>) {
    if let Some(queue) = only_queue_arg(&args) {
        return_value.set_bool(queue.remove().is_ok());
    }
}

/// msg_stat_queue(SysvMessageQueue $queue): array|false
pub fn msg_stat_queue(args: Frame<'_>, mut return_value: ReturnValue<'_>) {
    let Some(queue) = only_queue_arg(&args) else { return };
    let Ok(stat) = queue.stat() else {
        return_value.set_bool(false);
        return;
    };
    return_value.set_long_map(&[
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
    ]);
}

/// msg_set_queue(SysvMessageQueue $queue, array $data): bool
pub fn msg_set_queue(args: Frame<'_>, mut return_value: ReturnValue<'_>) {
    let Some((queue_arg, data)) = parse::oa(&args, queue_class::class()) else { return };
    let Some(queue) = queue(queue_arg) else { return };
    return_value.set_bool(false);
    let Ok(mut stat) = queue.stat() else { return };
    if let Some(uid) = data.long_at(b"msg_perm.uid") {
        stat.set_uid(compat::set_queue_uid(uid));
    }
    if let Some(gid) = data.long_at(b"msg_perm.gid") {
        stat.set_gid(compat::set_queue_gid(gid));
    }
    if let Some(mode) = data.long_at(b"msg_perm.mode") {
        stat.set_mode(compat::set_queue_mode(mode));
    }
    if let Some(qbytes) = data.long_at(b"msg_qbytes") {
        stat.set_qbytes(compat::set_queue_qbytes(qbytes));
    }
    return_value.set_bool(queue.set(&stat).is_ok());
}

/// The arguments of msg_send.
struct SendArgs<'a> {
    queue: Queue,
    message_type: zend_long,
    message: Arg<'a>,
    serialize: bool,
    blocking: bool,
    error_code: Option<RefOut<'a>>,
}

impl<'a> SendArgs<'a> {
    fn read(args: &Frame<'a>) -> Option<Self> {
        Self::declared(args).or_else(|| {
            let (queue_arg, message_type, message, serialize, blocking, error_code) =
                parse::olz_opt_bbz(args, queue_class::class(), (true, true))?;
            Some(SendArgs {
                queue: queue(queue_arg)?,
                message_type,
                message,
                serialize,
                blocking,
                error_code: error_code.map(Arg::by_ref),
            })
        })
    }

    /// The arguments when each already has its declared type.
    #[inline(always)]
    fn declared(args: &Frame<'a>) -> Option<Self> {
        if !(3..=6).contains(&args.argc()) {
            return None;
        }
        Some(SendArgs {
            queue: queue(args.arg(1)?)?,
            message_type: args.arg(2)?.long()?,
            message: args.arg(3)?,
            serialize: args.arg(4).map_or(Some(true), Arg::bool)?,
            blocking: args.arg(5).map_or(Some(true), Arg::bool)?,
            error_code: args.arg(6).map(Arg::by_ref),
        })
    }
}

/// What became of a message msg_send was given.
enum SendOutcome {
    Sent,
    /// msgsnd failed with this errno.
    Failed(i32),
    /// Serializing threw: the exception propagates, and nothing was sent.
    Threw,
}

impl From<sysvmsg_core::Result<()>> for SendOutcome {
    fn from(result: sysvmsg_core::Result<()>) -> Self {
        match result {
            Ok(()) => SendOutcome::Sent,
            Err(e) => SendOutcome::Failed(e.errno()),
        }
    }
}

/// msg_send(SysvMessageQueue $queue, int $message_type, $message, bool $serialize = true,
///          bool $blocking = true, &$error_code = null): bool
pub fn msg_send(args: Frame<'_>, mut return_value: ReturnValue<'_>) {
    return_value.set_bool(false);
    let Some(call) = SendArgs::read(&args) else { return };
    let flags = if call.blocking { SendFlags::empty() } else { SendFlags::NO_WAIT };
    let sent = if call.serialize {
        send_serialized(call.queue, call.message_type, call.message, flags)
    } else {
        match call.message.scalar() {
            Scalar::String(bytes) => send_bytes(call.queue, call.message_type, bytes, flags),
            Scalar::Long(value) => {
                let mut text = StackText::<24>::new();
                compat::write_long(&mut text, value);
                send_bytes(call.queue, call.message_type, text.as_bytes(), flags)
            }
            Scalar::Bool(value) => send_bytes(call.queue, call.message_type, if value { b"1" } else { b"0" }, flags),
            Scalar::Double(value) => php::with_float_text(value, |text| send_bytes(call.queue, call.message_type, text, flags)),
            Scalar::Other => {
                errors::argument_type_error(3, c"must be of type string|int|float|bool", call.message);
                return;
            }
        }
    };
    match sent {
        SendOutcome::Sent => return_value.set_bool(true),
        SendOutcome::Failed(errno) => {
            // Difference 3: the errno is the msgsnd's, whatever the warning's handler does.
            errors::warning_errno(b"msgsnd failed: ", errno);
            if let Some(error_code) = call.error_code {
                error_code.assign_long(zend_long::from(errno));
            }
        }
        SendOutcome::Threw => {}
    }
}

/// Serializes `message` in place behind the type word and sends it.
fn send_serialized(queue: Queue, message_type: zend_long, message: Arg<'_>, flags: SendFlags) -> SendOutcome {
    match serializer::serialize_after_type_word(message) {
        Serialized::Built(mut msgbuf) => {
            let sent = send_in_place(queue, msgbuf.msgbuf_bytes(), message_type, flags);
            msgbuf.free();
            sent
        }
        Serialized::Threw => SendOutcome::Threw,
    }
}

/// Sends `payload` with `message_type`, from the reused buffer or, for a large payload, from a
/// temporary block on Zend's heap (so memory_limit applies as it does for the C extension).
fn send_bytes(queue: Queue, message_type: zend_long, payload: &[u8], flags: SendFlags) -> SendOutcome {
    if payload.len() <= SEND_BUFFER_RETAINED {
        return SEND_BUFFER.with(|slot| {
            slot.with(|buf| {
                buf.set_message(message_type, payload);
                SendOutcome::from(queue.send(buf.as_msgbuf(), flags))
            })
        });
    }
    let mut block = ZendBlock::message(payload);
    let sent = send_in_place(queue, block.bytes_mut(), message_type, flags);
    block.free();
    sent
}

/// Writes `message_type` into the type word at the front of `msgbuf` and sends it where it lies.
fn send_in_place(queue: Queue, msgbuf: &mut [u8], message_type: zend_long, flags: SendFlags) -> SendOutcome {
    match MsgBufMut::from_bytes(msgbuf) {
        Ok(mut msg) => {
            msg.set_mtype(message_type);
            SendOutcome::from(queue.send(msg.as_msgbuf(), flags))
        }
        // Both callers hand over 8-aligned memory with room for the type word; unreachable.
        Err(_) => SendOutcome::Failed(libc::EINVAL),
    }
}

/// The arguments of msg_receive.
struct ReceiveArgs<'a> {
    queue: Queue,
    desired_message_type: zend_long,
    received_message_type: RefOut<'a>,
    max_message_size: zend_long,
    message: RefOut<'a>,
    unserialize: bool,
    flags: zend_long,
    error_code: Option<RefOut<'a>>,
}

impl<'a> ReceiveArgs<'a> {
    fn read(args: &Frame<'a>) -> Option<Self> {
        Self::declared(args).or_else(|| {
            let (queue_arg, desired_message_type, received_message_type, max_message_size, message, unserialize, flags, error_code) =
                parse::olzlz_opt_blz(args, queue_class::class(), (true, 0))?;
            Some(ReceiveArgs {
                queue: queue(queue_arg)?,
                desired_message_type,
                received_message_type: received_message_type.by_ref(),
                max_message_size,
                message: message.by_ref(),
                unserialize,
                flags,
                error_code: error_code.map(Arg::by_ref),
            })
        })
    }

    /// The arguments when each already has its declared type.
    #[inline(always)]
    fn declared(args: &Frame<'a>) -> Option<Self> {
        if !(5..=8).contains(&args.argc()) {
            return None;
        }
        Some(ReceiveArgs {
            queue: queue(args.arg(1)?)?,
            desired_message_type: args.arg(2)?.long()?,
            received_message_type: args.arg(3)?.by_ref(),
            max_message_size: args.arg(4)?.long()?,
            message: args.arg(5)?.by_ref(),
            unserialize: args.arg(6).map_or(Some(true), Arg::bool)?,
            flags: args.arg(7).map_or(Some(0), Arg::long)?,
            error_code: args.arg(8).map(Arg::by_ref),
        })
    }
}

/// msg_receive(SysvMessageQueue $queue, int $desired_message_type, &$received_message_type,
///             int $max_message_size, mixed &$message, bool $unserialize = true, int $flags = 0,
///             &$error_code = null): bool
pub fn msg_receive(args: Frame<'_>, mut return_value: ReturnValue<'_>) {
    return_value.set_bool(false);
    let Some(call) = ReceiveArgs::read(&args) else { return };
    let Some(max_size) = usize::try_from(call.max_message_size).ok().filter(|&size| size > 0) else {
        errors::argument_value_error(4, c"must be greater than 0");
        return;
    };
    let flags = compat::receive_flags(call.flags);
    RECEIVE_BUFFER.with(|slot| {
        slot.with(|buf| match buf.receive(call.queue, max_size, call.desired_message_type, flags) {
            Ok(len) => {
                call.received_message_type.assign_long(buf.mtype());
                if let Some(error_code) = call.error_code {
                    error_code.assign_long(0);
                }
                return_value.set_bool(true);
                deliver_message(buf, len, call.unserialize, call.message, &mut return_value);
            }
            Err(e) => {
                call.received_message_type.assign_long(0);
                call.message.assign_false();
                if let Some(error_code) = call.error_code {
                    error_code.assign_long(zend_long::from(e.errno()));
                }
            }
        })
    });
}

/// Stores the received message (`len` payload bytes in `buf`) into `$message`: as PHP values, or
/// as the raw bytes.
fn deliver_message(buf: &mut ZendBuffer, len: usize, unserialize: bool, message: RefOut<'_>, return_value: &mut ReturnValue<'_>) {
    if !unserialize {
        message.assign_bytes(buf.payload(len));
        return;
    }
    serializer::unserialize_then(compat::unserialize_input(buf, len), |outcome| match outcome {
        Unserialized::Value(value) => message.assign_owned(value),
        Unserialized::Corrupted => {
            errors::warning(c"Message corrupted");
            message.assign_false();
            return_value.set_bool(false);
        }
    });
}
