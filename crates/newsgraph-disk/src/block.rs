//! The unit of reading and writing: a buffer at an aligned address.

/// Direct reads and writes start at an address, a file offset and a length
/// that are multiples of the device's block size; 4 KiB is a multiple of
/// every block size in use.
pub(crate) const ALIGNMENT: usize = 4096;

/// How many bytes are read or written at a time: a few milliseconds of a
/// disk's time. (Direct writes of 4 MB move as many bytes a second as
/// those of 8 MB on the machines measured, and 2 MB ones a tenth fewer.)
pub(crate) const BLOCK_BYTES: usize = 4 << 20;

/// How many blocks a reader or writer holds: one being parsed or filled
/// while the others wait or are read or written.
pub(crate) const BLOCKS: usize = 3;

/// A block of memory at an aligned address (where one could be found).
pub(crate) struct Block {
    storage: Vec<u8>,
    start: usize,
    /// Whether the block may be read or written directly.
    pub(crate) aligned: bool,
}

impl Block {
    /// A block of `length` bytes, a multiple of [`ALIGNMENT`].
    pub(crate) fn new(length: usize) -> Block {
        debug_assert!(length > 0 && length % ALIGNMENT == 0);
        let storage = vec![0; length + ALIGNMENT];
        // (`align_offset` may in principle find no offset: the block is then
        // at the start, and read and written through the cache.)
        let offset = storage.as_ptr().align_offset(ALIGNMENT);
        let aligned = offset < ALIGNMENT;
        Block {
            storage,
            start: if aligned { offset } else { 0 },
            aligned,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.storage.len() - ALIGNMENT
    }

    /// The block's bytes in `range`.
    pub(crate) fn bytes(&self, range: std::ops::Range<usize>) -> &[u8] {
        &self.storage[self.start + range.start..self.start + range.end]
    }

    pub(crate) fn bytes_mut(&mut self, range: std::ops::Range<usize>) -> &mut [u8] {
        &mut self.storage[self.start + range.start..self.start + range.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_aligned_and_as_long_as_asked() {
        for length in [ALIGNMENT, 16 * ALIGNMENT] {
            let mut block = Block::new(length);
            assert_eq!(block.len(), length);
            assert_eq!(block.bytes_mut(0..length).len(), length);
            if block.aligned {
                assert_eq!(block.bytes(0..length).as_ptr() as usize % ALIGNMENT, 0);
            }
        }
    }
}
