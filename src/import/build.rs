//! Building a map from names, as people's sheets refer to things: a team, a funding source or a
//! model type is found by its name (case and accents aside) or added, links are kept once, and
//! everything that was guessed or left out goes into the report. Positions that no row gave are
//! laid out at the end; shares that no row gave split what each source has left.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{ImportError, Imported, Report};
use crate::model::limits::{
    MAX_LINKS, MAX_MODEL_TYPES, MAX_NAME_CHARS, MAX_SOURCES, MAX_TEAMS, MAX_TEXT_CHARS,
};
use crate::model::{
    Color, Document, FundingSource, Id, Link, LinkKind, ModelType, ModelTypeId, Point, Team,
};
use crate::text::{fold, format_count, multi_line, one_line, plural};

/// Colours for model types a sheet names that the palette does not have, in turn.
const NEW_TYPE_COLORS: [Color; 6] = [
    Color::rgb(0x4f, 0x46, 0xe5),
    Color::rgb(0x65, 0xa3, 0x0d),
    Color::rgb(0xc0, 0x26, 0xd3),
    Color::rgb(0xb4, 0x53, 0x09),
    Color::rgb(0x08, 0x91, 0xb2),
    Color::rgb(0x9f, 0x12, 0x39),
];

/// A map under construction from named things.
pub struct Builder {
    pub doc: Document,
    pub report: Report,
    teams: HashMap<String, Id>,
    sources: HashMap<String, Id>,
    /// Links already made, so a dependency listed twice is one link.
    links: BTreeSet<(Id, Id, bool)>,
    /// Funding links whose share no row gave, filled in by [`Builder::finish`].
    open_shares: Vec<Id>,
    unplaced: BTreeSet<Id>,
    /// How many teams took the default type because their row named none.
    untyped: usize,
    /// Names cut to the limit, counted for one report line.
    cut_names: usize,
    /// Names whose line breaks or control characters were replaced, for one report line.
    cleaned_names: usize,
    next: u64,
}

impl Builder {
    pub fn new(origin: &str, title: &str) -> Self {
        let mut doc = Document::new(stored_name(title));
        doc.title = doc.title.trim().to_owned();
        Self {
            next: doc.next_id().0,
            doc,
            report: Report::new(origin),
            teams: HashMap::new(),
            sources: HashMap::new(),
            links: BTreeSet::new(),
            open_shares: Vec::new(),
            unplaced: BTreeSet::new(),
            untyped: 0,
            cut_names: 0,
            cleaned_names: 0,
        }
    }

    fn id(&mut self) -> Id {
        let id = Id(self.next);
        self.next += 1;
        id
    }

    /// The team named `name`, if one was made.
    /// Names are looked up as they are stored: cut to the limit.
    pub fn find_team(&self, name: &str) -> Option<Id> {
        self.teams.get(&fold(&stored_name(name))).copied()
    }

    pub fn find_source(&self, name: &str) -> Option<Id> {
        self.sources.get(&fold(&stored_name(name))).copied()
    }

    fn name(&mut self, name: &str) -> String {
        let line = one_line(name);
        if line != name.trim() {
            self.cleaned_names += 1;
        }
        if line.chars().count() > MAX_NAME_CHARS {
            self.cut_names += 1;
        }
        stored_name(name)
    }

    /// A new team. `Err` says why not: no name, a name already taken, or the limit reached.
    /// Without a position it is laid out at the end.
    pub fn add_team(&mut self, name: &str, position: Option<Point>) -> Result<Id, String> {
        let name = self.name(name);
        if name.is_empty() {
            return Err("it has no team name".to_owned());
        }
        if self.find_team(&name).is_some() {
            return Err(format!("a team named \"{name}\" is already imported"));
        }
        if self.doc.teams.len() >= MAX_TEAMS {
            return Err(format!(
                "the map already has {} teams, the limit",
                format_count(MAX_TEAMS)
            ));
        }
        let id = self.id();
        let model_type = self.default_type();
        self.teams.insert(fold(&name), id);
        let team = Team::new(name, model_type, position.unwrap_or(Point::new(0.0, 0.0)));
        self.doc.teams.insert(id, team);
        if position.is_none() {
            self.unplaced.insert(id);
        }
        self.untyped += 1;
        Ok(id)
    }

