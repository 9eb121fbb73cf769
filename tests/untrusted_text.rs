//! Article text is untrusted: names and quotations holding quotation marks,
//! angle brackets, ampersands, `]]>`, control characters or DOT keywords
//! come out escaped in every format, end to end through the binary.

use newsgraph::KnowledgeGraph;

use crate::corpus::Workspace;

/// An article whose names and quotations hold everything a format could
/// trip on.
const HOSTILE: &str = "Mayor Anna Berg of AT&T Holdings said the <Harbour> would reopen.\n\
\"Tags like <script>alert(1)</script> & ]]> and \\\"quotes\\\" are fine,\" Berg told reporters.\n\
Councillor Graph Digraph said \"strict node edge subgraph -> -- { } ; [label=x] \u{7}\u{1b}\" on Monday.\n\
\"A & B < C > D ]]> E <!-- F --> <![CDATA[ G ]]>\" said Councillor Graph Digraph.\n\
Strict Node, the chief executive of Edge Subgraph Ltd, met Berg.\n";

#[test]
fn hostile_names_and_quotes_are_escaped_in_every_format() {
    let workspace = Workspace::new();
    workspace.write("articles/hostile.txt", HOSTILE);
    workspace
        .run(&["build", "articles", "--out", "g", "--renderer", "builtin"])
        .expect_code(0);

    // JSON parses, and holds the quotations as written.
    let json: serde_json::Value =
        serde_json::from_slice(&workspace.read("g.json")).expect("the JSON output parses");
    let quotes: Vec<&str> = json["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .map(|statement| statement["text"].as_str().expect("text"))
        .collect();
    assert!(
        quotes
            .iter()
            .any(|quote| quote.contains("A & B < C > D ]]> E <!-- F -->")),
        "{quotes:?}"
    );
    let names: Vec<&str> = json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|entity| entity["name"].as_str().expect("name"))
        .collect();
    assert!(names.contains(&"AT&T Holdings"), "{names:?}");
    assert!(names.contains(&"Graph Digraph"), "{names:?}");

    // RON loads back into the graph the JSON describes.
    let ron = String::from_utf8(workspace.read("g.ron")).expect("RON is UTF-8");
    let saved = KnowledgeGraph::from_ron(&ron, "g.ron".as_ref())
        .expect("the RON output loads")
        .to_saved();
    let ron_quotes: Vec<&str> = saved
        .statements
        .iter()
        .map(|statement| &*statement.text)
        .collect();
    assert_eq!(ron_quotes, quotes);

    // DOT parses, and names each entity once, as a quoted string.
    let dot = String::from_utf8(workspace.read("g.dot")).expect("DOT is UTF-8");
    graphviz_rust::parse(&dot).unwrap_or_else(|error| panic!("DOT does not parse: {error}\n{dot}"));
    assert!(dot.contains("\"AT&T Holdings\""), "{dot}");

    // SVG is well-formed XML, runs no script, and shows the names as written.
    let svg = String::from_utf8(workspace.read("g.svg")).expect("SVG is UTF-8");
    assert!(!svg.contains("<script"), "{svg}");
    let document = roxmltree::Document::parse(&svg)
        .unwrap_or_else(|error| panic!("SVG is not XML: {error}\n{svg}"));
    let texts: Vec<&str> = document
        .descendants()
        .filter(|node| node.has_tag_name("text"))
        .filter_map(|node| node.text())
        .collect();
    assert!(texts.contains(&"AT&T Holdings"), "{texts:?}");
    assert!(
        document
            .descendants()
            .all(|node| !node.has_tag_name("script") && !node.has_tag_name("foreignObject")),
        "the SVG holds active content"
    );
}
