//! The graph as Graphviz DOT.
//!
//! The DOT is built as `graphviz_rust` syntax, a statement at a time, and
//! printed by its printer as it is made ([`write_dot`]), so that the
//! structure is always valid DOT and a large graph's text is never held.
//! The printer writes ids and attribute values verbatim, though: quoting
//! and escaping them is done here ([`quoted`]), and every id and text value
//! goes through it.
//!
//! One node per entity, shaped and coloured by kind, labelled with its name
//! and, for a speaker, how many statements it made. Statements are not nodes:
//! a busy speaker would bury the entities under dozens of them.

use std::io::{self, Write};

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use newsgraph_graph::SavedGraph;

use crate::scene::Scene;
use crate::style::{edge_caption, kind_style, statement_count_caption, PredicateFamily};

const FONT: &str = "Helvetica,Arial,sans-serif";

/// The name of the graph, in its first line.
const GRAPH_NAME: &str = "newsgraph";

/// What the printer writes before a digraph's statements, and after them.
const GRAPH_OPENING: &str = "digraph newsgraph {\n";
const GRAPH_CLOSING: &str = "\n}";

/// The graph as DOT text with a trailing newline: the bytes [`write_dot`]
/// writes.
pub(crate) fn to_dot(graph: &SavedGraph) -> String {
    let mut text = Vec::new();
    write_dot(graph, &mut text).expect("writing to memory does not fail");
    String::from_utf8(text).expect("the DOT printer prints text")
}

/// Writes the graph as DOT text with a trailing newline, a statement at a
/// time: a large graph's DOT is never held whole.
///
/// Each statement is printed by the printer as the one statement of a
/// digraph, and taken out of it: the printer keeps the indentation and the
/// arrow of a digraph to itself, and a statement prints the same whatever
/// comes before it, so the whole is the graph the printer would print.
pub(crate) fn write_dot(graph: &SavedGraph, mut writer: impl Write) -> io::Result<()> {
    let scene = Scene::new(graph);
    writer.write_all(GRAPH_OPENING.as_bytes())?;
    for (index, statement) in dot_statements(&scene).enumerate() {
        if index > 0 {
            writer.write_all(b"\n")?;
        }
        writer.write_all(printed_statement(statement)?.as_bytes())?;
    }
    writer.write_all(GRAPH_CLOSING.as_bytes())?;
    writer.write_all(b"\n")
}

/// One statement as the printer prints it inside a digraph: indented, with
/// its own line breaks but none around it.
fn printed_statement(statement: Stmt) -> io::Result<String> {
    let mut printed = digraph(vec![statement]).print(&mut PrinterContext::default());
    if !(printed.starts_with(GRAPH_OPENING) && printed.ends_with(GRAPH_CLOSING)) {
        return Err(io::Error::other(format!(
            "the DOT printer framed a graph unexpectedly: {printed}"
        )));
    }
    printed.truncate(printed.len() - GRAPH_CLOSING.len());
    printed.drain(..GRAPH_OPENING.len());
    Ok(printed)
}

fn digraph(statements: Vec<Stmt>) -> Graph {
    Graph::DiGraph {
        id: Id::Plain(GRAPH_NAME.to_string()),
        strict: false,
        stmts: statements,
    }
}

/// The DOT statements of the graph of `scene`, in order: the default
/// attributes, a node per entity, an edge per relation.
fn dot_statements<'scene>(scene: &'scene Scene<'_>) -> impl Iterator<Item = Stmt> + 'scene {
    let defaults = [
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attribute("rankdir", "LR"),
            attribute("overlap", "false"),
            attribute("splines", "true"),
            attribute("nodesep", "0.3"),
            attribute("ranksep", "0.6"),
            quoted_attribute("fontname", FONT),
            attribute("fontsize", "11"),
            quoted_attribute("bgcolor", "white"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            quoted_attribute("style", "filled"),
            quoted_attribute("fontname", FONT),
            attribute("fontsize", "11"),
            attribute("penwidth", "1.2"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            quoted_attribute("fontname", FONT),
            attribute("fontsize", "9"),
            quoted_attribute("fontcolor", "#555555"),
            attribute("arrowsize", "0.7"),
        ])),
    ];

    let nodes = scene.nodes.iter().map(|node| {
        let style = kind_style(node.entity.kind);
        let mut label = node.entity.name.clone();
        if node.statement_count > 0 {
            label.push('\n');
            label.push_str(&statement_count_caption(node.statement_count));
        }
        let mut attributes = vec![
            quoted_attribute("label", &label),
            quoted_attribute("shape", style.dot_shape),
            quoted_attribute("fillcolor", style.fill),
            quoted_attribute("color", style.stroke),
        ];
        if style.dot_shape == "box" {
            attributes.push(quoted_attribute("style", "rounded,filled"));
        }
        Stmt::Node(Node::new(node_id(&node.entity.id), attributes))
    });

    let edges = scene.edges.iter().map(|edge| {
        let relation = edge.relation;
        let mut attributes = vec![
            quoted_attribute("label", &edge_caption(relation)),
            quoted_attribute("color", PredicateFamily::of(relation.predicate).colour()),
        ];
        if relation.predicate.is_symmetric() {
            attributes.push(attribute("dir", "none"));
        }
        Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(node_id(&relation.source)),
                Vertex::N(node_id(&relation.target)),
            ),
            attributes,
        })
    });

    defaults.into_iter().chain(nodes).chain(edges)
}