    /// The team named `name`, added (and reported as a guess, with `why`) when no row made it.
    pub fn team_or_add(&mut self, name: &str, why: &str) -> Result<Id, String> {
        if let Some(id) = self.find_team(name) {
            return Ok(id);
        }
        let id = self.add_team(name, None)?;
        let name = &self.doc.teams[&id].name;
        self.report
            .guess(format!("added the team \"{name}\": {why}"));
        Ok(id)
    }

    /// The funding source named `name`, added when there is none yet.
    pub fn source(&mut self, name: &str, position: Option<Point>) -> Result<Id, String> {
        let name = self.name(name);
        if name.is_empty() {
            return Err("it has no name".to_owned());
        }
        if let Some(id) = self.find_source(&name) {
            return Ok(id);
        }
        if self.doc.sources.len() >= MAX_SOURCES {
            return Err(format!(
                "the map already has {} funding sources, the limit",
                format_count(MAX_SOURCES)
            ));
        }
        let id = self.id();
        self.sources.insert(fold(&name), id);
        self.doc.sources.insert(
            id,
            FundingSource::new(name, position.unwrap_or(Point::new(0.0, 0.0))),
        );
        if position.is_none() {
            self.unplaced.insert(id);
        }
        Ok(id)
    }

    pub fn set_budget(&mut self, source: Id, amount: f64, currency: String) {
        if let Some(source) = self.doc.sources.get_mut(&source) {
            source.budget = Some(crate::model::Budget { amount, currency });
        }
    }

    fn default_type(&self) -> ModelTypeId {
        self.doc.palette.first().map_or(ModelTypeId(1), |t| t.id)
    }

    /// The model type named `name`; an unknown name is added to the palette (and reported).
    pub fn model_type(&mut self, name: &str) -> Result<ModelTypeId, String> {
        let name = stored_name(name);
        let key = fold(&name);
        if let Some(found) = self.doc.palette.iter().find(|t| fold(&t.name) == key) {
            return Ok(found.id);
        }
        if self.doc.palette.len() >= MAX_MODEL_TYPES {
            return Err(format!(
                "the palette already has {MAX_MODEL_TYPES} model types, the limit"
            ));
        }
        let id = self.doc.next_model_type_id();
        let added = self.doc.palette.len() - 6.min(self.doc.palette.len());
        self.doc.palette.push(ModelType {
            id,
            name: name.clone(),
            color: NEW_TYPE_COLORS[added % NEW_TYPE_COLORS.len()],
            description: String::new(),
        });
        self.report
            .guess(format!("added the model type \"{name}\" to the palette"));
        Ok(id)
    }

    /// Gives `team` the model type named `name`.
    pub fn set_type(&mut self, team: Id, name: &str) -> Result<(), String> {
        let model_type = self.model_type(name)?;
        if let Some(team) = self.doc.teams.get_mut(&team) {
            team.model_type = model_type;
            self.untyped -= 1;
        }
        Ok(())
    }

    /// Notes of `team`, cut to the limit.
    pub fn set_notes(&mut self, team: Id, notes: &str) {
        if let Some(team) = self.doc.teams.get_mut(&team) {
            if notes.chars().count() > MAX_TEXT_CHARS {
                self.report.guess(format!(
                    "cut the notes of \"{}\" to {} characters",
                    team.name,
                    format_count(MAX_TEXT_CHARS)
                ));
            }
            team.notes = cut(&multi_line(notes), MAX_TEXT_CHARS);
        }
    }

    fn link(&mut self, link: Link) -> Result<Id, String> {
        if link.from == link.to {
            return Err("a team cannot depend on or fund itself".to_owned());
        }
        let key = (link.from, link.to, link.kind.is_funding());
        if self.links.contains(&key) {
            return Err("the same link is listed twice".to_owned());
        }
        if self.doc.links.len() >= MAX_LINKS {
            return Err(format!(
                "the map already has {} links, the limit",
                format_count(MAX_LINKS)
            ));
        }
        self.links.insert(key);
        let id = self.id();
        self.doc.links.insert(id, link);
        Ok(id)
    }

    /// The label of link `id`, cut to the limit.
    pub fn set_label(&mut self, id: Id, label: &str) {
        if let Some(link) = self.doc.links.get_mut(&id) {
            link.label = cut(&multi_line(label.trim()), MAX_TEXT_CHARS);
        }
    }

