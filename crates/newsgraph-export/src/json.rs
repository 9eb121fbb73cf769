//! The graph as JSON, in the shape the evaluation scorer reads
//! (`eval/FORMAT.md`).
//!
//! The JSON is not the saved graph serialized as is: statements carry their
//! speaker's name and their span flattened into `document`, `start` and
//! `end`, as the scorer expects.
//!
//! The layout: the graph's fields one per line, each entity, statement,
//! relation and merge on a line of its own, and everything inside one of
//! them on that line, as `eval/FORMAT.md` shows it. Indenting every mention
//! and piece of evidence too would double the size of a large graph.
//!
//! The items are printed by hand rather than through serde: the fixed keys
//! as they are, numbers as the RON writer prints them
//! ([`newsgraph_graph::push_decimal`]), and strings escaped as serde_json
//! escapes them. The tests check the bytes against serde_json printing the
//! same shape with the same layout.

use newsgraph_graph::{
    ArcStr, DocumentId, Entity, Evidence, ListLayout, ListsWriter, MergeRecord, Relation,
    ResolvedSink, SavedGraph, Statement,
};
use rustc_hash::FxHashMap;

/// The version of the JSON shape, which is the evaluation format's. It
/// moves on its own: the saved RON graph's version says nothing about it.
const JSON_FORMAT_VERSION: u32 = 1;

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
pub(crate) fn write_json(graph: &SavedGraph, writer: impl std::io::Write) -> std::io::Result<()> {
    let mut sink = JsonSink::new(writer)?;
    graph.hand_to(&mut sink)?;
    sink.finish()?;
    Ok(())
}

/// The lists of the JSON, in their order.
const LISTS: [&str; 5] = ["documents", "entities", "statements", "relations", "merges"];

/// The JSON's lists: `,\n  "name": [`, each item on a line of its own.
const JSON_LISTS: ListLayout = ListLayout {
    before_name: ",\n  \"",
    after_name_if_empty: "\": []",
    after_name: "\": [",
    after_items: "\n  ]",
};

/// Writes the JSON of a graph handed over a part of a list at a time
/// ([`newsgraph_graph::KnowledgeGraph::resolve_into`]): the bytes
/// [`crate::write_json`] writes for the whole graph. Each part's items are
/// printed on all threads of the current rayon pool. A list that never
/// arrives is written empty; a list arriving after a later one is refused.
pub struct JsonSink<W: std::io::Write> {
    lists: ListsWriter<W>,
    /// Each entity's canonical name, for the statements' speakers.
    name_of_id: FxHashMap<ArcStr, String>,
}

impl<W: std::io::Write> JsonSink<W> {
    /// Begins the JSON on `writer`.
    pub fn new(mut writer: W) -> std::io::Result<Self> {
        write!(writer, "{{\n  \"format_version\": {JSON_FORMAT_VERSION}")?;
        Ok(JsonSink {
            lists: ListsWriter::new(writer, &LISTS, JSON_LISTS),
            name_of_id: FxHashMap::default(),
        })
    }

    /// Ends the JSON, writing the lists that never arrived, and gives the
    /// writer back.
    pub fn finish(self) -> std::io::Result<W> {
        let mut writer = self.lists.finish()?;
        writer.write_all(b"\n}\n")?;
        Ok(writer)
    }
}

/// Prints `print`'s item on a line of its own, after a comma unless it is
/// its list's first (`index` 0).
fn on_its_line<'graph, T>(
    print: impl Fn(&mut Vec<u8>, &'graph T) + Sync,
) -> impl Fn(&mut Vec<u8>, usize, &'graph T) -> std::io::Result<()> + Sync {
    move |text, index, item| {
        text.extend_from_slice(if index == 0 { b"\n    " } else { b",\n    " });
        print(text, item);
        Ok(())
    }
}

impl<W: std::io::Write> ResolvedSink for JsonSink<W> {
    fn documents(&mut self, documents: &[String]) -> std::io::Result<()> {
        let print = on_its_line(|text, document: &String| push_string(text, document));
        self.lists.write_part(0, documents, print)
    }

    fn entities(&mut self, entities: &[Entity]) -> std::io::Result<()> {
        self.name_of_id.extend(
            entities
                .iter()
                .map(|entity| (entity.id.clone(), entity.name.clone())),
        );
        self.lists
            .write_part(1, entities, on_its_line(print_entity))
    }

