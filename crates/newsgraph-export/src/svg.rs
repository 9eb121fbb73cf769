//! The built-in SVG renderer: the graph laid out by [`crate::layout`] and
//! written as SVG text by hand, with no Graphviz and no scripts.
//!
//! What the picture shows, and why:
//! - entities as shapes coloured by kind (the palette of the DOT export),
//!   sized by how often the articles name them, so the main actors stand
//!   out;
//! - each name under its shape, on a white halo so it stays legible over
//!   edges, wrapped over up to three lines;
//! - speakers with a speech bubble holding their statement count;
//! - relations as lines (curves when two entities share several), coloured
//!   by predicate family, with an arrowhead except for symmetric predicates,
//!   and the predicate in small grey type near the middle, moved along the
//!   edge when that spot is taken;
//! - entities linked to nothing in a band under the graph, where they do
//!   not push the connected part apart;
//! - a legend on top.
//!
//! All text goes through [`xml_text`]. The output is deterministic: numbers
//! are printed with one decimal and everything is drawn in id order.

use std::collections::HashMap;
use std::fmt::Write;

use newsgraph_extract::EntityKind;
use newsgraph_graph::SavedGraph;

use crate::layout::{compact, fnv1a, force_directed, separate_boxes, ForceConfig, NodeBox, Point};
use crate::scene::Scene;
use crate::style::{
    edge_caption, kind_style, statement_count_caption, PredicateFamily, ALL_FAMILIES, ALL_KINDS,
};

const NAME_FONT_SIZE: f64 = 12.0;
const NAME_LINE_HEIGHT: f64 = 14.0;
const EDGE_FONT_SIZE: f64 = 9.5;
const NAME_WRAP_CHARACTERS: usize = 20;
const NAME_MAXIMUM_LINES: usize = 3;
const MARGIN: f64 = 24.0;
const BADGE_COLOUR: &str = "#6b46c1";
/// The distance between linked nodes the layout aims at.
const IDEAL_EDGE_LENGTH: f64 = 110.0;

/// The graph drawn as a standalone SVG document with a trailing newline.
pub(crate) fn to_svg(graph: &SavedGraph) -> String {
    let scene = Scene::new(graph);
    let drawing = Drawing::lay_out(&scene);
    drawing.write(&scene, graph.documents.len())
}

/// One node as it will be drawn.
struct DrawnNode {
    position: Point,
    radius: f64,
    name_lines: Vec<String>,
    /// Width of the widest name line, estimated.
    name_width: f64,
}

impl DrawnNode {
    fn layout_box(&self) -> NodeBox {
        NodeBox {
            half_width: (self.name_width / 2.0).max(self.radius + 4.0),
            above: self.radius + 4.0,
            below: self.radius + 4.0 + self.name_lines.len() as f64 * NAME_LINE_HEIGHT,
        }
    }
}

/// A rectangle, for collision tests of labels.
#[derive(Debug, Clone, Copy)]
struct Rectangle {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Rectangle {
    fn around(centre: Point, half_width: f64, half_height: f64) -> Self {
        Rectangle {
            left: centre.x - half_width,
            top: centre.y - half_height,
            right: centre.x + half_width,
            bottom: centre.y + half_height,
        }
    }

    fn overlap_area(&self, other: &Rectangle) -> f64 {
        let width = self.right.min(other.right) - self.left.max(other.left);
        let height = self.bottom.min(other.bottom) - self.top.max(other.top);
        if width > 0.0 && height > 0.0 {
            width * height
        } else {
            0.0
        }
    }

    fn union(&self, other: &Rectangle) -> Rectangle {
        Rectangle {
            left: self.left.min(other.left),
            top: self.top.min(other.top),
            right: self.right.max(other.right),
            bottom: self.bottom.max(other.bottom),
        }
    }
}

/// Rectangles already taken by labels and nodes, bucketed in a grid so that
/// placing a label checks only its neighbourhood.
struct OccupiedSpace {
    cell_size: f64,
    cells: HashMap<(i64, i64), Vec<Rectangle>>,
}

impl OccupiedSpace {
    fn new(cell_size: f64) -> Self {
        OccupiedSpace {
            cell_size,
            cells: HashMap::new(),
        }
    }

    fn cell_range(&self, rectangle: &Rectangle) -> (i64, i64, i64, i64) {
        let to_cell = |value: f64| (value / self.cell_size).floor() as i64;
        (
            to_cell(rectangle.left),
            to_cell(rectangle.top),
            to_cell(rectangle.right),
            to_cell(rectangle.bottom),
        )
    }

