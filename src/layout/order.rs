//! Crossing reduction for a layered layout: the order of the boxes within each row. Barycentre
//! sweeps down and up, each followed by transposing neighbours that cross less the other way
//! round; the best ordering seen is kept (a sweep can make things worse). Crossings between two
//! rows are counted by inversions (Barth, Jünger and Mutzel), so a sweep costs about
//! `edges × log(row width)`.

use super::Cancelled;

/// Rounds of one down and one up sweep at most, and rounds without a better ordering before
/// giving up.
const ROUNDS: usize = 24;
const PATIENCE: usize = 4;
/// Transpose passes per row and sweep; each pass is linear in the row's edges.
const TRANSPOSE_PASSES: usize = 4;
/// Past this many nodes and edges, fewer rounds: a huge block converges slowly and gains little.
const LARGE: usize = 200_000;

/// The rows of a layered graph: `down[n]` are the nodes in the row below `n` it links to, `up[n]`
/// those in the row above (long links run through one lane node per row).
pub(super) struct Layers<'a> {
    pub down: &'a [Vec<usize>],
    pub up: &'a [Vec<usize>],
}

/// Orders every row in place. `tick` is told the share done and may cancel.
pub(super) fn order(
    rows: &mut [Vec<usize>],
    graph: &Layers<'_>,
    tick: &mut dyn FnMut(f32) -> Result<(), Cancelled>,
) -> Result<(), Cancelled> {
    let n = graph.down.len();
    let mut position = vec![0usize; n];
    set_positions(rows, &mut position);
    // A first downward pass gives every row an order that follows the one above it.
    sweep(rows, graph, &mut position, true);
    let mut best = rows.to_vec();
    let mut best_count = crossings(rows, graph, &position);
    let size = n + graph.down.iter().map(Vec::len).sum::<usize>();
    let rounds = if size > LARGE { ROUNDS / 3 } else { ROUNDS };
    let mut stale = 0;
    for round in 0..rounds {
        if best_count == 0 || stale >= PATIENCE {
            break;
        }
        tick(round as f32 / rounds as f32)?;
        sweep(rows, graph, &mut position, false);
        sweep(rows, graph, &mut position, true);
        let count = crossings(rows, graph, &position);
        if count < best_count {
            best_count = count;
            best.clone_from_slice(rows);
            stale = 0;
        } else {
            stale += 1;
        }
    }
    rows.clone_from_slice(&best);
    Ok(())
}

fn set_positions(rows: &[Vec<usize>], position: &mut [usize]) {
    for row in rows {
        for (i, &node) in row.iter().enumerate() {
            position[node] = i;
        }
    }
}

