//! Writing an output file to the disk in large aligned blocks, past the
//! kernel's page cache (`O_DIRECT`) where the file system allows it.
//!
//! The graph of a million articles is tens of gigabytes of JSON and RON.
//! Written through the page cache, every byte is first copied into a cache
//! page, which costs more than printing it wherever fresh memory is slow to
//! come by (in virtual machines above all), and the output pushes the rest
//! of the cache, the input among it, out of memory. Written directly, the
//! disk reads each block from the writer's own buffer, used again and again.
//!
//! Where direct writing is refused (a file system without it, an operating
//! system other than Linux), the file is written through the cache like
//! any other, and each block is handed to the disk as soon as it is written
//! (`sync_file_range`), so that the sync before the rename waits for the
//! last few megabytes only.

use std::fs;
use std::io::{self, Seek, Write};

/// Direct writes start at an address, a file offset and a length that are
/// multiples of the device's block size; 4 KiB is a multiple of every
/// block size in use.
const ALIGNMENT: usize = 4096;

/// How many bytes are gathered before they are written: a few
/// milliseconds of a disk's time, a few hundred of a bus's transfers.
const BLOCK_BYTES: usize = 8 << 20;

/// A [`Write`] for a new, empty file that gathers what it is given into
/// blocks and writes each whole block at once: directly when the file
/// system allows it, through the page cache otherwise.
///
/// As with [`io::BufWriter`], call [`Write::flush`] once everything is
/// written, to write the last partial block and see its errors; dropping
/// the writer flushes too, ignoring them. A flush ends direct writing
/// (the file's end is rarely a whole number of blocks): what is written
/// after one goes through the page cache.
pub struct DiskWriter<'a> {
    file: &'a fs::File,
    /// Room for one block at an aligned address: the block is
    /// `storage[start..start + block_bytes]`.
    storage: Vec<u8>,
    start: usize,
    block_bytes: usize,
    /// How many bytes of the block hold text not yet written.
    filled: usize,
    /// Whether the file is open for direct writes.
    direct: bool,
    /// Bytes written to the file so far, directly or not.
    written: u64,
    /// Bytes written directly.
    written_directly: u64,
    /// Bytes written through the cache that were handed to the disk.
    handed_over: u64,
}

impl<'a> DiskWriter<'a> {
    /// A writer of `file`, directly if its file system allows it.
    pub fn new(file: &'a fs::File) -> Self {
        Self::with_block_bytes(file, BLOCK_BYTES, true)
    }

    /// A writer of blocks of `block_bytes` (a multiple of [`ALIGNMENT`]),
    /// writing directly only when `try_direct` and the file system allows.
    fn with_block_bytes(file: &'a fs::File, block_bytes: usize, try_direct: bool) -> Self {
        debug_assert!(block_bytes > 0 && block_bytes % ALIGNMENT == 0);
        let storage = vec![0; block_bytes + ALIGNMENT];
        // (`align_offset` may in principle find no offset; the block is then
        // at the start, and written through the cache.)
        let offset = storage.as_ptr().align_offset(ALIGNMENT);
        let aligned = offset < ALIGNMENT;
        // Direct writes must start at an aligned offset too: a new file's
        // is 0.
        let at_aligned_offset = {
            let mut file = file;
            file.stream_position()
                .is_ok_and(|position| position % ALIGNMENT as u64 == 0)
        };
        let direct = try_direct && aligned && at_aligned_offset && set_direct(file, true);
        DiskWriter {
            file,
            storage,
            start: if aligned { offset } else { 0 },
            block_bytes,
            filled: 0,
            direct,
            written: 0,
            written_directly: 0,
            handed_over: 0,
        }
    }

    /// Writes the first `length` bytes of the block to the file, and moves
    /// the rest of the block's text to its start. A direct write refused
    /// (`EINVAL`: the file system, or an earlier short write, left the file
    /// unaligned) is made through the cache instead, as is all that follows.
    fn write_out(&mut self, length: usize) -> io::Result<()> {
        let mut done = 0;
        while done < length {
            let bytes = &self.storage[self.start + done..self.start + length];
            match (&*self.file).write(bytes) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(count) => {
                    done += count;
                    self.written += count as u64;
                    if self.direct {
                        self.written_directly += count as u64;
                    }
                }
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) if self.direct && is_refused_direct_write(&error) => {
                    self.stop_direct()?;
                }
                Err(error) => return Err(error),
            }
        }
        if !self.direct {
            hand_to_disk(self.file, self.handed_over, self.written - self.handed_over);
            self.handed_over = self.written;
        }
        let block = self.start..self.start + self.filled;
        self.storage
            .copy_within(block.start + length..block.end, block.start);
        self.filled -= length;
        Ok(())
    }

    /// Goes on writing through the page cache.
    fn stop_direct(&mut self) -> io::Result<()> {
        if self.direct {
            if !set_direct(self.file, false) {
                return Err(io::Error::last_os_error());
            }
            self.direct = false;
            // What was written directly is on the disk already.
            self.handed_over = self.written;
        }
        Ok(())
    }
}

impl Write for DiskWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let count = bytes.len().min(self.block_bytes - self.filled);
        let at = self.start + self.filled;
        self.storage[at..at + count].copy_from_slice(&bytes[..count]);
        self.filled += count;
        if self.filled == self.block_bytes {
            self.write_out(self.block_bytes)?;
        }
        Ok(count)
    }

    /// Writes every byte given so far: the whole blocks as before, then the
    /// rest through the page cache.
    fn flush(&mut self) -> io::Result<()> {
        if self.filled == 0 {
            return Ok(());
        }
        if self.direct {
            let whole_blocks = self.filled / ALIGNMENT * ALIGNMENT;
            if whole_blocks > 0 {
                self.write_out(whole_blocks)?;
            }
            self.stop_direct()?;
        }
        self.write_out(self.filled)
    }
}

