//! Model mix: teams, headcount and funding per model type and per bet horizon, as counts and shares.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::funding::Flows;
use super::json;
use super::order::TeamOrder;
use crate::model::{Document, Horizon, ModelTypeId};

/// An amount in one currency and its share of all the funding in that currency (0–1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MoneyShare {
    pub amount: f64,
    pub currency: String,
    pub share: f64,
}

/// The figures of one slice of the map. Shares are fractions (0–1) of the whole map; 0 when the
/// whole is 0.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MixFigures {
    pub teams: usize,
    pub team_share: f64,
    pub headcount: u64,
    pub headcount_share: f64,
    /// What the slice's teams keep of their funding (so money a team passes on to another team is
    /// counted once, at the team that spends it), one entry per currency the slice has money in, sorted.
    pub funding: Vec<MoneyShare>,
}

/// The figures of one model type. `model_type` is `None` for teams whose type is not in the palette
/// (only in a document built in code; files are validated).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TypeMix {
    #[serde(serialize_with = "json::model_type")]
    pub model_type: Option<ModelTypeId>,
    pub name: String,
    #[serde(flatten)]
    pub figures: MixFigures,
}

/// The figures of one bet horizon; `horizon` is `None` for teams whose horizon is not set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HorizonMix {
    #[serde(serialize_with = "json::horizon")]
    pub horizon: Option<Horizon>,
    pub label: String,
    #[serde(flatten)]
    pub figures: MixFigures,
}

/// The model mix of a map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModelMix {
    /// Every model type in palette (legend) order, then "Unknown model type" if any team has one.
    pub by_type: Vec<TypeMix>,
    /// Every horizon from hours to decades, then "Not set".
    pub by_horizon: Vec<HorizonMix>,
    pub total: MixFigures,
}

pub const UNKNOWN_MODEL_TYPE: &str = "Unknown model type";
pub const HORIZON_NOT_SET: &str = "Not set";

#[derive(Clone)]
struct Tally {
    teams: usize,
    headcount: u64,
    /// Per currency index; only currencies with an amount, so rows × currencies is never built.
    funding: BTreeMap<usize, f64>,
}

impl Tally {
    fn new() -> Self {
        Self {
            teams: 0,
            headcount: 0,
            funding: BTreeMap::new(),
        }
    }

    fn figures(&self, total: &Tally, currencies: &[String]) -> MixFigures {
        MixFigures {
            teams: self.teams,
            team_share: share(self.teams as f64, total.teams as f64),
            headcount: self.headcount,
            headcount_share: share(self.headcount as f64, total.headcount as f64),
            funding: self
                .funding
                .iter()
                .map(|(&currency, &amount)| MoneyShare {
                    amount,
                    currency: currencies[currency].clone(),
                    share: share(amount, total.funding.get(&currency).copied().unwrap_or(0.0)),
                })
                .collect(),
        }
    }
}

fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 { part / whole } else { 0.0 }
}

pub(super) fn compute(doc: &Document, order: &TeamOrder, flows: &Flows) -> ModelMix {
    compute_for(doc, order, flows, 0..order.len(), true)
}

/// The mix of the teams `teams` (dense indices), shares of their own total. With `every_row`,
/// every model type and horizon has a row; without, only those the teams have (a group's mix,
/// so a map of many groups and types never builds groups × types rows).
pub(super) fn compute_for(
    doc: &Document,
    order: &TeamOrder,
    flows: &Flows,
    teams: impl IntoIterator<Item = usize>,
    every_row: bool,
) -> ModelMix {
    let currencies = &flows.currencies;
    let mut palette_index: HashMap<ModelTypeId, usize> = HashMap::new();
    for (i, model_type) in doc.palette.iter().enumerate() {
        palette_index.entry(model_type.id).or_insert(i);
    }
    let empty = Tally::new();
    // One slot per palette entry, then one for unknown types.
    let mut by_type = vec![empty.clone(); doc.palette.len() + 1];
    // One slot per horizon, then one for "not set".
    let mut by_horizon = vec![empty.clone(); Horizon::ALL.len() + 1];
    let mut total = empty;
    for t in teams {
        let team = order.teams[t];
        let type_slot = palette_index
            .get(&team.model_type)
            .copied()
            .unwrap_or(doc.palette.len());
        let horizon_slot = team
            .horizon
            .and_then(|h| Horizon::ALL.iter().position(|&x| x == h))
            .unwrap_or(Horizon::ALL.len());
        for tally in [
            &mut by_type[type_slot],
            &mut by_horizon[horizon_slot],
            &mut total,
        ] {
            tally.teams += 1;
            tally.headcount += u64::from(team.headcount);
            for &(currency, amount) in &flows.kept[t] {
                *tally.funding.entry(currency).or_insert(0.0) += amount;
            }
        }
    }

    let mut types: Vec<TypeMix> = doc
        .palette
        .iter()
        .zip(&by_type)
        .filter(|(_, tally)| every_row || tally.teams > 0)
        .map(|(model_type, tally)| TypeMix {
            model_type: Some(model_type.id),
            name: model_type.name.clone(),
            figures: tally.figures(&total, currencies),
        })
        .collect();
    if let Some(unknown) = by_type.last().filter(|t| t.teams > 0) {
        types.push(TypeMix {
            model_type: None,
            name: UNKNOWN_MODEL_TYPE.to_owned(),
            figures: unknown.figures(&total, currencies),
        });
    }
    let horizons = Horizon::ALL
        .iter()
        .map(|&h| (Some(h), h.label()))
        .chain([(None, HORIZON_NOT_SET)])
        .zip(&by_horizon)
        .filter(|(_, tally)| every_row || tally.teams > 0)
        .map(|((horizon, label), tally)| HorizonMix {
            horizon,
            label: label.to_owned(),
            figures: tally.figures(&total, currencies),
        })
        .collect();
    ModelMix {
        by_type: types,
        by_horizon: horizons,
        total: total.figures(&total, currencies),
    }
}