/// One sweep: each row sorted by the mean position of its neighbours in the row before it (above
/// when `downward`), then transposed. Ties and nodes without such neighbours keep their place.
fn sweep(rows: &mut [Vec<usize>], graph: &Layers<'_>, position: &mut [usize], downward: bool) {
    let indices: Vec<usize> = if downward {
        (1..rows.len()).collect()
    } else {
        (0..rows.len().saturating_sub(1)).rev().collect()
    };
    let neighbours = if downward { graph.up } else { graph.down };
    for r in indices {
        let mut keyed: Vec<(f64, usize, usize)> = rows[r]
            .iter()
            .enumerate()
            .map(|(i, &node)| {
                let near = &neighbours[node];
                let key = if near.is_empty() {
                    i as f64
                } else {
                    near.iter().map(|&m| position[m] as f64).sum::<f64>() / near.len() as f64
                };
                (key, i, node)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        rows[r] = keyed.into_iter().map(|(_, _, node)| node).collect();
        for (i, &node) in rows[r].iter().enumerate() {
            position[node] = i;
        }
        transpose(&mut rows[r], graph, position);
    }
}

/// Swaps neighbours in a row while that removes crossings with the rows above and below.
fn transpose(row: &mut [usize], graph: &Layers<'_>, position: &mut [usize]) {
    let mut a = Vec::new();
    let mut b = Vec::new();
    for _ in 0..TRANSPOSE_PASSES {
        let mut improved = false;
        for i in 0..row.len().saturating_sub(1) {
            let (u, v) = (row[i], row[i + 1]);
            let mut keep = 0;
            let mut swap = 0;
            for side in [graph.up, graph.down] {
                sorted_positions(&side[u], position, &mut a);
                sorted_positions(&side[v], position, &mut b);
                keep += pairs_out_of_order(&a, &b);
                swap += pairs_out_of_order(&b, &a);
            }
            if swap < keep {
                row.swap(i, i + 1);
                position[u] = i + 1;
                position[v] = i;
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
}

fn sorted_positions(nodes: &[usize], position: &[usize], into: &mut Vec<usize>) {
    into.clear();
    into.extend(nodes.iter().map(|&m| position[m]));
    into.sort_unstable();
}

/// Pairs (x from `left`, y from `right`) with x > y: the crossings between the links of a box
/// and those of the box to its right, both lists sorted.
fn pairs_out_of_order(left: &[usize], right: &[usize]) -> u64 {
    let mut count = 0;
    let mut j = 0;
    for &x in left {
        while j < right.len() && right[j] < x {
            j += 1;
        }
        count += j as u64;
    }
    count
}

/// Crossings between all pairs of neighbouring rows.
pub(super) fn crossings(rows: &[Vec<usize>], graph: &Layers<'_>, position: &[usize]) -> u64 {
    let mut total = 0;
    let mut targets = Vec::new();
    for pair in rows.windows(2) {
        let (upper, lower) = (&pair[0], &pair[1]);
        targets.clear();
        for &node in upper {
            let start = targets.len();
            targets.extend(
                graph.down[node]
                    .iter()
                    .filter(|&&m| lower.get(position[m]) == Some(&m))
                    .map(|&m| position[m]),
            );
            targets[start..].sort_unstable();
        }
        total += inversions(&targets, lower.len());
    }
    total
}

/// Inversions in `values` (each below `bound`), with a Fenwick tree.
fn inversions(values: &[usize], bound: usize) -> u64 {
    let mut tree = vec![0u32; bound + 1];
    let mut count = 0u64;
    for (seen, &v) in values.iter().enumerate() {
        // Values seen so far that are greater than v.
        let mut i = v + 1;
        let mut not_greater = 0u64;
        while i > 0 {
            not_greater += u64::from(tree[i]);
            i &= i - 1;
        }
        count += seen as u64 - not_greater;
        let mut i = v + 1;
        while i <= bound {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(usize, usize)]) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let mut down = vec![Vec::new(); n];
        let mut up = vec![Vec::new(); n];
        for &(a, b) in edges {
            down[a].push(b);
            up[b].push(a);
        }
        (down, up)
    }

    #[test]
    fn crossings_are_counted_as_inversions() {
        // 0 1 over 2 3: 0→3 and 1→2 cross once.
        let (down, up) = graph(4, &[(0, 3), (1, 2)]);
        let layers = Layers {
            down: &down,
            up: &up,
        };
        let rows = vec![vec![0, 1], vec![2, 3]];
        let mut position = vec![0; 4];
        set_positions(&rows, &mut position);
        assert_eq!(crossings(&rows, &layers, &position), 1);
        assert_eq!(inversions(&[2, 1, 0], 3), 3);
    }

    #[test]
    fn a_crossing_that_a_swap_removes_is_removed() {
        let (down, up) = graph(6, &[(0, 5), (1, 4), (2, 3)]);
        let layers = Layers {
            down: &down,
            up: &up,
        };
        let mut rows = vec![vec![0, 1, 2], vec![3, 4, 5]];
        order(&mut rows, &layers, &mut |_| Ok(())).expect("not cancelled");
        let mut position = vec![0; 6];
        set_positions(&rows, &mut position);
        assert_eq!(crossings(&rows, &layers, &position), 0, "{rows:?}");
    }
}
