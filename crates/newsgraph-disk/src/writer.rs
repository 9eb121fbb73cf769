//! [`DiskWriter`]: a file written a block at a time on a thread of its
//! own, directly where the file system allows it.

use std::fs;
use std::io::{self, Seek, Write};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::block::{Block, ALIGNMENT, BLOCKS, BLOCK_BYTES};
use crate::direct::{hand_to_disk, is_refused_direct_access, start_direct, stop_direct};

/// A [`Write`] for a new, empty file that gathers what it is given into
/// blocks, and has each whole block written by a thread of its own, so
/// that the thread printing the text never waits for the disk: directly
/// when the file system allows it, through the page cache otherwise.
///
/// As with [`io::BufWriter`], call [`Write::flush`] once everything is
/// written: it writes the last partial block, waits until the file holds
/// every byte given, and returns the first error met. Dropping the writer
/// flushes too, ignoring errors. A flush ends direct writing (the file's
/// end is rarely a whole number of blocks): what is written after one goes
/// through the page cache.
pub struct DiskWriter {
    /// The block being filled, and how many of its bytes are text.
    block: Block,
    filled: usize,
    block_bytes: usize,
    /// Blocks the writing thread handed back, and how many were made.
    spare: Vec<Block>,
    blocks_made: usize,
    /// Orders sent and not yet handed back.
    in_flight: usize,
    /// Bytes given to the writing thread so far.
    written: u64,
    /// Of those, the bytes it wrote directly.
    written_directly: u64,
    orders: Option<Sender<Order>>,
    done: Receiver<Done>,
    thread: Option<JoinHandle<()>>,
}

/// The first `length` bytes of `block`, for the writing thread to append
/// to the file; through the page cache from then on if `through_cache`.
struct Order {
    block: Block,
    length: usize,
    through_cache: bool,
}

/// An order's block, handed back to be filled again, and how many of its
/// bytes were written directly, or the error that stopped its writing.
struct Done {
    block: Block,
    written_directly: io::Result<u64>,
}

impl DiskWriter {
    /// A writer of `file`, directly if its file system allows it.
    pub fn new(file: &fs::File) -> io::Result<Self> {
        Self::with_block_bytes(file, BLOCK_BYTES, true)
    }

    /// A writer of blocks of `block_bytes` (a multiple of [`ALIGNMENT`]),
    /// writing directly only when `try_direct` and the file system allows.
    fn with_block_bytes(file: &fs::File, block_bytes: usize, try_direct: bool) -> io::Result<Self> {
        // The writing thread's own handle: it shares the file's position
        // and flags, and only that thread writes.
        let file = file.try_clone()?;
        let direct = try_direct && start_direct(&file);
        let (orders, orders_received) = mpsc::channel();
        let (done_sent, done) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("newsgraph-write".into())
            .spawn(move || write_orders(file, direct, orders_received, done_sent))?;
        Ok(DiskWriter {
            block: Block::new(block_bytes),
            filled: 0,
            block_bytes,
            spare: Vec::new(),
            blocks_made: 1,
            in_flight: 0,
            written: 0,
            written_directly: 0,
            orders: Some(orders),
            done,
            thread: Some(thread),
        })
    }

    /// Sends the first `length` bytes of the block being filled to the
    /// writing thread, and goes on filling another block, which starts with
    /// the bytes after them.
    fn send_block(&mut self, length: usize, through_cache: bool) -> io::Result<()> {
        let mut next = self.empty_block()?;
        let kept = self.filled - length;
        next.bytes_mut(0..kept)
            .copy_from_slice(self.block.bytes(length..self.filled));
        let block = std::mem::replace(&mut self.block, next);
        self.filled = kept;
        let order = Order {
            block,
            length,
            through_cache,
        };
        let sent = self.orders.as_ref().map(|orders| orders.send(order));
        if !matches!(sent, Some(Ok(()))) {
            return Err(writing_thread_stopped());
        }
        self.in_flight += 1;
        self.written += length as u64;
        Ok(())
    }

    /// A block to fill: a spare one, a new one while there are fewer than
    /// [`BLOCKS`], or else the next the writing thread hands back.
    fn empty_block(&mut self) -> io::Result<Block> {
        if self.spare.is_empty() {
            if self.blocks_made < BLOCKS {
                self.blocks_made += 1;
                return Ok(Block::new(self.block_bytes));
            }
            self.receive_done()?;
        }
        self.spare.pop().ok_or_else(writing_thread_stopped)
    }

    /// Waits for the writing thread to hand back a block.
    fn receive_done(&mut self) -> io::Result<()> {
        let Ok(done) = self.done.recv() else {
            // Nothing more will come back.
            self.in_flight = 0;
            return Err(writing_thread_stopped());
        };
        self.in_flight -= 1;
        self.spare.push(done.block);
        self.written_directly += done.written_directly?;
        Ok(())
    }
}

fn writing_thread_stopped() -> io::Error {
    io::Error::other("the thread writing the file stopped")
}

