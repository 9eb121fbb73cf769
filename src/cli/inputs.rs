//! Finding and reading what `newsgraph build` was given: text files,
//! directories of them, and JSON Lines corpora (one article a line).
//!
//! Planning lists the sources without reading them; reading then streams
//! them in batches of bounded size, so a corpus far larger than memory can
//! be built. Unreadable files and broken lines are not errors here: they
//! become [`Skipped`] so that the rest of the corpus is still built, and the
//! caller reports them. Only a document id claimed by two different text
//! files stops the build before it starts, because either choice would
//! silently drop an article.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::bail;
use newsgraph::Document;
use newsgraph_disk::DiskReader;
use serde::Deserialize;

/// Where a document came from: a file, and for a JSON Lines corpus its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: Arc<Path>,
    /// 1-based line of a JSON Lines corpus.
    pub line: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(formatter, "{}:{line}", self.path.display()),
            None => write!(formatter, "{}", self.path.display()),
        }
    }
}

/// An input that was not read, and why.
#[derive(Debug)]
pub struct Skipped {
    pub origin: Origin,
    pub reason: String,
}

/// One input file to read.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: Arc<Path>,
    pub kind: SourceKind,
    /// Its size when listed, for progress.
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// One article, whose id is the file name.
    Text { id: String },
    /// A JSON Lines corpus: one article a line.
    JsonLines,
}

/// What planning found.
#[derive(Debug, Default)]
pub struct Plan {
    /// In command-line order, each directory's files sorted by name.
    pub sources: Vec<Source>,
    pub skipped: Vec<Skipped>,
    /// Directories that held neither `.txt` nor `.jsonl` files.
    pub directories_without_inputs: Vec<PathBuf>,
    /// The sum of the sources' sizes.
    pub total_bytes: u64,
}

impl Plan {
    /// The paths the plan reads, to keep outputs from overwriting them.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.sources
            .iter()
            .map(|source| source.path.to_path_buf())
            .collect()
    }
}

/// Lists every input: files as given, directories for the `.txt` and
/// `.jsonl` files directly inside them, in name order. A file is a JSON
/// Lines corpus when its name ends in `.jsonl`; any other file is one
/// article.
///
/// Fails only when two different text files would get the same document id.
pub fn plan_inputs(inputs: &[PathBuf]) -> anyhow::Result<Plan> {
    let mut plan = Plan::default();
    let candidates = list_candidate_files(inputs, &mut plan);

    // A text file's document id is its file name, so it must name one
    // file. The same file reached twice (named directly and inside a named
    // directory) is the same input and is read once.
    let mut text_file_ids: HashMap<String, (PathBuf, PathBuf)> = HashMap::new();
    let mut corpora_seen: Vec<PathBuf> = Vec::new();
    for path in candidates {
        let identity = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        let bytes = fs::metadata(&path)
            .map(|metadata| metadata.len())
            .unwrap_or(0);
        if is_json_lines(&path) {
            if !corpora_seen.contains(&identity) {
                corpora_seen.push(identity);
                plan.total_bytes += bytes;
                plan.sources.push(Source {
                    path: Arc::from(path.as_path()),
                    kind: SourceKind::JsonLines,
                    bytes,
                });
            }
            continue;
        }
        let Some(id) = path.file_name().and_then(|name| name.to_str()) else {
            plan.skipped.push(Skipped {
                reason: "file name is not UTF-8, so it cannot be a document id".to_string(),
                origin: Origin {
                    path: Arc::from(path.as_path()),
                    line: None,
                },
            });
            continue;
        };
        if let Some((first_path, first_identity)) = text_file_ids.get(id) {
            if *first_identity == identity {
                continue;
            }
            bail!(
                "two inputs have the file name `{id}`: {} and {}; a document's id is its file name, \
                 so rename one of them",
                first_path.display(),
                path.display()
            );
        }
        text_file_ids.insert(id.to_string(), (path.clone(), identity));
        plan.total_bytes += bytes;
        plan.sources.push(Source {
            kind: SourceKind::Text { id: id.to_string() },
            path: Arc::from(path.as_path()),
            bytes,
        });
    }
    Ok(plan)
}

