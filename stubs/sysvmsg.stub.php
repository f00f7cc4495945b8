<?php

/** @generate-class-entries */

/**
 * PHP-level flag bit of msg_receive(), translated to the kernel's IPC_NOWAIT. Value: 1.
 * @var int
 * @cvalue PHP_MSG_IPC_NOWAIT
 */
const MSG_IPC_NOWAIT = UNKNOWN;

/**
 * errno value (EAGAIN) that msg_send() reports when a non-blocking send finds the queue full. Value on Linux: 11.
 * @var int
 * @cvalue EAGAIN
 */
const MSG_EAGAIN = UNKNOWN;

/**
 * errno value (ENOMSG) that msg_receive() reports when MSG_IPC_NOWAIT finds no matching message. Value on Linux: 42.
 * @var int
 * @cvalue ENOMSG
 */
const MSG_ENOMSG = UNKNOWN;

/**
 * PHP-level flag bit of msg_receive(), translated to the kernel's MSG_NOERROR. Value: 2.
 * @var int
 * @cvalue PHP_MSG_NOERROR
 */
const MSG_NOERROR = UNKNOWN;

/**
 * PHP-level flag bit of msg_receive(), translated to the kernel's MSG_EXCEPT. Value: 4.
 * @var int
 * @cvalue PHP_MSG_EXCEPT
 */
const MSG_EXCEPT = UNKNOWN;

/**
 * @strict-properties
 * @not-serializable
 */
final class SysvMessageQueue
{
}

function msg_get_queue(int $key, int $permissions = 0666): SysvMessageQueue|false {}

/** @param int $error_code */
function msg_send(SysvMessageQueue $queue, int $message_type, $message, bool $serialize = true, bool $blocking = true, &$error_code = null): bool {}

/**
 * @param int $received_message_type
 * @param int $error_code
 */
function msg_receive(SysvMessageQueue $queue, int $desired_message_type, &$received_message_type, int $max_message_size, mixed &$message, bool $unserialize = true, int $flags = 0, &$error_code = null): bool {}

function msg_remove_queue(SysvMessageQueue $queue): bool {}

/** @return array<string, int>|false */
function msg_stat_queue(SysvMessageQueue $queue): array|false {}

function msg_set_queue(SysvMessageQueue $queue, array $data): bool {}

function msg_queue_exists(int $key): bool {}
