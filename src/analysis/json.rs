//! The JSON schema of `teamscape check --format json`, and how ids and horizons are written in it.
//!
//! ```text
//! { "format": "teamscape-check", "version": 2,
//!   "maps": [ { "file", "title", "problem_count", "problems_not_listed",
//!               "counts": { "teams", "funding_sources", "links", "dependency_links", "funding_links" },
//!               "conflicts": [ { "index", "message", "items": [id…] } ],
//!               "problems": [ { "kind", "message", "items": [id…] } ],
//!               "funding": { "funders": [ { "id", "kind": "source"|"team", "name", "budget": [money],
//!                                          "allocated_percent", "unallocated_percent", "over_allocated",
//!                                          "unknown_amount": null|{ "reason" },
//!                                          "allocations": [ { "link", "team", "team_name", "percent",
//!                                                             "amounts": [money] } ] } ],
//!                            "unfunded": [id…], "currencies": [string] },
//!               "model_mix": { "by_type": [ { "model_type": id|null, "name", …figures } ],
//!                              "by_horizon": [ { "horizon": "hours"…"decades"|null, "label", …figures } ],
//!                              "total": figures },
//!               "dependencies": { "most_depended_on": [ { "team", "name", "fan_in" } ],
//!                                 "cycles": [ { "teams": [id…], "path": [id…], "links": [id…] } ] },
//!               "teams": [ { "id", "name", "funded", "received": [money], "kept": [money],
//!                            "unknown_amount": null|{ "reason" }, "fan_in", "fan_out" } ],
//!               "groups": [ { "id", "name", "kind", "parent": id|null, "depth", "teams",
//!                             "funding_sources", "headcount", "funding": [money],
//!                             "mix": { "by_type", "by_horizon", "total" },
//!                             "cross_group_dependencies": { "outgoing", "incoming",
//!                                                           "outgoing_links": [id…],
//!                                                           "incoming_links": [id…] },
//!                             "unfunded": [id…], "cycles": [[id…]] } ] } ],
//!   "errors": [ { "file", "message" } ] }
//! ```
//! where money is `{ "amount", "currency" }` and figures are `"teams", "team_share", "headcount",
//! "headcount_share", "funding": [ { "amount", "currency", "share" } ]` (shares are fractions, 0–1;
//! only the currencies the slice has money in). `problem_count` counts every problem; `problems`
//! lists at most 200 of each kind and `problems_not_listed` says how many more there are. Reasons
//! an amount is unknown: `funding_loop`, `too_many_currencies`.
//! Problem kinds: `over_allocated`, `unfunded`, `funding_loop`, `dependency_cycle`,
//! `unfunded_dependency`. A group's figures count everything in it, nested groups included; its
//! mix's shares are of the group's own totals and list only the types and horizons it has; its
//! funding is what its teams keep (received minus passed on). Groups are listed each followed by
//! the groups nested in it.

use serde::{Serialize, Serializer};

use super::Analysis;
use crate::model::{Horizon, Id, ModelTypeId};

/// Bumped when a field changes meaning or disappears; adding fields does not bump it.
/// 2: `problems` is capped per kind and the mix lists only currencies with money.
pub const CHECK_REPORT_VERSION: u32 = 2;

/// Everything `teamscape check --format json` prints: one JSON document for all the files checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckReport {
    /// Always `"teamscape-check"`, so a script can tell this document from others.
    pub format: &'static str,
    pub version: u32,
    /// The maps that loaded, in the order given on the command line.
    pub maps: Vec<MapReport>,
    /// The files that could not be loaded.
    pub errors: Vec<LoadFailure>,
}

impl Default for CheckReport {
    fn default() -> Self {
        Self {
            format: "teamscape-check",
            version: CHECK_REPORT_VERSION,
            maps: Vec::new(),
            errors: Vec::new(),
        }
    }
}

/// One map's findings: the file, its title and counts, then every field of [`Analysis`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MapReport {
    pub file: String,
    pub title: String,
    pub problem_count: usize,
    #[serde(flatten)]
    pub analysis: Analysis,
}

impl MapReport {
    pub fn new(file: impl Into<String>, title: impl Into<String>, analysis: Analysis) -> Self {
        Self {
            file: file.into(),
            title: title.into(),
            problem_count: analysis.total_problems(),
            analysis,
        }
    }
}

/// A file that could not be loaded, with the same message `check` prints on stderr.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoadFailure {
    pub file: String,
    pub message: String,
}

// The model types do not implement Serialize (the RON format has its own mapping), so the findings
// say here how their ids and horizons are written: ids as numbers, horizons as lower-case words.

pub(super) fn id<S: Serializer>(id: &Id, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u64(id.0)
}

pub(super) fn id_lists<S: Serializer>(lists: &[Vec<Id>], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(
        lists
            .iter()
            .map(|ids| ids.iter().map(|id| id.0).collect::<Vec<u64>>()),
    )
}

pub(super) fn optional_id<S: Serializer>(
    id: &Option<Id>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    id.map(|id| id.0).serialize(serializer)
}

pub(super) fn ids<S: Serializer>(ids: &[Id], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(ids.iter().map(|id| id.0))
}

pub(super) fn model_type<S: Serializer>(
    id: &Option<ModelTypeId>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    id.map(|id| id.0).serialize(serializer)
}

pub(super) fn horizon<S: Serializer>(
    horizon: &Option<Horizon>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    horizon.map(Horizon::key).serialize(serializer)
}
