//! The editor's keyboard capture: new nodes in the next free slot, a new team's dependencies and
//! a new source's budget typed with its name, links typed as a list of names, a new funding
//! link's share, the model type and horizon of the selection, and moving through the map with Tab.
//! Every change is one undo step; a name that matches nothing is said, and left in the field.

use std::collections::BTreeSet;

use super::capture::{
    self, Anchor, LinkDirection, ListItem, free_slot, parse_list, parse_source_entry,
    parse_team_entry, suggested_shares,
};
use super::rules;
use super::session::{LinkKindChoice, NameTarget, Tool};
use super::{Editor, Notice};
use crate::edit::{Edit, LinkField, TeamField};
use crate::model::{
    Budget, FundingSource, Horizon, Id, Link, LinkKind, ModelTypeId, NodeKind, Point, Rect, Team,
};
use crate::text::{format_number, parse_percent};

/// What a list field resolved to: the links to insert and the items that matched nothing.
struct Resolved {
    links: Vec<Link>,
    /// Typed items that name nothing: left in the field.
    unmatched: Vec<String>,
    /// Typed items whose share is outside 0–100 %: left in the field.
    bad_shares: Vec<String>,
    already: Vec<String>,
}

impl Editor {
    /// Where T or B puts a new node: beside the selection, or at the view's centre; always on a
    /// free spot.
    pub(super) fn new_node_slot(&self, kind: NodeKind) -> Point {
        let doc = self.map.doc();
        let selected = self.session.selected_nodes(doc);
        let bounds = selected
            .iter()
            .filter_map(|id| doc.node_rect(*id))
            .reduce(Rect::union);
        let only_sources = selected
            .iter()
            .all(|id| doc.node_kind(*id) == Some(NodeKind::FundingSource));
        let anchor = match (bounds, kind) {
            (None, _) => Anchor::At(self.session.view_center()),
            (Some(bounds), NodeKind::FundingSource) if !only_sources => Anchor::Above(bounds),
            // A team goes under the funding sources selected, never in their row.
            (Some(bounds), NodeKind::Team) if only_sources => Anchor::Below(bounds),
            (Some(bounds), _) => Anchor::Beside(bounds),
        };
        free_slot(
            doc,
            anchor,
            rules::new_node_size(kind),
            kind,
            self.session.view.snap,
        )
    }

    /// Enter in a new node's field: the team with the dependencies typed after `>`, or the
    /// source with the budget typed after `:`, as one undo step.
    pub(super) fn insert_new_node(
        &mut self,
        kind: NodeKind,
        position: Point,
        model_type: Option<ModelTypeId>,
        text: &str,
    ) -> Option<Notice> {
        let doc = self.map.doc();
        let id = doc.next_id();
        match (kind, model_type) {
            (NodeKind::Team, Some(model_type)) => {
                let (name, depends_on) = parse_team_entry(text);
                let name = if name.is_empty() { "New team" } else { &name };
                let team = Team::new(name, model_type, position);
                let mut with_team = doc.clone();
                with_team.teams.insert(id, team.clone());
                let mut resolved = resolve(&with_team, id, LinkDirection::DependsOn, &depends_on);
                let mut edits = vec![Edit::InsertTeam { id, team }];
                edits.extend(link_inserts(
                    &with_team,
                    std::mem::take(&mut resolved.links),
                ));
                let notice = self.edit(
                    Edit::Batch(edits),
                    "Add team".to_owned(),
                    Some(BTreeSet::from([id])),
                );
                if notice.is_some() {
                    // Refused (a name over the limit): the field opens again with the text.
                    self.reopen_new(kind, position, Some(model_type), text);
                    return notice;
                }
                self.left_over(id, LinkDirection::DependsOn, &resolved)
            }
            _ => match parse_source_entry(text) {
                Ok((name, budget)) => {
                    let name = if name.is_empty() {
                        "New funding source"
                    } else {
                        &name
                    };
                    let mut source = FundingSource::new(name, position);
                    source.budget = budget.map(|b| Budget {
                        amount: b.amount,
                        currency: b.currency.unwrap_or_else(|| "EUR".to_owned()),
                    });
                    let notice = self.edit(
                        Edit::InsertSource { id, source },
                        "Add funding source".to_owned(),
                        Some(BTreeSet::from([id])),
                    );
                    if notice.is_some() {
                        self.reopen_new(kind, position, model_type, text);
                    }
                    notice
                }
                Err(message) => {
                    // Nothing is lost: the field opens again with what was typed.
                    self.reopen_new(kind, position, model_type, text);
                    Some(Notice::Error(message))
                }
            },
        }
    }

