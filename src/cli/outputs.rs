//! Writing outputs: where they go, refusing to overwrite an input, and
//! writing each file atomically.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{bail, Context};
use newsgraph::export::JsonSink;
use newsgraph::graph::{
    Entity, MergeRecord, Relation, ResolvedSink, RonSink, SpillFile, Statement,
};
use newsgraph::{KnowledgeGraph, OutputFormat, Renderer, SavedGraph};
use newsgraph_disk::DiskWriter;
use rayon::prelude::*;

/// The path of one output: the stem with the format's extension appended.
///
/// The extension is appended, not substituted, so a stem holding a dot
/// (`graphs/news.2024`) keeps it.
pub fn output_path(stem: &Path, format: OutputFormat) -> PathBuf {
    let mut path = OsString::from(stem.as_os_str());
    path.push(".");
    path.push(format.extension());
    PathBuf::from(path)
}

/// Checks that `--out` is a usable stem.
pub fn check_stem(stem: &Path) -> anyhow::Result<()> {
    let text = stem.to_string_lossy();
    if stem.file_name().is_none()
        || text.ends_with('/')
        || text.ends_with(std::path::MAIN_SEPARATOR)
    {
        bail!(
            "--out `{text}` names a directory; give a path without extension, such as `{}`",
            Path::new(text.trim_end_matches(['/', std::path::MAIN_SEPARATOR]))
                .join("graph")
                .display()
        );
    }
    if let Some(format) = stem
        .extension()
        .and_then(|extension| extension.to_str())
        .and_then(OutputFormat::from_extension)
    {
        bail!(
            "--out `{text}` already ends in .{format}; give it without extension, such as `{}` \
             (newsgraph adds .ron, .json, .dot and .svg)",
            stem.with_extension("").display()
        );
    }
    Ok(())
}

/// Fails when an output would overwrite one of the inputs.
pub fn refuse_overwriting_inputs(outputs: &[PathBuf], inputs: &[PathBuf]) -> anyhow::Result<()> {
    let input_identities: Vec<(PathBuf, &PathBuf)> = inputs
        .iter()
        .filter_map(|input| {
            fs::canonicalize(input)
                .ok()
                .map(|identity| (identity, input))
        })
        .collect();
    for output in outputs {
        let Some(output_identity) = identity_of_output(output) else {
            continue;
        };
        if let Some((_, input)) = input_identities
            .iter()
            .find(|(identity, _)| *identity == output_identity)
        {
            bail!(
                "refusing to write {}: it is the input {}; choose another output",
                output.display(),
                input.display()
            );
        }
    }
    Ok(())
}

/// The canonical path an output would have, when its directory exists.
/// The file itself may not exist yet, so its directory is canonicalized and
/// the name joined on; an output in a missing directory is no input.
fn identity_of_output(output: &Path) -> Option<PathBuf> {
    if let Ok(identity) = fs::canonicalize(output) {
        return Some(identity);
    }
    let name = output.file_name()?;
    let directory = directory_of(output);
    fs::canonicalize(directory)
        .ok()
        .map(|directory| directory.join(name))
}

/// The directory a path is in, `.` for a bare file name.
fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// A graph whose outputs are about to be written.
pub enum GraphToWrite {
    /// With its extractions, for RON.
    Whole(KnowledgeGraph),
    /// Resolved alone, when no output holds the extractions.
    Resolved(SavedGraph),
}

impl GraphToWrite {
    /// `graph` resolved on the current rayon pool, ready to be written in
    /// `formats`. Unless one of them is RON, the one output that holds the
    /// extractions, it is taken ([`KnowledgeGraph::into_view`]), and each
    /// extraction is freed once read for the last time, which lowers the
    /// peak memory of a large build.
    pub fn resolve(graph: KnowledgeGraph, formats: &[OutputFormat]) -> Self {
        if formats.contains(&OutputFormat::Ron) {
            let _ = graph.view();
            GraphToWrite::Whole(graph)
        } else {
            GraphToWrite::Resolved(graph.into_view())
        }
    }

    fn view(&self) -> &SavedGraph {
        match self {
            GraphToWrite::Whole(graph) => graph.view(),
            GraphToWrite::Resolved(saved) => saved,
        }
    }

