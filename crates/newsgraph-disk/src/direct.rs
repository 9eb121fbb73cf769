//! Turning direct access on and off, and handing writes to the disk: the
//! calls to the operating system, and what stands in for them where it has
//! none.

use std::fs;
use std::io;

/// Opens `file` for direct reads and writes, or back for access through
/// the cache; whether that worked.
#[cfg(target_os = "linux")]
pub(crate) fn set_direct(file: &fs::File, direct: bool) -> bool {
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
pub(crate) fn set_direct(_file: &fs::File, direct: bool) -> bool {
    !direct
}

/// Opens `file` for direct reads and writes if its position allows them
/// (direct access starts at an aligned offset: a file opened anew is at
/// 0); whether it is.
pub(crate) fn start_direct(file: &fs::File) -> bool {
    use std::io::Seek;
    let aligned = (&*file)
        .stream_position()
        .is_ok_and(|position| position % crate::block::ALIGNMENT as u64 == 0);
    aligned && set_direct(file, true)
}

/// Goes on reading or writing `file` through the page cache.
pub(crate) fn stop_direct(file: &fs::File, direct: &mut bool) -> io::Result<()> {
    if *direct {
        if !set_direct(file, false) {
            return Err(io::Error::last_os_error());
        }
        *direct = false;
    }
    Ok(())
}

/// Whether an error is the file system refusing a direct read or write
/// (`EINVAL`: it has no direct access, or the offset is not aligned).
#[cfg(target_os = "linux")]
pub(crate) fn is_refused_direct_access(error: &io::Error) -> bool {
    error.raw_os_error() == Some(libc::EINVAL)
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn is_refused_direct_access(_error: &io::Error) -> bool {
    false
}

/// Asks the kernel to start writing `length` bytes of `file` at `offset` to
/// the disk, without waiting for it.
#[cfg(target_os = "linux")]
pub(crate) fn hand_to_disk(file: &fs::File, offset: u64, length: u64) {
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
pub(crate) fn hand_to_disk(_file: &fs::File, _offset: u64, _length: u64) {}

/// Whether the file system of the temporary directory takes direct
/// writes, asked without the reader or writer: what their tests expect.
#[cfg(all(test, target_os = "linux"))]
pub(crate) fn temporary_directory_is_direct() -> bool {
    use std::io::Write;
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
    let block = crate::block::Block::new(crate::block::ALIGNMENT);
    block.aligned && file.write_all(block.bytes(0..block.len())).is_ok()
}

#[cfg(all(test, not(target_os = "linux")))]
pub(crate) fn temporary_directory_is_direct() -> bool {
    false
}