    /// The new node's field again, holding what was typed: nothing typed is lost.
    fn reopen_new(
        &mut self,
        kind: NodeKind,
        position: Point,
        model_type: Option<ModelTypeId>,
        text: &str,
    ) {
        self.session.open_name_field(
            NameTarget::New {
                kind,
                position,
                model_type,
            },
            text.to_owned(),
        );
    }

    /// D or F: with one node selected, the field for the names it links to; otherwise the link
    /// tool, as before.
    pub(super) fn links_from_selection(&mut self, kind: LinkKindChoice) -> Option<Notice> {
        let doc = self.map.doc();
        let selected = self.session.selected_nodes(doc);
        let [from] = selected.as_slice() else {
            self.session.tool = match kind {
                LinkKindChoice::Dependency => Tool::Dependency,
                LinkKindChoice::Funding => Tool::Funding,
            };
            return None;
        };
        let direction = match (kind, doc.node_kind(*from)) {
            (LinkKindChoice::Dependency, Some(NodeKind::Team)) => LinkDirection::DependsOn,
            (LinkKindChoice::Dependency, _) => {
                return Some(Notice::Info(
                    "Funding sources depend on nothing: select a team, then D".to_owned(),
                ));
            }
            (LinkKindChoice::Funding, Some(NodeKind::Team)) => LinkDirection::FundedBy,
            (LinkKindChoice::Funding, _) => LinkDirection::Funds,
        };
        self.session.open_name_field(
            NameTarget::Links {
                from: *from,
                direction,
            },
            String::new(),
        );
        None
    }

    /// Enter in a list field: every link it names, as one undo step.
    pub(super) fn commit_links(
        &mut self,
        from: Id,
        direction: LinkDirection,
        text: &str,
    ) -> Option<Notice> {
        let doc = self.map.doc();
        doc.node_kind(from)?;
        let items = parse_list(text, direction.has_shares());
        let resolved = resolve(doc, from, direction, &items);
        let count = resolved.links.len();
        let single_suggested = count == 1
            && resolved.links[0].kind.is_funding()
            && items.len() == 1
            && items[0].percent.is_none();
        let first_id = doc.next_id();
        let edits = link_inserts(doc, resolved.links.clone());
        let mut notice = None;
        if count > 0 {
            let label = if count == 1 {
                "Add link".to_owned()
            } else {
                format!("Add {count} links")
            };
            notice = self.edit(Edit::Batch(edits), label, None);
            if notice.is_some() {
                self.session.selection = BTreeSet::from([from]);
                self.session
                    .open_name_field(NameTarget::Links { from, direction }, text.to_owned());
                return notice;
            }
        }
        if notice.is_none() && single_suggested {
            // One funding link without a share: its share is open to type, the suggestion selected.
            let share = match self.map.doc().links.get(&first_id).map(|l| l.kind) {
                Some(LinkKind::Funding { allocation_percent }) => allocation_percent,
                _ => 0.0,
            };
            self.session.selection = BTreeSet::from([from]);
            self.session
                .open_name_field(NameTarget::Allocation(first_id), format_number(share));
            return None;
        }
        notice.or_else(|| self.left_over(from, direction, &resolved))
    }

