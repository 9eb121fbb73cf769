//! `newsgraph stats`: counts of a saved graph, as aligned plain text.

use std::collections::BTreeMap;
use std::io::{self, Write};

use newsgraph::extract::StatementKind;
use newsgraph::{KnowledgeGraph, SavedGraph};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::args::StatsArguments;
use super::{release_at_exit, Outcome};

/// How many speakers and entities the top lists show.
const TOP_LIST_LENGTH: usize = 10;

pub fn run(arguments: StatsArguments) -> anyhow::Result<Outcome> {
    // The counts need the resolved lists only: the extractions are read
    // and checked, not kept.
    let graph = KnowledgeGraph::load_view(&arguments.graph)?;
    let stdout = io::stdout();
    let mut writer = io::BufWriter::new(stdout.lock());
    write_stats(&graph, &mut writer)?;
    writer.flush()?;
    release_at_exit(graph);
    Ok(Outcome::Complete)
}

/// Writes the counts of `graph`.
pub fn write_stats(graph: &SavedGraph, writer: &mut impl Write) -> io::Result<()> {
    let mut table = CountTable::default();
    table.row(0, "documents", graph.documents.len());

    table.row(0, "entities", graph.entities.len());
    let entities_by_kind = count_by(&graph.entities, |entity| entity.kind.as_str());
    for (kind, count) in entities_by_kind {
        table.row(1, kind, count);
    }

    table.row(0, "statements", graph.statements.len());
    let direct = graph
        .statements
        .par_iter()
        .filter(|statement| statement.kind == StatementKind::Direct)
        .count();
    table.row(1, "direct", direct);
    table.row(1, "reported", graph.statements.len() - direct);

    table.row(0, "relations", graph.relations.len());
    let relations_by_predicate = count_by(&graph.relations, |relation| relation.predicate.as_str());
    for (predicate, count) in relations_by_predicate {
        table.row(1, predicate, count);
    }

    table.row(0, "merges", graph.merges.len());
    for (rule, count) in count_by(&graph.merges, |merge| merge.rule.as_str()) {
        table.row(1, rule, count);
    }
    table.write(writer)?;

    let name_of = |id: &str| -> String {
        graph
            .entities
            .iter()
            .find(|entity| &*entity.id == id)
            .map_or_else(
                || id.to_string(),
                |entity| format!("{} ({id})", entity.name),
            )
    };

    let statements_by_speaker = count_values(&graph.statements, |statement| &*statement.speaker);
    writeln!(writer)?;
    writeln!(writer, "top speakers by statements")?;
    write_top_list(
        writer,
        statements_by_speaker.into_iter().collect(),
        &name_of,
    )?;

    let mentions_by_entity: Vec<(&str, usize)> = graph
        .entities
        .iter()
        .map(|entity| (&*entity.id, entity.mentions.len()))
        .collect();
    writeln!(writer)?;
    writeln!(writer, "most mentioned entities")?;
    write_top_list(writer, mentions_by_entity, &name_of)
}

/// How often each value of `items` occurs (`value_of` each), sorted by
/// value.
fn count_by<'a, T: Sync>(
    items: &'a [T],
    value_of: impl Fn(&'a T) -> &'a str + Sync,
) -> BTreeMap<&'a str, usize> {
    count_values(items, value_of).into_iter().collect()
}

/// How often each value of `items` occurs (`value_of` each), counted on
/// all threads: a large graph has tens of millions of statements and
/// relations, and millions of speakers.
fn count_values<'a, T: Sync>(
    items: &'a [T],
    value_of: impl Fn(&'a T) -> &'a str + Sync,
) -> FxHashMap<&'a str, usize> {
    items
        .par_iter()
        .fold(FxHashMap::default, |mut counts, item| {
            *counts.entry(value_of(item)).or_insert(0) += 1;
            counts
        })
        .reduce(FxHashMap::default, |counts, other| {
            // The smaller map is added into the larger.
            let (mut larger, smaller) = if counts.len() < other.len() {
                (other, counts)
            } else {
                (counts, other)
            };
            for (value, count) in smaller {
                *larger.entry(value).or_insert(0) += count;
            }
            larger
        })
}

/// The largest counts first, ties by id so the list is the same every run.
/// Only the first few are put in order: a large graph has millions.
fn write_top_list(
    writer: &mut impl Write,
    mut counts: Vec<(&str, usize)>,
    name_of: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    counts.retain(|&(_, count)| count > 0);
    if counts.is_empty() {
        return writeln!(writer, "  (none)");
    }
    let ranked = |left: &(&str, usize), right: &(&str, usize)| {
        right.1.cmp(&left.1).then(left.0.cmp(right.0))
    };
    if counts.len() > TOP_LIST_LENGTH {
        counts.select_nth_unstable_by(TOP_LIST_LENGTH - 1, ranked);
        counts.truncate(TOP_LIST_LENGTH);
    }
    counts.sort_by(ranked);
    let width = counts[0].1.to_string().len();
    for (id, count) in counts {
        writeln!(writer, "  {count:>width$}  {}", name_of(id))?;
    }
    Ok(())
}