    fn insert(&mut self, rectangle: Rectangle) {
        let (left, top, right, bottom) = self.cell_range(&rectangle);
        for column in left..=right {
            for row in top..=bottom {
                self.cells.entry((column, row)).or_default().push(rectangle);
            }
        }
    }

    /// The area of `rectangle` already taken (rectangles spanning several
    /// cells count once per cell, which only overweights big overlaps).
    fn overlap_area(&self, rectangle: &Rectangle) -> f64 {
        let (left, top, right, bottom) = self.cell_range(rectangle);
        let mut area = 0.0;
        for column in left..=right {
            for row in top..=bottom {
                if let Some(taken) = self.cells.get(&(column, row)) {
                    area += taken
                        .iter()
                        .map(|other| rectangle.overlap_area(other))
                        .sum::<f64>();
                }
            }
        }
        area
    }
}

/// One edge as it will be drawn.
struct DrawnEdge {
    start: Point,
    end: Point,
    /// The control point of a quadratic curve; the midpoint for a straight line.
    control: Point,
    curved: bool,
    label_position: Point,
    label_half_width: f64,
}

struct Drawing {
    nodes: Vec<DrawnNode>,
    edges: Vec<Option<DrawnEdge>>,
    /// Where the band of unlinked entities starts, when there are any.
    unlinked_band_top: Option<f64>,
    bounds: Rectangle,
}

/// Estimated width of `text` in a sans-serif font of `font_size`: there are
/// no font metrics without a font, so characters are sorted into narrow,
/// normal, wide and full-width classes.
fn text_width(text: &str, font_size: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|character| match character {
            'i' | 'j' | 'l' | '.' | ',' | '\'' | '|' | '!' | ':' | ';' | 'I' => 0.28,
            'f' | 't' | 'r' | ' ' | '-' | '(' | ')' | '"' => 0.36,
            'm' | 'w' | 'M' | 'W' => 0.86,
            'A'..='Z' => 0.66,
            character if character.is_ascii() => 0.55,
            // CJK, kana and hangul are square; other scripts average out.
            '\u{1100}'..='\u{11ff}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7af}' => 1.0,
            '\u{ff00}'..='\u{ffef}' => 1.0,
            _ => 0.6,
        })
        .sum();
    ems * font_size
}