    /// Enter in the share field of a funding link.
    pub(super) fn commit_allocation(&mut self, link: Id, text: &str) -> Option<Notice> {
        let current = match self.map.doc().links.get(&link)?.kind {
            LinkKind::Funding { allocation_percent } => allocation_percent,
            LinkKind::Dependency => return None,
        };
        match parse_percent(text) {
            Ok(share) if (0.0..=100.0).contains(&share) => {
                if share == current {
                    return None;
                }
                let edit = Edit::SetLink {
                    id: link,
                    field: LinkField::Kind(LinkKind::Funding {
                        allocation_percent: share,
                    }),
                };
                let label = edit.describe();
                self.edit(edit, label, None)
            }
            result => {
                self.session
                    .open_name_field(NameTarget::Allocation(link), text.to_owned());
                Some(Notice::Error(match result {
                    Ok(share) => format!("A share is 0–100 %, not {}", format_number(share)),
                    Err(error) => format!("Share not read: {error}"),
                }))
            }
        }
    }

    /// After a list field: says what matched nothing (or was there already) and opens the field
    /// again with those names, so nothing typed is lost.
    fn left_over(
        &mut self,
        from: Id,
        direction: LinkDirection,
        resolved: &Resolved,
    ) -> Option<Notice> {
        if !resolved.bad_shares.is_empty() {
            let items: Vec<String> = resolved
                .bad_shares
                .iter()
                .chain(&resolved.unmatched)
                .cloned()
                .collect();
            self.session.selection = BTreeSet::from([from]);
            self.session
                .open_name_field(NameTarget::Links { from, direction }, items.join(", "));
            return Some(Notice::Error(format!(
                "A share is 0–100 %: \"{}\" not drawn; correct it, or Escape",
                resolved.bad_shares.join(", ")
            )));
        }
        if !resolved.unmatched.is_empty() {
            let names = resolved.unmatched.join(", ");
            self.session.selection = BTreeSet::from([from]);
            self.session
                .open_name_field(NameTarget::Links { from, direction }, names.clone());
            let what = match direction {
                LinkDirection::DependsOn | LinkDirection::Funds => "team",
                LinkDirection::FundedBy => "team or funding source",
            };
            return Some(Notice::Error(format!(
                "No {what} matches \"{names}\": correct it, or Escape"
            )));
        }
        if !resolved.already.is_empty() {
            return Some(Notice::Info(format!(
                "Already linked: {}",
                resolved.already.join(", ")
            )));
        }
        None
    }

    /// 1 … 9: the selected teams take the palette's `index`-th type, and so do new teams.
    pub(super) fn set_type_of_selection(&mut self, index: usize) -> Option<Notice> {
        let doc = self.map.doc();
        let Some(model_type) = doc.palette.get(index) else {
            return Some(Notice::Info(format!(
                "The legend has no type {}",
                index + 1
            )));
        };
        let (id, name) = (model_type.id, model_type.name.clone());
        self.session.new_team_type = Some(id);
        let edits: Vec<Edit> = self
            .session
            .selection
            .iter()
            .filter(|t| doc.teams.get(t).is_some_and(|team| team.model_type != id))
            .map(|t| Edit::SetTeam {
                id: *t,
                field: TeamField::ModelType(id),
            })
            .collect();
        if edits.is_empty() {
            return Some(Notice::Info(format!("New teams: {name}")));
        }
        self.edit(Edit::Batch(edits), format!("Set type {name}"), None)
    }

    /// H: the selected teams' bet horizon moves one step (after the longest, back to not set).
    pub(super) fn cycle_horizon(&mut self) -> Option<Notice> {
        let doc = self.map.doc();
        let teams: Vec<Id> = self
            .session
            .selection
            .iter()
            .filter(|t| doc.teams.contains_key(t))
            .copied()
            .collect();
        let first = doc.teams.get(teams.first()?)?.horizon;
        let next = match first {
            None => Some(Horizon::ALL[0]),
            Some(h) => Horizon::ALL
                .iter()
                .position(|x| *x == h)
                .and_then(|i| Horizon::ALL.get(i + 1).copied()),
        };
        let edits: Vec<Edit> = teams
            .iter()
            .map(|id| Edit::SetTeam {
                id: *id,
                field: TeamField::Horizon(next),
            })
            .collect();
        let label = format!("Set horizon {}", next.map_or("not set", Horizon::label));
        self.edit(Edit::Batch(edits), label, None)
    }