fn is_json_lines(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("jsonl"))
}

/// The files to read, in command-line order with each directory's files
/// sorted by name. Paths that do not exist or cannot be listed go to
/// `plan.skipped`.
fn list_candidate_files(inputs: &[PathBuf], plan: &mut Plan) -> Vec<PathBuf> {
    let mut candidates = Vec::new();
    for input in inputs {
        let skip = |reason: String| Skipped {
            origin: Origin {
                path: Arc::from(input.as_path()),
                line: None,
            },
            reason,
        };
        let metadata = match fs::metadata(input) {
            Ok(metadata) => metadata,
            Err(error) => {
                plan.skipped
                    .push(skip(format!("cannot read: {}", describe_io_error(&error))));
                continue;
            }
        };
        if !metadata.is_dir() {
            candidates.push(input.clone());
            continue;
        }
        match input_files_in_directory(input) {
            Ok(files) if files.is_empty() => plan.directories_without_inputs.push(input.clone()),
            Ok(files) => candidates.extend(files),
            Err(error) => plan.skipped.push(skip(format!(
                "cannot list directory: {}",
                describe_io_error(&error)
            ))),
        }
    }
    candidates
}

/// The `.txt` and `.jsonl` entries directly inside `directory`, sorted by
/// name.
///
/// Entries that are not directories are kept even when they cannot be read
/// (a dangling link, say), so that reading reports them by name instead of
/// them silently vanishing from the corpus.
fn input_files_in_directory(directory: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(directory)? {
        let path = entry?.path();
        let is_input_name = path.extension().is_some_and(|extension| {
            extension.eq_ignore_ascii_case("txt") || extension.eq_ignore_ascii_case("jsonl")
        });
        if is_input_name && !path.is_dir() {
            files.push(path);
        }
    }
    files.sort_by(|left, right| left.file_name().cmp(&right.file_name()));
    Ok(files)
}

/// One unit of reading work: a text file, or one line of a corpus.
#[derive(Debug)]
pub enum Pending {
    TextFile { id: String, path: Arc<Path> },
    JsonLine { origin: Origin, line: Vec<u8> },
}

impl Pending {
    pub fn origin(&self) -> Origin {
        match self {
            Pending::TextFile { path, .. } => Origin {
                path: Arc::clone(path),
                line: None,
            },
            Pending::JsonLine { origin, .. } => origin.clone(),
        }
    }

    /// The document, or the reason it is skipped. This is the part of
    /// reading that runs in parallel: file reads, UTF-8 checks and JSON
    /// parsing.
    pub fn load(self) -> Result<Document, String> {
        match self {
            Pending::TextFile { id, path } => read_text_file(&id, &path),
            Pending::JsonLine { line, .. } => parse_json_line(line),
        }
    }
}

/// How much a batch holds before it is handed on: enough to keep every
/// thread busy, little enough that memory stays bounded.
const BATCH_BYTES: u64 = 16 << 20;
const BATCH_ITEMS: usize = 4_096;

