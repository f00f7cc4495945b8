//! Text for the engine, built on the stack.

/// A small formatting buffer on the stack, NUL-terminated for C: warnings are built without heap
/// values, because an error handler can bail out (longjmp) over this frame.
pub struct StackText<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> StackText<N> {
    pub const fn new() -> Self {
        StackText { buf: [0; N], len: 0 }
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }

    /// The text so far as a C string (up to its first NUL byte).
    pub fn as_c_str(&self) -> &std::ffi::CStr {
        std::ffi::CStr::from_bytes_until_nul(&self.buf).unwrap_or_default()
    }

    /// Appends as much of `bytes` as fits.
    pub fn push_bytes(&mut self, bytes: &[u8]) {
        let room = N.saturating_sub(self.len + 1);
        let take = bytes.len().min(room);
        if let (Some(dst), Some(src)) = (self.buf.get_mut(self.len..self.len + take), bytes.get(..take)) {
            dst.copy_from_slice(src);
            self.len += take;
        }
    }
}

impl<const N: usize> std::fmt::Write for StackText<N> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        match self.buf.get_mut(self.len..end) {
            Some(dst) if end < N => {
                dst.copy_from_slice(s.as_bytes());
                self.len = end;
                Ok(())
            }
            _ => Err(std::fmt::Error),
        }
    }
}
