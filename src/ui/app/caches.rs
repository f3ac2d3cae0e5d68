//! What the app derives from the open map: the analysis, the scene with its spatial index, and
//! the moved part of a drag. Each is keyed by the map's identity and revision, so a newly opened,
//! created or restored map can never show another map's data.

use std::borrow::Cow;
use std::sync::Arc;

use crate::analysis::Analysis;
use crate::editor::{Compared, MapKey, OpenMap, SessionState};
use crate::model::Document;
use eframe::egui;

use crate::scene::{
    self, DragJob, DragRoutes, MovedScene, Routes, Scene, SceneOptions, SpatialIndex, Theme,
    collapse,
};
use crate::ui::canvas::{Drawing, drag_preview};
use crate::ui::worker::Latest;

#[derive(Default)]
pub struct Caches {
    scene: Scene,
    /// What `scene` was built from.
    scene_key: Option<(MapKey, Theme, u32)>,
    /// Where the items of `scene` are, built with it.
    index: Arc<SpatialIndex>,
    /// Where every link runs, and the map revision it was routed for: kept apart from the scene
    /// so a change of theme does not route again, and an edit routes again only what it touched.
    routes: Arc<Routes>,
    routes_key: Option<MapKey>,
    /// The map as drawn when a group is collapsed (`None`: the map itself), built with the scene.
    shown: Option<Arc<Document>>,
    /// The moved part of the picture while a drag moves nodes.
    moved: Option<MovedScene>,
    drag: DragRouting,
    /// Counts scene rebuilds, so the canvas knows when what it drew from the scene is stale.
    stamp: u64,
    analysis: Option<(MapKey, Arc<Analysis>)>,
    /// The map compared with the other version, and what it was built from.
    compared: Option<(MapKey, Arc<Document>, Arc<Compared>)>,
}

