//! Hostile map files: each is refused with one clear message that names the file, and none panics.

use std::path::Path;

use teamscape::file::{self, LoadError};

const GOOD_HEAD: &str = r##"(
    version: 1,
    title: "Hostile",
    model_types: [
        (id: 1, name: "Platform Team", color: "#0e7490"),
    ],
"##;

fn map(teams: &str, sources: &str, links: &str) -> String {
    format!(
        "{GOOD_HEAD}    teams: [\n{teams}\n    ],\n    funding_sources: [\n{sources}\n    ],\n    links: [\n{links}\n    ],\n)\n"
    )
}

const TEAM_A: &str = r#"(id: 1, name: "A", model_type: 1, x: 0.0, y: 0.0),"#;
const TEAM_B: &str = r#"(id: 2, name: "B", model_type: 1, x: 300.0, y: 0.0),"#;
const SOURCE: &str = r#"(id: 3, name: "Fund", x: 0.0, y: -200.0),"#;

/// Writes `bytes` to a file and loads it; the load must fail and its message must name the file
/// and contain every one of `expected`.
fn assert_refused(name: &str, bytes: &[u8], expected: &[&str]) -> LoadError {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let error = file::load(&path).expect_err("hostile file was accepted");
    let message = error.to_string();
    assert!(
        message.contains(&path.display().to_string()),
        "message does not name the file: {message}"
    );
    for needle in expected {
        assert!(
            message.contains(needle),
            "message lacks {needle:?}: {message}"
        );
    }
    assert!(
        message.len() < 600,
        "message is too long to read: {message}"
    );
    error
}

#[test]
fn the_baseline_map_loads() {
    let text = map(
        &[TEAM_A, TEAM_B].join("\n"),
        SOURCE,
        r#"(id: 4, kind: Dependency, from: 1, to: 2),"#,
    );
    file::parse(&text, "baseline").expect("the well-formed baseline loads");
}

#[test]
fn empty_and_blank_files() {
    assert_refused("empty.ron", b"", &["empty"]);
    assert_refused("blank.ron", b"  \n\t\n", &["empty"]);
}

#[test]
fn truncated_files_report_line_and_column() {
    let full = map(TEAM_A, SOURCE, "");
    for cut in [1, 10, full.len() / 3, full.len() / 2, full.len() - 3] {
        let error = assert_refused("truncated.ron", &full.as_bytes()[..cut], &[]);
        assert!(
            matches!(error, LoadError::Syntax { line, .. } if line >= 1)
                || matches!(error, LoadError::NotAMap { .. }),
            "cut at {cut}: {error}"
        );
    }
    let error = assert_refused(
        "truncated.ron",
        &full.as_bytes()[..full.len() / 2],
        &["line", "column"],
    );
    assert!(matches!(error, LoadError::Syntax { .. }), "{error}");
}

#[test]
fn random_bytes_are_refused() {
    // A fixed xorshift stream: the same bytes on every run.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..200 {
        let len = (round * 37) % 700 + 1;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        let _ = file::parse_bytes(&bytes, "random").expect_err("random bytes were accepted");
    }
    assert_refused("binary.ron", &[0xff, 0xfe, 0x00, 0x28, 0x80], &["UTF-8"]);
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_refused("deep.ron", deep.as_bytes(), &[]);
    let deep_in_field = format!(
        "(version: 1, model_types: {}{}, teams: [])",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    assert_refused("deep_field.ron", deep_in_field.as_bytes(), &[]);
}

