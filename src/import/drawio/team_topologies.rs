//! Shapes from the Team Topologies library for draw.io
//! (github.com/TeamTopologies/Team-Shape-Templates, `diagrams.net/TeamTopologies.xml`) and the
//! model types they become.

use super::cells::Style;

/// A team shape of the library and the model type its teams take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TeamShape {
    /// As the library and the report name it.
    pub name: &'static str,
    /// The library's fill colour for it. The team shapes are stencils: deflated outlines that
    /// differ between versions of the library, while the colours have stayed the same since 2021,
    /// so the colour is what tells them apart.
    pub fill: &'static str,
    /// A name from the default palette.
    pub model_type: &'static str,
}

/// How the team shapes of the Team Topologies draw.io library become Teamscape model types:
///
/// | Team Topologies shape      | Fill colour in the library | Teamscape model type               |
/// |----------------------------|----------------------------|------------------------------------|
/// | Stream-aligned team        | `#FFEDB8` (yellow)         | Independent Team with Clear Impact |
/// | Platform team              | `#BBD2F6` (blue)           | Platform Team                      |
/// | Enabling team              | `#C9DFBE` (green)          | Service Team                       |
/// | Complicated-subsystem team | `#FBDBBA` (orange)         | Service Team                       |
///
/// A shape is recognised by its fill colour, so a box recoloured by hand to one of these colours
/// counts as that shape too. Any other shape with text takes Independent Team with Clear Impact,
/// and the import report says how many did. The library's interaction shapes (collaboration,
/// facilitating, X-as-a-Service) and its flow-of-change arrow are not teams: they are skipped
/// and listed in the report.
pub const TEAM_SHAPES: [TeamShape; 4] = [
    TeamShape {
        name: "stream-aligned team",
        fill: "#FFEDB8",
        model_type: "Independent Team with Clear Impact",
    },
    TeamShape {
        name: "platform team",
        fill: "#BBD2F6",
        model_type: "Platform Team",
    },
    TeamShape {
        name: "enabling team",
        fill: "#C9DFBE",
        model_type: "Service Team",
    },
    TeamShape {
        name: "complicated-subsystem team",
        fill: "#FBDBBA",
        model_type: "Service Team",
    },
];

/// An interaction shape of the library: its draw.io shape and the fills it had across versions.
struct InteractionShape {
    name: &'static str,
    shape: &'static str,
    fills: &'static [&'static str],
}

/// Checked before [`TEAM_SHAPES`]: older versions of the library drew facilitating in the
/// enabling team's green, and only the ellipse tells them apart.
const INTERACTION_SHAPES: [InteractionShape; 3] = [
    InteractionShape {
        name: "collaboration",
        shape: "parallelogram",
        fills: &["#E3E0EE", "#C6BEDF"],
    },
    InteractionShape {
        name: "facilitating",
        shape: "ellipse",
        fills: &["#E3EFDE", "#C9DFBE"],
    },
    InteractionShape {
        name: "X-as-a-Service",
        shape: "mxgraph.basic.acute_triangle",
        fills: &["#B4B4B4"],
    },
];

/// The interaction a shape of the library stands for ("collaboration"), if it is one.
pub(super) fn interaction(style: Style<'_>) -> Option<&'static str> {
    INTERACTION_SHAPES
        .iter()
        .find(|shape| {
            style.shape_is(shape.shape) && shape.fills.iter().any(|fill| style.fill_is(fill))
        })
        .map(|shape| shape.name)
}

/// The team shape of the library a box is, if it is one.
pub(super) fn team_shape(style: Style<'_>) -> Option<&'static TeamShape> {
    TEAM_SHAPES.iter().find(|shape| style.fill_is(shape.fill))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::default_palette;

    /// Styles as the library's shapes have them; the stencil (the outline, deflated) stands in.
    const STREAM_ALIGNED: &str = "shape=stencil(c3RlbmNpbA==);whiteSpace=wrap;html=1;strokeWidth=2;fillColor=#FFEDB8;strokeColor=#FFD966;";
    const ENABLING: &str = "shape=stencil(c3RlbmNpbA==);whiteSpace=wrap;html=1;rotation=0;fontColor=#000000;strokeColor=#C9DFBE;fillColor=#C9DFBE;";
    const OLD_FACILITATING: &str =
        "ellipse;whiteSpace=wrap;html=1;aspect=fixed;fillColor=#C9DFBE;strokeColor=#C9DFBE;";

    #[test]
    fn library_team_shapes_are_told_apart_by_their_fill() {
        let shape = team_shape(Style(STREAM_ALIGNED)).expect("stream-aligned");
        assert_eq!(shape.model_type, "Independent Team with Clear Impact");
        let shape = team_shape(Style(ENABLING)).expect("enabling");
        assert_eq!(shape.name, "enabling team");
        assert_eq!(interaction(Style(ENABLING)), None);
        assert_eq!(
            team_shape(Style("rounded=1;fillColor=#dae8fc;strokeColor=#6c8ebf;")),
            None
        );
    }

    #[test]
    fn a_facilitating_ellipse_is_an_interaction_even_in_the_enabling_green() {
        assert_eq!(interaction(Style(OLD_FACILITATING)), Some("facilitating"));
        assert_eq!(
            interaction(Style("ellipse;fillColor=#E3EFDE;strokeColor=#78996B;")),
            Some("facilitating")
        );
        // A plain ellipse someone named a team is a team.
        assert_eq!(interaction(Style("ellipse;fillColor=#ffffff;")), None);
    }

    #[test]
    fn every_mapped_model_type_is_in_the_default_palette() {
        let palette = default_palette();
        for shape in TEAM_SHAPES {
            assert!(
                palette.iter().any(|t| t.name == shape.model_type),
                "{}",
                shape.model_type
            );
        }
    }
}
