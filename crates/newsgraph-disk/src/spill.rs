//! [`SpillFile`]: a temporary file that bytes held long but read seldom are
//! put aside in, from many threads at once, and read back from by where
//! they start.
//!
//! A large build holds data for minutes that it reads once at its end; kept
//! on disk instead of in memory, it lowers the build's peak by as much. The
//! file has no name: the operating system removes it when it is closed,
//! even if the process is killed.

use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

/// How many bytes are gathered before they are written to the file.
const GATHERED_BYTES: usize = 1 << 20;

/// An unnamed temporary file that is appended to and read back at offsets.
///
/// [`SpillFile::put`] appends bytes and returns where they start;
/// [`SpillFile::read`] reads bytes back from there. Both take `&self` and
/// may be called from any thread. Appended bytes are gathered in memory, a
/// megabyte at a time, and written in one call; a read of bytes still
/// gathered writes them first.
pub struct SpillFile {
    file: File,
    appending: Mutex<Appending>,
}

#[derive(Default)]
struct Appending {
    /// Bytes put and not yet written, which follow the written ones.
    gathered: Vec<u8>,
    /// How many bytes the file holds.
    written: u64,
}

impl Appending {
    /// How many bytes have been put: written and gathered.
    fn held(&self) -> u64 {
        self.written + self.gathered.len() as u64
    }
}

impl SpillFile {
    /// A new, empty spill file in `directory`.
    pub fn in_directory(directory: &Path) -> io::Result<Self> {
        Ok(SpillFile {
            file: tempfile::tempfile_in(directory)?,
            appending: Mutex::default(),
        })
    }

    /// Appends `parts`, one after the other, and returns where the first
    /// starts. On an error, nothing of them is kept.
    pub fn put(&self, parts: &[&[u8]]) -> io::Result<u64> {
        let mut appending = self.lock();
        let start = appending.held();
        for part in parts {
            appending.gathered.extend_from_slice(part);
        }
        if appending.gathered.len() >= GATHERED_BYTES {
            if let Err(error) = self.write_gathered(&mut appending) {
                let kept = (start - appending.written) as usize;
                appending.gathered.truncate(kept);
                return Err(error);
            }
        }
        Ok(start)
    }

    /// The `length` bytes put at `start`.
    pub fn read(&self, start: u64, length: usize) -> io::Result<Vec<u8>> {
        let end = start + length as u64;
        let mut bytes = vec![0; length];
        {
            let mut appending = self.lock();
            let held = appending.held();
            if end > held {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("bytes {start}..{end} of a spill file of {held} bytes"),
                ));
            }
            if end > appending.written {
                self.write_gathered(&mut appending)?;
            }
        }
        read_exact_at(&self.file, &mut bytes, start)?;
        Ok(bytes)
    }

    /// How many bytes have been put.
    pub fn len(&self) -> u64 {
        self.lock().held()
    }

    /// Whether nothing has been put.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Appending> {
        // The bytes are consistent whatever a panicking thread was doing:
        // `put` extends them only when its bytes are all there.
        self.appending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn write_gathered(&self, appending: &mut Appending) -> io::Result<()> {
        write_all_at(&self.file, &appending.gathered, appending.written)?;
        appending.written += appending.gathered.len() as u64;
        appending.gathered.clear();
        Ok(())
    }
}

impl std::fmt::Debug for SpillFile {
    /// Its length, not the bytes it holds.
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("SpillFile")
            .field("bytes", &self.len())
            .finish()
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, bytes: &mut [u8], start: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, start)
}

#[cfg(unix)]
fn write_all_at(file: &File, bytes: &[u8], start: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, start)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut bytes: &mut [u8], mut start: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_read(bytes, start) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(read) => {
                bytes = &mut bytes[read..];
                start += read as u64;
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

#[cfg(windows)]
fn write_all_at(file: &File, mut bytes: &[u8], mut start: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_write(bytes, start) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(written) => {
                bytes = &bytes[written..];
                start += written as u64;
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_put_are_read_back_from_where_they_start() {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let spill = SpillFile::in_directory(directory.path()).expect("a spill file");
        assert!(spill.is_empty());
        let first = spill.put(&[b"alpha", b"beta"]).expect("put");
        let second = spill.put(&[b"gamma"]).expect("put");
        assert_eq!((first, second), (0, 9));
        // Still gathered in memory, then written by the read.
        assert_eq!(spill.read(second, 5).expect("read"), b"gamma");
        assert_eq!(spill.read(first, 9).expect("read"), b"alphabeta");
        assert_eq!(spill.read(4, 3).expect("read"), b"abe");
        assert_eq!(spill.len(), 14);
        assert_eq!(format!("{spill:?}"), "SpillFile { bytes: 14 }");
        // No file is left behind in the directory.
        let left = std::fs::read_dir(directory.path()).expect("listed").count();
        assert_eq!(left, 0);
    }

    #[test]
    fn many_threads_put_at_once_and_each_reads_its_own_back() {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let spill = SpillFile::in_directory(directory.path()).expect("a spill file");
        let puts: Vec<Vec<(u64, Vec<u8>)>> = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..4u8)
                .map(|thread| {
                    let spill = &spill;
                    scope.spawn(move || {
                        // Enough bytes that the gathered ones are written
                        // several times over.
                        (0..2_000usize)
                            .map(|index| {
                                let bytes = vec![thread; 1 + index % 1_500];
                                (spill.put(&[&bytes]).expect("put"), bytes)
                            })
                            .collect()
                    })
                })
                .collect();
            threads
                .into_iter()
                .map(|thread| thread.join().expect("no panic"))
                .collect()
        });
        let total: usize = puts.iter().flatten().map(|(_, bytes)| bytes.len()).sum();
        assert_eq!(spill.len(), total as u64);
        for (start, bytes) in puts.iter().flatten() {
            assert_eq!(&spill.read(*start, bytes.len()).expect("read"), bytes);
        }
    }

    #[test]
    fn a_read_past_what_was_put_is_an_error() {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let spill = SpillFile::in_directory(directory.path()).expect("a spill file");
        spill.put(&[b"short"]).expect("put");
        let error = spill.read(3, 4).expect_err("past the end");
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn a_directory_that_does_not_exist_is_an_error() {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let missing = directory.path().join("missing");
        assert!(SpillFile::in_directory(&missing).is_err());
    }
}