    /// Tab, Shift+Tab: the next or previous node in reading order (rows, then columns), brought
    /// into view when it is not.
    pub(super) fn select_next(&mut self, backwards: bool) -> Option<Notice> {
        let doc = self.map.doc();
        let order = capture::reading_order(doc);
        if order.is_empty() {
            return None;
        }
        let current = self
            .session
            .selection
            .iter()
            .find_map(|id| order.iter().position(|o| o == id));
        let next = match (current, backwards) {
            (None, false) => 0,
            (None, true) => order.len() - 1,
            (Some(i), false) => (i + 1) % order.len(),
            (Some(i), true) => (i + order.len() - 1) % order.len(),
        };
        let id = order[next];
        self.session.selection = BTreeSet::from([id]);
        if let Some(rect) = doc.node_rect(id) {
            self.session.bring_into_view(rect);
        }
        None
    }
}

/// The links a list field names from `from`: each item is matched by its whole text first (a
/// name may end in a number), then by the name before its share; the best match wins. Items the
/// document would refuse (already linked, or a share outside 0–100 %) are set aside before the
/// open shares are split, so they take nothing from the others.
fn resolve(
    doc: &crate::model::Document,
    from: Id,
    direction: LinkDirection,
    items: &[ListItem],
) -> Resolved {
    let candidates = direction.candidates(doc, from);
    let best = |query: &str| {
        capture::suggestions(query, candidates.iter().copied())
            .first()
            .map(|(id, _)| *id)
    };
    let mut resolved = Resolved {
        links: Vec::new(),
        unmatched: Vec::new(),
        bad_shares: Vec::new(),
        already: Vec::new(),
    };
    let mut matched: Vec<(Link, Option<f64>)> = Vec::new();
    for item in items {
        let exact_whole = candidates
            .iter()
            .find(|(_, name)| capture::fold(name) == capture::fold(&item.text))
            .map(|(id, _)| *id);
        let Some((other, percent)) = exact_whole
            .map(|id| (id, None))
            .or_else(|| best(&item.name).map(|id| (id, item.percent)))
        else {
            resolved.unmatched.push(item.text.clone());
            continue;
        };
        if percent.is_some_and(|p| !(0.0..=100.0).contains(&p)) {
            resolved.bad_shares.push(item.text.clone());
            continue;
        }
        let (a, b) = match direction {
            LinkDirection::DependsOn | LinkDirection::Funds => (from, other),
            LinkDirection::FundedBy => (other, from),
        };
        let choice = match direction {
            LinkDirection::DependsOn => LinkKindChoice::Dependency,
            _ => LinkKindChoice::Funding,
        };
        let twice = matched.iter().any(|(l, _)| l.from == a && l.to == b);
        match rules::new_link(doc, a, b, choice) {
            Ok(link) if !twice => matched.push((link, percent)),
            _ => resolved.already.push(item.text.clone()),
        }
    }
    let shares: Vec<f64> = match direction {
        LinkDirection::Funds => {
            let typed: Vec<Option<f64>> = matched.iter().map(|(_, p)| *p).collect();
            suggested_shares(doc, from, &typed)
        }
        LinkDirection::DependsOn => vec![0.0; matched.len()],
        LinkDirection::FundedBy => matched
            .iter()
            .map(|(link, typed)| {
                typed.unwrap_or_else(|| suggested_shares(doc, link.from, &[None])[0])
            })
            .collect(),
    };
    for ((mut link, _), share) in matched.into_iter().zip(shares) {
        if link.kind.is_funding() {
            link.kind = LinkKind::Funding {
                allocation_percent: share,
            };
        }
        resolved.links.push(link);
    }
    resolved
}

/// Insert edits for `links`, with the ids the document gives next.
fn link_inserts(doc: &crate::model::Document, links: Vec<Link>) -> Vec<Edit> {
    let first = doc.next_id().0;
    links
        .into_iter()
        .zip(first..)
        .map(|(link, id)| Edit::InsertLink { id: Id(id), link })
        .collect()
}

#[cfg(test)]
mod tests;
