//! Seeded generator of large, realistic maps for benchmarks, tests and demos.
//!
//! Teams come in clusters (business units) laid out side by side; each cluster has a funding source
//! above it that funds its teams with allocations adding up to at most 100 %; most dependencies stay
//! inside a cluster and the rest point at platform and service teams elsewhere. Each cluster is a
//! value stream (its teams and its funding source), and every six clusters side by side make a
//! business unit of about 50 to 150 teams. The same seed always gives the same map.

use std::collections::HashSet;

use crate::model::{
    Budget, Document, FundingSource, Group, GroupKind, Horizon, Id, Link, ModelTypeId, Point, Team,
    limits,
};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GenerateOptions {
    pub teams: usize,
    /// Funding plus dependency links. About a third fund teams (at most one per team), the rest
    /// are dependencies; fewer come out only when the teams cannot hold that many distinct links.
    pub links: usize,
    pub seed: u64,
}

// A workshop map is packed: teams 196 × 72 with room for arrows between them.
const TEAM_PITCH_X: f32 = 214.0;
const TEAM_PITCH_Y: f32 = 104.0;
const SOURCE_ROW: f32 = 104.0;
const CLUSTER_GAP: f32 = 80.0;
const CLUSTER_ROWS: usize = 4;
/// Cross-cluster dependencies mostly go to clusters this close in layout order.
const NEARBY_CLUSTERS: usize = 3;
const MIN_CLUSTER: usize = 8;
const MAX_CLUSTER: usize = 24;
/// Clusters (value streams) per business unit.
const CLUSTERS_PER_UNIT: usize = 6;
/// Share of dependencies that stay inside their cluster; of the rest, three in four go to a nearby
/// cluster and one in four anywhere.
const LOCAL_DEPENDENCY_PERCENT: u32 = 80;

/// Model type ids of the default palette, with how common each is, in percent.
const TYPE_WEIGHTS: [(u64, u32); 6] = [(1, 30), (2, 10), (3, 20), (4, 10), (5, 15), (6, 15)];
const PLATFORM: ModelTypeId = ModelTypeId(6);
const SERVICE: ModelTypeId = ModelTypeId(5);

const DOMAINS: [&str; 32] = [
    "Search",
    "Checkout",
    "Pricing",
    "Catalog",
    "Payments",
    "Fraud",
    "Identity",
    "Messaging",
    "Billing",
    "Onboarding",
    "Reporting",
    "Mobile",
    "Web",
    "Partner",
    "Inventory",
    "Shipping",
    "Returns",
    "Loyalty",
    "Ads",
    "Recommendations",
    "Data",
    "Machine Learning",
    "Security",
    "Compliance",
    "Support",
    "Growth",
    "Localisation",
    "Notifications",
    "Storage",
    "Observability",
    "Subscriptions",
    "Marketplace",
];
const UNITS: [&str; 12] = [
    "Retail",
    "Wholesale",
    "Marketplace",
    "Logistics",
    "Financial Services",
    "Travel",
    "Media",
    "Health",
    "Education",
    "Enterprise",
    "Consumer",
    "Ventures",
];

