//! The graph as JSON, in the shape the evaluation scorer reads
//! (`eval/FORMAT.md`).
//!
//! The JSON is not the saved graph serialized as is: statements carry their
//! speaker's name and their span flattened into `document`, `start` and
//! `end`, as the scorer expects. Borrowing view structs describe that shape
//! so that serde does the quoting and escaping.

use std::collections::HashMap;

use newsgraph_extract::{EntityKind, Predicate, StatementKind};
use newsgraph_graph::{Entity, Evidence, Relation, SavedGraph, Statement};
use serde::Serialize;

/// The version of the JSON shape, which is the evaluation format's. It
/// moves on its own: the saved RON graph's version says nothing about it.
const JSON_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct EntityView<'graph> {
    id: &'graph str,
    kind: EntityKind,
    name: &'graph str,
    aliases: &'graph [String],
    keys: &'graph [String],
    mentions: &'graph [Evidence],
}

#[derive(Serialize)]
struct StatementView<'graph> {
    id: &'graph str,
    speaker: &'graph str,
    /// The speaker's canonical name, so that a reader of the JSON needs no
    /// lookup; null when the speaker is not an entity of the graph.
    speaker_name: Option<&'graph str>,
    kind: StatementKind,
    cue: &'graph str,
    text: &'graph str,
    document: &'graph str,
    start: usize,
    end: usize,
    about: &'graph [String],
}

#[derive(Serialize)]
struct RelationView<'graph> {
    source: &'graph str,
    predicate: Predicate,
    target: &'graph str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'graph str>,
    evidence: &'graph [Evidence],
}

/// The graph as pretty-printed JSON with a trailing newline.
pub(crate) fn to_json(graph: &SavedGraph) -> String {
    let mut text = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_json(graph, &mut text);
    String::from_utf8(text).unwrap_or_default()
}

/// Writes [`to_json`]'s text to `writer`. The items of each list are
/// printed on all threads of the current rayon pool
/// ([`newsgraph_graph::write_items_in_parallel`]).
pub(crate) fn write_json(
    graph: &SavedGraph,
    mut writer: impl std::io::Write,
) -> std::io::Result<()> {
    let name_of_id: HashMap<&str, &str> = graph
        .entities
        .iter()
        .map(|entity| (entity.id.as_str(), entity.name.as_str()))
        .collect();
    write!(writer, "{{\n  \"format_version\": {JSON_FORMAT_VERSION}")?;
    write_list(&mut writer, "documents", &graph.documents, |document| {
        document
    })?;
    write_list(&mut writer, "entities", &graph.entities, entity_view)?;
    write_list(&mut writer, "statements", &graph.statements, |statement| {
        statement_view(statement, &name_of_id)
    })?;
    write_list(&mut writer, "relations", &graph.relations, relation_view)?;
    write_list(&mut writer, "merges", &graph.merges, |merge| merge)?;
    writer.write_all(b"\n}\n")
}

fn entity_view(entity: &Entity) -> EntityView<'_> {
    EntityView {
        id: &entity.id,
        kind: entity.kind,
        name: &entity.name,
        aliases: &entity.aliases,
        keys: &entity.keys,
        mentions: &entity.mentions,
    }
}

fn statement_view<'graph>(
    statement: &'graph Statement,
    name_of_id: &HashMap<&str, &'graph str>,
) -> StatementView<'graph> {
    StatementView {
        id: &statement.id,
        speaker: &statement.speaker,
        speaker_name: name_of_id.get(statement.speaker.as_str()).copied(),
        kind: statement.kind,
        cue: &statement.cue,
        text: &statement.text,
        document: &statement.evidence.document,
        start: statement.evidence.start,
        end: statement.evidence.end,
        about: &statement.about,
    }
}

fn relation_view(relation: &Relation) -> RelationView<'_> {
    RelationView {
        source: &relation.source,
        predicate: relation.predicate,
        target: &relation.target,
        label: relation.label.as_deref(),
        evidence: &relation.evidence,
    }
}