/// The name broken on spaces into lines of about `NAME_WRAP_CHARACTERS`,
/// at most `NAME_MAXIMUM_LINES`, the last cut with an ellipsis when the
/// name is longer. Runs of whitespace, newlines included, become one space.
fn wrap_name(name: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in name.split_whitespace() {
        let current_length = current.chars().count();
        if current_length > 0 && current_length + 1 + word.chars().count() > NAME_WRAP_CHARACTERS {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    // A single word longer than a line is cut rather than wrapped.
    for line in &mut lines {
        if line.chars().count() > NAME_WRAP_CHARACTERS + 8 {
            *line = line
                .chars()
                .take(NAME_WRAP_CHARACTERS + 6)
                .collect::<String>()
                + "…";
        }
    }
    if lines.len() > NAME_MAXIMUM_LINES {
        lines.truncate(NAME_MAXIMUM_LINES);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    if lines.is_empty() {
        lines.push("(unnamed)".to_string());
    }
    lines
}

/// Shape size from the number of mentions: logarithmic, so an entity named
/// a hundred times is bigger than one named once but does not fill the page.
fn node_radius(mention_count: usize) -> f64 {
    (7.0 + 3.0 * (mention_count.max(1) as f64).ln()).min(22.0)
}

fn distance(first: Point, second: Point) -> f64 {
    ((first.x - second.x).powi(2) + (first.y - second.y).powi(2)).sqrt()
}

/// `from` moved `length` towards `towards`.
fn step_towards(from: Point, towards: Point, length: f64) -> Point {
    let total = distance(from, towards);
    if total < 1e-9 {
        return from;
    }
    Point {
        x: from.x + (towards.x - from.x) * length / total,
        y: from.y + (towards.y - from.y) * length / total,
    }
}

/// The point at `t` of the quadratic curve from `start` through `control` to `end`.
fn quadratic_point(start: Point, control: Point, end: Point, t: f64) -> Point {
    let remaining = 1.0 - t;
    Point {
        x: remaining * remaining * start.x + 2.0 * remaining * t * control.x + t * t * end.x,
        y: remaining * remaining * start.y + 2.0 * remaining * t * control.y + t * t * end.y,
    }
}

impl Drawing {
    fn lay_out(scene: &Scene) -> Drawing {
        let mut nodes: Vec<DrawnNode> = scene
            .nodes
            .iter()
            .map(|node| {
                let name_lines = wrap_name(&node.entity.name);
                let name_width = name_lines
                    .iter()
                    .map(|line| text_width(line, NAME_FONT_SIZE))
                    .fold(0.0, f64::max);
                DrawnNode {
                    position: Point::default(),
                    radius: node_radius(node.entity.mentions.len()),
                    name_lines,
                    name_width,
                }
            })
            .collect();

        // Entities linked to something are laid out by forces; the rest go
        // to the band underneath.
        let linked: Vec<usize> = (0..nodes.len())
            .filter(|&index| {
                scene.edges.iter().any(|edge| {
                    edge.source != edge.target && (edge.source == index || edge.target == index)
                })
            })
            .collect();
        let mut linked_slot = vec![usize::MAX; nodes.len()];
        for (slot, &index) in linked.iter().enumerate() {
            linked_slot[index] = slot;
        }
        let seeds: Vec<u64> = linked
            .iter()
            .map(|&index| fnv1a(scene.nodes[index].entity.id.as_bytes()))
            .collect();
        let springs: Vec<(usize, usize)> = scene
            .edges
            .iter()
            .map(|edge| (linked_slot[edge.source], linked_slot[edge.target]))
            .filter(|(source, target)| *source != usize::MAX && *target != usize::MAX)
            .collect();
        let mut positions = force_directed(
            &seeds,
            &springs,
            ForceConfig::for_node_count(seeds.len(), IDEAL_EDGE_LENGTH),
        );
        let boxes: Vec<NodeBox> = linked
            .iter()
            .map(|&index| nodes[index].layout_box())
            .collect();
        // The gap leaves room for edges and their labels between names.
        compact(&mut positions, &boxes, Point { x: 40.0, y: 36.0 });
        separate_boxes(&mut positions, &boxes, 6.0, 200);
        for (slot, &index) in linked.iter().enumerate() {
            nodes[index].position = positions[slot];
        }

        let mut bounds = linked
            .iter()
            .map(|&index| node_rectangle(&nodes[index]))
            .reduce(|first, second| first.union(&second));

        let unlinked: Vec<usize> = (0..nodes.len())
            .filter(|&index| linked_slot[index] == usize::MAX)
            .collect();
        let mut unlinked_band_top = None;
        if !unlinked.is_empty() {
            let (band_left, band_top, band_width) = match bounds {
                Some(bounds) => (
                    bounds.left,
                    bounds.bottom + 48.0,
                    (bounds.right - bounds.left).max(600.0),
                ),
                None => (0.0, 0.0, 900.0),
            };
            unlinked_band_top = Some(band_top - 16.0);
            place_in_rows(
                &mut nodes, &unlinked, scene, band_left, band_top, band_width,
            );
            let band_bounds = unlinked
                .iter()
                .map(|&index| node_rectangle(&nodes[index]))
                .reduce(|first, second| first.union(&second));
            bounds = match (bounds, band_bounds) {
                (Some(first), Some(second)) => Some(first.union(&second)),
                (first, second) => first.or(second),
            };
        }

        let mut occupied = OccupiedSpace::new(IDEAL_EDGE_LENGTH);
        for node in &nodes {
            occupied.insert(node_rectangle(node));
        }
        let edges = draw_edges(scene, &nodes, &mut occupied);
        let mut bounds = bounds.unwrap_or(Rectangle {
            left: 0.0,
            top: 0.0,
            right: 0.0,
            bottom: 0.0,
        });
        for edge in edges.iter().flatten() {
            bounds = bounds
                .union(&Rectangle::around(
                    edge.label_position,
                    edge.label_half_width,
                    EDGE_FONT_SIZE,
                ))
                .union(&Rectangle::around(edge.control, 1.0, 1.0));
        }
        Drawing {
            nodes,
            edges,
            unlinked_band_top,
            bounds,
        }
    }

    fn write(&self, scene: &Scene, document_count: usize) -> String {
        let legend_height = 64.0;
        let legend_width = 760.0;
        let content_width = self.bounds.right - self.bounds.left;
        let view_left = self.bounds.left - MARGIN;
        let view_top = self.bounds.top - legend_height - MARGIN;
        let view_width = content_width.max(legend_width) + 2.0 * MARGIN;
        let view_height = self.bounds.bottom - self.bounds.top + legend_height + 2.0 * MARGIN;

        let mut svg =
            String::with_capacity(1024 + scene.nodes.len() * 600 + scene.edges.len() * 400);
        let _ = writeln!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{:.1} {:.1} {:.1} {:.1}" width="{:.0}" height="{:.0}" font-family="Helvetica, Arial, sans-serif">"#,
            view_left, view_top, view_width, view_height, view_width, view_height
        );
        let _ = writeln!(
            svg,
            "<title>newsgraph: {}, {}, {}</title>",
            counted(scene.nodes.len(), "entity", "entities"),
            counted(scene.edges.len(), "relation", "relations"),
            counted(scene.statement_total, "statement", "statements")
        );
        svg.push_str(STYLE_SHEET);
        write_markers(&mut svg);
        let _ = writeln!(
            svg,
            r##"<rect x="{view_left:.1}" y="{view_top:.1}" width="{view_width:.1}" height="{view_height:.1}" fill="#ffffff"/>"##
        );
        write_legend(
            &mut svg,
            Point {
                x: view_left + MARGIN,
                y: view_top + MARGIN,
            },
            scene,
            document_count,
        );
        if let Some(band_top) = self.unlinked_band_top {
            let _ = writeln!(
                svg,
                r#"<line class="band" x1="{:.1}" y1="{band_top:.1}" x2="{:.1}" y2="{band_top:.1}"/><text class="band-caption" x="{:.1}" y="{:.1}">Named, but linked to nothing</text>"#,
                self.bounds.left,
                self.bounds.right,
                self.bounds.left,
                band_top - 6.0
            );
        }

        svg.push_str("<g class=\"edges\">\n");
        for (edge, drawn) in scene.edges.iter().zip(&self.edges) {
            let Some(drawn) = drawn else { continue };
            let family = PredicateFamily::of(edge.relation.predicate);
            let marker = if edge.relation.predicate.is_symmetric() {
                String::new()
            } else {
                format!(r#" marker-end="url(#arrow-{})""#, family.slug())
            };
            let path = if drawn.curved {
                format!(
                    "M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}",
                    drawn.start.x,
                    drawn.start.y,
                    drawn.control.x,
                    drawn.control.y,
                    drawn.end.x,
                    drawn.end.y
                )
            } else {
                format!(
                    "M{:.1},{:.1} L{:.1},{:.1}",
                    drawn.start.x, drawn.start.y, drawn.end.x, drawn.end.y
                )
            };
            let _ = writeln!(
                svg,
                r#"<path class="edge {}" d="{path}"{marker}/>"#,
                family.slug()
            );
        }
        svg.push_str("</g>\n<g class=\"edge-labels\">\n");
        for (edge, drawn) in scene.edges.iter().zip(&self.edges) {
            let Some(drawn) = drawn else { continue };
            let _ = writeln!(
                svg,
                r#"<text class="edge-label" x="{:.1}" y="{:.1}">{}</text>"#,
                drawn.label_position.x,
                drawn.label_position.y + EDGE_FONT_SIZE * 0.35,
                xml_text(&edge_caption(edge.relation))
            );
        }
        svg.push_str("</g>\n<g class=\"nodes\">\n");
        for (node, drawn) in scene.nodes.iter().zip(&self.nodes) {
            let entity = node.entity;
            let _ = write!(
                svg,
                "<g><title>{} ({}), named {} time{}",
                xml_text(&entity.name),
                entity.kind.as_str(),
                entity.mentions.len(),
                if entity.mentions.len() == 1 { "" } else { "s" }
            );
            if !entity.aliases.is_empty() {
                let _ = write!(svg, "; also {}", xml_text(&entity.aliases.join(", ")));
            }
            if node.statement_count > 0 {
                let _ = write!(svg, "; {}", statement_count_caption(node.statement_count));
            }
            svg.push_str("</title>");
            write_shape(&mut svg, entity.kind, drawn.position, drawn.radius);
            svg.push_str("</g>\n");
        }
        svg.push_str("</g>\n<g class=\"names\">\n");
        for drawn in &self.nodes {
            let first_baseline = drawn.position.y + drawn.radius + 4.0 + NAME_FONT_SIZE * 0.8;
            let _ = write!(
                svg,
                r#"<text class="name" x="{:.1}" y="{:.1}">"#,
                drawn.position.x, first_baseline
            );
            for (line_number, line) in drawn.name_lines.iter().enumerate() {
                if line_number == 0 {
                    let _ = write!(svg, "{}", xml_text(line));
                } else {
                    let _ = write!(
                        svg,
                        r#"<tspan x="{:.1}" dy="{NAME_LINE_HEIGHT:.1}">{}</tspan>"#,
                        drawn.position.x,
                        xml_text(line)
                    );
                }
            }
            svg.push_str("</text>\n");
        }
        svg.push_str("</g>\n<g class=\"badges\">\n");
        for (node, drawn) in scene.nodes.iter().zip(&self.nodes) {
            if node.statement_count > 0 {
                write_badge(&mut svg, drawn, node.statement_count);
            }
        }
        svg.push_str("</g>\n</svg>\n");
        svg
    }
}

/// The rectangle a node's shape and name cover.
fn node_rectangle(node: &DrawnNode) -> Rectangle {
    let extent = node.layout_box();
    Rectangle {
        left: node.position.x - extent.half_width,
        top: node.position.y - extent.above - 10.0,
        right: node.position.x + extent.half_width.max(node.radius + 24.0),
        bottom: node.position.y + extent.below,
    }
}

/// Lays the unlinked entities out in rows, speakers first, then the most
/// named, so the likeliest to matter come first in reading order.
fn place_in_rows(
    nodes: &mut [DrawnNode],
    unlinked: &[usize],
    scene: &Scene,
    left: f64,
    top: f64,
    width: f64,
) {
    let mut order = unlinked.to_vec();
    order.sort_by(|&first, &second| {
        let first_node = &scene.nodes[first];
        let second_node = &scene.nodes[second];
        second_node
            .statement_count
            .cmp(&first_node.statement_count)
            .then(
                second_node
                    .entity
                    .mentions
                    .len()
                    .cmp(&first_node.entity.mentions.len()),
            )
            .then(first_node.entity.id.cmp(&second_node.entity.id))
    });
    let mut cursor_x = left;
    let mut row_top = top;
    let mut row_height: f64 = 0.0;
    for index in order {
        let extent = nodes[index].layout_box();
        let cell_width = extent.half_width * 2.0 + 16.0;
        if cursor_x > left && cursor_x + cell_width > left + width {
            cursor_x = left;
            row_top += row_height + 12.0;
            row_height = 0.0;
        }
        nodes[index].position = Point {
            x: cursor_x + cell_width / 2.0,
            y: row_top + extent.above,
        };
        cursor_x += cell_width;
        row_height = row_height.max(extent.above + extent.below);
    }
}

/// Edge geometry and label positions. Edges between the same two entities
/// are bent apart so that each can be seen; labels go to the free spot
/// nearest the middle of their edge.
fn draw_edges(
    scene: &Scene,
    nodes: &[DrawnNode],
    occupied: &mut OccupiedSpace,
) -> Vec<Option<DrawnEdge>> {
    let mut edges_between: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (edge_index, edge) in scene.edges.iter().enumerate() {
        let pair = (edge.source.min(edge.target), edge.source.max(edge.target));
        edges_between.entry(pair).or_default().push(edge_index);
    }

    let mut drawn_edges = Vec::with_capacity(scene.edges.len());
    for (edge_index, edge) in scene.edges.iter().enumerate() {
        let source = &nodes[edge.source];
        let target = &nodes[edge.target];
        let label_half_width = text_width(&edge_caption(edge.relation), EDGE_FONT_SIZE) / 2.0 + 2.0;

        if edge.source == edge.target {
            // A loop: a small arc above the node.
            let top = Point {
                x: source.position.x,
                y: source.position.y - source.radius,
            };
            let start = Point {
                x: top.x - 5.0,
                y: top.y,
            };
            let end = Point {
                x: top.x + 5.0,
                y: top.y,
            };
            let control = Point {
                x: top.x,
                y: top.y - 40.0,
            };
            let label_position = Point {
                x: top.x,
                y: top.y - 28.0,
            };
            occupied.insert(Rectangle::around(
                label_position,
                label_half_width,
                EDGE_FONT_SIZE * 0.6,
            ));
            drawn_edges.push(Some(DrawnEdge {
                start,
                end,
                control,
                curved: true,
                label_position,
                label_half_width,
            }));
            continue;
        }

        let pair = (edge.source.min(edge.target), edge.source.max(edge.target));
        let siblings = edges_between.get(&pair).map(Vec::as_slice).unwrap_or(&[]);
        let sibling_number = siblings
            .iter()
            .position(|&other| other == edge_index)
            .unwrap_or(0);
        // Offsets -1, +1 for two edges, 0, -1, +1 for three..., measured
        // from the lower-indexed node so that reversed edges bend apart too.
        let centred_offset = sibling_number as f64 - (siblings.len() as f64 - 1.0) / 2.0;
        let (from, to) = (nodes[pair.0].position, nodes[pair.1].position);
        let length = distance(from, to).max(1e-9);
        let normal = Point {
            x: -(to.y - from.y) / length,
            y: (to.x - from.x) / length,
        };
        let bend = centred_offset * 28.0;
        let middle = Point {
            x: (source.position.x + target.position.x) / 2.0 + normal.x * bend * 2.0,
            y: (source.position.y + target.position.y) / 2.0 + normal.y * bend * 2.0,
        };
        let curved = bend != 0.0;
        let control = if curved {
            middle
        } else {
            Point {
                x: (source.position.x + target.position.x) / 2.0,
                y: (source.position.y + target.position.y) / 2.0,
            }
        };
        // End at the shapes' outlines, and leave room for the arrowhead.
        let arrow_room = if edge.relation.predicate.is_symmetric() {
            1.0
        } else {
            3.0
        };
        let start = step_towards(source.position, control, source.radius + 1.0);
        let end = step_towards(target.position, control, target.radius + arrow_room);

        let candidates = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];
        let mut best: Option<(f64, Point)> = None;
        for t in candidates {
            let position = quadratic_point(start, control, end, t);
            let rectangle = Rectangle::around(position, label_half_width, EDGE_FONT_SIZE * 0.6);
            let taken = occupied.overlap_area(&rectangle);
            // A match rather than `Option::is_none_or`, which needs Rust 1.82.
            let better = match best {
                Some((best_taken, _)) => taken < best_taken,
                None => true,
            };
            if better {
                best = Some((taken, position));
            }
            if taken == 0.0 {
                break;
            }
        }
        let label_position = best.map_or(control, |(_, position)| position);
        occupied.insert(Rectangle::around(
            label_position,
            label_half_width,
            EDGE_FONT_SIZE * 0.6,
        ));
        drawn_edges.push(Some(DrawnEdge {
            start,
            end,
            control,
            curved,
            label_position,
            label_half_width,
        }));
    }
    drawn_edges
}

const STYLE_SHEET: &str = r#"<style>
.edge { fill: none; stroke-width: 1.3; stroke-opacity: 0.75; }
.edge.structure { stroke: #7a8594; }
.edge.contact { stroke: #3a7bd5; }
.edge.conflict { stroke: #d0433b; }
.name { font-size: 12px; fill: #1a202c; text-anchor: middle; paint-order: stroke; stroke: #ffffff; stroke-width: 3.5px; stroke-linejoin: round; }
.edge-label { font-size: 9.5px; fill: #5a6270; text-anchor: middle; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
.badge-count { font-size: 9px; font-weight: bold; fill: #ffffff; text-anchor: middle; }
.legend { font-size: 11px; fill: #2d3748; }
.legend-title { font-size: 13px; font-weight: bold; fill: #1a202c; }
.band { stroke: #cbd5e0; stroke-dasharray: 4 4; }
.band-caption { font-size: 11px; fill: #718096; font-style: italic; }
</style>
"#;

fn write_markers(svg: &mut String) {
    svg.push_str("<defs>\n");
    for family in ALL_FAMILIES {
        let _ = writeln!(
            svg,
            r#"<marker id="arrow-{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,1 L10,5 L0,9 z" fill="{}"/></marker>"#,
            family.slug(),
            family.colour()
        );
    }
    svg.push_str("</defs>\n");
}

/// The shape of an entity kind centred on `centre`.
fn write_shape(svg: &mut String, kind: EntityKind, centre: Point, radius: f64) {
    let style = kind_style(kind);
    let paint = format!(
        r#"fill="{}" stroke="{}" stroke-width="1.5""#,
        style.fill, style.stroke
    );
    match kind {
        EntityKind::Person => {
            let _ = write!(
                svg,
                r#"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" {paint}/>"#,
                centre.x, centre.y, radius
            );
        }
        EntityKind::Place => {
            let side = radius * 1.75;
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="{side:.1}" height="{side:.1}" rx="{:.1}" {paint}/>"#,
                centre.x - side / 2.0,
                centre.y - side / 2.0,
                radius * 0.3
            );
        }
        EntityKind::Organization => {
            // A hexagon with flat top and bottom; √3/2 written out so no
            // trigonometry (and its platform differences) is involved.
            let half_height = radius * 0.866_025_4;
            let points = [
                (radius, 0.0),
                (radius / 2.0, half_height),
                (-radius / 2.0, half_height),
                (-radius, 0.0),
                (-radius / 2.0, -half_height),
                (radius / 2.0, -half_height),
            ];
            let points: Vec<String> = points
                .iter()
                .map(|(x, y)| format!("{:.1},{:.1}", centre.x + x * 1.1, centre.y + y * 1.1))
                .collect();
            let _ = write!(svg, r#"<polygon points="{}" {paint}/>"#, points.join(" "));
        }
    }
}

/// A speech bubble holding the statement count, at the node's upper right.
fn write_badge(svg: &mut String, node: &DrawnNode, statement_count: usize) {
    let text = statement_count.to_string();
    let width = text_width(&text, 9.0).max(6.0) + 8.0;
    let height = 13.0;
    let left = node.position.x + node.radius * 0.55;
    let top = node.position.y - node.radius * 0.55 - height - 3.0;
    write_bubble(svg, left, top, width, height);
    let _ = writeln!(
        svg,
        r#"<text class="badge-count" x="{:.1}" y="{:.1}">{text}</text>"#,
        left + width / 2.0,
        top + height - 3.5
    );
}

/// A rounded rectangle with a tail at its lower left.
fn write_bubble(svg: &mut String, left: f64, top: f64, width: f64, height: f64) {
    let bottom = top + height;
    let _ = write!(
        svg,
        r#"<path d="M{:.1},{top:.1} H{:.1} Q{:.1},{top:.1} {:.1},{:.1} V{:.1} Q{:.1},{bottom:.1} {:.1},{bottom:.1} H{:.1} L{:.1},{:.1} L{:.1},{bottom:.1} Q{left:.1},{bottom:.1} {left:.1},{:.1} V{:.1} Q{left:.1},{top:.1} {:.1},{top:.1} z" fill="{BADGE_COLOUR}"/>"#,
        left + 3.0,
        left + width - 3.0,
        left + width,
        left + width,
        top + 3.0,
        bottom - 3.0,
        left + width,
        left + width - 3.0,
        left + 7.0,
        left - 1.0,
        bottom + 4.0,
        left + 3.0,
        bottom - 3.0,
        top + 3.0,
        left + 3.0,
    );
}

/// The legend: a title line with counts, then the kinds, the speech bubble,
/// and the colours of predicate families.
fn write_legend(svg: &mut String, origin: Point, scene: &Scene, document_count: usize) {
    let _ = writeln!(
        svg,
        r#"<text class="legend-title" x="{:.1}" y="{:.1}">{} · {} · {} · {}</text>"#,
        origin.x,
        origin.y + 4.0,
        counted(scene.nodes.len(), "entity", "entities"),
        counted(scene.edges.len(), "relation", "relations"),
        counted(scene.statement_total, "statement", "statements"),
        counted(document_count, "document", "documents")
    );
    let row_y = origin.y + 24.0;
    let mut cursor_x = origin.x + 8.0;
    for kind in ALL_KINDS {
        write_shape(
            svg,
            kind,
            Point {
                x: cursor_x,
                y: row_y,
            },
            7.0,
        );
        let caption = kind_style(kind).legend;
        let _ = writeln!(
            svg,
            r#"<text class="legend" x="{:.1}" y="{:.1}">{caption}</text>"#,
            cursor_x + 13.0,
            row_y + 4.0
        );
        cursor_x += 13.0 + text_width(caption, 11.0) + 22.0;
    }
    write_bubble(svg, cursor_x - 6.0, row_y - 8.0, 14.0, 12.0);
    let _ = writeln!(
        svg,
        r#"<text class="badge-count" x="{:.1}" y="{:.1}">n</text><text class="legend" x="{:.1}" y="{:.1}">statements made · larger shape: named more often</text>"#,
        cursor_x + 1.0,
        row_y + 1.5,
        cursor_x + 14.0,
        row_y + 4.0
    );

    let row_y = origin.y + 44.0;
    let mut cursor_x = origin.x;
    for family in ALL_FAMILIES {
        let _ = writeln!(
            svg,
            r#"<path class="edge {}" d="M{:.1},{row_y:.1} H{:.1}" marker-end="url(#arrow-{})"/><text class="legend" x="{:.1}" y="{:.1}">{}</text>"#,
            family.slug(),
            cursor_x,
            cursor_x + 22.0,
            family.slug(),
            cursor_x + 28.0,
            row_y + 4.0,
            family.legend()
        );
        cursor_x += 28.0 + text_width(family.legend(), 11.0) + 24.0;
    }
}

/// "1 entity", "3 entities".
fn counted(count: usize, singular: &str, plural: &str) -> String {
    if count == 1 {
        format!("1 {singular}")
    } else {
        format!("{count} {plural}")
    }
}

/// `text` safe as XML character data or a quoted attribute value: markup
/// characters escaped, and characters XML 1.0 forbids (most control
/// characters, U+FFFE, U+FFFF) dropped, as are the C1 controls it
/// discourages. Whitespace controls become spaces, since SVG text
/// collapses them anyway.
pub(crate) fn xml_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(' '),
            '\u{fffe}' | '\u{ffff}' => {}
            character if character.is_control() => {}
            character => escaped.push(character),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_graphs::{generated_graph, hostile_graph, realistic_graph, small_graph};

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).unwrap_or_else(|error| panic!("{error}\n{svg}"))
    }

    #[test]
    fn hostile_text_gives_valid_xml_without_scripts() {
        let svg = to_svg(&hostile_graph());
        let document = parse(&svg);
        assert!(!svg.contains("<script"));
        assert!(!svg.contains('\u{7}'));
        let texts: String = document
            .descendants()
            .filter_map(|node| node.text())
            .collect::<Vec<_>>()
            .join("|");
        assert!(texts.contains("<script>alert(1)</script>"), "{texts}");
        assert!(texts.contains("A&B <Holdings>"), "{texts}");
    }

    #[test]
    fn the_builtin_svg_is_deterministic() {
        for graph in [realistic_graph(), generated_graph(700)] {
            assert_eq!(to_svg(&graph), to_svg(&graph));
        }
    }

    #[test]
    fn an_empty_graph_gives_a_valid_svg() {
        let svg = to_svg(&SavedGraph::default());
        let document = parse(&svg);
        assert_eq!(document.root_element().tag_name().name(), "svg");
        assert!(svg.ends_with("</svg>\n"));
    }

    #[test]
    fn the_picture_holds_every_entity_speaker_and_relation() {
        let graph = realistic_graph();
        let svg = to_svg(&graph);
        let document = parse(&svg);
        let class_count = |class: &str| {
            document
                .descendants()
                .filter(|node| node.attribute("class") == Some(class))
                .count()
        };
        assert_eq!(class_count("name"), graph.entities.len());
        assert_eq!(class_count("edge-label"), graph.relations.len());
        assert_eq!(
            class_count("badge-count"),
            8 + 1,
            "eight speakers and the legend"
        );
        assert!(svg.contains("Named, but linked to nothing"));
        let view_box = document
            .root_element()
            .attribute("viewBox")
            .expect("a viewBox");
        assert!(view_box
            .split(' ')
            .all(|number| number.parse::<f64>().is_ok()));
    }

    #[test]
    fn arrows_are_left_off_symmetric_relations() {
        let svg = to_svg(&small_graph());
        assert_eq!(
            svg.matches("marker-end").count(),
            2 + 3,
            "two relations, three legend lines"
        );
        let mut graph = small_graph();
        graph.relations[0].predicate = newsgraph_extract::Predicate::Met;
        graph.relations[0].label = None;
        assert_eq!(to_svg(&graph).matches("marker-end").count(), 1 + 3);
    }

    #[test]
    fn names_wrap_and_are_cut() {
        assert_eq!(wrap_name("Daria Okonkwo-Lind"), vec!["Daria Okonkwo-Lind"]);
        assert_eq!(
            wrap_name("Northern Maritime Council of Coastal States"),
            vec!["Northern Maritime", "Council of Coastal", "States"]
        );
        assert_eq!(wrap_name(" \n "), vec!["(unnamed)"]);
        let long = "word ".repeat(40);
        assert_eq!(wrap_name(&long).len(), NAME_MAXIMUM_LINES);
    }

    #[test]
    fn xml_text_escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            xml_text("a<b>&\"c'\u{0}\u{1b}\u{ffff}\nd"),
            "a&lt;b&gt;&amp;&quot;c&apos; d"
        );
    }
}