/// A map with `options.teams` teams and about `options.links` links, valid per
/// [`Document::validate`].
pub fn generate(options: GenerateOptions) -> Document {
    let mut rng = fastrand::Rng::with_seed(options.seed);
    let teams = options.teams.min(limits::MAX_TEAMS);
    let mut doc = Document::new(format!(
        "Generated map: {teams} teams (seed {})",
        options.seed
    ));
    let clusters = cluster_sizes(&mut rng, teams);
    let mut next_id = 1_u64;
    let mut take_id = || {
        let id = Id(next_id);
        next_id += 1;
        id
    };
    let row_width = row_width(&clusters);
    let mut members: Vec<Vec<Id>> = Vec::with_capacity(clusters.len());
    let mut sources: Vec<Id> = Vec::with_capacity(clusters.len());
    let mut cursor = Point::new(0.0, 0.0);
    let mut row_height: f32 = 0.0;
    let mut names = Names::default();
    for (index, &size) in clusters.iter().enumerate() {
        let columns = columns_for(size);
        let rows = size.div_ceil(columns);
        let width = columns as f32 * TEAM_PITCH_X;
        let height = SOURCE_ROW + rows as f32 * TEAM_PITCH_Y;
        if cursor.x > 0.0 && cursor.x + width > row_width {
            cursor = Point::new(0.0, cursor.y + row_height + CLUSTER_GAP);
            row_height = 0.0;
        }
        let unit = UNITS[index % UNITS.len()];
        let source_id = take_id();
        let round = index / UNITS.len();
        let source_name = if round == 0 {
            format!("{unit} BU")
        } else {
            format!("{unit} BU {}", round + 1)
        };
        let mut source = FundingSource::new(
            source_name,
            Point::new(
                cursor.x + width / 2.0 - FundingSource::SIZE.width / 2.0,
                cursor.y,
            ),
        );
        source.budget = Some(Budget {
            amount: f64::from(rng.u32(5..=200)) * 100_000.0,
            currency: "EUR".to_owned(),
        });
        doc.sources.insert(source_id, source);
        sources.push(source_id);
        let mut ids = Vec::with_capacity(size);
        for slot in 0..size {
            let model_type = if doc.teams.len() < TYPE_WEIGHTS.len() {
                // The first teams take each type once, so every model type is on the map.
                ModelTypeId(doc.teams.len() as u64 + 1)
            } else {
                pick_type(&mut rng)
            };
            let position = Point::new(
                cursor.x + (slot % columns) as f32 * TEAM_PITCH_X,
                cursor.y + SOURCE_ROW + (slot / columns) as f32 * TEAM_PITCH_Y,
            );
            let mut team = Team::new(names.next(&mut rng, model_type), model_type, position);
            team.size.width = 196.0;
            team.headcount = rng.u32(3..=14);
            team.horizon = Some(Horizon::ALL[rng.usize(1..Horizon::ALL.len())]);
            let id = take_id();
            doc.teams.insert(id, team);
            ids.push(id);
        }
        members.push(ids);
        cursor.x += width + CLUSTER_GAP;
        row_height = row_height.max(height);
    }

    let wanted_links = options.links.min(limits::MAX_LINKS);
    let funding = (wanted_links / 3).min(teams);
    add_funding(
        &mut doc,
        &mut rng,
        &sources,
        &members,
        funding,
        &mut take_id,
    );
    add_dependencies(
        &mut doc,
        &mut rng,
        &members,
        wanted_links - funding,
        &mut take_id,
    );
    add_groups(&mut doc, &sources, &members, &mut take_id);
    doc
}

/// A value stream per cluster (its source and teams), nested in a business unit per
/// [`CLUSTERS_PER_UNIT`] clusters. Uses no randomness, so the rest of a seed's map is as it was
/// before maps had groups.
fn add_groups(
    doc: &mut Document,
    sources: &[Id],
    members: &[Vec<Id>],
    take_id: &mut impl FnMut() -> Id,
) {
    for (unit, clusters) in members.chunks(CLUSTERS_PER_UNIT).enumerate() {
        let unit_id = take_id();
        doc.groups.insert(
            unit_id,
            Group::new(
                format!("Business unit {}", unit + 1),
                GroupKind::BusinessUnit,
            ),
        );
        for (offset, teams) in clusters.iter().enumerate() {
            let index = unit * CLUSTERS_PER_UNIT + offset;
            let source = sources[index];
            let name = doc.sources[&source]
                .name
                .replacen(" BU", "", 1)
                .trim()
                .to_owned();
            let mut stream = Group::new(format!("{name} stream"), GroupKind::ValueStream);
            stream.parent = Some(unit_id);
            stream.members = std::iter::once(source)
                .chain(teams.iter().copied())
                .collect();
            stream.members.sort_unstable();
            doc.groups.insert(take_id(), stream);
        }
    }
}

/// Cluster sizes adding up to `teams`, each from 8 to 24 where there are enough teams.
fn cluster_sizes(rng: &mut fastrand::Rng, teams: usize) -> Vec<usize> {
    let mut sizes = Vec::new();
    let mut left = teams;
    while left > 0 {
        let size = if left <= MAX_CLUSTER {
            left
        } else {
            rng.usize(MIN_CLUSTER..=MAX_CLUSTER).min(left - MIN_CLUSTER)
        };
        sizes.push(size);
        left -= size;
    }
    sizes.truncate(limits::MAX_SOURCES);
    sizes
}

/// Rows of clusters are about this wide, so the whole map is roughly 16:9.
fn row_width(clusters: &[usize]) -> f32 {
    let area: f32 = clusters
        .iter()
        .map(|&size| {
            let columns = columns_for(size);
            (columns as f32 * TEAM_PITCH_X + CLUSTER_GAP)
                * (SOURCE_ROW + size.div_ceil(columns) as f32 * TEAM_PITCH_Y + CLUSTER_GAP)
        })
        .sum();
    (area * 16.0 / 9.0).sqrt()
}

