//! A deterministic force-directed layout for the built-in SVG renderer.
//!
//! [`force_directed`] is Fruchterman–Reingold: every pair of nodes repels
//! (force `k²/d`), every edge pulls its ends together (force `d²/k`), a weak
//! gravity keeps separate components near the centre, and a temperature
//! that falls to nothing bounds each step so the layout settles. Up to
//! [`EXACT_REPULSION_LIMIT`] nodes every pair repels; beyond, a Barnes–Hut
//! quadtree lets distant groups of nodes push as one, which keeps 5,000
//! nodes to a few seconds. [`separate_boxes`] then pushes apart nodes whose drawings (shape and
//! name label) still overlap, so that every name can be read.
//!
//! Nothing here is random: initial positions come from a hash of each
//! node's id ([`fnv1a`]), iteration counts are fixed, and only `+ - * / sqrt`
//! are used, which IEEE 754 defines exactly, so the same graph gives the
//! same positions on every machine.

/// A position in SVG user units (pixels), y pointing down.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Point {
    pub x: f64,
    pub y: f64,
}

/// The extent of a node's drawing around its position: the shape and the
/// name label under it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NodeBox {
    pub half_width: f64,
    pub above: f64,
    pub below: f64,
}

/// Up to this many nodes, repulsion is computed between every pair; beyond,
/// with the Barnes–Hut approximation.
pub(crate) const EXACT_REPULSION_LIMIT: usize = 300;

