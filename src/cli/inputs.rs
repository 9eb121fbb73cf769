//! Finding and reading the text files `newsgraph build` was given.
//!
//! Unreadable files are not errors here: they are collected as [`Skipped`]
//! so that the rest of the corpus is still built, and the caller reports
//! them. Only a document id claimed by two different files stops the build,
//! because either choice would silently drop an article.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::bail;
use newsgraph::Document;

/// A path that was not read, and why.
#[derive(Debug)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// What reading the inputs found.
#[derive(Debug, Default)]
pub struct ReadInputs {
    /// The documents read, in the order they were found.
    pub documents: Vec<Document>,
    /// The paths read from, parallel to `documents`.
    pub document_paths: Vec<PathBuf>,
    pub skipped: Vec<Skipped>,
    /// Files read as documents whose text is empty or only whitespace.
    pub blank_files: Vec<PathBuf>,
    /// Files read as documents that look like HTML rather than plain text.
    pub html_files: Vec<PathBuf>,
    /// Directories that held no `.txt` file.
    pub directories_without_text: Vec<PathBuf>,
}

/// Reads every input: files as given, directories for the `.txt` files
/// directly inside them, in name order.
///
/// Fails only when two different files would get the same document id.
pub fn read_inputs(inputs: &[PathBuf]) -> anyhow::Result<ReadInputs> {
    let mut found = ReadInputs::default();
    let candidates = list_candidate_files(inputs, &mut found);

    // A document id is a file name, so it must name one file. The same file
    // reached twice (named directly and inside a named directory) is the
    // same document and is read once.
    let mut paths_by_id: HashMap<String, (PathBuf, PathBuf)> = HashMap::new();
    for path in candidates {
        let Some(id) = path.file_name().and_then(|name| name.to_str()) else {
            found.skipped.push(Skipped {
                reason: "file name is not UTF-8, so it cannot be a document id".to_string(),
                path,
            });
            continue;
        };
        let identity = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if let Some((first_path, first_identity)) = paths_by_id.get(id) {
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
        paths_by_id.insert(id.to_string(), (path.clone(), identity));

        match read_document(id, &path) {
            Ok(document) => {
                if document.text.trim().is_empty() {
                    found.blank_files.push(path.clone());
                } else if looks_like_html(&document.text) {
                    found.html_files.push(path.clone());
                }
                found.documents.push(document);
                found.document_paths.push(path);
            }
            Err(reason) => found.skipped.push(Skipped { path, reason }),
        }
    }
    Ok(found)
}

/// The files to read, in command-line order with each directory's files
/// sorted by name. Paths that do not exist or cannot be listed go to
/// `found.skipped`.
fn list_candidate_files(inputs: &[PathBuf], found: &mut ReadInputs) -> Vec<PathBuf> {
    let mut candidates = Vec::new();
    for input in inputs {
        let metadata = match fs::metadata(input) {
            Ok(metadata) => metadata,
            Err(error) => {
                found.skipped.push(Skipped {
                    path: input.clone(),
                    reason: format!("cannot read: {}", describe_io_error(&error)),
                });
                continue;
            }
        };
        if !metadata.is_dir() {
            candidates.push(input.clone());
            continue;
        }
        match text_files_in_directory(input) {
            Ok(files) if files.is_empty() => found.directories_without_text.push(input.clone()),
            Ok(files) => candidates.extend(files),
            Err(error) => found.skipped.push(Skipped {
                path: input.clone(),
                reason: format!("cannot list directory: {}", describe_io_error(&error)),
            }),
        }
    }
    candidates
}

/// The `.txt` entries directly inside `directory`, sorted by name.
///
/// Entries that are not directories are kept even when they cannot be read
/// (a dangling link, say), so that reading reports them by name instead of
/// them silently vanishing from the corpus.
fn text_files_in_directory(directory: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(directory)? {
        let path = entry?.path();
        let is_text_file_name = path
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("txt"));
        if is_text_file_name && !path.is_dir() {
            files.push(path);
        }
    }
    files.sort_by(|left, right| left.file_name().cmp(&right.file_name()));
    Ok(files)
}

/// One file as a document, or the reason it is skipped.
fn read_document(id: &str, path: &Path) -> Result<Document, String> {
    let bytes =
        fs::read(path).map_err(|error| format!("cannot read: {}", describe_io_error(&error)))?;
    newsgraph::document_from_bytes(id, bytes).map_err(|not_text| not_text.to_string())
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
fn looks_like_html(text: &str) -> bool {
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
}
