//! Typed flags for `msgsnd` and `msgrcv`, so a send flag cannot reach a receive and vice versa.

use std::ops::{BitOr, BitOrAssign};

use libc::c_int;

macro_rules! flag_type {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $flag:ident = $value:expr;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
        pub struct $name(c_int);

        impl $name {
            $($(#[$fdoc])* pub const $flag: $name = $name($value);)*

            /// No flags.
            pub const fn empty() -> Self {
                $name(0)
            }

            /// The bits handed to the kernel.
            pub const fn bits(self) -> c_int {
                self.0
            }

            /// Whether every bit of `other` is set.
            pub const fn contains(self, other: Self) -> bool {
                self.0 & other.0 == other.0
            }

            /// These flags without those of `other`.
            pub const fn without(self, other: Self) -> Self {
                $name(self.0 & !other.0)
            }
        }

        impl BitOr for $name {
            type Output = $name;
            fn bitor(self, rhs: Self) -> Self {
                $name(self.0 | rhs.0)
            }
        }

        impl BitOrAssign for $name {
            fn bitor_assign(&mut self, rhs: Self) {
                self.0 |= rhs.0;
            }
        }
    };
}

flag_type! {
    /// Flags of [`crate::Queue::send`].
    SendFlags {
        /// `IPC_NOWAIT`: fail with `EAGAIN` instead of waiting for room in a full queue.
        NO_WAIT = libc::IPC_NOWAIT;
    }
}

flag_type! {
    /// Flags of [`crate::Queue::receive`].
    ReceiveFlags {
        /// `IPC_NOWAIT`: fail with `ENOMSG` instead of waiting for a matching message.
        NO_WAIT = libc::IPC_NOWAIT;
        /// `MSG_NOERROR`: truncate a longer message instead of failing with `E2BIG`.
        NO_ERROR = libc::MSG_NOERROR;
        /// `MSG_EXCEPT`: take the first message whose type is not the one asked for (Linux).
        EXCEPT = libc::MSG_EXCEPT;
    }
}