/// The 64-bit FNV-1a hash: fixed, unlike `std`'s `RandomState`, so
/// positions seeded from it are the same on every run.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Spreads the bits of a hash, so ids differing in one character land far
/// apart (splitmix64's finaliser).
fn mix(mut value: u64) -> u64 {
    value = (value ^ (value >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    value ^ (value >> 31)
}

/// A number in [-0.5, 0.5) from 32 bits of a hash.
fn unit_from_bits(bits: u64) -> f64 {
    (bits & 0xffff_ffff) as f64 / 4_294_967_296.0 - 0.5
}

/// Tuning of [`force_directed`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct ForceConfig {
    /// The distance at which an edge's pull and a pair's push balance.
    pub ideal_edge_length: f64,
    pub iterations: usize,
    /// Pull towards the centre, relative to the spring forces.
    pub gravity: f64,
}

impl ForceConfig {
    /// Fewer iterations for large graphs, where each one costs more and
    /// the picture is judged as a whole rather than edge by edge.
    pub fn for_node_count(node_count: usize, ideal_edge_length: f64) -> Self {
        let iterations = if node_count <= 200 {
            600
        } else if node_count <= 1000 {
            400
        } else {
            200
        };
        ForceConfig {
            ideal_edge_length,
            iterations,
            gravity: 1.0,
        }
    }
}

/// Positions for nodes seeded by `seeds` (hashes of their ids) joined by
/// `edges` (pairs of indices; loops and repeats are ignored), centred on the
/// origin.
pub(crate) fn force_directed(
    seeds: &[u64],
    edges: &[(usize, usize)],
    config: ForceConfig,
) -> Vec<Point> {
    let node_count = seeds.len();
    let ideal = config.ideal_edge_length.max(1.0);
    let side = ideal * (node_count as f64).sqrt();
    let mut positions: Vec<Point> = seeds
        .iter()
        .map(|&seed| {
            let bits = mix(seed);
            Point {
                x: unit_from_bits(bits) * side,
                y: unit_from_bits(bits >> 32) * side,
            }
        })
        .collect();
    if node_count < 2 {
        return positions.into_iter().map(|_| Point::default()).collect();
    }

    let mut springs: Vec<(usize, usize)> = edges
        .iter()
        .filter(|(source, target)| source != target && *source < node_count && *target < node_count)
        .map(|&(source, target)| (source.min(target), source.max(target)))
        .collect();
    springs.sort_unstable();
    springs.dedup();

    let mut degree = vec![0usize; node_count];
    for &(source, target) in &springs {
        degree[source] += 1;
        degree[target] += 1;
    }

    // Busy nodes push a little harder, giving their many neighbours room.
    let weights: Vec<f64> = degree
        .iter()
        .map(|&count| (1.0 + 0.3 * count as f64).sqrt().min(1.8))
        .collect();

    let start_temperature = (side / 8.0).max(ideal);
    let mut displacement = vec![Point::default(); node_count];
    for iteration in 0..config.iterations {
        displacement
            .iter_mut()
            .for_each(|point| *point = Point::default());
        if node_count <= EXACT_REPULSION_LIMIT {
            repel_every_pair(&positions, &weights, ideal, &mut displacement);
        } else {
            repel_barnes_hut(&positions, &weights, ideal, &mut displacement);
        }
        for &(source, target) in &springs {
            let delta_x = positions[source].x - positions[target].x;
            let delta_y = positions[source].y - positions[target].y;
            let distance = (delta_x * delta_x + delta_y * delta_y).sqrt().max(0.01);
            // d²/k along the edge, so the pull per unit vector is d/k.
            let pull = distance / ideal;
            displacement[source].x -= delta_x * pull;
            displacement[source].y -= delta_y * pull;
            displacement[target].x += delta_x * pull;
            displacement[target].y += delta_y * pull;
        }
        for (index, point) in positions.iter().enumerate() {
            // Gravity grows with degree, so hubs hold the centre and their
            // leaves arrange around them.
            let weight = config.gravity * (1.0 + degree[index] as f64).sqrt();
            displacement[index].x -= point.x * weight;
            displacement[index].y -= point.y * weight;
        }

        let progress = iteration as f64 / config.iterations as f64;
        let remaining = 1.0 - progress;
        let temperature = start_temperature * remaining * remaining + ideal * 0.01;
        for (point, moved) in positions.iter_mut().zip(&displacement) {
            let length = (moved.x * moved.x + moved.y * moved.y).sqrt();
            if length > 0.0 {
                let step = length.min(temperature) / length;
                point.x += moved.x * step;
                point.y += moved.y * step;
            }
        }
    }
    centre(&mut positions);
    positions
}

/// The vector from `other` to `index` and its squared length. Coincident
/// nodes get a small separation fixed by their indices, so they part.
fn separation(positions: &[Point], index: usize, other: usize) -> (f64, f64, f64) {
    let delta_x = positions[index].x - positions[other].x;
    let delta_y = positions[index].y - positions[other].y;
    let distance_squared = delta_x * delta_x + delta_y * delta_y;
    if distance_squared >= 1e-6 {
        return (delta_x, delta_y, distance_squared);
    }
    let sign = if index < other { 1.0 } else { -1.0 };
    let delta_x = sign * (0.1 + ((index + other) % 7) as f64 * 0.01);
    let delta_y = sign * (0.1 + ((index * other) % 5) as f64 * 0.01);
    (delta_x, delta_y, delta_x * delta_x + delta_y * delta_y)
}

/// Every pair pushes apart with force `k²/d`, scaled by both weights.
fn repel_every_pair(positions: &[Point], weights: &[f64], ideal: f64, displacement: &mut [Point]) {
    let ideal_squared = ideal * ideal;
    for first in 0..positions.len() {
        for second in first + 1..positions.len() {
            let (delta_x, delta_y, distance_squared) = separation(positions, first, second);
            let push = weights[first] * weights[second] * ideal_squared / distance_squared;
            displacement[first].x += delta_x * push;
            displacement[first].y += delta_y * push;
            displacement[second].x -= delta_x * push;
            displacement[second].y -= delta_y * push;
        }
    }
}

/// A square of the Barnes–Hut tree: the nodes `order[start..end]` lie in
/// it, and far away they push like one node of their total weight at their
/// weighted centre.
struct TreeCell {
    left: f64,
    top: f64,
    size: f64,
    start: usize,
    end: usize,
    weight: f64,
    centre_x: f64,
    centre_y: f64,
    /// Indices into the cell list; empty for a leaf.
    children: Vec<usize>,
}

/// Below this size (or this depth) a cell is not split further, so nodes
/// at the same position cannot make the tree infinitely deep.
const TREE_LEAF_SIZE: usize = 4;
const TREE_MAXIMUM_DEPTH: usize = 32;
/// How far a cell must be, relative to its size, to push as one node.
const BARNES_HUT_THETA: f64 = 1.2;

fn build_tree(
    cells: &mut Vec<TreeCell>,
    order: &mut [usize],
    offset: usize,
    positions: &[Point],
    weights: &[f64],
    square: (f64, f64, f64),
    depth: usize,
) -> usize {
    let (left, top, size) = square;
    let mut weight = 0.0;
    let mut centre_x = 0.0;
    let mut centre_y = 0.0;
    for &index in order.iter() {
        weight += weights[index];
        centre_x += positions[index].x * weights[index];
        centre_y += positions[index].y * weights[index];
    }
    if weight > 0.0 {
        centre_x /= weight;
        centre_y /= weight;
    }
    let cell_index = cells.len();
    cells.push(TreeCell {
        left,
        top,
        size,
        start: offset,
        end: offset + order.len(),
        weight,
        centre_x,
        centre_y,
        children: Vec::new(),
    });
    if order.len() <= TREE_LEAF_SIZE || depth >= TREE_MAXIMUM_DEPTH {
        return cell_index;
    }
    let half = size / 2.0;
    let quadrant = |index: usize| -> usize {
        let right = positions[index].x >= left + half;
        let bottom = positions[index].y >= top + half;
        usize::from(right) + 2 * usize::from(bottom)
    };
    // Split the nodes by quadrant, keeping their order within each, so the
    // sums (and so the layout) are the same on every run.
    let mut counts = [0usize; 4];
    for &index in order.iter() {
        counts[quadrant(index)] += 1;
    }
    let mut starts = [
        0,
        counts[0],
        counts[0] + counts[1],
        counts[0] + counts[1] + counts[2],
    ];
    let mut sorted = vec![0usize; order.len()];
    for &index in order.iter() {
        let slot = &mut starts[quadrant(index)];
        sorted[*slot] = index;
        *slot += 1;
    }
    order.copy_from_slice(&sorted);

    let mut children = Vec::with_capacity(4);
    let mut rest = order;
    let mut rest_offset = offset;
    for (quadrant_number, &count) in counts.iter().enumerate() {
        let (part, remainder) = rest.split_at_mut(count);
        rest = remainder;
        if count > 0 {
            let child_square = (
                left + if quadrant_number % 2 == 1 { half } else { 0.0 },
                top + if quadrant_number >= 2 { half } else { 0.0 },
                half,
            );
            children.push(build_tree(
                cells,
                part,
                rest_offset,
                positions,
                weights,
                child_square,
                depth + 1,
            ));
        }
        rest_offset += count;
    }
    cells[cell_index].children = children;
    cell_index
}

/// Repulsion approximated with a Barnes–Hut quadtree: O(n log n) instead of
/// O(n²), for graphs too big to compare every pair.
fn repel_barnes_hut(positions: &[Point], weights: &[f64], ideal: f64, displacement: &mut [Point]) {
    let (minimum, maximum) = bounds(positions);
    let size = (maximum.x - minimum.x).max(maximum.y - minimum.y).max(1.0) * 1.000_001;
    let mut order: Vec<usize> = (0..positions.len()).collect();
    let mut cells = Vec::with_capacity(positions.len() / 2);
    build_tree(
        &mut cells,
        &mut order,
        0,
        positions,
        weights,
        (minimum.x, minimum.y, size),
        0,
    );

    let ideal_squared = ideal * ideal;
    let mut stack = Vec::with_capacity(64);
    for (index, point) in positions.iter().enumerate() {
        let mut push_x = 0.0;
        let mut push_y = 0.0;
        stack.clear();
        stack.push(0usize);
        while let Some(cell_index) = stack.pop() {
            let cell = &cells[cell_index];
            let inside = point.x >= cell.left
                && point.x <= cell.left + cell.size
                && point.y >= cell.top
                && point.y <= cell.top + cell.size;
            let delta_x = point.x - cell.centre_x;
            let delta_y = point.y - cell.centre_y;
            let distance_squared = delta_x * delta_x + delta_y * delta_y;
            if !inside
                && cell.size * cell.size < BARNES_HUT_THETA * BARNES_HUT_THETA * distance_squared
            {
                let push = cell.weight * ideal_squared / distance_squared;
                push_x += delta_x * push;
                push_y += delta_y * push;
            } else if cell.children.is_empty() {
                for &other in &order[cell.start..cell.end] {
                    if other == index {
                        continue;
                    }
                    let (delta_x, delta_y, distance_squared) = separation(positions, index, other);
                    let push = weights[other] * ideal_squared / distance_squared;
                    push_x += delta_x * push;
                    push_y += delta_y * push;
                }
            } else {
                stack.extend(cell.children.iter().rev());
            }
        }
        displacement[index].x += push_x * weights[index];
        displacement[index].y += push_y * weights[index];
    }
}

/// The smallest and largest coordinates of `points`.
pub(crate) fn bounds(points: &[Point]) -> (Point, Point) {
    let mut minimum = Point {
        x: f64::INFINITY,
        y: f64::INFINITY,
    };
    let mut maximum = Point {
        x: f64::NEG_INFINITY,
        y: f64::NEG_INFINITY,
    };
    for point in points {
        minimum.x = minimum.x.min(point.x);
        minimum.y = minimum.y.min(point.y);
        maximum.x = maximum.x.max(point.x);
        maximum.y = maximum.y.max(point.y);
    }
    if points.is_empty() {
        return (Point::default(), Point::default());
    }
    (minimum, maximum)
}

/// Moves the points so their bounding box is centred on the origin.
fn centre(points: &mut [Point]) {
    let (minimum, maximum) = bounds(points);
    let middle_x = (minimum.x + maximum.x) / 2.0;
    let middle_y = (minimum.y + maximum.y) / 2.0;
    for point in points {
        point.x -= middle_x;
        point.y -= middle_y;
    }
}

/// Scales the layout down as far as the boxes of most nodes allow.
///
/// Fruchterman–Reingold inflates a graph: every node pushes every other, so
/// outer nodes, leaves above all, end several ideal lengths from their
/// neighbours and the picture is mostly empty. Scaling keeps the shape. The
/// scale is the one at which all but the most crowded tenth of the nodes
/// keep `gap` between their box and every other box; [`separate_boxes`]
/// then frees the crowded tenth, so that one pair of nodes that happened to
/// end on top of each other does not keep the whole picture large.
pub(crate) fn compact(positions: &mut [Point], boxes: &[NodeBox], gap: Point) {
    let count = positions.len().min(boxes.len());
    if count < 2 {
        return;
    }
    // For each node, the smallest scale at which it is clear of all others:
    // a pair is clear when it is apart horizontally or vertically.
    let mut needed_scale = vec![0.0f64; count];
    for first in 0..count {
        for second in first + 1..count {
            let apart_x = (positions[first].x - positions[second].x).abs();
            let apart_y = (positions[first].y - positions[second].y).abs();
            let width_needed = boxes[first].half_width + boxes[second].half_width + gap.x;
            let (upper, lower) = if positions[first].y <= positions[second].y {
                (first, second)
            } else {
                (second, first)
            };
            let height_needed = boxes[upper].below + boxes[lower].above + gap.y;
            let scale_x = if apart_x > 0.0 {
                width_needed / apart_x
            } else {
                f64::INFINITY
            };
            let scale_y = if apart_y > 0.0 {
                height_needed / apart_y
            } else {
                f64::INFINITY
            };
            let scale = scale_x.min(scale_y);
            needed_scale[first] = needed_scale[first].max(scale);
            needed_scale[second] = needed_scale[second].max(scale);
        }
    }
    needed_scale.sort_by(f64::total_cmp);
    let scale = needed_scale[(count * 9) / 10];
    if scale.is_finite() && scale > 0.0 && scale < 1.0 {
        for point in positions.iter_mut() {
            point.x *= scale;
            point.y *= scale;
        }
    }
}

/// Pushes apart nodes whose boxes (plus `padding`) overlap, along the axis
/// where they overlap least, for at most `rounds` rounds. Overlapping pairs
/// are found by sweeping the boxes sorted by their left edge.
pub(crate) fn separate_boxes(
    positions: &mut [Point],
    boxes: &[NodeBox],
    padding: f64,
    rounds: usize,
) {
    let count = positions.len().min(boxes.len());
    let mut order: Vec<usize> = (0..count).collect();
    for _ in 0..rounds {
        let left = |index: usize, positions: &[Point]| positions[index].x - boxes[index].half_width;
        order.sort_by(|&first, &second| {
            left(first, positions)
                .total_cmp(&left(second, positions))
                .then(first.cmp(&second))
        });
        let mut moved_any = false;
        for sorted_index in 0..order.len() {
            let first = order[sorted_index];
            for &second in &order[sorted_index + 1..] {
                let first_right = positions[first].x + boxes[first].half_width + padding;
                if left(second, positions) >= first_right {
                    break;
                }
                let overlap_x = (boxes[first].half_width + boxes[second].half_width + padding)
                    - (positions[first].x - positions[second].x).abs();
                // Vertical extents are asymmetric: the label hangs below.
                let first_top = positions[first].y - boxes[first].above;
                let first_bottom = positions[first].y + boxes[first].below;
                let second_top = positions[second].y - boxes[second].above;
                let second_bottom = positions[second].y + boxes[second].below;
                let overlap_y =
                    first_bottom.min(second_bottom) - first_top.max(second_top) + padding;
                if overlap_x <= 0.0 || overlap_y <= 0.0 {
                    continue;
                }
                moved_any = true;
                if overlap_x < overlap_y {
                    let direction = if positions[first].x <= positions[second].x {
                        -1.0
                    } else {
                        1.0
                    };
                    positions[first].x += direction * overlap_x / 2.0;
                    positions[second].x -= direction * overlap_x / 2.0;
                } else {
                    let direction = if first_top <= second_top { -1.0 } else { 1.0 };
                    positions[first].y += direction * overlap_y / 2.0;
                    positions[second].y -= direction * overlap_y / 2.0;
                }
            }
        }
        if !moved_any {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn linked_nodes_end_closer_than_unlinked_ones() {
        let seeds: Vec<u64> = (0..6u8).map(|number| fnv1a(&[number])).collect();
        let edges = [(0, 1), (1, 2), (3, 4), (4, 5)];
        let positions = force_directed(&seeds, &edges, ForceConfig::for_node_count(6, 100.0));
        let distance = |first: usize, second: usize| {
            let delta_x = positions[first].x - positions[second].x;
            let delta_y = positions[first].y - positions[second].y;
            (delta_x * delta_x + delta_y * delta_y).sqrt()
        };
        assert!(distance(0, 1) < distance(0, 5));
        assert!(positions
            .iter()
            .all(|point| point.x.is_finite() && point.y.is_finite()));
    }

    #[test]
    fn separated_boxes_do_not_overlap() {
        let mut positions = vec![Point::default(); 5];
        let boxes = vec![
            NodeBox {
                half_width: 30.0,
                above: 10.0,
                below: 20.0,
            };
            5
        ];
        separate_boxes(&mut positions, &boxes, 2.0, 200);
        for first in 0..5 {
            for second in first + 1..5 {
                let apart_x = (positions[first].x - positions[second].x).abs() >= 60.0;
                let apart_y = (positions[first].y - positions[second].y).abs() >= 30.0;
                assert!(apart_x || apart_y, "{positions:?}");
            }
        }
    }

    #[test]
    fn the_tree_repulsion_handles_many_coincident_nodes() {
        let seeds = vec![7u64; EXACT_REPULSION_LIMIT + 10];
        let positions = force_directed(&seeds, &[], ForceConfig::for_node_count(seeds.len(), 50.0));
        assert!(positions
            .iter()
            .all(|point| point.x.is_finite() && point.y.is_finite()));
    }
}
