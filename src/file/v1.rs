//! The reader of version 1 maps (before groups). A version 1 file is read into version 2's types
//! in memory, losing nothing, and written as version 2 on the next save.
//!
//! Each older version keeps a module like this one: its envelope, and a `migrate` to the next
//! version. When version 3 comes, today's `format` types move to a `v2` module with a `migrate`
//! to version 3, and a version 1 file is read by chaining `v1::migrate` and `v2::migrate`.

use serde::Deserialize;

use super::bounded;
use super::format::{ConflictV2, LinkV2, MapV2, ModelTypeV2, SourceV2, TeamV2};

/// The version 1 envelope. Its items read exactly as version 2's (they did not change); it has
/// no groups, and a `groups` field in a version 1 file is refused as unknown.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename(deserialize = "map"))]
pub struct MapV1 {
    /// Always 1: the caller chose this reader by it.
    #[serde(rename = "version")]
    pub _version: u32,
    #[serde(default)]
    pub title: String,
    #[serde(deserialize_with = "bounded::list")]
    pub model_types: Vec<ModelTypeV2>,
    #[serde(default, deserialize_with = "bounded::list")]
    pub teams: Vec<TeamV2>,
    #[serde(default, deserialize_with = "bounded::list")]
    pub funding_sources: Vec<SourceV2>,
    #[serde(default, deserialize_with = "bounded::list")]
    pub links: Vec<LinkV2>,
    #[serde(default)]
    pub conflicts: Vec<ConflictV2>,
}

pub const VERSION: u32 = 1;

impl MapV1 {
    /// The same map in version 2: every item and field as it was, and no groups.
    pub fn migrate(self) -> MapV2 {
        MapV2 {
            version: super::format::VERSION,
            title: self.title,
            model_types: self.model_types,
            teams: self.teams,
            funding_sources: self.funding_sources,
            groups: Vec::new(),
            links: self.links,
            conflicts: self.conflicts,
        }
    }
}