    fn statements(&mut self, statements: &[Statement]) -> std::io::Result<()> {
        let name_of_id = &self.name_of_id;
        let print = on_its_line(|text, statement| print_statement(text, statement, name_of_id));
        self.lists.write_part(2, statements, print)
    }

    fn relations(&mut self, relations: &[Relation]) -> std::io::Result<()> {
        self.lists
            .write_part(3, relations, on_its_line(print_relation))
    }

    fn merges(&mut self, merges: &[MergeRecord]) -> std::io::Result<()> {
        self.lists.write_part(4, merges, on_its_line(print_merge))
    }
}

/// `{"id": ..., "kind": ..., "name": ..., "aliases": [...], "keys": [...],
/// "mentions": [...]}`.
fn print_entity(text: &mut Vec<u8>, entity: &Entity) {
    text.extend_from_slice(b"{\"id\": ");
    push_string(text, &entity.id);
    text.extend_from_slice(b", \"kind\": ");
    push_name(text, entity.kind.as_str());
    text.extend_from_slice(b", \"name\": ");
    push_string(text, &entity.name);
    text.extend_from_slice(b", \"aliases\": ");
    push_strings(text, &entity.aliases);
    text.extend_from_slice(b", \"keys\": ");
    push_strings(text, &entity.keys);
    text.extend_from_slice(b", \"mentions\": ");
    push_evidence_list(text, &entity.mentions);
    text.push(b'}');
}

/// `{"id": ..., "speaker": ..., "speaker_name": ..., "kind": ..., "cue": ...,
/// "text": ..., "document": ..., "start": ..., "end": ..., "about": [...]}`,
/// with the speaker's canonical name, so that a reader of the JSON needs no
/// lookup, or null when the speaker is not an entity of the graph.
fn print_statement(
    text: &mut Vec<u8>,
    statement: &Statement,
    name_of_id: &FxHashMap<ArcStr, String>,
) {
    text.extend_from_slice(b"{\"id\": ");
    statement.id.with_text(|id| push_string(text, id));
    text.extend_from_slice(b", \"speaker\": ");
    push_string(text, &statement.speaker);
    text.extend_from_slice(b", \"speaker_name\": ");
    match name_of_id.get(&*statement.speaker) {
        Some(name) => push_string(text, name),
        None => text.extend_from_slice(b"null"),
    }
    text.extend_from_slice(b", \"kind\": ");
    push_name(text, statement.kind.as_str());
    text.extend_from_slice(b", \"cue\": ");
    push_string(text, &statement.cue);
    text.extend_from_slice(b", \"text\": ");
    push_string(text, &statement.text);
    text.extend_from_slice(b", \"document\": ");
    push_string(text, &statement.evidence.document);
    text.extend_from_slice(b", \"start\": ");
    push_number(text, statement.evidence.start);
    text.extend_from_slice(b", \"end\": ");
    push_number(text, statement.evidence.end);
    text.extend_from_slice(b", \"about\": ");
    push_strings(text, &statement.about);
    text.push(b'}');
}

/// `{"source": ..., "predicate": ..., "target": ..., "label": ...,
/// "evidence": [...]}`, without the label when the relation has none.
fn print_relation(text: &mut Vec<u8>, relation: &Relation) {
    text.extend_from_slice(b"{\"source\": ");
    push_string(text, &relation.source);
    text.extend_from_slice(b", \"predicate\": ");
    push_name(text, relation.predicate.as_str());
    text.extend_from_slice(b", \"target\": ");
    push_string(text, &relation.target);
    if let Some(label) = &relation.label {
        text.extend_from_slice(b", \"label\": ");
        push_string(text, label);
    }
    text.extend_from_slice(b", \"evidence\": ");
    push_evidence_list(text, &relation.evidence);
    text.push(b'}');
}

/// `{"entity": ..., "alias": ..., "rule": ...}`.
fn print_merge(text: &mut Vec<u8>, merge: &MergeRecord) {
    text.extend_from_slice(b"{\"entity\": ");
    push_string(text, &merge.entity);
    text.extend_from_slice(b", \"alias\": ");
    push_string(text, &merge.alias);
    text.extend_from_slice(b", \"rule\": ");
    push_string(text, &merge.rule);
    text.push(b'}');
}