/// Routing the steps of a drag. In the app a worker thread does it, and a frame shows the newest
/// routes that arrived, carried along to where the pointer is now; without the worker (tests,
/// benches of the frame alone) each step is routed in the frame.
#[derive(Default)]
struct DragRouting {
    worker: Option<Latest<(MapKey, DragJob), (MapKey, DragRoutes)>>,
    /// The newest routes for the drag in progress.
    routed: DragRoutes,
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
    /// The findings for `map` as it is now; computed once per change of what it says (moving
    /// boxes changes no finding).
    pub fn analysis(&mut self, map: &OpenMap) -> Arc<Analysis> {
        let key = map.content_key();
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

    /// Routes the steps of a drag on a worker thread, as the app window does.
    pub fn route_drags_in_background(&mut self) {
        self.drag.worker = Latest::start("drag routes", |(key, job): (MapKey, DragJob)| {
            (key, job.route())
        });
    }

    /// Brings the scene up to date with the map, and the drag's moved part with the session.
    pub fn refresh_scene(
        &mut self,
        ctx: &egui::Context,
        (map, session): (&OpenMap, &SessionState),
        look: (Theme, f32),
    ) {
        let key = (map.key(), look.0, look.1.to_bits());
        let doc = map.doc();
        if self.scene_key != Some(key) {
            // The map as drawn (a collapsed group as one box), worked out once per change.
            self.shown = match collapse::shown(doc) {
                Cow::Borrowed(_) => None,
                Cow::Owned(shown) => Some(Arc::new(shown)),
            };
            let shown = self.shown.as_deref().unwrap_or(doc);
            if self.routes_key != Some(map.key()) {
                self.routes = Arc::new(self.routes.updated(shown));
                self.routes_key = Some(map.key());
            }
            self.scene = scene::build_routed(shown, &self.routes, scene_options(look));
            // The index is told which boxes are collapsed groups, from the map itself.
            let collapsed = collapse::outermost_collapsed(doc);
            self.index = Arc::new(SpatialIndex::build_shown(shown, collapsed, &self.scene));
            self.scene_key = Some(key);
            self.stamp += 1;
            self.moved = None;
        }
        // A drag redraws only what it moves, when the (snapped) positions change or new routes
        // arrive; the document itself changes once, on release.
        let Some(moves) = drag_preview(session, doc) else {
            self.moved = None;
            self.drag.routed = DragRoutes::default();
            if let Some(worker) = &self.drag.worker {
                worker.cancel();
            }
            return;
        };
        let map_key = map.key();
        let shown = self.shown.as_deref().unwrap_or(doc);
        let moves = collapse::shown_moves(doc, shown, &moves);
        let doc = shown;
        let arrived = self
            .drag
            .worker
            .as_ref()
            .and_then(Latest::take_finished)
            // Routes for another revision or another drag would send links to the wrong places.
            .filter(|(at, routed)| *at == map_key && routed.moves_same_nodes(&moves));
        // Routes for a place the pointer has already left are kept for its next step, which
        // carries them along; only routes for where it is now are worth drawing again at once.
        let arrived = arrived.is_some_and(|(_, routed)| {
            let for_here = routed.moves == moves;
            self.drag.routed = routed;
            for_here
        });
        let stepped = self.moved.as_ref().is_none_or(|m| m.moves != moves);
        if stepped {
            let job = DragJob::new((doc, &self.index, &self.routes), &moves);
            match &self.drag.worker {
                Some(worker) => worker.ask((map_key, job), ctx),
                None => self.drag.routed = job.route(),
            }
        }
        if stepped || arrived {
            self.moved = Some(MovedScene::build(
                (doc, &self.index, &self.routes),
                moves,
                &self.drag.routed,
                scene_options(look),
            ));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::Drag;
    use crate::model::{Id, Link, ModelTypeId, Point, Rect, Team};
    use crate::scene::route::segment_enters;

    /// Teams 1 and 2 side by side with a link between them, team 3 below with a link to team 1.
    fn map() -> OpenMap {
        let mut doc = Document::new("drag");
        for (id, x, y) in [(1, 0.0, 0.0), (2, 600.0, 0.0), (3, 300.0, 400.0)] {
            doc.teams.insert(
                Id(id),
                Team::new(format!("T{id}"), ModelTypeId(1), Point::new(x, y)),
            );
        }
        doc.links.insert(Id(10), Link::dependency(Id(1), Id(2)));
        doc.links.insert(Id(11), Link::dependency(Id(3), Id(1)));
        OpenMap::new(doc, None)
    }

    /// Team 3 dragged by `(dx, dy)`.
    fn dragging((dx, dy): (f32, f32)) -> SessionState {
        let mut session = SessionState::default();
        session.drag = Drag::Move {
            ids: vec![Id(3)],
            grab_in_canvas: Point::new(0.0, 0.0),
            pointer_in_canvas: Point::new(dx, dy),
        };
        session
    }

    fn line(moved: &MovedScene, link: Id) -> Vec<Point> {
        scene::item_lines(&moved.items)
            .find_map(|(id, points)| (id == link).then(|| points.to_vec()))
            .unwrap_or_else(|| panic!("link {link} is drawn in the drag: {moved:?}"))
    }

    fn on_edge(p: Point, r: Rect) -> bool {
        let near = |a: f32, b: f32| (a - b).abs() < 0.5;
        let inside_x = r.min.x - 0.5 <= p.x && p.x <= r.max.x + 0.5;
        let inside_y = r.min.y - 0.5 <= p.y && p.y <= r.max.y + 0.5;
        (inside_x && (near(p.y, r.min.y) || near(p.y, r.max.y)))
            || (inside_y && (near(p.x, r.min.x) || near(p.x, r.max.x)))
    }

    #[test]
    fn moving_boxes_keeps_the_analysis_which_is_what_the_moved_map_gives() {
        use crate::edit::{Edit, SourceField, TeamField};
        use crate::generate::{GenerateOptions, generate};
        let doc = generate(GenerateOptions {
            teams: 60,
            links: 180,
            seed: 3,
        });
        assert!(!doc.groups.is_empty() && !doc.sources.is_empty());
        let mut map = OpenMap::new(doc, None);
        let mut caches = Caches::default();
        let before = caches.analysis(&map);
        // Every box moved in one step, as Arrange does.
        let at = |p: Point| Point::new(p.y * 2.0 + 7.0, -p.x);
        let moves: Vec<Edit> = (map.doc().teams.iter())
            .map(|(id, t)| Edit::SetTeam {
                id: *id,
                field: TeamField::Position(at(t.position)),
            })
            .chain(map.doc().sources.iter().map(|(id, s)| Edit::SetSource {
                id: *id,
                field: SourceField::Position(at(s.position)),
            }))
            .collect();
        map.apply(Edit::Batch(moves), "Arrange").expect("moves");
        let moved = caches.analysis(&map);
        assert!(Arc::ptr_eq(&before, &moved), "not worked out again");
        assert_eq!(*moved, Analysis::of(map.doc()), "and still right");
        // A rename is news: worked out again, and undoing it goes back to the same figures.
        let (&id, _) = map.doc().teams.iter().next().expect("a team");
        let rename = Edit::SetTeam {
            id,
            field: TeamField::Name("Renamed".into()),
        };
        map.apply(rename, "Rename").expect("renames");
        let renamed = caches.analysis(&map);
        assert!(!Arc::ptr_eq(&moved, &renamed));
        assert_eq!(*renamed, Analysis::of(map.doc()));
        map.undo().expect("undo");
        assert_eq!(*caches.analysis(&map), *before);
    }

    #[test]
    fn a_drag_routed_on_the_worker_shows_the_new_routes_and_carries_them_along_until_the_next() {
        let ctx = egui::Context::default();
        let map = map();
        let look = (Theme::Light, 1.0);
        let mut caches = Caches::default();
        caches.route_drags_in_background();
        // Team 3 onto the line from 1 to 2: the frame does not wait for the routes.
        let onto_line = dragging((0.0, -400.0));
        caches.refresh_scene(&ctx, (&map, &onto_line), look);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !caches
            .moved
            .as_ref()
            .is_some_and(|m| m.hidden.contains(&Id(10)))
        {
            assert!(
                std::time::Instant::now() < deadline,
                "the worker's routes arrive"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
            caches.refresh_scene(&ctx, (&map, &onto_line), look);
        }
        let moved = caches.moved.clone().expect("a drag in progress");
        let box_at = |x: f32| Rect::from_min_size(Point::new(x, 0.0), Team::DEFAULT_SIZE);
        let around = line(&moved, Id(10));
        assert!(
            !around
                .windows(2)
                .any(|w| segment_enters(w[0], w[1], box_at(300.0))),
            "the blocked link goes round the dragged team: {around:?}"
        );
        // One step further: until the worker answers, the frame shows the last routes carried
        // along, so no link jumps back through the team and team 3's link stays on its box.
        let further = dragging((20.0, -400.0));
        caches.refresh_scene(&ctx, (&map, &further), look);
        let moved = caches.moved.as_ref().expect("a drag in progress");
        assert_eq!(moved.moves, vec![(Id(3), Point::new(320.0, 0.0))]);
        assert!(moved.hidden.contains(&Id(10)), "still drawn round the team");
        let carried = line(moved, Id(11));
        assert!(
            on_edge(carried[0], box_at(320.0)),
            "team 3's link starts on its box where it is now: {carried:?}"
        );
        // The drag ends (here: is let go of): nothing of it is left.
        caches.refresh_scene(&ctx, (&map, &SessionState::default()), look);
        assert!(caches.moved.is_none());
    }
}