    fn render_to(
        &self,
        format: OutputFormat,
        renderer: Renderer,
        writer: impl Write,
    ) -> Result<(), newsgraph::RenderError> {
        match self {
            GraphToWrite::Whole(graph) => newsgraph::render_to(graph, format, renderer, writer),
            GraphToWrite::Resolved(saved) => {
                newsgraph::render_saved_to(saved, format, renderer, writer)
            }
        }
    }

    /// Its counts, for the summary line.
    pub fn describe(&self) -> String {
        describe_saved(self.view())
    }
}

/// What is left of a graph once its outputs are written: its counts for
/// the summary line, and what it still holds, kept only to be freed at
/// exit.
pub struct WrittenGraph {
    pub description: String,
    _held: Option<GraphToWrite>,
}

/// Whether every output is written as the graph is resolved (RON and
/// JSON; see [`write_as_resolved`]).
fn all_written_as_resolved(outputs: &[(OutputFormat, PathBuf)]) -> bool {
    outputs
        .iter()
        .all(|(format, _)| matches!(format, OutputFormat::Ron | OutputFormat::Json))
}

/// Where graphs put their extractions' statements aside until their outputs
/// are written ([`KnowledgeGraph::put_statements_aside`]): an unnamed
/// temporary file in the directory of the first output, where there is room
/// for the outputs themselves. Failures to make or fill it are warned about
/// once (unless quiet), and the statements stay in memory.
pub struct StatementSpill {
    spill: Arc<SpillFile>,
    directory: PathBuf,
    quiet: bool,
    warned: AtomicBool,
}

impl StatementSpill {
    /// The spill for a build or merge writing `outputs`. Only when every
    /// output is written as the graph is resolved, the writing that reports
    /// a failure to read statements back; DOT and SVG, which resolve the
    /// graph whole, are meant for small graphs. `None` when they are not,
    /// or when the file cannot be made (with a warning unless `quiet`).
    pub fn for_outputs(outputs: &[(OutputFormat, PathBuf)], quiet: bool) -> Option<Self> {
        let (_, first) = outputs.first()?;
        if !all_written_as_resolved(outputs) {
            return None;
        }
        let directory = directory_of(first).to_path_buf();
        match SpillFile::in_directory(&directory) {
            Ok(spill) => Some(StatementSpill {
                spill: Arc::new(spill),
                directory,
                quiet,
                warned: AtomicBool::new(false),
            }),
            Err(error) => {
                warn_statements_kept(&directory, &error, quiet);
                None
            }
        }
    }

    /// Has `graph` put its statements aside here, those it holds and those
    /// added later.
    pub fn take_from(&self, graph: &mut KnowledgeGraph) {
        if let Err(error) = graph.put_statements_aside(Arc::clone(&self.spill)) {
            self.warn_once(&error);
        }
    }

    /// Warns if `graph` stopped putting statements aside here because the
    /// file could not take them.
    pub fn warn_if_stopped(&self, graph: &KnowledgeGraph) {
        if let Some(error) = graph.put_aside_error() {
            self.warn_once(error);
        }
    }

    fn warn_once(&self, error: &std::io::Error) {
        if !self.warned.swap(true, Ordering::Relaxed) {
            warn_statements_kept(&self.directory, error, self.quiet);
        }
    }
}

/// Warns (unless `quiet`) that statements could not be put aside in
/// `directory`, and are kept in memory.
fn warn_statements_kept(directory: &Path, error: &std::io::Error, quiet: bool) {
    if !quiet {
        super::report(format_args!(
            "warning: cannot put statements aside in {} ({error}); keeping them in memory",
            directory.display()
        ));
    }
}

/// Resolves `graph` on the current rayon pool and writes every output (see
/// [`write_graph`]). RON and JSON alone are written as the graph is
/// resolved ([`write_as_resolved`]).
pub fn resolve_and_write(
    graph: KnowledgeGraph,
    outputs: &[(OutputFormat, PathBuf)],
    renderer: Renderer,
) -> anyhow::Result<WrittenGraph> {
    if all_written_as_resolved(outputs) {
        return write_as_resolved(graph, outputs);
    }
    let formats: Vec<OutputFormat> = outputs.iter().map(|(format, _)| *format).collect();
    let graph = GraphToWrite::resolve(graph, &formats);
    write_graph(&graph, outputs, renderer)?;
    Ok(WrittenGraph {
        description: graph.describe(),
        _held: Some(graph),
    })
}