/// Writes `,\n  "name": [...]` with each item on a line of its own.
fn write_list<'graph, T: Sync, V: Serialize>(
    writer: &mut impl std::io::Write,
    name: &str,
    items: &'graph [T],
    view: impl Fn(&'graph T) -> V + Sync,
) -> std::io::Result<()> {
    write!(writer, ",\n  \"{name}\": [")?;
    if items.is_empty() {
        return writer.write_all(b"]");
    }
    newsgraph_graph::write_items_in_parallel(writer, items, |text, index, item| {
        text.extend_from_slice(if index == 0 { b"\n    " } else { b",\n    " });
        let mut serializer =
            serde_json::Serializer::with_formatter(text, OneLinePerItem::inside_list());
        Ok(view(item).serialize(&mut serializer)?)
    })?;
    writer.write_all(b"\n  ]")
}

/// The layout of the JSON: the graph's fields one per line, each entity,
/// statement, relation and merge on a line of its own, and everything inside
/// one of them on that line, as `eval/FORMAT.md` shows it. Indenting every
/// mention and piece of evidence too would double the size of a large graph.
#[derive(Default)]
struct OneLinePerItem {
    /// For each open array or object: whether it holds a value yet.
    open: Vec<bool>,
}

impl OneLinePerItem {
    /// Containers nested up to this depth put their items on lines of
    /// their own: the graph (1) and its lists (2).
    const LINE_DEPTH: usize = 2;

    /// The layout of an item of one of the graph's lists, printed on its
    /// own: as if inside the graph and the list.
    fn inside_list() -> Self {
        OneLinePerItem {
            open: vec![true; Self::LINE_DEPTH],
        }
    }

    fn breaks_lines(&self) -> bool {
        self.open.len() <= Self::LINE_DEPTH
    }

