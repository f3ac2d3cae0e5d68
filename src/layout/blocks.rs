//! Laying out many boxes as blocks side by side. A map of business units reads best unit by unit:
//! each funding source with the teams it funds (a team goes with the source that gives it the
//! largest share; unfunded teams with the unit most of their links reach) is laid out in layers
//! on its own, and the blocks are packed row by row, in the reading order they had, into a
//! roughly 16:9 area. A map that is one tangle reads better in one layered block; on maps small
//! enough to measure quickly, both are tried and the one with fewer crossings (and links through
//! boxes) is kept. Teams without any link go in a grid block of their own.

use std::collections::BTreeMap;

mod beside;
mod nested;
mod packing;
mod placement;
mod refine;
mod units;

use super::layered::{self, Block};
use super::quality;
use super::{Cancelled, Progress};
use crate::model::{Document, FundingSource, Id, LinkKind, Point, Size};
use packing::{grid, pack_laid, packed_offsets};
use refine::Judge;

/// Room between blocks.
const BLOCK_GAP: f32 = 140.0;
/// Up to this many boxes both layouts are tried and measured.
const COMPARE_UP_TO: usize = 3_000;
/// Work (boxes² × links, summed over the blocks) that polishing move by move may take: all
/// attempts of a workshop map, none on a map of a thousand teams.
const POLISH_BUDGET: usize = 500_000;
/// Up to this many links in a block, its candidate layouts are measured with their links routed.
const MEASURE_ROUTED_UP_TO: usize = 400;
/// Up to this many links on the map, the blocks are also placed in rows along the links between
/// them and refined as drawn: every move is measured on the whole map routed.
const REFINE_UP_TO: usize = 120;
/// How many placements, the best on their straight links and the best as drawn (after refining
/// on straight links), are refined as drawn.
const ROUTED_REFINES: usize = 3;

/// The boxes and links of `ids`, indexed.
struct Items {
    ids: Vec<Id>,
    sizes: Vec<Size>,
    old: Vec<Point>,
    is_source: Vec<bool>,
    /// The outermost group each item is in: a group's items are laid out as one block.
    group: Vec<Option<Id>>,
    /// The group that lists each item (its innermost).
    inner: Vec<Option<Id>>,
    /// (from, to, allocation from a funding source).
    links: Vec<(usize, usize, Option<f64>)>,
}

impl Items {
    fn new(doc: &Document, ids: &[Id]) -> Self {
        let mut items = Self {
            ids: Vec::new(),
            sizes: Vec::new(),
            old: Vec::new(),
            is_source: Vec::new(),
            group: Vec::new(),
            inner: Vec::new(),
            links: Vec::new(),
        };
        let group_of = doc.group_index();
        let outermost = |id: Id| {
            let group = *group_of.get(&id)?;
            Some(doc.group_ancestors(group).last().copied().unwrap_or(group))
        };
        let mut index = BTreeMap::new();
        for &id in ids {
            let (size, old, is_source) = if let Some(team) = doc.teams.get(&id) {
                (team.size, team.position, false)
            } else if let Some(source) = doc.sources.get(&id) {
                (FundingSource::SIZE, source.position, true)
            } else {
                continue;
            };
            index.insert(id, items.ids.len());
            items.ids.push(id);
            items.sizes.push(size);
            items.old.push(old);
            items.is_source.push(is_source);
            items.group.push(outermost(id));
            items.inner.push(group_of.get(&id).copied());
        }
        for link in doc.links.values() {
            if let (Some(&a), Some(&b)) = (index.get(&link.from), index.get(&link.to))
                && a != b
            {
                let allocation = match link.kind {
                    LinkKind::Funding { allocation_percent } if items.is_source[a] => {
                        Some(allocation_percent)
                    }
                    _ => None,
                };
                items.links.push((a, b, allocation));
            }
        }
        items
    }
}

