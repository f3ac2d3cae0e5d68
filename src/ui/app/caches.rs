//! What the app derives from the open map: the analysis, the scene with its spatial index, and
//! the moved part of a drag. Each is keyed by the map's identity and revision, so a newly opened,
//! created or restored map can never show another map's data.

use std::sync::Arc;

use crate::analysis::Analysis;
use crate::editor::{Compared, MapKey, OpenMap, SessionState};
use crate::model::Document;
use crate::scene::{self, MovedScene, Routes, Scene, SceneOptions, SpatialIndex, Theme};
use crate::ui::canvas::{Drawing, drag_preview};

#[derive(Default)]
pub struct Caches {
    scene: Scene,
    /// What `scene` was built from.
    scene_key: Option<(MapKey, Theme, u32)>,
    /// Where the items of `scene` are, built with it.
    index: SpatialIndex,
    /// Where every link runs, and the map revision it was routed for: kept apart from the scene
    /// so a change of theme does not route again, and an edit routes again only what it touched.
    routes: Routes,
    routes_key: Option<MapKey>,
    /// The moved part of the picture while a drag moves nodes.
    moved: Option<MovedScene>,
    /// Counts scene rebuilds, so the canvas knows when what it drew from the scene is stale.
    stamp: u64,
    analysis: Option<(MapKey, Arc<Analysis>)>,
    /// The map compared with the other version, and what it was built from.
    compared: Option<(MapKey, Arc<Document>, Arc<Compared>)>,
}

fn scene_options((theme, text_scale): (Theme, f32)) -> SceneOptions {
    SceneOptions {
        theme,
        // The canvas draws its own legend at screen size, readable at any zoom.
        legend: false,
        title: true,
        text_scale,
    }
}

impl Caches {
    /// The findings for `map` as it is now; computed once per change.
    pub fn analysis(&mut self, map: &OpenMap) -> Arc<Analysis> {
        let key = map.key();
        match &self.analysis {
            Some((at, analysis)) if *at == key => Arc::clone(analysis),
            _ => {
                let analysis = Arc::new(Analysis::of(map.doc()));
                self.analysis = Some((key, Arc::clone(&analysis)));
                analysis
            }
        }
    }

    /// While comparing, what differs between the other version and `map` as it is now; computed
    /// once per change of either.
    pub fn compared(&mut self, map: &OpenMap, session: &SessionState) -> Option<Arc<Compared>> {
        let Some(comparison) = &session.compare else {
            self.compared = None;
            return None;
        };
        let key = map.key();
        match &self.compared {
            Some((at, old, compared)) if *at == key && Arc::ptr_eq(old, &comparison.old) => {
                Some(Arc::clone(compared))
            }
            _ => {
                let compared = Arc::new(Compared::of(&comparison.old, map.doc()));
                self.compared = Some((key, Arc::clone(&comparison.old), Arc::clone(&compared)));
                Some(compared)
            }
        }
    }

    /// Brings the scene up to date with the map, and the drag's moved part with the session.
    pub fn refresh_scene(&mut self, map: &OpenMap, session: &SessionState, look: (Theme, f32)) {
        let key = (map.key(), look.0, look.1.to_bits());
        let doc = map.doc();
        if self.scene_key != Some(key) {
            if self.routes_key != Some(map.key()) {
                self.routes = self.routes.updated(doc);
                self.routes_key = Some(map.key());
            }
            self.scene = scene::build_routed(doc, &self.routes, scene_options(look));
            self.index = SpatialIndex::build(doc, &self.scene);
            self.scene_key = Some(key);
            self.stamp += 1;
            self.moved = None;
        }
        // A drag redraws only what it moves, and only when the (snapped) positions change; the
        // document itself changes once, on release.
        match drag_preview(session, doc) {
            Some(moves) if self.moved.as_ref().is_none_or(|m| m.moves != moves) => {
                self.moved = Some(MovedScene::build(
                    (doc, &self.index, &self.routes),
                    moves,
                    scene_options(look),
                ));
            }
            Some(_) => {}
            None => self.moved = None,
        }
    }

    pub fn drawing(&self) -> Drawing<'_> {
        Drawing {
            scene: &self.scene,
            index: &self.index,
            moved: self.moved.as_ref(),
            stamp: self.stamp,
        }
    }
}
