//! Reading and writing large files in big aligned blocks, past the
//! kernel's page cache (`O_DIRECT`) where the file system allows it, each
//! file on a thread of its own.
//!
//! A million articles are gigabytes of corpus and tens of gigabytes of
//! graph. Read or written through the page cache, every byte is copied
//! through a cache page, which costs more than parsing or printing it
//! wherever fresh memory is slow to come by (in virtual machines above
//! all), and one large file pushes the rest of the cache out of memory.
//! Read or written directly, the disk moves each block to or from a buffer
//! of the reader's or writer's own, used again and again. Its thread waits
//! for the disk, so the thread parsing or printing never does.
//!
//! Where direct access is refused (a file system without it, an operating
//! system other than Linux), files are read and written through the cache
//! like any other, still a block at a time on their own thread.
//!
//! A [`SpillFile`] holds what a build puts aside until it needs it again:
//! data held long and read seldom, kept on disk rather than in memory.

mod block;
mod direct;
mod reader;
mod spill;
mod writer;

pub use reader::DiskReader;
pub use spill::SpillFile;
pub use writer::DiskWriter;