/// Writes the RON and JSON `outputs` as `graph` is resolved, never holding
/// the resolved graph whole (see [`KnowledgeGraph::resolve_to`]): each
/// part of a list goes to every output at once ([`Outputs`]). Without
/// RON, the graph is
/// taken, and each extraction freed once read for the last time
/// ([`KnowledgeGraph::resolve_into`]); RON ends with the extractions, so
/// they are kept. Each output goes to a temporary file beside its target,
/// renamed into place only when every one was written.
fn write_as_resolved(
    graph: KnowledgeGraph,
    outputs: &[(OutputFormat, PathBuf)],
) -> anyhow::Result<WrittenGraph> {
    let path_of = |wanted: OutputFormat| {
        outputs
            .iter()
            .find(|(format, _)| *format == wanted)
            .map(|(_, path)| path.as_path())
    };
    let mut ron_file = path_of(OutputFormat::Ron)
        .map(FileBeing::written)
        .transpose()?;
    let mut json_file = path_of(OutputFormat::Json)
        .map(FileBeing::written)
        .transpose()?;
    let mut sink = Outputs {
        ron: ron_file
            .as_mut()
            .map(|file| RonSink::new(&mut file.writer))
            .transpose()?,
        json: json_file
            .as_mut()
            .map(|file| JsonSink::new(&mut file.writer))
            .transpose()?,
        counts: ListCounts::default(),
    };
    let paths: Vec<String> = outputs
        .iter()
        .map(|(_, path)| path.display().to_string())
        .collect();
    let cannot_write = || format!("cannot write {}", paths.join(" and "));
    let kept = if sink.ron.is_some() {
        graph.resolve_to(&mut sink).with_context(cannot_write)?;
        Some(graph)
    } else {
        graph.resolve_into(&mut sink).with_context(cannot_write)?;
        None
    };
    let Outputs { ron, json, counts } = sink;
    if let (Some(ron), Some(graph)) = (ron, &kept) {
        ron.finish(graph).with_context(cannot_write)?;
    }
    if let Some(json) = json {
        json.finish().with_context(cannot_write)?;
    }
    let written = [ron_file, json_file]
        .into_iter()
        .flatten()
        .map(FileBeing::synced)
        .collect::<anyhow::Result<Vec<_>>>()?;
    for (temporary, path) in written {
        persist(temporary, path)?;
    }
    Ok(WrittenGraph {
        description: counts.describe(),
        _held: kept.map(GraphToWrite::Whole),
    })
}

/// Writes the resolved lists of a graph read without its extractions
/// ([`KnowledgeGraph::load_view`]) as `out` in `format` (JSON, DOT or
/// SVG: RON holds the extractions), the bytes [`resolve_and_write`] writes
/// for the whole graph, through a temporary file beside it. Returns the
/// graph's description.
pub fn write_view(
    view: &SavedGraph,
    format: OutputFormat,
    renderer: Renderer,
    out: &Path,
) -> anyhow::Result<String> {
    if format == OutputFormat::Ron {
        bail!(
            "cannot write {} from the resolved graph alone: RON holds the extractions too",
            out.display()
        );
    }
    if format == OutputFormat::Json {
        return write_view_as_json(view, out);
    }
    let mut file = FileBeing::written(out)?;
    newsgraph::render_saved_to(view, format, renderer, &mut file.writer)
        .with_context(|| format!("cannot render {}", out.display()))?;
    let (temporary, path) = file.synced()?;
    persist(temporary, path)?;
    Ok(describe_saved(view))
}

/// Writes a view as [`write_view`] does, as the JSON `out`: each list
/// handed to the JSON writer in turn, as a build hands it.
fn write_view_as_json(view: &SavedGraph, out: &Path) -> anyhow::Result<String> {
    let cannot_write = || format!("cannot write {}", out.display());
    let mut json_file = FileBeing::written(out)?;
    let mut sink = Outputs::<RonSink<&mut DiskWriter>, _> {
        ron: None,
        json: Some(JsonSink::new(&mut json_file.writer).with_context(cannot_write)?),
        counts: ListCounts::default(),
    };
    view.hand_to(&mut sink).with_context(cannot_write)?;
    let Outputs { json, counts, .. } = sink;
    if let Some(json) = json {
        json.finish().with_context(cannot_write)?;
    }
    let (temporary, path) = json_file.synced()?;
    persist(temporary, path)?;
    Ok(counts.describe())
}