/// Every cluster is [`CLUSTER_ROWS`] teams tall, so clusters side by side line up without gaps.
fn columns_for(size: usize) -> usize {
    size.div_ceil(CLUSTER_ROWS).max(1)
}

fn pick_type(rng: &mut fastrand::Rng) -> ModelTypeId {
    let mut roll = rng.u32(0..100);
    for (id, weight) in TYPE_WEIGHTS {
        if roll < weight {
            return ModelTypeId(id);
        }
        roll -= weight;
    }
    ModelTypeId(1)
}

/// Each cluster's source funds its teams (the first `count` teams overall), sharing 60–100 % of
/// its budget in half percents, so no source allocates more than 100 %.
fn add_funding(
    doc: &mut Document,
    rng: &mut fastrand::Rng,
    sources: &[Id],
    members: &[Vec<Id>],
    count: usize,
    take_id: &mut impl FnMut() -> Id,
) {
    let mut left = count;
    for (source, teams) in sources.iter().zip(members) {
        let funded = &teams[..teams.len().min(left)];
        left -= funded.len();
        if funded.is_empty() {
            break;
        }
        let weights: Vec<u32> = funded.iter().map(|_| rng.u32(1..=5)).collect();
        let total_weight: u32 = weights.iter().sum();
        let share = f64::from(rng.u32(60..=100));
        for (team, weight) in funded.iter().zip(weights) {
            let exact = share * f64::from(weight) / f64::from(total_weight);
            let allocation = ((exact * 2.0).floor() / 2.0).max(0.5);
            doc.links
                .insert(take_id(), Link::funding(*source, *team, allocation));
        }
    }
}

/// `count` distinct dependencies: most inside a cluster, the rest towards platform and service
/// teams of other clusters, usually nearby ones (related business units sit side by side).
fn add_dependencies(
    doc: &mut Document,
    rng: &mut fastrand::Rng,
    members: &[Vec<Id>],
    count: usize,
    take_id: &mut impl FnMut() -> Id,
) {
    let clusters: Vec<&Vec<Id>> = members.iter().filter(|m| !m.is_empty()).collect();
    if clusters.is_empty() {
        return;
    }
    // Per cluster, the teams others depend on: its platform and service teams, or all of them.
    let shared: Vec<Vec<Id>> = clusters
        .iter()
        .map(|ids| {
            let providers: Vec<Id> = ids
                .iter()
                .copied()
                .filter(|id| {
                    doc.teams
                        .get(id)
                        .is_some_and(|t| t.model_type == PLATFORM || t.model_type == SERVICE)
                })
                .collect();
            if providers.is_empty() {
                ids.to_vec()
            } else {
                providers
            }
        })
        .collect();
    let mut made: HashSet<(Id, Id)> = HashSet::with_capacity(count);
    let mut attempts = 0;
    while made.len() < count && attempts < count * 20 + 100 {
        attempts += 1;
        let home = rng.usize(..clusters.len());
        let cluster = clusters[home];
        let from = cluster[rng.usize(..cluster.len())];
        let to = if clusters.len() == 1 || rng.u32(0..100) < LOCAL_DEPENDENCY_PERCENT {
            cluster[rng.usize(..cluster.len())]
        } else {
            let other = if rng.u32(0..4) == 0 {
                rng.usize(..clusters.len())
            } else {
                let low = home.saturating_sub(NEARBY_CLUSTERS);
                let high = (home + NEARBY_CLUSTERS).min(clusters.len() - 1);
                rng.usize(low..=high)
            };
            let providers = &shared[other];
            providers[rng.usize(..providers.len())]
        };
        if from != to && made.insert((from, to)) {
            doc.links.insert(take_id(), Link::dependency(from, to));
        }
    }
}

/// Team names from a domain and a word that fits the model type, numbered when they repeat.
#[derive(Default)]
struct Names {
    used: HashSet<String>,
}