impl Write for DiskWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let count = bytes.len().min(self.block_bytes - self.filled);
        self.block
            .bytes_mut(self.filled..self.filled + count)
            .copy_from_slice(&bytes[..count]);
        self.filled += count;
        if self.filled == self.block_bytes {
            self.send_block(self.block_bytes, false)?;
        }
        Ok(count)
    }

    /// Writes every byte given so far, the last partial 4 KiB through the
    /// page cache, and waits until the writing thread has written them all.
    fn flush(&mut self) -> io::Result<()> {
        let whole_blocks = self.filled / ALIGNMENT * ALIGNMENT;
        let rest = self.filled - whole_blocks;
        if whole_blocks > 0 && rest > 0 {
            self.send_block(whole_blocks, false)?;
        }
        if self.filled > 0 {
            self.send_block(self.filled, rest > 0)?;
        }
        let mut result = Ok(());
        while self.in_flight > 0 {
            let received = self.receive_done();
            result = result.and(received);
        }
        result
    }
}

impl Drop for DiskWriter {
    fn drop(&mut self) {
        let _ = self.flush();
        drop(self.orders.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The writing thread: appends each order's bytes to `file`, directly
/// while `direct` holds, and hands the block back. A direct write refused
/// (`EINVAL`: the file system, or an earlier short write that left the
/// file unaligned) is made through the cache instead, as is all that
/// follows. Through the cache, each order's bytes are handed to the disk
/// as soon as they are written. Once a write fails, nothing more is
/// written: the file would have a hole.
fn write_orders(file: fs::File, mut direct: bool, orders: Receiver<Order>, done: Sender<Done>) {
    // Where the next order is written (only a hint for handing writes to
    // the disk: the file's own position is what counts).
    let mut offset = (&file).stream_position().unwrap_or(0);
    let mut failed = false;
    for order in orders {
        let written_directly = if failed {
            Err(io::Error::other("an earlier write to the file failed"))
        } else {
            write_order(&file, &mut direct, &order, &mut offset)
        };
        failed = written_directly.is_err();
        let done_order = Done {
            block: order.block,
            written_directly,
        };
        if done.send(done_order).is_err() {
            return;
        }
    }
}

/// Writes one order (see [`write_orders`]); how many bytes went directly.
fn write_order(
    file: &fs::File,
    direct: &mut bool,
    order: &Order,
    offset: &mut u64,
) -> io::Result<u64> {
    if *direct && (order.through_cache || !order.block.aligned) {
        stop_direct(file, direct)?;
    }
    let bytes = order.block.bytes(0..order.length);
    let (mut done, mut done_directly) = (0, 0);
    while done < bytes.len() {
        match (&*file).write(&bytes[done..]) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(count) => {
                done += count;
                if *direct {
                    done_directly += count as u64;
                }
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) if *direct && is_refused_direct_access(&error) => stop_direct(file, direct)?,
            Err(error) => return Err(error),
        }
    }
    if !*direct {
        let through_cache = bytes.len() as u64 - done_directly;
        hand_to_disk(file, *offset + done_directly, through_cache);
    }
    *offset += bytes.len() as u64;
    Ok(done_directly)
}

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

    /// Writes `pieces` with a writer of 64 KiB blocks, directly if
    /// `try_direct`, flushing after `flush_after` pieces as well as at the
    /// end; the file's bytes, and the writer's count of bytes written
    /// directly.
    fn write_pieces(pieces: &[Vec<u8>], try_direct: bool, flush_after: usize) -> (Vec<u8>, u64) {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("out");
        let file = fs::File::create(&path).unwrap();
        let written_directly = {
            let mut writer = DiskWriter::with_block_bytes(&file, 64 << 10, try_direct).unwrap();
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
            assert_eq!(writer.in_flight, 0);
            assert!(writer.blocks_made <= BLOCKS);
            if !try_direct {
                assert_eq!(writer.written_directly, 0);
            }
            writer.written_directly
        };
        file.sync_all().unwrap();
        (fs::read(&path).unwrap(), written_directly)
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

    #[test]
    fn whole_blocks_are_written_directly_where_the_file_system_allows() {
        let pieces = pieces();
        let total = pieces.iter().map(Vec::len).sum::<usize>() as u64;
        let (_, directly) = write_pieces(&pieces, true, usize::MAX);
        if crate::direct::temporary_directory_is_direct() {
            // All but the last partial block of 4 KiB.
            assert_eq!(directly, total / ALIGNMENT as u64 * ALIGNMENT as u64);
        } else {
            assert_eq!(directly, 0);
        }
    }

    #[test]
    fn a_failed_write_is_reported_by_the_flush() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("read-only");
        fs::write(&path, b"").unwrap();
        let file = fs::File::open(&path).unwrap();
        let mut writer = DiskWriter::with_block_bytes(&file, 64 << 10, true).unwrap();
        // Less than a block: nothing is written before the flush.
        writer.write_all(&[b'x'; 1000]).unwrap();
        assert!(writer.flush().is_err());
        // More than the blocks the writer holds: the error comes back
        // while writing.
        let mut writer = DiskWriter::with_block_bytes(&file, 64 << 10, true).unwrap();
        let failed = (0..2 * BLOCKS).any(|_| writer.write_all(&[b'x'; 64 << 10]).is_err());
        assert!(failed || writer.flush().is_err());
        drop(writer);
        assert_eq!(fs::read(&path).unwrap(), b"");
    }
}
