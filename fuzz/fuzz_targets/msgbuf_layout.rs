//! Drives MessageBuffer and the borrowed MsgBuf views through arbitrary operation sequences and
//! checks the msgbuf layout invariants after each step: the type word leads, the payload follows
//! with exactly the bytes written, and capacity never drops below what is in use.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sysvmsg_core::{c_long, MessageBuffer, MsgBuf, MsgBufMut, TYPE_SIZE};

fuzz_target!(|data: &[u8]| {
    let mut buf = MessageBuffer::new();
    let mut expected: Vec<u8> = Vec::new();
    let mut expected_type: c_long = 0;
    let mut ops = data;
    while let Some((&op, rest)) = ops.split_first() {
        ops = rest;
        let take = usize::from(op >> 3).min(ops.len());
        let (arg, rest) = ops.split_at(take);
        ops = rest;
        match op & 7 {
            0 | 1 => {
                expected_type = c_long::from(op) - 100;
                expected = arg.to_vec();
                buf.set_message(expected_type, arg);
            }
            2 => {
                let want = arg.iter().fold(0usize, |acc, &b| acc.wrapping_mul(7).wrapping_add(usize::from(b))) % 100_000;
                buf.try_reserve(want).expect("moderate reservations succeed");
                assert!(buf.capacity() >= want);
            }
            3 => {
                let keep = usize::from(arg.first().copied().unwrap_or(0)) * 3;
                buf.shrink_to(keep);
            }
            4 | 5 => {
                let bytes = buf.as_msgbuf().as_bytes().to_vec();
                assert_eq!(bytes.len(), TYPE_SIZE + expected.len());
                assert_eq!(&bytes[TYPE_SIZE..], &expected[..]);
            }
            _ => {
                // Borrowed views over arbitrary (mis)aligned windows of an aligned block.
                let mut words = vec![0 as c_long; 2 + arg.len() / TYPE_SIZE];
                // SAFETY: viewing initialised c_longs as bytes.
                let block: &mut [u8] = unsafe {
                    std::slice::from_raw_parts_mut(words.as_mut_ptr().cast(), words.len() * TYPE_SIZE)
                };
                let start = usize::from(arg.first().copied().unwrap_or(0)) % TYPE_SIZE;
                let window = &mut block[start..];
                let aligned = start == 0;
                match MsgBufMut::from_bytes(window) {
                    Ok(mut view) => {
                        assert!(aligned);
                        view.set_mtype(expected_type);
                        assert_eq!(&view.as_msgbuf().as_bytes()[..TYPE_SIZE], &expected_type.to_ne_bytes()[..]);
                    }
                    Err(_) => assert!(!aligned),
                }
                assert_eq!(MsgBuf::from_bytes(&block[start..]).is_ok(), aligned);
            }
        }
        assert_eq!(buf.payload(), &expected[..]);
        assert_eq!(&buf.as_msgbuf().as_bytes()[..TYPE_SIZE], &expected_type.to_ne_bytes()[..]);
        assert_eq!(buf.mtype(), expected_type);
        assert!(buf.capacity() >= expected.len());
    }
});