#[test]
fn nan_and_infinity_are_refused() {
    for value in ["NaN", "inf", "-inf"] {
        let team = format!(r#"(id: 1, name: "A", model_type: 1, x: {value}, y: 0.0),"#);
        assert_refused(
            "nan.ron",
            map(&team, "", "").as_bytes(),
            &["team 1", "\"A\"", "position x"],
        );
    }
    let link = r#"(id: 4, kind: Funding(allocation: NaN), from: 3, to: 1),"#;
    assert_refused(
        "nan_alloc.ron",
        map(TEAM_A, SOURCE, link).as_bytes(),
        &["link 4", "allocation"],
    );
}

#[test]
fn absurd_numbers_are_refused() {
    let far = r#"(id: 1, name: "Far", model_type: 1, x: 1e308, y: 0.0),"#;
    assert_refused("far.ron", map(far, "", "").as_bytes(), &[]);
    let far32 = r#"(id: 1, name: "Far", model_type: 1, x: 1e30, y: 0.0),"#;
    assert_refused(
        "far32.ron",
        map(far32, "", "").as_bytes(),
        &["team 1", "outside"],
    );
    let huge = r#"(id: 1, name: "Huge", model_type: 1, x: 0.0, y: 0.0, width: 1e9, height: 72.0),"#;
    assert_refused(
        "huge.ron",
        map(huge, "", "").as_bytes(),
        &["team 1", "width"],
    );
    let crowd = r#"(id: 1, name: "Crowd", model_type: 1, headcount: 4000000000, x: 0.0, y: 0.0),"#;
    assert_refused("crowd.ron", map(crowd, "", "").as_bytes(), &["headcount"]);
    let negative = r#"(id: 1, name: "Neg", model_type: 1, headcount: -3, x: 0.0, y: 0.0),"#;
    assert_refused("negative.ron", map(negative, "", "").as_bytes(), &["line"]);
    let rich =
        r#"(id: 3, name: "Fund", budget: Some((amount: 1e300, currency: "EUR")), x: 0.0, y: 0.0),"#;
    assert_refused(
        "rich.ron",
        map(TEAM_A, rich, "").as_bytes(),
        &["funding source 3", "budget"],
    );
}

#[test]
fn allocation_outside_0_to_100_is_refused() {
    for allocation in ["130.0", "-5.0"] {
        let link = format!("(id: 4, kind: Funding(allocation: {allocation}), from: 3, to: 1),");
        assert_refused(
            "alloc.ron",
            map(TEAM_A, SOURCE, &link).as_bytes(),
            &["link 4", "allocation", "0–100"],
        );
    }
}

#[test]
fn dangling_link_ends_are_refused() {
    let link = r#"(id: 4, kind: Dependency, from: 1, to: 99),"#;
    assert_refused(
        "dangling.ron",
        map(TEAM_A, SOURCE, link).as_bytes(),
        &["link 4", "99"],
    );
    let link = r#"(id: 4, kind: Funding(allocation: 10.0), from: 42, to: 1),"#;
    assert_refused(
        "dangling_from.ron",
        map(TEAM_A, SOURCE, link).as_bytes(),
        &["link 4", "42"],
    );
}

#[test]
fn duplicate_ids_are_refused() {
    let twice = format!("{TEAM_A}\n{}", TEAM_B.replace("id: 2", "id: 1"));
    assert_refused(
        "dup_team.ron",
        map(&twice, "", "").as_bytes(),
        &["same id", "\"A\"", "\"B\""],
    );
    let clash = SOURCE.replace("id: 3", "id: 1");
    assert_refused(
        "dup_kinds.ron",
        map(TEAM_A, &clash, "").as_bytes(),
        &["same id", "funding source 1"],
    );
    let links =
        "(id: 4, kind: Dependency, from: 1, to: 2),\n(id: 4, kind: Dependency, from: 2, to: 1),";
    assert_refused(
        "dup_link.ron",
        map(&[TEAM_A, TEAM_B].join("\n"), "", links).as_bytes(),
        &["link 4", "twice"],
    );
    let palette = GOOD_HEAD.replace(
        "color: \"#0e7490\"),",
        "color: \"#0e7490\"),\n        (id: 1, name: \"Other\", color: \"#000000\"),",
    );
    let text = format!("{palette}    teams: [],\n)");
    assert_refused(
        "dup_type.ron",
        text.as_bytes(),
        &["model type 1", "same id"],
    );
}

#[test]
fn an_unknown_model_type_is_refused() {
    let team = r#"(id: 1, name: "Stray", model_type: 9, x: 0.0, y: 0.0),"#;
    assert_refused(
        "type.ron",
        map(team, "", "").as_bytes(),
        &["team 1", "model type 9"],
    );
    let bad_color = GOOD_HEAD.replace("#0e7490", "teal");
    assert_refused(
        "color.ron",
        format!("{bad_color})").as_bytes(),
        &["model type 1", "teal"],
    );
}

#[test]
fn huge_strings_are_refused_with_a_short_message() {
    let name = "x".repeat(2_000_000);
    let team = format!(r#"(id: 1, name: "{name}", model_type: 1, x: 0.0, y: 0.0),"#);
    assert_refused(
        "long_name.ron",
        map(&team, "", "").as_bytes(),
        &["team 1", "characters"],
    );
}

#[test]
fn huge_unknown_field_and_variant_names_give_a_short_message() {
    // The parser quotes the name it did not expect: a 5,000-character name used to make a
    // 5,000-character message (found while checking what the fuzz invariants leave open).
    let long = "x".repeat(5_000);
    let field = format!("(version: 1, model_types: [], {long}: 1)");
    assert_refused("field.ron", field.as_bytes(), &["line", "…"]);
    let horizon =
        format!(r#"(id: 1, name: "A", model_type: 1, horizon: Some({long}), x: 0.0, y: 0.0),"#);
    assert_refused(
        "variant.ron",
        map(&horizon, "", "").as_bytes(),
        &["line", "…"],
    );
    let not_a_map = format!("({long}: 1)");
    assert_refused("not_a_map.ron", not_a_map.as_bytes(), &[]);
    let recovery = format!("(version: 1, {long}: None, map: \"\")");
    let error = file::recovery::parse_recovery(&recovery, "recovery").expect_err("accepted");
    assert!(error.to_string().len() < 600, "{error}");
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    let handle = std::fs::File::create(&path).expect("create");
    // Sparse: no disk space is used.
    handle
        .set_len(teamscape::model::limits::MAX_FILE_BYTES + 1)
        .expect("set_len");
    let error = file::load(&path).expect_err("oversized file was accepted");
    assert!(matches!(error, LoadError::TooLarge { .. }), "{error}");
    assert!(error.to_string().contains("too large"), "{error}");
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_says_so() {
    let text = GOOD_HEAD.replace("version: 1", "version: 7") + "    future_things: [1, 2, 3],\n)";
    assert_refused(
        "newer.ron",
        text.as_bytes(),
        &["newer Teamscape", "version 7"],
    );
    let zero = GOOD_HEAD.replace("version: 1", "version: 0") + ")";
    assert_refused("zero.ron", zero.as_bytes(), &["version 0"]);
}

#[test]
fn valid_ron_that_is_not_a_map_is_refused() {
    for text in [
        "42",
        "\"a map\"",
        "[1, 2, 3]",
        "(name: \"not a map\")",
        "Some(3)",
        "{\"version\": 1}",
    ] {
        let error = assert_refused("other.ron", text.as_bytes(), &["not a Teamscape map"]);
        assert!(
            matches!(error, LoadError::NotAMap { .. }),
            "{text}: {error}"
        );
    }
}

#[test]
fn a_missing_file_is_reported_with_its_path() {
    let error = file::load(Path::new("/definitely/not/here.ron")).expect_err("missing file");
    assert!(
        error.to_string().contains("/definitely/not/here.ron"),
        "{error}"
    );
}

#[test]
fn unknown_fields_inside_funding_are_refused_like_everywhere_else() {
    let link = r#"(id: 4, kind: Funding(allocation: 50.0, note: "keep me"), from: 3, to: 1),"#;
    assert_refused(
        "funding_field.ron",
        map(TEAM_A, SOURCE, link).as_bytes(),
        &["unknown field \"note\"", "allocation"],
    );
}

#[test]
fn names_with_control_characters_or_non_characters_are_refused_naming_item_and_field() {
    for (name, code) in [
        ("Red\\u{1b}[31m", "U+001B"),
        ("Nul\\u{0}", "U+0000"),
        ("Two\\nlines", "U+000A"),
        ("Not\\u{ffff}", "U+FFFF"),
        ("Not\\u{fffe}", "U+FFFE"),
    ] {
        let team = format!(r#"(id: 1, name: "{name}", model_type: 1, x: 0.0, y: 0.0),"#);
        assert_refused(
            "control.ron",
            map(&team, "", "").as_bytes(),
            &["team 1", code, "in the name"],
        );
    }
    let source = r#"(id: 3, name: "Fund", budget: Some((amount: 1.0, currency: "E\u{7}R")), x: 0.0, y: 0.0),"#;
    assert_refused(
        "control_currency.ron",
        map(TEAM_A, source, "").as_bytes(),
        &["funding source 3", "in the currency"],
    );
}

#[test]
fn notes_may_hold_line_breaks_but_not_other_control_characters() {
    let notes = r#"(id: 1, name: "A", model_type: 1, notes: "one\ntwo\tthree", x: 0.0, y: 0.0),"#;
    file::parse(&map(notes, "", ""), "notes").expect("line breaks in notes load");
    let bell = r#"(id: 1, name: "A", model_type: 1, notes: "ding\u{7}", x: 0.0, y: 0.0),"#;
    assert_refused("bell.ron", map(bell, "", "").as_bytes(), &["in the notes"]);
}

#[test]
fn ids_above_the_documented_bound_are_refused() {
    let max = teamscape::model::limits::MAX_ID;
    let team = format!(
        r#"(id: {}, name: "A", model_type: 1, x: 0.0, y: 0.0),"#,
        max + 1
    );
    assert_refused(
        "big_id.ron",
        map(&team, "", "").as_bytes(),
        &["largest id", &max.to_string()],
    );
    let team = format!(r#"(id: {max}, name: "A", model_type: 1, x: 0.0, y: 0.0),"#);
    file::parse(&map(&team, "", ""), "max id").expect("the largest id loads");
}

#[test]
fn an_item_can_be_added_to_a_map_that_uses_the_largest_id() {
    use teamscape::edit::Edit;
    use teamscape::model::{ModelTypeId, Point, Team};
    let max = teamscape::model::limits::MAX_ID;
    let team = format!(r#"(id: {max}, name: "A", model_type: 1, x: 0.0, y: 0.0),"#);
    let mut doc = file::parse(&map(&team, "", ""), "max id").expect("loads");
    for name in ["B", "C"] {
        let id = doc.next_id();
        assert!(id.0 <= max && !doc.contains(id), "{id}");
        let team = Team::new(name, ModelTypeId(1), Point::default());
        Edit::InsertTeam { id, team }
            .apply(&mut doc)
            .expect("added");
    }
    assert_eq!(doc.teams.len(), 3);
    doc.validate().expect("still valid");
}

#[test]
fn currencies_are_one_currency_whatever_their_case() {
    let sources = r#"(id: 3, name: "Fund", budget: Some((amount: 1.0, currency: "eur")), x: 0.0, y: 0.0),
        (id: 5, name: "Other", budget: Some((amount: 1.0, currency: "EUR")), x: 0.0, y: 0.0),"#;
    let doc = file::parse(&map(TEAM_A, sources, ""), "case").expect("loads");
    let currencies: Vec<&str> = doc
        .sources
        .values()
        .filter_map(|s| s.budget.as_ref().map(|b| b.currency.as_str()))
        .collect();
    assert_eq!(currencies, ["EUR", "EUR"]);
}

#[test]
fn two_model_types_with_the_same_name_are_refused() {
    let text = map(TEAM_A, "", "").replace(
        r##"(id: 1, name: "Platform Team", color: "#0e7490"),"##,
        r##"(id: 1, name: "Platform Team", color: "#0e7490"),
        (id: 2, name: "platform team ", color: "#0e7490"),"##,
    );
    assert_refused(
        "same_type_name.ron",
        text.as_bytes(),
        &["model type 2", "same name as model type 1"],
    );
}

#[test]
fn parser_messages_are_in_plain_words() {
    let horizon = r#"(id: 1, name: "A", model_type: 1, horizon: Some(Weeks), x: 0.0, y: 0.0),"#;
    let error = assert_refused(
        "variant.ron",
        map(horizon, "", "").as_bytes(),
        &["\"Weeks\""],
    );
    let link = r#"(id: 4, kind: Sponsors, from: 3, to: 1),"#;
    let kind = assert_refused(
        "kind.ron",
        map(TEAM_A, SOURCE, link).as_bytes(),
        &["\"Sponsors\"", "Dependency, Funding"],
    );
    let version = GOOD_HEAD.replace("version: 1", "version: 1.0") + ")";
    let whole = assert_refused("version.ron", version.as_bytes(), &["whole number"]);
    let negative = r#"(id: 1, name: "Neg", model_type: 1, headcount: -3, x: 0.0, y: 0.0),"#;
    let headcount = assert_refused(
        "negative.ron",
        map(negative, "", "").as_bytes(),
        &["headcount"],
    );
    let far = r#"(id: 1, name: "Far", model_type: 1, x: 1e308, y: 0.0),"#;
    let far = assert_refused(
        "far.ron",
        map(far, "", "").as_bytes(),
        &["position x", "too large"],
    );
    for error in [error, kind, whole, headcount, far] {
        let message = error.to_string();
        for internal in [
            "[invalid identifier]",
            "Expected comma",
            "inf",
            "Integer is out",
        ] {
            assert!(!message.contains(internal), "{message}");
        }
    }
}

#[test]
fn nesting_is_reported_at_its_true_depth() {
    let text = format!(
        "(version: 1, model_types: {}{}, teams: [])",
        "[".repeat(40),
        "]".repeat(40)
    );
    assert_refused("nested.ron", text.as_bytes(), &["41 levels deep"]);
}

/// A version 2 map with teams 1 and 2, source 3 and `groups` as its group list.
fn map_with_groups(groups: &str) -> String {
    format!(
        "{}    teams: [\n{TEAM_A}\n{TEAM_B}\n    ],\n    funding_sources: [\n{SOURCE}\n    ],\n    groups: [\n{groups}\n    ],\n    links: [],\n)\n",
        GOOD_HEAD.replace("version: 1", "version: 2")
    )
}

#[test]
fn a_map_with_nested_groups_loads() {
    let text = map_with_groups(
        r#"(id: 10, name: "Retail", kind: BusinessUnit, members: [1, 3]),
        (id: 11, name: "Search", kind: ValueStream, parent: Some(10), members: [2]),"#,
    );
    let doc = file::parse(&text, "groups").expect("loads");
    assert_eq!(doc.groups_containing(teamscape::model::Id(2)).len(), 2);
}

#[test]
fn a_group_listing_a_missing_item_a_link_or_a_group_is_refused() {
    assert_refused(
        "dangling_member.ron",
        map_with_groups(r#"(id: 10, name: "Retail", kind: BusinessUnit, members: [1, 99]),"#)
            .as_bytes(),
        &["group 10 \"Retail\"", "99", "not a team or funding source"],
    );
    assert_refused(
        "group_member.ron",
        map_with_groups(
            r#"(id: 10, name: "Retail", kind: BusinessUnit, members: [11]),
            (id: 11, name: "Inner", kind: Platform),"#,
        )
        .as_bytes(),
        &["group 10 \"Retail\"", "group 11 \"Inner\"", "parent"],
    );
}

#[test]
fn a_team_in_two_groups_is_refused_naming_both() {
    assert_refused(
        "two_groups.ron",
        map_with_groups(
            r#"(id: 10, name: "Retail", kind: BusinessUnit, members: [1]),
            (id: 11, name: "Platforms", kind: Platform, members: [1, 2]),"#,
        )
        .as_bytes(),
        &[
            "group 11 \"Platforms\"",
            "1 \"A\"",
            "group 10 \"Retail\" already lists",
        ],
    );
    assert_refused(
        "listed_twice.ron",
        map_with_groups(r#"(id: 10, name: "Retail", kind: BusinessUnit, members: [1, 1]),"#)
            .as_bytes(),
        &["group 10", "twice"],
    );
}

#[test]
fn a_group_in_its_own_ancestry_is_refused() {
    assert_refused(
        "own_parent.ron",
        map_with_groups(r#"(id: 10, name: "Loop", kind: BusinessUnit, parent: Some(10)),"#)
            .as_bytes(),
        &["group 10 \"Loop\"", "its own parent"],
    );
    assert_refused(
        "loop.ron",
        map_with_groups(
            r#"(id: 10, name: "A", kind: BusinessUnit, parent: Some(12)),
            (id: 11, name: "B", kind: BusinessUnit, parent: Some(10)),
            (id: 12, name: "C", kind: BusinessUnit, parent: Some(11)),"#,
        )
        .as_bytes(),
        &["inside itself", "10 → 12 → 11 → 10"],
    );
    assert_refused(
        "missing_parent.ron",
        map_with_groups(r#"(id: 10, name: "A", kind: BusinessUnit, parent: Some(404)),"#)
            .as_bytes(),
        &["group 10", "404, which is not a group"],
    );
}

#[test]
fn absurd_nesting_depth_is_refused_quickly() {
    // 10,000 groups in one chain, and a loop through all of them.
    for closed in [false, true] {
        let groups: Vec<String> = (0..10_000)
            .map(|i| {
                let parent = match (i, closed) {
                    (0, false) => String::new(),
                    (0, true) => ", parent: Some(10009)".to_owned(),
                    _ => format!(", parent: Some({})", 10_000 + i - 1),
                };
                format!(
                    r#"(id: {}, name: "G{i}", kind: ValueStream{parent}),"#,
                    10_000 + i
                )
            })
            .collect();
        let started = std::time::Instant::now();
        assert_refused(
            "deep_groups.ron",
            map_with_groups(&groups.join("\n")).as_bytes(),
            &["more than 8 levels deep"],
        );
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }
}

#[test]
fn huge_member_lists_and_too_many_groups_are_refused() {
    let members: Vec<String> = (0..110_001).map(|i| (i + 100).to_string()).collect();
    assert_refused(
        "huge_members.ron",
        map_with_groups(&format!(
            r#"(id: 10, name: "All", kind: BusinessUnit, members: [{}]),"#,
            members.join(", ")
        ))
        .as_bytes(),
        &["more than 110,000 group members, above the limit"],
    );
    let many: Vec<String> = (0..10_001)
        .map(|i| format!(r#"(id: {}, name: "G", kind: Platform),"#, 100 + i))
        .collect();
    assert_refused(
        "many_groups.ron",
        map_with_groups(&many.join("\n")).as_bytes(),
        &["more than 10,000 groups, above the limit"],
    );
}

#[test]
fn bad_group_fields_are_refused_naming_the_group() {
    for (group, expected) in [
        (
            r#"(id: 10, name: "", kind: BusinessUnit),"#,
            "name is empty",
        ),
        (r#"(id: 10, name: "X", kind: Other("")),"#, "kind is empty"),
        (r#"(id: 10, name: "X", kind: Tribe),"#, "unknown group kind"),
        (
            r#"(id: 10, name: "X", kind: Platform, color: Some("red")),"#,
            "is not a colour",
        ),
        (
            r#"(id: 1, name: "X", kind: Platform),"#,
            "same id as team 1",
        ),
        (
            r#"(id: 10, name: "X", kind: Platform, members: [-1]),"#,
            "line",
        ),
    ] {
        assert_refused(
            "bad_group.ron",
            map_with_groups(group).as_bytes(),
            &[expected],
        );
    }
}