/// Reads the plan's sources in order and hands them on in batches, each
/// with the number of input bytes it covers. JSON Lines corpora are read
/// line by line, never whole. A corpus that cannot be opened or read goes
/// to `skipped`, and reading goes on with the next source.
pub fn read_in_batches(
    plan: &Plan,
    mut on_batch: impl FnMut(Vec<Pending>, u64) -> anyhow::Result<()>,
    mut on_skipped: impl FnMut(Skipped),
) -> anyhow::Result<()> {
    let mut batch: Vec<Pending> = Vec::new();
    let mut batch_bytes = 0u64;
    let mut push = |pending: Pending,
                    bytes: u64,
                    batch: &mut Vec<Pending>,
                    batch_bytes: &mut u64|
     -> anyhow::Result<()> {
        batch.push(pending);
        *batch_bytes += bytes;
        if *batch_bytes >= BATCH_BYTES || batch.len() >= BATCH_ITEMS {
            on_batch(std::mem::take(batch), std::mem::take(batch_bytes))?;
        }
        Ok(())
    };
    for source in &plan.sources {
        match &source.kind {
            SourceKind::Text { id } => push(
                Pending::TextFile {
                    id: id.clone(),
                    path: Arc::clone(&source.path),
                },
                source.bytes,
                &mut batch,
                &mut batch_bytes,
            )?,
            SourceKind::JsonLines => {
                // Read a block ahead on a thread of its own, past the page
                // cache where the file system allows it.
                let mut reader = match DiskReader::open(&source.path) {
                    Ok(reader) => reader,
                    Err(error) => {
                        on_skipped(Skipped {
                            origin: Origin {
                                path: Arc::clone(&source.path),
                                line: None,
                            },
                            reason: format!("cannot read: {}", describe_io_error(&error)),
                        });
                        continue;
                    }
                };
                let mut line_number = 0usize;
                loop {
                    let mut line = Vec::new();
                    line_number += 1;
                    let origin = Origin {
                        path: Arc::clone(&source.path),
                        line: Some(line_number),
                    };
                    match reader.read_until(b'\n', &mut line) {
                        Ok(0) => break,
                        Ok(read) => {
                            if line.iter().all(u8::is_ascii_whitespace) {
                                batch_bytes += read as u64;
                                continue;
                            }
                            push(
                                Pending::JsonLine { origin, line },
                                read as u64,
                                &mut batch,
                                &mut batch_bytes,
                            )?;
                        }
                        Err(error) => {
                            on_skipped(Skipped {
                                origin,
                                reason: format!(
                                    "cannot read the rest of the file: {}",
                                    describe_io_error(&error)
                                ),
                            });
                            break;
                        }
                    }
                }
            }
        }
    }
    if !batch.is_empty() {
        on_batch(batch, batch_bytes)?;
    }
    Ok(())
}

/// One file as a document, or the reason it is skipped.
fn read_text_file(id: &str, path: &Path) -> Result<Document, String> {
    let bytes =
        fs::read(path).map_err(|error| format!("cannot read: {}", describe_io_error(&error)))?;
    newsgraph::document_from_bytes(id, bytes).map_err(|not_text| not_text.to_string())
}

/// One article of a JSON Lines corpus. Other fields are allowed and ignored.
#[derive(Debug, Deserialize)]
struct JsonArticle {
    id: String,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// One line of a JSON Lines corpus as a document, or the reason it is
/// skipped.
fn parse_json_line(line: Vec<u8>) -> Result<Document, String> {
    let article: JsonArticle = serde_json::from_slice(&line).map_err(|error| {
        // serde_json places the error within the record; the record is one
        // line, already named, so only the column is worth keeping.
        let message = error.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        let column = match error.column() {
            0 => String::new(),
            column => format!(" (column {column})"),
        };
        format!(
            "not an article: {message}{column}; each line must be a JSON object with string \
             fields `id` and `text` (and optionally `title`, `date`, `url`)"
        )
    })?;
    if article.id.trim().is_empty() {
        return Err("the article's `id` is empty".to_string());
    }
    Ok(Document {
        id: article.id,
        text: article.text,
        title: article.title,
        date: article.date,
        url: article.url,
    })
}

/// An I/O error as a reason, with what to do about the common ones.
fn describe_io_error(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    // ELOOP has no stable ErrorKind yet.
    const TOO_MANY_LINKS: i32 = 40;
    match error.kind() {
        ErrorKind::NotFound => format!("{error}; check the path"),
        ErrorKind::PermissionDenied => {
            format!("{error}; give yourself read permission or leave it out")
        }
        _ if cfg!(target_os = "linux") && error.raw_os_error() == Some(TOO_MANY_LINKS) => {
            format!("{error} (a symbolic link loop?); fix the link or leave it out")
        }
        _ => error.to_string(),
    }
}

/// Whether a text looks like an HTML page rather than an article's plain
/// text: it starts (after any byte order mark and blank space) with a tag,
/// and its first kilobyte names a doctype or one of the tags every page has.
/// Such a file is still read, but its markup would be read as words.
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if !start.starts_with('<') {
        return false;
    }
    let head: String = start.chars().take(1024).collect::<String>().to_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<div",
        "<p>",
        "<meta",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_recognised_and_articles_are_not() {
        assert!(looks_like_html(
            "<!DOCTYPE html><html><body>x</body></html>"
        ));
        assert!(looks_like_html("\u{feff}\n  <html lang=\"en\">"));
        assert!(looks_like_html("<p>Mayor Anna Berg said hi.</p>"));
        assert!(!looks_like_html("Mayor Anna Berg said <html> is old."));
        assert!(!looks_like_html("<3 from Anna"));
        assert!(!looks_like_html(""));
    }