/// An output being written: its temporary file beside its target, and the
/// writer that hands its blocks to the disk.
struct FileBeing<'p> {
    writer: DiskWriter,
    temporary: tempfile::NamedTempFile,
    path: &'p Path,
}

impl<'p> FileBeing<'p> {
    fn written(path: &'p Path) -> anyhow::Result<Self> {
        let temporary = temporary_file_beside(path)?;
        let writer = DiskWriter::new(temporary.as_file())
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(FileBeing {
            writer,
            temporary,
            path,
        })
    }

    /// The file written and synced, ready to be renamed into place.
    fn synced(self) -> anyhow::Result<(tempfile::NamedTempFile, &'p Path)> {
        let FileBeing {
            mut writer,
            temporary,
            path,
        } = self;
        writer
            .flush()
            .with_context(|| format!("cannot write {}", path.display()))?;
        drop(writer);
        temporary
            .as_file()
            .sync_all()
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok((temporary, path))
    }
}

/// How many items of each list a graph holds, counted as they are written.
#[derive(Debug, Default)]
struct ListCounts {
    documents: usize,
    entities: usize,
    statements: usize,
    relations: usize,
}

impl ListCounts {
    fn describe(&self) -> String {
        describe_counts(
            self.documents,
            self.entities,
            self.statements,
            self.relations,
        )
    }
}

/// The RON and JSON being written as the graph is resolved: each part is
/// handed to both at once, on the threads of the current rayon pool, and
/// counted.
struct Outputs<Ron, Json> {
    ron: Option<Ron>,
    json: Option<Json>,
    counts: ListCounts,
}

impl<Ron: ResolvedSink + Send, Json: ResolvedSink + Send> Outputs<Ron, Json> {
    fn each(
        &mut self,
        hand: impl Fn(&mut dyn ResolvedSink) -> std::io::Result<()> + Sync,
    ) -> std::io::Result<()> {
        match (&mut self.ron, &mut self.json) {
            (Some(ron), Some(json)) => {
                let (ron_written, json_written) = rayon::join(|| hand(ron), || hand(json));
                ron_written.and(json_written)
            }
            (Some(ron), None) => hand(ron),
            (None, Some(json)) => hand(json),
            (None, None) => Ok(()),
        }
    }
}

impl<Ron: ResolvedSink + Send, Json: ResolvedSink + Send> ResolvedSink for Outputs<Ron, Json> {
    fn documents(&mut self, documents: &[String]) -> std::io::Result<()> {
        self.counts.documents += documents.len();
        self.each(|sink| sink.documents(documents))
    }

    fn entities(&mut self, entities: &[Entity]) -> std::io::Result<()> {
        self.counts.entities += entities.len();
        self.each(|sink| sink.entities(entities))
    }

    fn statements(&mut self, statements: &[Statement]) -> std::io::Result<()> {
        self.counts.statements += statements.len();
        self.each(|sink| sink.statements(statements))
    }

    fn relations(&mut self, relations: &[Relation]) -> std::io::Result<()> {
        self.counts.relations += relations.len();
        self.each(|sink| sink.relations(relations))
    }

    fn merges(&mut self, merges: &[MergeRecord]) -> std::io::Result<()> {
        self.each(|sink| sink.merges(merges))
    }
}

/// Writes every output: each format into a temporary file beside its
/// target, all at once on the worker threads, and renames them into place
/// only when every one was written, so that a failing renderer (Graphviz
/// missing) or a full disk leaves no half-updated set of outputs. RON and
/// JSON stream into their files, never whole in memory, and are handed to
/// the disk as they are written, so that the sync before the rename does
/// not wait for the whole file ([`DiskWriter`]).
fn write_graph(
    graph: &GraphToWrite,
    outputs: &[(OutputFormat, PathBuf)],
    renderer: Renderer,
) -> anyhow::Result<()> {
    let written: Vec<anyhow::Result<(tempfile::NamedTempFile, &Path)>> = outputs
        .par_iter()
        .map(|(format, path)| {
            let mut file = FileBeing::written(path)?;
            graph
                .render_to(*format, renderer, &mut file.writer)
                .with_context(|| format!("cannot render {}", path.display()))?;
            // Synced here, while other outputs are still being written.
            file.synced()
        })
        .collect();
    let mut temporaries = Vec::with_capacity(written.len());
    for result in written {
        temporaries.push(result?);
    }
    for (temporary, path) in temporaries {
        persist(temporary, path)?;
    }
    Ok(())
}

