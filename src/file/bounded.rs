//! Lists read with their count limit enforced while parsing, so an oversized list is refused at
//! its first item past the limit rather than after the whole file is parsed into memory.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error as _, SeqAccess, Visitor};

use crate::model::limits::{MAX_GROUPS, MAX_LINKS, MAX_MODEL_TYPES, MAX_SOURCES, MAX_TEAMS};

/// What a bounded list holds, for its message and its limit.
pub trait Bounded {
    const WHAT: &'static str;
    const MAX: usize;
}

macro_rules! bounded {
    ($item:ty, $what:literal, $max:expr) => {
        impl Bounded for $item {
            const WHAT: &'static str = $what;
            const MAX: usize = $max;
        }
    };
}

bounded!(super::format::ModelTypeV2, "model types", MAX_MODEL_TYPES);
bounded!(super::format::TeamV2, "teams", MAX_TEAMS);
bounded!(super::format::SourceV2, "funding sources", MAX_SOURCES);
bounded!(super::format::LinkV2, "links", MAX_LINKS);
bounded!(super::format::GroupV2, "groups", MAX_GROUPS);
// A group lists at most every team and funding source the map may hold.
bounded!(
    super::groups_format::MemberV2,
    "group members",
    MAX_TEAMS + MAX_SOURCES
);

/// Reads a list, refusing it at item `T::MAX + 1`.
pub fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Bounded,
{
    struct ListVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de> + Bounded> Visitor<'de> for ListVisitor<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a list of {}", T::WHAT)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = seq.next_element()? {
                if items.len() == T::MAX {
                    return Err(A::Error::custom(format!(
                        "more than {} {}, above the limit",
                        crate::text::format_count(T::MAX),
                        T::WHAT
                    )));
                }
                items.push(item);
            }
            Ok(items)
        }
    }

    deserializer.deserialize_seq(ListVisitor(PhantomData))
}