    #[test]
    fn json_lines_become_documents_with_their_metadata() {
        let document = parse_json_line(
            br#"{"id": "n1", "text": "Mayor Anna Berg spoke.", "title": "Berg", "url": null, "lang": "en"}"#
                .to_vec(),
        )
        .unwrap();
        assert_eq!(document.id, "n1");
        assert_eq!(document.text, "Mayor Anna Berg spoke.");
        assert_eq!(document.title.as_deref(), Some("Berg"));
        assert_eq!(document.url, None);
    }

    #[test]
    fn broken_json_lines_say_what_is_wrong() {
        let missing_text = parse_json_line(br#"{"id": "n1"}"#.to_vec()).unwrap_err();
        assert!(
            missing_text.contains("missing field `text`"),
            "{missing_text}"
        );
        let not_json = parse_json_line(b"Mayor Anna Berg spoke.".to_vec()).unwrap_err();
        assert!(not_json.contains("not an article"), "{not_json}");
        let number_id = parse_json_line(br#"{"id": 7, "text": "x"}"#.to_vec()).unwrap_err();
        assert!(number_id.contains("string"), "{number_id}");
        let empty_id = parse_json_line(br#"{"id": " ", "text": "x"}"#.to_vec()).unwrap_err();
        assert!(empty_id.contains("empty"), "{empty_id}");
        let not_utf8 =
            parse_json_line(b"{\"id\": \"a\", \"text\": \"\xff\"}".to_vec()).unwrap_err();
        assert!(not_utf8.contains("not an article"), "{not_utf8}");
    }

    #[test]
    fn corpora_are_read_line_by_line_in_batches() {
        let directory = tempfile::tempdir().unwrap();
        let corpus = directory.path().join("corpus.jsonl");
        let mut text = String::new();
        for index in 0..10 {
            text.push_str(&format!(
                "{{\"id\": \"a{index}\", \"text\": \"Text {index}.\"}}\n"
            ));
            if index == 4 {
                text.push_str("\n   \n");
            }
        }
        fs::write(&corpus, &text).unwrap();
        fs::write(directory.path().join("b.txt"), "Mayor Anna Berg spoke.").unwrap();
        let plan = plan_inputs(&[directory.path().to_path_buf()]).unwrap();
        assert_eq!(plan.sources.len(), 2);
        assert_eq!(plan.total_bytes, text.len() as u64 + 22);

        let mut origins = Vec::new();
        let mut bytes = 0;
        read_in_batches(
            &plan,
            |batch, batch_bytes| {
                bytes += batch_bytes;
                origins.extend(batch.iter().map(|pending| pending.origin().to_string()));
                Ok(())
            },
            |skipped| panic!("{skipped:?}"),
        )
        .unwrap();
        assert_eq!(bytes, plan.total_bytes);
        assert_eq!(origins.len(), 11);
        assert!(origins[0].ends_with("b.txt"));
        assert!(origins[1].ends_with("corpus.jsonl:1"));
        // Blank lines are passed over but still counted.
        assert!(origins[6].ends_with("corpus.jsonl:8"), "{origins:?}");
    }
}