/// A new temporary file in the directory of `path`, which is created if
/// missing.
fn temporary_file_beside(path: &Path) -> anyhow::Result<tempfile::NamedTempFile> {
    let directory = directory_of(path);
    fs::create_dir_all(directory)
        .with_context(|| format!("cannot create directory {}", directory.display()))?;
    tempfile::Builder::new()
        .prefix(".newsgraph-")
        .suffix(".tmp")
        .tempfile_in(directory)
        .with_context(|| format!("cannot create a temporary file in {}", directory.display()))
}

/// Renames a written and synced temporary file over `path`, so that
/// readers see either the old contents or the new, never a part: the
/// temporary file is in the same directory (a rename across file systems is
/// not atomic), and the directory is synced after the rename so that it
/// survives a crash. A process killed mid-write can leave a
/// `.newsgraph-*.tmp` file behind, never a partial output.
fn persist(temporary: tempfile::NamedTempFile, path: &Path) -> anyhow::Result<()> {
    let write_error = || format!("cannot write {}", path.display());
    give_usual_permissions(temporary.as_file(), path).with_context(write_error)?;
    temporary
        .persist(path)
        .map_err(|error| error.error)
        .with_context(write_error)?;
    sync_directory(directory_of(path)).with_context(write_error)?;
    Ok(())
}

/// Makes a rename in `directory` durable. File systems that cannot sync a
/// directory say so with `EINVAL`; there is nothing more to do on those.
#[cfg(unix)]
fn sync_directory(directory: &Path) -> std::io::Result<()> {
    match fs::File::open(directory)?.sync_all() {
        Err(error) if error.kind() == std::io::ErrorKind::InvalidInput => Ok(()),
        result => result,
    }
}

#[cfg(not(unix))]
fn sync_directory(_directory: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Temporary files are created readable by their owner only; an output
/// should keep the permissions of the file it replaces, or be readable by
/// everyone like any file a user creates.
#[cfg(unix)]
fn give_usual_permissions(file: &fs::File, target: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let permissions = match fs::metadata(target) {
        Ok(existing) => existing.permissions(),
        Err(_) => fs::Permissions::from_mode(0o644),
    };
    file.set_permissions(permissions)
}

#[cfg(not(unix))]
fn give_usual_permissions(_file: &fs::File, _target: &Path) -> std::io::Result<()> {
    Ok(())
}

/// How a summary line names the outputs: `graphs/news.{ron,json}`, or the
/// single file.
pub fn describe_outputs(stem: &Path, formats: &[OutputFormat]) -> String {
    match formats {
        [format] => output_path(stem, *format).display().to_string(),
        _ => {
            let extensions: Vec<&str> = formats.iter().map(|format| format.extension()).collect();
            format!("{}.{{{}}}", stem.display(), extensions.join(","))
        }
    }
}

/// One line of counts for the summaries.
fn describe_saved(saved: &SavedGraph) -> String {
    describe_counts(
        saved.documents.len(),
        saved.entities.len(),
        saved.statements.len(),
        saved.relations.len(),
    )
}

fn describe_counts(
    documents: usize,
    entities: usize,
    statements: usize,
    relations: usize,
) -> String {
    format!("{documents} documents, {entities} entities, {statements} statements, {relations} relations")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_path_appends_the_extension() {
        assert_eq!(
            output_path(Path::new("graphs/news.2024"), OutputFormat::Json),
            PathBuf::from("graphs/news.2024.json")
        );
    }

    #[test]
    fn stems_with_output_extensions_are_refused() {
        assert!(check_stem(Path::new("graphs/news")).is_ok());
        assert!(check_stem(Path::new("graphs/news.2024")).is_ok());
        assert!(check_stem(Path::new("graphs/news.json")).is_err());
        assert!(check_stem(Path::new("graphs/")).is_err());
    }

    #[test]
    fn outputs_are_described_compactly() {
        let stem = Path::new("graphs/news");
        assert_eq!(
            describe_outputs(stem, &OutputFormat::ALL),
            "graphs/news.{ron,json,dot,svg}"
        );
        assert_eq!(
            describe_outputs(stem, &[OutputFormat::Svg]),
            "graphs/news.svg"
        );
    }
}
