//! [`DiskReader`]: a file read a block ahead on a thread of its own,
//! directly where the file system allows it.

use std::fs;
use std::io::{self, BufRead, Read};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::block::{Block, BLOCKS, BLOCK_BYTES};
use crate::direct::{is_refused_direct_access, start_direct, stop_direct};

/// A [`BufRead`] over a file whose blocks a thread of its own reads ahead,
/// directly when the file system allows it, through the page cache
/// otherwise: the thread reading the text parses one block while the next
/// are read.
pub struct DiskReader {
    /// The block being read from, and the part of it not yet consumed.
    block: Option<Block>,
    start: usize,
    end: usize,
    /// Whether the end of the file, or an error, was handed over.
    finished: bool,
    /// Whether it was an error, which every later read then reports too.
    failed: bool,
    /// Bytes read directly so far.
    read_directly: u64,
    filled: Receiver<Filled>,
    empty: Option<Sender<Block>>,
    thread: Option<JoinHandle<()>>,
}

/// A block the reading thread filled: how many of its bytes hold the
/// file's text (none at the end of the file), and how many were read
/// directly; or the error that stopped the reading.
struct Filled {
    block: Block,
    read: io::Result<(usize, u64)>,
}

impl DiskReader {
    /// Opens the file at `path` for reading.
    pub fn open(path: &Path) -> io::Result<Self> {
        Self::new(fs::File::open(path)?)
    }

    /// A reader of `file` from its current position.
    pub fn new(file: fs::File) -> io::Result<Self> {
        Self::with_block_bytes(file, BLOCK_BYTES, true)
    }

    /// A reader of blocks of `block_bytes` (a multiple of the alignment),
    /// reading directly only when `try_direct` and the file system allows.
    fn with_block_bytes(file: fs::File, block_bytes: usize, try_direct: bool) -> io::Result<Self> {
        let direct = try_direct && start_direct(&file);
        let (filled_sent, filled) = mpsc::channel();
        let (empty, empty_received) = mpsc::channel();
        for _ in 0..BLOCKS {
            // (The thread holds the receiver until it ends, and it has not
            // started: the send cannot fail.)
            let _ = empty.send(Block::new(block_bytes));
        }
        let thread = std::thread::Builder::new()
            .name("newsgraph-read".into())
            .spawn(move || read_blocks(file, direct, empty_received, filled_sent))?;
        Ok(DiskReader {
            block: None,
            start: 0,
            end: 0,
            finished: false,
            failed: false,
            read_directly: 0,
            filled,
            empty: Some(empty),
            thread: Some(thread),
        })
    }
}

impl BufRead for DiskReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.failed {
            return Err(io::Error::other("reading the file failed earlier"));
        }
        if self.start == self.end && !self.finished {
            if let (Some(block), Some(empty)) = (self.block.take(), &self.empty) {
                // (A thread that ended needs no more blocks.)
                let _ = empty.send(block);
            }
            let Ok(filled) = self.filled.recv() else {
                (self.finished, self.failed) = (true, true);
                return Err(io::Error::other("the thread reading the file stopped"));
            };
            self.block = Some(filled.block);
            self.start = 0;
            self.end = 0;
            match filled.read {
                Ok((0, _)) => self.finished = true,
                Ok((length, directly)) => {
                    self.end = length;
                    self.read_directly += directly;
                }
                Err(error) => {
                    (self.finished, self.failed) = (true, true);
                    return Err(error);
                }
            }
        }
        Ok(match &self.block {
            Some(block) => block.bytes(self.start..self.end),
            None => &[],
        })
    }

    fn consume(&mut self, amount: usize) {
        self.start = (self.start + amount).min(self.end);
    }
}

impl Read for DiskReader {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let count = available.len().min(buffer.len());
        buffer[..count].copy_from_slice(&available[..count]);
        self.consume(count);
        Ok(count)
    }
}