/// The top-left corner of every box of `ids`, the whole layout's top-left at (0, 0).
pub(super) fn lay_out(
    doc: &Document,
    ids: &[Id],
    progress: &Progress,
) -> Result<Vec<(Id, Point)>, Cancelled> {
    let items = Items::new(doc, ids);
    let n = items.ids.len();
    let mut linked = vec![false; n];
    for &(a, b, _) in &items.links {
        linked[a] = true;
        linked[b] = true;
    }
    // A group's items stay together in its block, linked or not.
    let grouped = items.group.iter().any(Option::is_some);
    let loose: Vec<usize> = (0..n)
        .filter(|&i| !linked[i] && items.group[i].is_none())
        .collect();
    let all_linked: Vec<usize> = (0..n).filter(|&i| linked[i]).collect();
    let units = units::units(&items, &linked);
    let mut whole_groups = Vec::new();
    if !all_linked.is_empty() {
        whole_groups.push(all_linked);
    }
    // One layered block for the whole map would scatter the groups' items.
    let try_whole = units.len() <= 1 || (n <= COMPARE_UP_TO && !grouped);
    let try_units = units.len() > 1;
    let shares = if try_whole && try_units {
        [(0.0, 0.5), (0.5, 1.0)]
    } else {
        [(0.0, 1.0), (0.0, 1.0)]
    };
    let mut candidates = Vec::new();
    if try_whole {
        candidates.push(pack(
            (doc, &items),
            whole_groups,
            &loose,
            progress,
            shares[0],
        )?);
    }
    if try_units {
        candidates.push(pack((doc, &items), units, &loose, progress, shares[1])?);
    }
    let best = if candidates.len() > 1 {
        candidates
            .into_iter()
            .min_by_key(|positions| unreadability(&with_positions(doc, &items.ids, positions)))
            .unwrap_or_default()
    } else {
        candidates.pop().unwrap_or_default()
    };
    Ok(items.ids.iter().copied().zip(best).collect())
}

/// Of the candidate layouts for `ids` (best first by their straight lines), the one whose links
/// as drawn read best: routed, a detour can add crossings the straight lines did not have.
fn best_as_drawn(doc: &Document, ids: &[Id], candidates: Vec<Vec<Point>>) -> Vec<Point> {
    if candidates.len() < 2 {
        return candidates.into_iter().next().unwrap_or_default();
    }
    candidates
        .into_iter()
        .enumerate()
        .min_by_key(|(i, positions)| (unreadability(&with_positions(doc, ids, positions)), *i))
        .map(|(_, positions)| positions)
        .unwrap_or_default()
}

/// What a candidate layout is judged by: its crossings and links through boxes, as drawn.
fn unreadability(doc: &Document) -> usize {
    let quality = quality::measure(doc);
    quality.crossings + quality.through_boxes
}

/// The items `ids` alone, at `positions`: what a candidate layout is measured on.
fn with_positions(doc: &Document, ids: &[Id], positions: &[Point]) -> Document {
    let mut sub = Document::new("");
    for (i, id) in ids.iter().enumerate() {
        if let Some(team) = doc.teams.get(id) {
            let mut team = team.clone();
            team.position = positions[i];
            sub.teams.insert(*id, team);
        } else if let Some(source) = doc.sources.get(id) {
            let mut source = source.clone();
            source.position = positions[i];
            sub.sources.insert(*id, source);
        }
    }
    for (id, link) in &doc.links {
        if sub.node_rect(link.from).is_some() && sub.node_rect(link.to).is_some() {
            sub.links.insert(*id, link.clone());
        }
    }
    sub
}

/// A laid-out group: its members and their places, its size, and where it was.
struct Laid {
    members: Vec<usize>,
    positions: Vec<Point>,
    size: Size,
    old_center: Point,
    /// How tall its boxes stood before.
    old_height: f32,
}