impl Names {
    fn next(&mut self, rng: &mut fastrand::Rng, model_type: ModelTypeId) -> String {
        let words: &[&str] = match model_type.0 {
            5 => &["Tools", "Operations", "Enablement", "Services"],
            6 => &["Platform", "Infrastructure", "Core", "APIs"],
            4 => &["Labs", "Pilot", "Studio"],
            _ => &["Experience", "Team", "Insights", "Journeys", ""],
        };
        let domain = DOMAINS[rng.usize(..DOMAINS.len())];
        let word = words[rng.usize(..words.len())];
        let base = if word.is_empty() {
            domain.to_owned()
        } else {
            format!("{domain} {word}")
        };
        let mut name = base.clone();
        let mut n = 2;
        while !self.used.insert(name.clone()) {
            name = format!("{base} {n}");
            n += 1;
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::LinkKind;

    fn options(teams: usize, links: usize, seed: u64) -> GenerateOptions {
        GenerateOptions { teams, links, seed }
    }

    #[test]
    fn a_thousand_teams_make_a_valid_map_with_the_links_asked_for() {
        let doc = generate(options(1_000, 3_000, 7));
        assert_eq!(doc.validate(), Ok(()));
        assert_eq!(doc.teams.len(), 1_000);
        assert_eq!(doc.links.len(), 3_000);
        let funding = doc.links.values().filter(|l| l.kind.is_funding()).count();
        assert_eq!(funding, 1_000);
    }

    #[test]
    fn the_same_seed_gives_the_same_map_and_another_seed_does_not() {
        let a = generate(options(200, 500, 1));
        assert_eq!(a, generate(options(200, 500, 1)));
        assert_ne!(a, generate(options(200, 500, 2)));
    }

    #[test]
    fn every_model_type_is_used_and_no_source_allocates_over_100_percent() {
        let doc = generate(options(300, 900, 3));
        for model_type in &doc.palette {
            assert!(
                doc.teams_of_type(model_type.id).count() > 0,
                "{}",
                model_type.name
            );
        }
        let mut allocated: BTreeMap<Id, f64> = BTreeMap::new();
        for link in doc.links.values() {
            if let LinkKind::Funding { allocation_percent } = link.kind {
                *allocated.entry(link.from).or_default() += allocation_percent;
            }
        }
        assert_eq!(allocated.len(), doc.sources.len());
        assert!(
            allocated
                .values()
                .all(|total| *total > 0.0 && *total <= 100.0),
            "{allocated:?}"
        );
    }

    #[test]
    fn most_dependencies_stay_inside_their_cluster() {
        let doc = generate(options(500, 1_500, 4));
        // A cluster's teams sit below its funding source, which funds all of them.
        let cluster_of: BTreeMap<Id, Id> = doc
            .links
            .values()
            .filter(|l| l.kind.is_funding())
            .map(|l| (l.to, l.from))
            .collect();
        let dependencies: Vec<&Link> = doc
            .links
            .values()
            .filter(|l| !l.kind.is_funding())
            .collect();
        let local = dependencies
            .iter()
            .filter(|l| cluster_of[&l.from] == cluster_of[&l.to])
            .count();
        assert!(
            local * 100 >= dependencies.len() * 70,
            "{local} of {}",
            dependencies.len()
        );
    }

    #[test]
    fn teams_never_overlap() {
        let doc = generate(options(400, 0, 5));
        let mut corners: Vec<(i64, i64)> = doc
            .teams
            .values()
            .map(|t| (t.position.x as i64, t.position.y as i64))
            .collect();
        corners.sort_unstable();
        corners.dedup();
        assert_eq!(corners.len(), 400);
        let sources_below_teams = doc.sources.values().any(|s| {
            doc.teams.values().any(|t| {
                (t.position.y - s.position.y).abs() < 60.0
                    && (t.position.x - s.position.x).abs() < 190.0
            })
        });
        assert!(!sources_below_teams);
    }

    #[test]
    fn every_team_is_in_a_value_stream_inside_a_business_unit() {
        let doc = generate(options(1_000, 3_000, 8));
        assert_eq!(doc.validate(), Ok(()));
        let units: Vec<Id> = doc.group_children(None).collect();
        assert!(units.len() >= 5, "{} business units", units.len());
        for unit in &units {
            let teams = doc
                .group_all_members(*unit)
                .iter()
                .filter(|m| doc.teams.contains_key(m))
                .count();
            assert!(
                (40..=150).contains(&teams) || *unit == units[units.len() - 1],
                "{teams}"
            );
        }
        for id in doc.teams.keys() {
            let groups = doc.groups_containing(*id);
            assert_eq!(groups.len(), 2, "team {id} is not in a stream in a unit");
            assert_eq!(doc.groups[&groups[0]].kind, GroupKind::ValueStream);
        }
        assert_eq!(doc, generate(options(1_000, 3_000, 8)), "deterministic");
    }

    #[test]
    fn tiny_and_empty_maps_work() {
        assert_eq!(generate(options(0, 10, 1)).validate(), Ok(()));
        let two = generate(options(2, 10, 1));
        assert_eq!(two.validate(), Ok(()));
        assert!(two.links.len() <= 4, "two teams hold few distinct links");
    }
}