/// `[{"document": ..., "start": ..., "end": ...}, ...]`, or `[]`. A list
/// holds runs of evidence from one document, which share the document's
/// id: an id found to need no escaping is not tested again for the next
/// piece of the run.
fn push_evidence_list(text: &mut Vec<u8>, evidence: &[Evidence]) {
    text.push(b'[');
    let mut last_plain_document: Option<&DocumentId> = None;
    for (index, piece) in evidence.iter().enumerate() {
        text.extend_from_slice(if index == 0 {
            b"{\"document\": "
        } else {
            b", {\"document\": "
        });
        let document = &piece.document;
        if last_plain_document.is_some_and(|last| last.ptr_eq(document)) {
            push_quoted(text, document);
        } else if needs_escaping(document.as_bytes()) {
            push_escaped(text, document);
        } else {
            push_quoted(text, document);
            last_plain_document = Some(document);
        }
        text.extend_from_slice(b", \"start\": ");
        push_number(text, piece.start);
        text.extend_from_slice(b", \"end\": ");
        push_number(text, piece.end);
        text.push(b'}');
    }
    text.push(b']');
}

/// `["...", "..."]`, or `[]`.
fn push_strings(text: &mut Vec<u8>, strings: &[impl AsRef<str>]) {
    text.push(b'[');
    for (index, string) in strings.iter().enumerate() {
        if index > 0 {
            text.extend_from_slice(b", ");
        }
        push_string(text, string.as_ref());
    }
    text.push(b']');
}

/// `number` in decimal, as serde_json prints it.
fn push_number(text: &mut Vec<u8>, number: u32) {
    newsgraph_graph::push_decimal(text, u64::from(number));
}

/// `string` quoted and escaped as serde_json escapes it. Most strings
/// need no escaping and are copied as they are; serde_json itself prints
/// the others.
fn push_string(text: &mut Vec<u8>, string: &str) {
    if needs_escaping(string.as_bytes()) {
        push_escaped(text, string);
    } else {
        push_quoted(text, string);
    }
}

/// The name of an entity kind, a statement kind or a predicate, quoted:
/// these names are lowercase words and underscores, which need no
/// escaping.
fn push_name(text: &mut Vec<u8>, name: &'static str) {
    debug_assert!(!needs_escaping(name.as_bytes()), "{name}");
    push_quoted(text, name);
}

/// `string` between quotation marks as it is: for strings that need no
/// escaping.
fn push_quoted(text: &mut Vec<u8>, string: &str) {
    text.reserve(string.len() + 2);
    text.push(b'"');
    text.extend_from_slice(string.as_bytes());
    text.push(b'"');
}

/// `string` quoted and escaped by serde_json itself.
fn push_escaped(text: &mut Vec<u8>, string: &str) {
    // Writing to memory cannot fail.
    let _ = serde_json::to_writer(&mut *text, string);
}

/// Whether serde_json escapes any of `bytes`: a control character, a
/// quotation mark or a backslash. The bytes are tested eight at a time, as
/// one `u64`; the last word overlaps the one before it rather than leaving
/// a tail to test byte by byte, and strings shorter than a word are tested
/// as two overlapping halves.
fn needs_escaping(bytes: &[u8]) -> bool {
    let length = bytes.len();
    let marks = if length >= 8 {
        let words = bytes.chunks_exact(8);
        let marks = words.fold(0, |marks, word| marks | escape_marks(word_at(word, 0)));
        marks | escape_marks(word_at(bytes, length - 8))
    } else if length >= 4 {
        escape_marks(
            u64::from(half_word_at(bytes, 0)) << 32 | u64::from(half_word_at(bytes, length - 4)),
        )
    } else {
        return bytes
            .iter()
            .any(|&byte| byte < 0x20 || byte == b'"' || byte == b'\\');
    };
    marks != 0
}

/// The eight bytes of `bytes` from `start` on, as a little-endian word.
fn word_at(bytes: &[u8], start: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[start..start + 8]);
    u64::from_le_bytes(word)
}

/// The four bytes of `bytes` from `start` on, as a little-endian word.
fn half_word_at(bytes: &[u8], start: usize) -> u32 {
    let mut word = [0; 4];
    word.copy_from_slice(&bytes[start..start + 4]);
    u32::from_le_bytes(word)
}