/// Labelled counts, written with the labels padded and the counts
/// right-aligned so the columns line up.
#[derive(Default)]
struct CountTable<'a> {
    rows: Vec<(usize, &'a str, usize)>,
}

impl<'a> CountTable<'a> {
    fn row(&mut self, indent: usize, label: &'a str, count: usize) {
        self.rows.push((indent, label, count));
    }

    fn write(&self, writer: &mut impl Write) -> io::Result<()> {
        let label_width = self
            .rows
            .iter()
            .map(|(indent, label, _)| indent * 2 + label.chars().count())
            .max()
            .unwrap_or(0);
        let count_width = self
            .rows
            .iter()
            .map(|(_, _, count)| count.to_string().len())
            .max()
            .unwrap_or(1);
        for (indent, label, count) in &self.rows {
            let indented = format!("{}{label}", "  ".repeat(*indent));
            writeln!(writer, "{indented:<label_width$}  {count:>count_width$}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph::extract::{EntityKind, Span};
    use newsgraph::graph::{Entity, Evidence, Statement, StatementId};

    fn entity(id: &str, name: &str, kind: EntityKind, mentions: usize) -> Entity {
        Entity {
            id: id.into(),
            kind,
            name: name.to_string(),
            aliases: Vec::new(),
            keys: Vec::new(),
            mentions: (0..mentions)
                .map(|index| Evidence::new("a.txt", Span::new(index, index + 1)))
                .collect(),
        }
    }

    fn statement(speaker: &str, kind: StatementKind, start: usize) -> Statement {
        let evidence = Evidence::new("a.txt", Span::new(start, start + 5));
        Statement {
            id: StatementId::new(&evidence, false),
            speaker: speaker.into(),
            kind,
            cue: "said".into(),
            text: "words".into(),
            evidence,
            about: Box::default(),
        }
    }

    #[test]
    fn counts_are_aligned_and_speakers_ranked() {
        let graph = SavedGraph {
            documents: vec!["a.txt".to_string()],
            entities: vec![
                entity("person:anna-berg", "Anna Berg", EntityKind::Person, 3),
                entity("person:tom-hale", "Tom Hale", EntityKind::Person, 1),
                entity("place:lisbon", "Lisbon", EntityKind::Place, 12),
            ],
            statements: vec![
                statement("person:tom-hale", StatementKind::Direct, 0),
                statement("person:anna-berg", StatementKind::Reported, 10),
                statement("person:tom-hale", StatementKind::Reported, 20),
            ],
            ..SavedGraph::default()
        };
        let mut written = Vec::new();
        write_stats(&graph, &mut written).unwrap();
        let text = String::from_utf8(written).unwrap();
        let expected = "\
documents   1
entities    3
  person    2
  place     1
statements  3
  direct    1
  reported  2
relations   0
merges      0

top speakers by statements
  2  Tom Hale (person:tom-hale)
  1  Anna Berg (person:anna-berg)

most mentioned entities
  12  Lisbon (place:lisbon)
   3  Anna Berg (person:anna-berg)
   1  Tom Hale (person:tom-hale)
";
        assert_eq!(text, expected);
    }

    #[test]
    fn top_lists_keep_the_largest_counts_with_ties_by_id() {
        // Many ties, in no order, more than the list shows.
        let ids: Vec<String> = (0..40)
            .map(|index| format!("id-{:02}", (index * 17) % 40))
            .collect();
        let counts: Vec<(&str, usize)> = ids
            .iter()
            .enumerate()
            .map(|(index, id)| (id.as_str(), (index * 7) % 5))
            .collect();
        let mut expected = counts.clone();
        expected.retain(|&(_, count)| count > 0);
        expected.sort_by(|left, right| right.1.cmp(&left.1).then(left.0.cmp(right.0)));
        expected.truncate(TOP_LIST_LENGTH);
        let expected: String = expected
            .iter()
            .map(|(id, count)| format!("  {count}  {id}\n"))
            .collect();
        let mut written = Vec::new();
        write_top_list(&mut written, counts, &|id| id.to_string()).unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), expected);
    }

    #[test]
    fn speakers_are_counted_across_threads() {
        let statements: Vec<Statement> = (0..10_000)
            .map(|index| {
                let speaker = format!("person:{}", index % 7);
                statement(&speaker, StatementKind::Direct, index)
            })
            .collect();
        let counts = count_values(&statements, |statement| &*statement.speaker);
        assert_eq!(counts.len(), 7);
        for speaker in 0..7 {
            let expected = (0..10_000).filter(|index| index % 7 == speaker).count();
            assert_eq!(counts[format!("person:{speaker}").as_str()], expected);
        }
    }
}
