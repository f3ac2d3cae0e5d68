//! Unit and property tests of how numbers read and are read back.

use proptest::prelude::*;

use super::*;

#[test]
fn percentages_drop_needless_decimals() {
    assert_eq!(format_percent(130.0), "130 %");
    assert_eq!(format_percent(12.5), "12.5 %");
    assert_eq!(format_percent(100.0 / 3.0), "33.33 %");
}

#[test]
fn percentages_are_never_negative_zero() {
    assert_eq!(format_percent(-0.0), "0 %");
    assert_eq!(format_percent(-0.000_000_1), "0 %");
}

#[test]
fn percentages_are_never_rounded_onto_a_boundary_they_are_not_on() {
    assert_eq!(format_percent(100.004), "100.004 %");
    assert_eq!(format_percent(99.996), "99.996 %");
    assert_eq!(format_percent(0.004), "0.004 %");
    assert_eq!(format_percent(100.000_000_1), "100 %");
    assert_eq!(format_percent(100.0001), "100.0001 %");
}

#[test]
fn shares_are_whole_percentages() {
    assert_eq!(format_share(0.214), "21 %");
    assert_eq!(format_share(1.0), "100 %");
    assert_eq!(format_share(-0.001), "0 %");
}

#[test]
fn amounts_group_thousands_and_show_cents_only_when_present() {
    assert_eq!(format_money(18_000_000.0, "EUR"), "18,000,000 EUR");
    assert_eq!(format_amount(999.0), "999");
    assert_eq!(format_amount(1000.0 / 3.0), "333.33");
    assert_eq!(format_amount(-1234.5), "-1,234.50");
    assert_eq!(format_amount(-0.001), "0");
}

#[test]
fn short_amounts_read_at_a_glance() {
    assert_eq!(format_amount_short(18_000_000.0), "18M");
    assert_eq!(format_amount_short(2_500_000_000.0), "2.5B");
    assert_eq!(format_amount_short(750_000.0), "750k");
    assert_eq!(format_amount_short(1_200.0), "1,200");
}

#[test]
fn counts_and_plurals_agree() {
    assert_eq!(format_count(1_000_000), "1,000,000");
    assert_eq!(plural(1, "team", "teams"), "1 team");
    assert_eq!(plural(0, "team", "teams"), "0 teams");
    assert_eq!(plural(5040, "item", "items"), "5,040 items");
    assert_eq!(and_more(1, "problem", "problems"), "and 1 more problem");
    assert_eq!(and_more(2, "problem", "problems"), "and 2 more problems");
}

#[test]
fn large_numbers_in_messages_are_written_as_people_write_them() {
    assert_eq!(format_number(1e308), "1e308");
    assert_eq!(format_number(17.0), "17");
    assert_eq!(format_number(f64::INFINITY), "infinity");
}

#[test]
fn terminal_text_shows_control_characters_instead_of_obeying_them() {
    assert_eq!(for_terminal("Team\u{1b}[31m red"), "Team\\u{1b}[31m red");
    assert_eq!(for_terminal("a\0b"), "a\\u{0}b");
    assert_eq!(for_terminal("x\u{202e}y"), "x\\u{202e}y");
    assert_eq!(for_terminal("two\nlines\tand tab"), "two\nlines\tand tab");
    assert_eq!(for_terminal("Zahlungen €"), "Zahlungen €");
}

#[test]
fn non_characters_are_known() {
    assert!(is_noncharacter('\u{ffff}'));
    assert!(is_noncharacter('\u{fffe}'));
    assert!(is_noncharacter('\u{fdd0}'));
    assert!(is_noncharacter('\u{10ffff}'));
    assert!(!is_noncharacter('\u{fffd}'));
    assert!(!is_noncharacter('A'));
}