/// Not zero when any of the eight bytes of `word` is below 0x20, a
/// quotation mark or a backslash.
///
/// A byte below `n` (at most 0x80) is one for which `byte - n` borrows,
/// setting its top bit while the byte's own is clear; a borrow only runs
/// on from a byte that was below `n` itself, so the test may mark the wrong
/// byte but never marks one when there is none. An equal byte is a zero
/// byte, below 1, after an exclusive or with a byte whose top bit is clear,
/// which leaves the top bit as it was: the three tests share the one
/// clear-top-bit mask.
fn escape_marks(word: u64) -> u64 {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const TOPS: u64 = u64::from_le_bytes([0x80; 8]);
    let control = word.wrapping_sub(ONES * 0x20);
    let quote = (word ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES);
    let backslash = (word ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES);
    (control | quote | backslash) & !word & TOPS
}

#[cfg(test)]
mod tests {
    use newsgraph_graph::ArcStr;

    use super::*;
    use crate::test_graphs::{hostile_graph, realistic_graph, small_graph, HOSTILE_NAME};
    use newsgraph_extract::{EntityKind, Predicate, StatementKind};
    use newsgraph_graph::StatementId;
    use serde::Serialize;
    use serde_json::Value;
    use std::collections::HashMap;

    // The reference: the JSON's shape as borrowing view structs, printed by
    // serde_json with the JSON's layout as a serde_json formatter. What the
    // hand-written printer prints must be the same bytes.

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
        id: &'graph StatementId,
        speaker: &'graph str,
        /// The speaker's canonical name, so that a reader of the JSON needs no
        /// lookup; null when the speaker is not an entity of the graph.
        speaker_name: Option<&'graph str>,
        kind: StatementKind,
        cue: &'graph str,
        text: &'graph str,
        document: &'graph str,
        start: u32,
        end: u32,
        about: &'graph [ArcStr],
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
            speaker_name: name_of_id.get(&*statement.speaker).copied(),
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

    /// The layout of the JSON (see the module's documentation) as a
    /// serde_json formatter.
    #[derive(Default)]
    struct OneLinePerItem {
        /// For each open array or object: whether it holds a value yet.
        open: Vec<bool>,
    }