/// Lays out each group in layers and the loose items in a grid, then places the blocks: packed
/// row by row in the reading order the groups had, and on a small map also in rows along the
/// links between them, refined as drawn. `share` is this work's part of the progress bar.
fn pack(
    (doc, items): (&Document, &Items),
    groups: Vec<Vec<usize>>,
    loose: &[usize],
    progress: &Progress,
    share: (f32, f32),
) -> Result<Vec<Point>, Cancelled> {
    let total = items.ids.len().max(1) as f32;
    let mut local = vec![usize::MAX; items.ids.len()];
    // Links within each unit, for the polishing budget.
    let work: usize = groups
        .iter()
        .map(|members| {
            for &m in members {
                local[m] = 0;
            }
            let edges = items
                .links
                .iter()
                .filter(|&&(a, b, _)| local[a] == 0 && local[b] == 0)
                .count();
            for &m in members {
                local[m] = usize::MAX;
            }
            members.len().pow(2) * edges.max(1)
        })
        .sum();
    let mut done = 0usize;
    // The block each item is laid out in, for the moves that refine the whole map.
    let mut part = vec![usize::MAX; items.ids.len()];
    let mut parts = 0;
    // One block in layers: the boxes of `members` and the links between them.
    let mut lay_block = |members: Vec<usize>| -> Result<Laid, Cancelled> {
        for (i, &m) in members.iter().enumerate() {
            local[m] = i;
            part[m] = parts;
        }
        parts += 1;
        let mut block = Block {
            sizes: members.iter().map(|&m| items.sizes[m]).collect(),
            edges: items
                .links
                .iter()
                .filter(|&&(a, b, _)| local[a] != usize::MAX && local[b] != usize::MAX)
                .map(|&(a, b, _)| (local[a], local[b]))
                .collect(),
            attempts: attempts(members.len(), items.ids.len()),
            polished: 0,
        };
        for &m in &members {
            local[m] = usize::MAX;
        }
        block.polished = block.attempts.min(POLISH_BUDGET / work.max(1));
        let before = done as f32 / total;
        let part = members.len() as f32 / total;
        let candidates = layered::candidates(&block, &mut |f| {
            progress.report(share.0 + (share.1 - share.0) * (before + part * f))
        })?;
        let positions = if block.edges.len() <= MEASURE_ROUTED_UP_TO {
            let ids: Vec<Id> = members.iter().map(|&m| items.ids[m]).collect();
            best_as_drawn(doc, &ids, candidates)
        } else {
            candidates.into_iter().next().unwrap_or_default()
        };
        done += members.len();
        Ok(laid_group(items, members, positions))
    };
    let mut laid = Vec::with_capacity(groups.len() + 1);
    for members in groups {
        // A group with groups nested in it lays each of them out as a block of its own, so
        // their frames do not overlap inside its frame.
        laid.push(match items.group[members[0]] {
            Some(group) => nested::lay_out_group(doc, items, group, members, &mut lay_block)?,
            None => lay_block(members)?,
        });
    }
    if !loose.is_empty() {
        let positions = grid(&loose.iter().map(|&m| items.sizes[m]).collect::<Vec<_>>());
        laid.push(laid_group(items, loose.to_vec(), positions));
    }
    let mut placements = vec![packed_offsets(&laid)];
    // The placements before this index are packed or in rows.
    let mut in_rows = placements.len();
    let refining = items.links.len() <= REFINE_UP_TO;
    if refining {
        let (rows, beside) = placement::layered_offsets(items, &laid);
        placements.extend(rows);
        in_rows = placements.len();
        placements.extend(beside);
    }
    let mut unit = vec![usize::MAX; items.ids.len()];
    for (u, l) in laid.iter().enumerate() {
        for &m in &l.members {
            unit[m] = u;
        }
    }
    let parts = refine::Parts { part, unit };
    // (cost on straight links, cost as drawn, placement) of each placement.
    let mut laid_out: Vec<(usize, usize, Vec<Point>)> = Vec::with_capacity(placements.len());
    for offsets in placements {
        let mut positions = vec![Point::default(); items.ids.len()];
        for (l, offset) in laid.iter().zip(&offsets) {
            for (&m, p) in l.members.iter().zip(&l.positions) {
                positions[m] = p.offset(offset.x, offset.y);
            }
        }
        if !refining {
            return Ok(at_origin(positions));
        }
        // Every placement refined on its straight links first (cheap), so the blocks' orders
        // suit their neighbours before placements are compared.
        let straight = refine::refine(doc, items, &parts, &mut positions, Judge::Straight);
        // A placement whose straight lines cross little can route badly, and one that routes
        // well can look poor drawn straight: the best few by each go on (one routing each).
        let drawn = unreadability(&with_positions(doc, &items.ids, &positions));
        laid_out.push((straight, drawn, positions));
    }
    progress.report(share.0 + (share.1 - share.0) * 0.9)?;
    // The best in rows by their straight links, then the best of all as drawn.
    let in_rows = in_rows.min(laid_out.len());
    let mut chosen = placement::best_by(&laid_out[..in_rows], ROUTED_REFINES, |&(s, _, _)| s);
    chosen.extend(placement::best_by(
        &laid_out,
        ROUTED_REFINES,
        |&(_, d, _)| d,
    ));
    chosen.sort_unstable();
    chosen.dedup();
    let mut best: Option<(usize, Vec<Point>)> = None;
    let count = chosen.len().max(1) as f32;
    for (k, i) in chosen.into_iter().enumerate() {
        // Each takes a tenth of a second or more: the bar moves, and Cancel is heard, between them.
        progress.report(share.0 + (share.1 - share.0) * (0.9 + 0.1 * k as f32 / count))?;
        let mut positions = laid_out[i].2.clone();
        // Shaken out of where its straight climb stopped, then refined as drawn.
        refine::shake(doc, items, &parts, &mut positions);
        let cost = refine::refine(doc, items, &parts, &mut positions, Judge::Routed);
        if best.as_ref().is_none_or(|(least, _)| cost < *least) {
            best = Some((cost, positions));
        }
    }
    progress.report(share.1)?;
    Ok(at_origin(best.map(|(_, p)| p).unwrap_or_default()))
}