    /// `from` depends on `to`.
    pub fn depend(&mut self, from: Id, to: Id, label: &str) -> Result<Id, String> {
        let mut link = Link::dependency(from, to);
        link.label = cut(&multi_line(label.trim()), MAX_TEXT_CHARS);
        self.link(link)
    }

    /// `from` funds `to` with `percent` of its budget; without a share, one is worked out at the
    /// end from what `from` has left.
    pub fn fund(&mut self, from: Id, to: Id, percent: Option<f64>) -> Result<Id, String> {
        if let Some(percent) = percent
            && !(0.0..=100.0).contains(&percent)
        {
            return Err(format!("a share of {percent} % is outside 0–100 %"));
        }
        let id = self.link(Link::funding(from, to, percent.unwrap_or(0.0)))?;
        if percent.is_none() {
            self.open_shares.push(id);
        }
        Ok(id)
    }

    /// The map: shares filled in, positions laid out, validated.
    pub fn finish(mut self) -> Result<Imported, ImportError> {
        self.fill_shares();
        if self.untyped > 0 && !self.doc.teams.is_empty() {
            let name = self
                .doc
                .palette
                .first()
                .map_or(String::new(), |t| t.name.clone());
            self.report.guess(format!(
                "{} without a model type took \"{name}\"",
                plural(self.untyped, "team", "teams")
            ));
        }
        if self.cleaned_names > 0 {
            self.report.guess(format!(
                "put {} on one line (line breaks and control characters replaced)",
                plural(self.cleaned_names, "name", "names")
            ));
        }
        if self.cut_names > 0 {
            self.report.guess(format!(
                "cut {} to {MAX_NAME_CHARS} characters",
                plural(self.cut_names, "name", "names")
            ));
        }
        if !self.unplaced.is_empty() {
            crate::layout::place(&mut self.doc, &self.unplaced);
            self.report.guess(format!(
                "laid out {} that had no position, in layers along their dependencies",
                plural(self.unplaced.len(), "item", "items")
            ));
        }
        for source in self.doc.sources.values_mut() {
            source.normalise();
        }
        let doc = self.doc;
        let mut report = self.report;
        report.read.insert(
            0,
            format!(
                "{}, {}, {}",
                plural(doc.teams.len(), "team", "teams"),
                plural(doc.sources.len(), "funding source", "funding sources"),
                plural(doc.links.len(), "link", "links"),
            ),
        );
        doc.validate().map_err(|problems| ImportError::Invalid {
            origin: report.origin.clone(),
            problems,
        })?;
        Ok(Imported { doc, report })
    }

    /// Funding links without a share split what their source has not given to the others; when
    /// nothing is left they share 0 %, and the report says so.
    fn fill_shares(&mut self) {
        if self.open_shares.is_empty() {
            return;
        }
        let mut given: BTreeMap<Id, f64> = BTreeMap::new();
        let mut open: BTreeMap<Id, Vec<Id>> = BTreeMap::new();
        let open_links: BTreeSet<Id> = self.open_shares.iter().copied().collect();
        for (id, link) in &self.doc.links {
            if let LinkKind::Funding { allocation_percent } = link.kind {
                if open_links.contains(id) {
                    open.entry(link.from).or_default().push(*id);
                } else {
                    *given.entry(link.from).or_default() += allocation_percent;
                }
            }
        }
        let mut nothing_left = 0;
        for (from, links) in open {
            let left = (100.0 - given.get(&from).copied().unwrap_or(0.0)).max(0.0);
            if left < 0.005 {
                nothing_left += links.len();
            }
            let share = ((left / links.len() as f64) * 100.0).floor() / 100.0;
            for id in links {
                if let Some(link) = self.doc.links.get_mut(&id) {
                    link.kind = LinkKind::Funding {
                        allocation_percent: share,
                    };
                }
            }
        }
        self.report.guess(format!(
            "{} had no share: each source's unallocated budget was split evenly among them",
            plural(self.open_shares.len(), "funding link", "funding links")
        ));
        if nothing_left > 0 {
            self.report.guess(format!(
                "{} got 0 %: the rest of their source was already allocated",
                plural(nothing_left, "funding link", "funding links")
            ));
        }
    }
}

/// A name as it is stored and looked up: on one line, cut to the limit.
fn stored_name(name: &str) -> String {
    cut(&one_line(name), MAX_NAME_CHARS)
}

/// `text` cut to at most `max` characters.
pub fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}