fn node_id(id: &str) -> NodeId {
    NodeId(Id::Escaped(quoted(id)), None)
}

/// An attribute whose value is a DOT keyword or number, written bare.
fn attribute(name: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(name.to_string()), Id::Plain(value.to_string()))
}

/// An attribute whose value is text, quoted and escaped.
fn quoted_attribute(name: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(name.to_string()), Id::Escaped(quoted(value)))
}

/// `text` as a DOT double-quoted string.
///
/// Backslashes are doubled so that Graphviz's label escapes (`\N`, `\l`, ...)
/// in a name stay literal text; newlines become `\n`, Graphviz's centred
/// line break; other control characters have no meaning in a label and are
/// dropped (a carriage return would otherwise split the line twice).
pub(crate) fn quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for character in text.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push(' '),
            character if character.is_control() => {}
            character => quoted.push(character),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_graphs::{hostile_graph, realistic_graph, small_graph};

    #[test]
    fn dot_written_a_statement_at_a_time_is_the_whole_graph_printed() {
        for graph in [
            hostile_graph(),
            small_graph(),
            realistic_graph(),
            SavedGraph::default(),
        ] {
            let scene = Scene::new(&graph);
            let whole = digraph(dot_statements(&scene).collect());
            let mut printed = whole.print(&mut PrinterContext::default());
            printed.push('\n');
            assert_eq!(to_dot(&graph), printed);
        }
    }

    #[test]
    fn dot_escapes_quotes_backslashes_and_newlines() {
        let dot = to_dot(&hostile_graph());
        assert!(dot.contains(r#"label="Ana \"The <Fox>\" O'Neil & Sons\\\n]]><script>alert(1)</script>\n1 statement""#), "{dot}");
        assert!(
            dot.contains(r#"label="Back\\slash \"Quoted\" <Town> bell""#),
            "{dot}"
        );
        assert!(
            dot.contains(r#"label="role: Chief \"Officer\" <&>\\""#),
            "{dot}"
        );
        assert!(!dot.contains('\u{7}'));
        assert!(!dot.contains('\r'));
    }

    #[test]
    fn dot_parses_back() {
        for graph in [
            hostile_graph(),
            small_graph(),
            realistic_graph(),
            SavedGraph::default(),
        ] {
            let dot = to_dot(&graph);
            let parsed =
                graphviz_rust::parse(&dot).unwrap_or_else(|error| panic!("{error}\n{dot}"));
            let Graph::DiGraph { stmts, .. } = parsed else {
                panic!("not a digraph");
            };
            let node_count = stmts
                .iter()
                .filter(|statement| matches!(statement, Stmt::Node(_)))
                .count();
            let edge_count = stmts
                .iter()
                .filter(|statement| matches!(statement, Stmt::Edge(_)))
                .count();
            assert_eq!(node_count, graph.entities.len());
            assert_eq!(edge_count, graph.relations.len());
        }
    }

    #[test]
    fn dot_shows_speakers_shapes_and_symmetric_edges() {
        let dot = to_dot(&realistic_graph());
        assert!(dot.contains(r#"label="Tomas Reyvik\n12 statements""#));
        assert!(dot.contains(r#"shape="hexagon""#));
        assert!(dot.contains("rankdir=LR"));
        let met_line = dot
            .lines()
            .find(|line| line.contains(r#"label="met""#))
            .expect("a met edge");
        assert!(met_line.contains("dir=none"));
        let role_line = dot
            .lines()
            .find(|line| line.contains(r#"label="role: President""#))
            .expect("a role edge with its title");
        assert!(!role_line.contains("dir=none"));
    }

    #[test]
    fn dot_is_deterministic_and_sorted() {
        let dot = to_dot(&realistic_graph());
        assert_eq!(dot, to_dot(&realistic_graph()));
        let node_lines: Vec<&str> = dot
            .lines()
            .filter(|line| line.trim_start().starts_with("\"") && !line.contains("->"))
            .collect();
        let mut sorted = node_lines.clone();
        sorted.sort();
        assert_eq!(node_lines, sorted);
    }

    #[test]
    fn dot_leaves_out_relations_to_missing_entities() {
        let mut graph = small_graph();
        let mut dangling = graph.relations[0].clone();
        dangling.target = "place:nowhere".into();
        graph.relations.push(dangling);
        assert!(!to_dot(&graph).contains("place:nowhere"));
    }
}