/// The same layout with its top-left box corner at (0, 0).
fn at_origin(mut positions: Vec<Point>) -> Vec<Point> {
    let (min_x, min_y) = positions
        .iter()
        .fold((f32::MAX, f32::MAX), |(x, y), p| (x.min(p.x), y.min(p.y)));
    if min_x.is_finite() && min_y.is_finite() {
        for p in &mut positions {
            *p = p.offset(-min_x, -min_y);
        }
    }
    positions
}

/// Starting orders to try for a block of `boxes` on a map of `total`: many on a workshop map,
/// one on a large block or map, where the time would show.
fn attempts(boxes: usize, total: usize) -> usize {
    match (boxes, total) {
        (_, 5_001..) | (151.., _) => 1,
        (_, 501..) => 6,
        (41.., _) => 4,
        _ => 16,
    }
}

fn laid_group(items: &Items, members: Vec<usize>, positions: Vec<Point>) -> Laid {
    let (mut width, mut height) = (0.0f32, 0.0f32);
    for (&m, p) in members.iter().zip(&positions) {
        width = width.max(p.x + items.sizes[m].width);
        height = height.max(p.y + items.sizes[m].height);
    }
    let count = members.len().max(1) as f32;
    let (top, bottom) = members
        .iter()
        .fold((f32::MAX, f32::MIN), |(top, bottom), &m| {
            (
                top.min(items.old[m].y),
                bottom.max(items.old[m].y + items.sizes[m].height),
            )
        });
    let (sx, sy) = members.iter().fold((0.0, 0.0), |(sx, sy), &m| {
        (sx + items.old[m].x, sy + items.old[m].y)
    });
    Laid {
        members,
        positions,
        size: Size::new(width, height),
        old_center: Point::new(sx / count, sy / count),
        old_height: (bottom - top).max(0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, ModelTypeId, Team};

    #[test]
    fn of_the_candidate_layouts_the_one_that_reads_best_as_drawn_is_kept() {
        // Two teams above two they depend on, each on the one below it.
        let mut doc = Document::new("candidates");
        for id in 1..=4 {
            let team = Team::new(format!("T{id}"), ModelTypeId(1), Point::new(0.0, 0.0));
            doc.teams.insert(Id(id), team);
        }
        doc.links.insert(Id(10), Link::dependency(Id(1), Id(3)));
        doc.links.insert(Id(11), Link::dependency(Id(2), Id(4)));
        let ids = [Id(1), Id(2), Id(3), Id(4)];
        let row = |a: f32, b: f32, y: f32| [Point::new(a, y), Point::new(b, y)];
        // The lower row swapped: the two links cross.
        let crossed: Vec<Point> = [row(0.0, 300.0, 0.0), row(300.0, 0.0, 200.0)].concat();
        let straight: Vec<Point> = [row(0.0, 300.0, 0.0), row(0.0, 300.0, 200.0)].concat();
        let best = best_as_drawn(&doc, &ids, vec![crossed, straight.clone()]);
        assert_eq!(best, straight);
    }
}