    fn begin<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        mark: &[u8],
    ) -> std::io::Result<()> {
        self.open.push(false);
        writer.write_all(mark)
    }

    fn end<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        mark: &[u8],
    ) -> std::io::Result<()> {
        let breaks_lines = self.breaks_lines();
        let has_value = self.open.pop().unwrap_or(false);
        if breaks_lines && has_value {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(mark)
    }

    fn item<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if self.breaks_lines() {
            writer.write_all(if first { b"\n" } else { b",\n" })?;
            self.indent(writer)
        } else if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn indent<W: ?Sized + std::io::Write>(&self, writer: &mut W) -> std::io::Result<()> {
        for _ in 0..self.open.len() {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    fn mark_value(&mut self) {
        if let Some(has_value) = self.open.last_mut() {
            *has_value = true;
        }
    }
}

impl serde_json::ser::Formatter for OneLinePerItem {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.begin(writer, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.end(writer, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(writer, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        _writer: &mut W,
    ) -> std::io::Result<()> {
        self.mark_value();
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.begin(writer, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.end(writer, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(writer, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        _writer: &mut W,
    ) -> std::io::Result<()> {
        self.mark_value();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_graphs::{hostile_graph, small_graph, HOSTILE_NAME};
    use newsgraph_graph::MergeRecord;
    use serde_json::Value;

    /// The whole graph as one value, for serde_json to print at once.
    #[derive(Serialize)]
    struct GraphView<'graph> {
        format_version: u32,
        documents: &'graph [String],
        entities: Vec<EntityView<'graph>>,
        statements: Vec<StatementView<'graph>>,
        relations: Vec<RelationView<'graph>>,
        merges: &'graph [MergeRecord],
    }

    /// The JSON as serde_json prints the whole graph at once with the same
    /// layout: what the lists printed apart must add up to.
    fn printed_whole(graph: &SavedGraph) -> String {
        let name_of_id: HashMap<&str, &str> = graph
            .entities
            .iter()
            .map(|entity| (entity.id.as_str(), entity.name.as_str()))
            .collect();
        let view = GraphView {
            format_version: JSON_FORMAT_VERSION,
            documents: &graph.documents,
            entities: graph.entities.iter().map(entity_view).collect(),
            statements: graph
                .statements
                .iter()
                .map(|statement| statement_view(statement, &name_of_id))
                .collect(),
            relations: graph.relations.iter().map(relation_view).collect(),
            merges: &graph.merges,
        };
        let mut text = Vec::new();
        let mut serializer =
            serde_json::Serializer::with_formatter(&mut text, OneLinePerItem::default());
        view.serialize(&mut serializer).unwrap();
        text.push(b'\n');
        String::from_utf8(text).unwrap()
    }

    #[test]
    fn lists_printed_apart_are_the_graph_printed_whole() {
        let mut large = small_graph();
        let template = large.statements[0].clone();
        // More statements than the parallel writer prints in one round.
        for index in 0..10_000 {
            let mut statement = template.clone();
            statement.id = format!("stmt:many:{index}");
            statement.text = format!("statement \"{index}\" \u{1f600}");
            large.statements.push(statement);
        }
        for graph in [SavedGraph::default(), small_graph(), hostile_graph(), large] {
            assert_eq!(to_json(&graph), printed_whole(&graph));
        }
    }

    #[test]
    fn each_item_is_one_line_and_the_json_is_the_same_as_pretty_json() {
        let graph = small_graph();
        let text = to_json(&graph);
        let value = parse(&graph);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "{");
        assert_eq!(lines[1], "  \"format_version\": 1,");
        let entity_lines = lines
            .iter()
            .filter(|line| line.starts_with("    {\"id\": \""))
            .count();
        assert_eq!(
            entity_lines,
            graph.entities.len() + graph.statements.len(),
            "{text}"
        );
        assert!(text.contains("\"mentions\": [{\"document\": "), "{text}");
        assert_eq!(*lines.last().unwrap(), "}");
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&pretty).unwrap(), value);
        assert!(text.len() < pretty.len());
        let empty = to_json(&SavedGraph::default());
        assert!(empty.contains("  \"entities\": [],\n"), "{empty}");
    }

    fn parse(graph: &SavedGraph) -> Value {
        let text = to_json(graph);
        assert!(text.ends_with("}\n"));
        serde_json::from_str(&text).expect("exported JSON parses")
    }

    #[test]
    fn json_has_the_fields_the_scorer_reads() {
        let graph = small_graph();
        let json = parse(&graph);
        assert_eq!(json["format_version"], 1);
        assert_eq!(
            json["documents"].as_array().map(Vec::len),
            Some(graph.documents.len())
        );

        let entity = &json["entities"][0];
        for field in ["id", "kind", "name", "aliases", "keys", "mentions"] {
            assert!(entity.get(field).is_some(), "entity lacks {field}");
        }
        let mention = &entity["mentions"][0];
        for field in ["document", "start", "end"] {
            assert!(mention.get(field).is_some(), "mention lacks {field}");
        }

        let statement = &json["statements"][0];
        for field in [
            "id",
            "speaker",
            "speaker_name",
            "kind",
            "cue",
            "text",
            "document",
            "start",
            "end",
            "about",
        ] {
            assert!(statement.get(field).is_some(), "statement lacks {field}");
        }
        assert_eq!(statement["kind"], "direct");
        assert_eq!(statement["speaker_name"], "Marta Quill");

        let relations = json["relations"].as_array().expect("relations is a list");
        let role = relations
            .iter()
            .find(|relation| relation["predicate"] == "role")
            .expect("a role relation");
        assert_eq!(role["label"], "Harbour Commissioner");
        let located = relations
            .iter()
            .find(|relation| relation["predicate"] == "located_in")
            .expect("a located_in relation, in snake_case");
        assert!(located.get("label").is_none());
        assert!(located["evidence"][0].get("document").is_some());
        assert!(json["merges"].is_array());
    }

    #[test]
    fn json_keeps_hostile_text_intact() {
        let graph = hostile_graph();
        let json = parse(&graph);
        let names: Vec<&str> = json["entities"]
            .as_array()
            .expect("entities is a list")
            .iter()
            .filter_map(|entity| entity["name"].as_str())
            .collect();
        assert!(names.contains(&HOSTILE_NAME));
        assert_eq!(json["statements"][0]["text"], graph.statements[0].text);
    }

    #[test]
    fn json_of_an_empty_graph_has_empty_lists() {
        let json = parse(&SavedGraph::default());
        for field in ["documents", "entities", "statements", "relations", "merges"] {
            assert_eq!(json[field], Value::Array(Vec::new()), "{field}");
        }
    }

    #[test]
    fn json_is_deterministic() {
        assert_eq!(to_json(&small_graph()), to_json(&small_graph()));
    }
}
