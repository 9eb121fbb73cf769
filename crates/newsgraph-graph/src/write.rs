//! Writing saved graphs as RON, the elements of each list printed on all
//! threads of the current rayon pool.
//!
//! The layout is `ron`'s pretty printer with a depth limit of three: the
//! graph's fields one per line, each list element's fields one per line,
//! and anything deeper (mentions, evidence) on its field's line. Printing a
//! list element alone with a depth limit of one gives the same lines, less
//! indented, so each element is printed on its own, in parallel, straight
//! into place by `ron_text`'s printer; the tests check that the result is
//! byte for byte what `ron` prints for the whole graph at once.

use std::io::{self, Write};

use newsgraph_extract::Extraction;
use rayon::prelude::*;
use serde::Serialize;

use crate::{Entity, MergeRecord, Relation, Statement};

/// A saved graph's fields, borrowed: from a [`crate::SavedGraph`] or from a
/// [`crate::KnowledgeGraph`] that holds its extractions apart.
pub(crate) struct SavedParts<'a> {
    pub format_version: u32,
    pub documents: &'a [String],
    pub entities: &'a [Entity],
    pub statements: &'a [Statement],
    pub relations: &'a [Relation],
    pub merges: &'a [MergeRecord],
    pub extractions: &'a [&'a Extraction],
}

impl<'a> SavedParts<'a> {
    /// The resolved lists of `view` with `extractions`, which a graph may
    /// hold apart from them.
    pub fn of(view: &'a crate::SavedGraph, extractions: &'a [&'a Extraction]) -> Self {
        SavedParts {
            format_version: view.format_version,
            documents: &view.documents,
            entities: &view.entities,
            statements: &view.statements,
            relations: &view.relations,
            merges: &view.merges,
            extractions,
        }
    }
}

/// How many list elements are serialized before they are written out: a
/// bound on the memory the text being written takes.
const ELEMENTS_PER_ROUND: usize = 2_048;
/// How many elements one task serializes.
const ELEMENTS_PER_TASK: usize = 128;
/// The indentation of a list element's lines in the whole graph.
const ELEMENT_INDENT: &str = "        ";

/// Writes the graph as RON ending in a newline.
pub(crate) fn write_ron(parts: &SavedParts<'_>, writer: impl Write) -> io::Result<()> {
    let mut writer = writer;
    writeln!(writer, "(")?;
    writeln!(writer, "    format_version: {},", parts.format_version)?;
    write_list(&mut writer, "documents", parts.documents)?;
    write_list(&mut writer, "entities", parts.entities)?;
    write_list(&mut writer, "statements", parts.statements)?;
    write_list(&mut writer, "relations", parts.relations)?;
    write_list(&mut writer, "merges", parts.merges)?;
    write_list(&mut writer, "extractions", parts.extractions)?;
    writer.write_all(b")\n")
}

fn write_list<T: Serialize + Sync>(
    writer: &mut impl Write,
    name: &str,
    items: &[T],
) -> io::Result<()> {
    if items.is_empty() {
        return writeln!(writer, "    {name}: [],");
    }
    writeln!(writer, "    {name}: [")?;
    // Each round is printed on the pool while this thread writes out the
    // round before it.
    let mut rounds = items.chunks(ELEMENTS_PER_ROUND);
    let mut printed = rounds.next().map(print_round);
    while let Some(texts) = printed.take() {
        let next = rounds.next();
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| printed = next.map(print_round));
            texts
                .into_iter()
                .try_for_each(|text| writer.write_all(&text?))
        })?;
    }
    writeln!(writer, "    ],")
}

/// The text of a round of elements, in pieces printed on all threads.
fn print_round<T: Serialize + Sync>(round: &[T]) -> Vec<io::Result<Vec<u8>>> {
    round
        .par_chunks(ELEMENTS_PER_TASK)
        .map(|task| {
            let mut text = Vec::with_capacity(task.len() * 256);
            for item in task {
                write_element(&mut text, item)?;
            }
            Ok(text)
        })
        .collect()
}

/// One list element as the whole graph prints it: its lines indented to
/// the element's depth, and a comma after it.
fn write_element(text: &mut Vec<u8>, item: &impl Serialize) -> io::Result<()> {
    crate::ron_text::print(text, item, 1, ELEMENT_INDENT)
        .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))?;
    // The element's last line gets the list's separator.
    text.extend_from_slice(b",\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KnowledgeGraph, SavedGraph};
    use newsgraph_extract::{extract, Document};

    /// What `ron` prints for the whole graph at once.
    fn printed_whole(saved: &SavedGraph) -> String {
        let layout = ron::ser::PrettyConfig::default().depth_limit(3);
        ron::ser::to_string_pretty(saved, layout).unwrap() + "\n"
    }

    fn graph_of(texts: &[&str]) -> SavedGraph {
        let mut graph = KnowledgeGraph::new();
        for (index, text) in texts.iter().enumerate() {
            graph.add(extract(&Document::new(format!("d{index}.txt"), *text)));
        }
        graph.to_saved()
    }

    #[test]
    fn elements_printed_apart_are_the_graph_printed_whole() {
        let graphs = [
            SavedGraph::default(),
            graph_of(&[""]),
            graph_of(&[
                "Mayor Anna Berg said on Monday that the harbour in Lisbon would reopen. \
                 \"It is \\\"safe\\\"\nnow,\" Berg told the Lisbon Port Authority (LPA).",
                "Councillor Tomas Reyes met Anna Berg in Porto. Reyes accused the LPA of delays.",
                "Forecaster Lena Ortiz said heavy rain was expected across Portugal — «chuva».",
            ]),
        ];
        for saved in graphs {
            assert_eq!(saved.to_ron(), printed_whole(&saved));
        }
    }

    #[test]
    fn many_elements_are_written_in_order() {
        let texts: Vec<String> = (0..300)
            .map(|index| format!("Mayor Anna Berg{index} said the bridge {index} would open."))
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let saved = graph_of(&texts);
        assert!(saved.extractions.len() > ELEMENTS_PER_TASK);
        assert_eq!(saved.to_ron(), printed_whole(&saved));
    }
}