    impl OneLinePerItem {
        /// Containers nested up to this depth put their items on lines of
        /// their own: the graph (1) and its lists (2).
        const LINE_DEPTH: usize = 2;

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
        fn begin_array<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
        ) -> std::io::Result<()> {
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
        fn begin_object<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
        ) -> std::io::Result<()> {
            self.begin(writer, b"{")
        }
        fn end_object<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
        ) -> std::io::Result<()> {
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
            .map(|entity| (&*entity.id, entity.name.as_str()))
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

    /// Every string that serde_json escapes or might: each ASCII
    /// character from NUL to DEL, quotes and backslashes among text,
    /// non-ASCII letters, emoji, a line separator, a byte order mark and
    /// the empty string.
    fn awkward_strings() -> Vec<String> {
        let every_ascii: String = (0u8..=0x7f).map(char::from).collect();
        let mut strings: Vec<String> = [
            "",
            "\"",
            "\\",
            "say \"hi\"",
            "C:\\path\\to",
            "\u{1}start",
            "end\u{1f}",
            "line\nbreak",
            "tab\there",
            "\r\n\u{8}\u{c}\u{b}\u{0}",
            "Zoë Ångström-Æsir",
            "Mosc\u{f3}w \u{41f}\u{443}\u{442}\u{438}\u{43d} \u{5317}\u{4eac}",
            "\u{1f600}\u{1f1fa}\u{1f1e6} \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
            "\u{2028}\u{2029}\u{feff}\u{fffd}",
            "\u{7f}del",
            "/slash/ and <tags> & 'apostrophes'",
            HOSTILE_NAME,
        ]
        .iter()
        .map(|string| string.to_string())
        .collect();
        strings.push(every_ascii);
        strings.push("x".repeat(100) + "\"" + &"y".repeat(100));
        strings
    }

    /// A graph made of awkward strings, with empty and full lists, a
    /// statement whose speaker is no entity (a null speaker name),
    /// relations with and without a label, and the largest numbers.
    fn awkward_graph() -> SavedGraph {
        let strings = awkward_strings();
        let evidence = |index: usize| Evidence {
            document: strings[index % strings.len()].as_str().into(),
            start: u32::try_from(index).expect("a few pieces"),
            end: if index == 0 {
                u32::MAX
            } else {
                u32::try_from(index * 1_000_003).expect("a few pieces")
            },
        };
        let mut graph = SavedGraph {
            documents: strings.clone(),
            ..SavedGraph::default()
        };
        let kinds = [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Organization,
        ];
        for (index, string) in strings.iter().enumerate() {
            graph.entities.push(Entity {
                id: format!("{}:{string}", kinds[index % 3].as_str()).into(),
                kind: kinds[index % 3],
                name: string.clone(),
                aliases: strings[..index % 4].to_vec(),
                keys: strings[index..].iter().take(index % 3).cloned().collect(),
                mentions: (0..index % 5)
                    .map(|offset| evidence(index + offset))
                    .collect(),
            });
        }
        for (index, string) in strings.iter().enumerate() {
            let speaker = if index % 4 == 3 {
                format!("person:nobody {string}").into()
            } else {
                graph.entities[index].id.clone()
            };
            graph.statements.push(Statement {
                id: format!("stmt:{string}:{index}").into(),
                speaker,
                kind: if index % 2 == 0 {
                    StatementKind::Direct
                } else {
                    StatementKind::Reported
                },
                cue: string.as_str().into(),
                text: strings[(index + 1) % strings.len()].as_str().into(),
                evidence: evidence(index),
                about: strings[..index % 3]
                    .iter()
                    .map(|about| about.as_str().into())
                    .collect(),
            });
        }
        for (index, string) in strings.iter().enumerate() {
            graph.relations.push(Relation {
                source: graph.entities[index].id.clone(),
                predicate: Predicate::ALL[index % Predicate::ALL.len()],
                target: string.as_str().into(),
                label: (index % 2 == 0).then(|| string.as_str().into()),
                evidence: (0..index % 4)
                    .map(|offset| evidence(index * offset))
                    .collect(),
            });
            graph.merges.push(MergeRecord {
                entity: graph.entities[index].id.clone(),
                alias: string.clone(),
                rule: strings[(index + 5) % strings.len()].clone(),
            });
        }
        graph
    }

    #[test]
    fn printed_by_hand_is_what_serde_json_prints() {
        let mut large = small_graph();
        let template = large.statements[0].clone();
        // More statements than the parallel writer prints in one round.
        for index in 0..10_000 {
            let mut statement = template.clone();
            statement.id = format!("stmt:many:{index}").into();
            statement.text = format!("statement \"{index}\" \u{1f600}").into();
            large.statements.push(statement);
        }
        for graph in [
            SavedGraph::default(),
            small_graph(),
            hostile_graph(),
            realistic_graph(),
            awkward_graph(),
            large,
        ] {
            assert_eq!(to_json(&graph), printed_whole(&graph));
        }
    }

    #[test]
    fn a_long_entity_is_estimated_at_no_less_than_it_prints() {
        // Document ids of growing length sorted as text, so that the first
        // piece's is the shortest, and spans of up to six digits: a buffer
        // of the estimated size must hold the entity without growing.
        let mut documents: Vec<String> = (0..20_000).map(|index| format!("wire-{index}")).collect();
        documents.sort();
        let documents: Vec<DocumentId> = documents.into_iter().map(DocumentId::from).collect();
        let mentions: Vec<Evidence> = documents
            .iter()
            .enumerate()
            .map(|(index, document)| {
                let start = index * 37 % 200_000;
                Evidence::new(document, newsgraph_extract::Span::new(start, start + 9))
            })
            .collect();
        let entity = Entity {
            id: ArcStr::from("place:harbourton"),
            kind: EntityKind::Place,
            name: "Harbourton".to_string(),
            aliases: vec!["Harbour Town".to_string()],
            keys: Vec::new(),
            mentions,
        };
        let mut printed = Vec::new();
        print_entity(&mut printed, &entity);
        let estimate = newsgraph_graph::PrintedSize::printed_size(&entity);
        assert!(
            estimate >= printed.len() && estimate < 2 * printed.len(),
            "estimated {estimate} bytes, printed {}",
            printed.len()
        );
    }

    #[test]
    fn awkward_graph_has_what_it_should() {
        let graph = awkward_graph();
        let json = parse(&graph);
        assert_eq!(json["statements"][3]["speaker_name"], Value::Null);
        assert_eq!(json["statements"][0]["about"], Value::Array(Vec::new()));
        assert!(json["relations"][1].get("label").is_none());
        assert_eq!(
            json["relations"][2]["label"],
            graph.relations[2].label.as_deref().unwrap()
        );
        assert_eq!(json["entities"][0]["mentions"], Value::Array(Vec::new()));
        assert_eq!(json["entities"][0]["name"], "");
        let text = to_json(&graph);
        for escape in [
            "\\u0001", "\\n", "\\t", "\\\"", "\\\\", "\\u001f", "\\b", "\\f",
        ] {
            assert!(text.contains(escape), "{escape}");
        }
        assert!(text.contains("\u{1f600}") && text.contains("\u{7f}"));
        assert!(text.contains(&u32::MAX.to_string()));
    }

    #[test]
    fn needs_escaping_finds_each_byte_serde_json_escapes_wherever_it_is() {
        let escaped = |byte: u8| byte < 0x20 || byte == b'"' || byte == b'\\';
        for filler in [b'a', b' ', b'!', b'#', b'[', b']', 0x7f, 0x80, 0xa2, 0xff] {
            for length in 0..=40 {
                let plain = vec![filler; length];
                assert!(!needs_escaping(&plain), "{filler} {length}");
                for position in 0..length {
                    for byte in 0..=u8::MAX {
                        let mut bytes = plain.clone();
                        bytes[position] = byte;
                        assert_eq!(
                            needs_escaping(&bytes),
                            escaped(byte),
                            "{byte} at {position} of {length} among {filler}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn names_of_kinds_and_predicates_are_serdes() {
        for kind in [StatementKind::Direct, StatementKind::Reported] {
            assert_eq!(
                Value::from(kind.as_str()),
                serde_json::to_value(kind).unwrap()
            );
        }
        for kind in [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Organization,
        ] {
            assert_eq!(
                Value::from(kind.as_str()),
                serde_json::to_value(kind).unwrap()
            );
        }
        for predicate in Predicate::ALL {
            assert_eq!(
                Value::from(predicate.as_str()),
                serde_json::to_value(predicate).unwrap()
            );
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
        assert_eq!(json["statements"][0]["text"], &*graph.statements[0].text);
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

    /// Writes `graph` through a [`JsonSink`], each list cut into parts of
    /// `part` items.
    fn json_in_parts(graph: &SavedGraph, part: usize) -> String {
        let mut sink = JsonSink::new(Vec::new()).expect("writes to memory");
        graph
            .hand_in_parts(&mut sink, part)
            .expect("writes to memory");
        String::from_utf8(sink.finish().expect("writes to memory")).expect("UTF-8")
    }

    #[test]
    fn a_graph_written_in_parts_is_the_graph_written_whole() {
        let empty = SavedGraph::default();
        for graph in [small_graph(), hostile_graph(), realistic_graph(), empty] {
            let whole = to_json(&graph);
            for part in [1, 2, 3, 1000] {
                assert_eq!(json_in_parts(&graph, part), whole, "parts of {part}");
            }
        }
        // Lists that never arrive are written empty.
        let mut sink = JsonSink::new(Vec::new()).expect("writes to memory");
        sink.relations(&realistic_graph().relations)
            .expect("writes to memory");
        let only_relations = SavedGraph {
            relations: realistic_graph().relations,
            ..SavedGraph::default()
        };
        let text = String::from_utf8(sink.finish().expect("writes to memory")).expect("UTF-8");
        assert_eq!(text, to_json(&only_relations));
    }

    #[test]
    fn a_list_after_a_later_one_is_refused() {
        let graph = small_graph();
        let mut sink = JsonSink::new(Vec::new()).expect("writes to memory");
        sink.statements(&graph.statements)
            .expect("writes to memory");
        let error = sink
            .entities(&graph.entities)
            .expect_err("entities come before statements");
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
        assert!(error.to_string().contains("entities"), "{error}");
        // The same list again, in another part, is taken.
        sink.statements(&graph.statements)
            .expect("writes to memory");
    }
}