fn amount(text: &str) -> (f64, Option<String>) {
    let parsed = parse_amount(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    (parsed.amount, parsed.currency)
}

#[test]
fn budgets_are_read_as_people_write_them() {
    let eur = Some("EUR".to_owned());
    assert_eq!(amount("18M"), (18e6, None));
    assert_eq!(amount("1.5k"), (1500.0, None));
    assert_eq!(amount("18,000,000"), (18e6, None));
    assert_eq!(amount("18 000 000 EUR"), (18e6, eur.clone()));
    assert_eq!(amount("€18M"), (18e6, eur.clone()));
    assert_eq!(amount("eur 300"), (300.0, eur));
    assert_eq!(amount("$2.5m"), (2.5e6, Some("USD".to_owned())));
}

#[test]
fn unreadable_budgets_say_why() {
    assert_eq!(parse_amount("  "), Err(ParseError::Empty));
    assert!(matches!(
        parse_amount("lots"),
        Err(ParseError::NotANumber(_))
    ));
    assert!(matches!(
        parse_amount("1,5"),
        Err(ParseError::BadGrouping(_))
    ));
    assert!(matches!(
        parse_amount("€5 USD"),
        Err(ParseError::TwoCurrencies(_))
    ));
    assert!(matches!(parse_amount("-5"), Err(ParseError::Negative(_))));
    assert!(matches!(
        parse_amount("1e400"),
        Err(ParseError::NotANumber(_))
    ));
}

#[test]
fn percentages_are_read_as_people_write_them() {
    for text in ["40", "40 %", "40%", " 40.0 "] {
        assert_eq!(parse_percent(text), Ok(40.0), "{text}");
    }
    assert_eq!(parse_percent("12.5"), Ok(12.5));
    assert!(matches!(
        parse_percent("forty"),
        Err(ParseError::NotANumber(_))
    ));
    assert!(matches!(
        parse_percent("-3 %"),
        Err(ParseError::Negative(_))
    ));
}

proptest! {
    #[test]
    fn formatted_amounts_read_back_to_the_value(cents in 0_u64..100_000_000_000_000) {
        let value = cents as f64 / 100.0;
        let text = format_money(value, "EUR");
        let parsed = parse_amount(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!((parsed.amount - value).abs() <= value * 1e-12 + 1e-9, "{text}");
        prop_assert_eq!(parsed.currency.as_deref(), Some("EUR"));
    }

    #[test]
    fn formatted_percentages_read_back_within_their_rounding(value in 0.0_f64..1_000.0) {
        let text = format_percent(value);
        let parsed = parse_percent(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!((parsed - value).abs() <= 0.005 + 1e-9, "{text} from {value}");
        let problem = value > 100.0 + 1e-6;
        prop_assert_eq!(parsed > 100.0, problem, "{} hides or invents a problem", text);
    }
}

#[test]
fn right_to_left_words_come_in_display_order_for_a_run_shaping_renderer() {
    use std::borrow::Cow;
    // Arabic and Hebrew names: the first word is drawn on the right.
    assert_eq!(rtl_words_in_display_order("فريق الدفع"), "الدفع فريق");
    assert_eq!(rtl_words_in_display_order("צוות תשלומים"), "תשלומים צוות");
    // Inside a left-to-right name, only the right-to-left stretch turns.
    assert_eq!(
        rtl_words_in_display_order("Team فريق الدفع"),
        "Team الدفع فريق"
    );
    // A number in a right-to-left name keeps its own order.
    assert_eq!(rtl_words_in_display_order("فريق 42"), "42 فريق");
    // Everything else is untouched, and not copied.
    for text in ["Checkout", "検索チーム", "결제 팀", "🚀 Launch", ""] {
        assert!(matches!(rtl_words_in_display_order(text), Cow::Borrowed(t) if t == text));
    }
}

#[test]
fn no_letter_below_hebrew_is_right_to_left() {
    // `rtl_words_in_display_order` skips its table lookup below U+0590 on this ground.
    use unicode_bidi::{BidiClass, bidi_class};
    let right_to_left: Vec<char> = ('\0'..'\u{590}')
        .filter(|c| matches!(bidi_class(*c), BidiClass::R | BidiClass::AL))
        .collect();
    assert_eq!(right_to_left, Vec::<char>::new());
    assert_eq!(bidi_class('\u{5D0}'), BidiClass::R, "Hebrew alef");
}