impl Drop for DiskReader {
    fn drop(&mut self) {
        // The thread stops when it has no block to fill, or no one to
        // hand a filled one to.
        drop(self.empty.take());
        let (_, unused) = mpsc::channel();
        drop(std::mem::replace(&mut self.filled, unused));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The reading thread: fills each empty block it is given with the next
/// part of `file`, directly while `direct` holds, and hands it over, until
/// the end of the file (a block holding nothing) or an error. A direct read
/// refused (`EINVAL`: the file system, or a short read that left the
/// offset unaligned) is made through the cache instead, as is all that
/// follows.
fn read_blocks(file: fs::File, mut direct: bool, empty: Receiver<Block>, filled: Sender<Filled>) {
    for mut block in empty {
        let read = fill_block(&file, &mut direct, &mut block);
        let stop = !matches!(read, Ok((length, _)) if length > 0);
        if filled.send(Filled { block, read }).is_err() || stop {
            return;
        }
    }
}

/// Fills `block` from `file` (see [`read_blocks`]): how many bytes, and
/// how many of them read directly; fewer than the block holds only at the
/// end of the file.
fn fill_block(file: &fs::File, direct: &mut bool, block: &mut Block) -> io::Result<(usize, u64)> {
    if *direct && !block.aligned {
        stop_direct(file, direct)?;
    }
    let capacity = block.len();
    let (mut length, mut directly) = (0, 0);
    while length < capacity {
        match (&*file).read(block.bytes_mut(length..capacity)) {
            Ok(0) => break,
            Ok(count) => {
                length += count;
                if *direct {
                    directly += count as u64;
                }
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) if *direct && is_refused_direct_access(&error) => {
                stop_direct(file, direct)?;
            }
            Err(error) => return Err(error),
        }
    }
    Ok((length, directly))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A file of `length` bytes, none alike in any 251.
    fn file_of(length: usize) -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("text");
        let bytes: Vec<u8> = (0..length).map(|at| (at % 251) as u8).collect();
        fs::File::create(&path).unwrap().write_all(&bytes).unwrap();
        (directory, path, bytes)
    }

    #[test]
    fn every_byte_is_read_in_order() {
        // Empty, shorter than the alignment, whole blocks, and more blocks
        // than the reader holds with a partial one at the end.
        for length in [0, 100, 3 * 65_536, 20 * 65_536 + 4097] {
            let (_directory, path, bytes) = file_of(length);
            for try_direct in [true, false] {
                let file = fs::File::open(&path).unwrap();
                let mut reader = DiskReader::with_block_bytes(file, 65_536, try_direct).unwrap();
                let mut read = Vec::new();
                reader.read_to_end(&mut read).unwrap();
                assert!(read == bytes, "length {length}, try_direct {try_direct}");
                if !try_direct {
                    assert_eq!(reader.read_directly, 0);
                } else if crate::direct::temporary_directory_is_direct() {
                    assert_eq!(reader.read_directly, length as u64);
                }
            }
        }
    }

    #[test]
    fn lines_are_read_across_blocks() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("lines");
        let lines: Vec<String> = (0..5_000).map(|at| "word ".repeat(at % 97)).collect();
        fs::write(&path, lines.join("\n")).unwrap();
        let reader =
            DiskReader::with_block_bytes(fs::File::open(&path).unwrap(), 4096, true).unwrap();
        let read: Vec<String> = reader.lines().map(Result::unwrap).collect();
        assert_eq!(read, lines);
    }

    #[test]
    fn a_reader_dropped_early_stops_its_thread() {
        let (_directory, path, bytes) = file_of(40 * 4096);
        let mut reader =
            DiskReader::with_block_bytes(fs::File::open(&path).unwrap(), 4096, true).unwrap();
        let mut first = [0; 10];
        reader.read_exact(&mut first).unwrap();
        assert_eq!(first, bytes[..10]);
        // Joins the thread, which must not wait for blocks no one reads.
        drop(reader);
    }

    #[test]
    fn a_failed_read_is_an_error() {
        let directory = tempfile::tempdir().unwrap();
        // A directory opens, and then fails to read.
        let file = fs::File::open(directory.path()).unwrap();
        let mut reader = DiskReader::new(file).unwrap();
        assert!(reader.read_to_end(&mut Vec::new()).is_err());
        // And stays one: it never reads as the end of the file.
        assert!(reader.read(&mut [0; 10]).is_err());
    }
}