impl Drop for DiskWriter<'_> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Whether an error is the file system refusing a direct write.
#[cfg(target_os = "linux")]
fn is_refused_direct_write(error: &io::Error) -> bool {
    error.raw_os_error() == Some(libc::EINVAL)
}

#[cfg(not(target_os = "linux"))]
fn is_refused_direct_write(_error: &io::Error) -> bool {
    false
}

/// Opens `file` for direct writes, or back for writes through the cache;
/// whether that worked.
#[cfg(target_os = "linux")]
fn set_direct(file: &fs::File, direct: bool) -> bool {
    use std::os::fd::AsRawFd;
    let descriptor = file.as_raw_fd();
    // SAFETY: the descriptor is open for the borrow of `file`; both calls
    // take and return plain integers.
    unsafe {
        let flags = libc::fcntl(descriptor, libc::F_GETFL);
        if flags < 0 {
            return false;
        }
        let flags = if direct {
            flags | libc::O_DIRECT
        } else {
            flags & !libc::O_DIRECT
        };
        libc::fcntl(descriptor, libc::F_SETFL, flags) == 0
    }
}

#[cfg(not(target_os = "linux"))]
fn set_direct(_file: &fs::File, direct: bool) -> bool {
    !direct
}

/// Asks the kernel to start writing `length` bytes of `file` at `offset` to
/// the disk, without waiting for it.
#[cfg(target_os = "linux")]
fn hand_to_disk(file: &fs::File, offset: u64, length: u64) {
    use std::os::fd::AsRawFd;
    // SAFETY: the descriptor is open for the borrow of `file`; the call
    // reads no memory of ours. Its failure only means the final sync has
    // more to do, so it is ignored.
    unsafe {
        // (`as _`: the offset type is `off64_t` with glibc and `off_t`,
        // also 64 bits, with musl.)
        libc::sync_file_range(
            file.as_raw_fd(),
            offset as _,
            length as _,
            libc::SYNC_FILE_RANGE_WRITE,
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn hand_to_disk(_file: &fs::File, _offset: u64, _length: u64) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces of many sizes, so that blocks end inside and between them.
    fn pieces() -> Vec<Vec<u8>> {
        (0..3000u32)
            .map(|piece| {
                (0..(piece * 37) % 9000)
                    .map(|at| (at ^ piece) as u8)
                    .collect()
            })
            .collect()
    }

    /// Writes `pieces` with a writer of 64 KiB blocks made by `make`,
    /// flushing after `flush_after` pieces as well as at the end; the
    /// file's bytes, and the writer's count of bytes written directly.
    fn write_pieces(pieces: &[Vec<u8>], try_direct: bool, flush_after: usize) -> (Vec<u8>, u64) {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("out");
        let file = fs::File::create(&path).unwrap();
        let written_directly = {
            let mut writer = DiskWriter::with_block_bytes(&file, 64 << 10, try_direct);
            for (index, piece) in pieces.iter().enumerate() {
                writer.write_all(piece).unwrap();
                if index + 1 == flush_after {
                    writer.flush().unwrap();
                }
            }
            writer.flush().unwrap();
            assert_eq!(writer.filled, 0);
            assert_eq!(
                writer.written,
                pieces.iter().map(Vec::len).sum::<usize>() as u64
            );
            if !try_direct {
                assert_eq!(writer.written_directly, 0);
                assert_eq!(writer.handed_over, writer.written);
            }
            writer.written_directly
        };
        file.sync_all().unwrap();
        (fs::read(&path).unwrap(), written_directly)
    }

    /// Whether the file system of the temporary directory takes direct
    /// writes, asked without the writer.
    #[cfg(target_os = "linux")]
    fn temporary_directory_writes_directly() -> bool {
        use std::os::unix::fs::OpenOptionsExt;
        let directory = tempfile::tempdir().unwrap();
        let Ok(mut file) = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .custom_flags(libc::O_DIRECT)
            .open(directory.path().join("probe"))
        else {
            return false;
        };
        let storage = vec![7u8; 2 * ALIGNMENT];
        let offset = storage.as_ptr().align_offset(ALIGNMENT);
        file.write_all(&storage[offset..offset + ALIGNMENT]).is_ok()
    }

    #[test]
    fn every_byte_is_written_in_order() {
        let pieces = pieces();
        let expected = pieces.concat();
        assert!(expected.len() > 100 * (64 << 10));
        for try_direct in [true, false] {
            let (written, _) = write_pieces(&pieces, try_direct, usize::MAX);
            assert!(written == expected, "try_direct: {try_direct}");
        }
    }

    #[test]
    fn writing_after_a_flush_goes_on_through_the_cache() {
        let pieces = pieces();
        let expected = pieces.concat();
        let (written, directly) = write_pieces(&pieces, true, 1500);
        assert!(written == expected);
        let before_flush: usize = pieces[..1500].iter().map(Vec::len).sum();
        assert!(directly <= before_flush as u64);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn whole_blocks_are_written_directly_where_the_file_system_allows() {
        let pieces = pieces();
        let total = pieces.iter().map(Vec::len).sum::<usize>() as u64;
        let (_, directly) = write_pieces(&pieces, true, usize::MAX);
        if temporary_directory_writes_directly() {
            // All but the last partial block of 4 KiB.
            assert_eq!(directly, total / ALIGNMENT as u64 * ALIGNMENT as u64);
        } else {
            assert_eq!(directly, 0);
        }
    }
}
