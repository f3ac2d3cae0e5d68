#!/usr/bin/env bash
# The workshop capture of tests/capture.rs in the real window, from the keyboard alone (xdotool):
# 20 teams with types and dependencies, 2 funding sources with budgets and 20 funding links, Ctrl+S;
# then present mode (F5) on a 1280×720 screen. Counts the actions (a key, or a typed text, is one)
# and checks the saved file. Set SCREENSHOTS=dir to keep what it saw.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=session.sh
. tests/gui/session.sh
shots=${SCREENSHOTS:-}
shot() { if [ -n "$shots" ]; then mkdir -p "$shots"; import -window root "$shots/$1.png"; fi; }

SCREEN=1280x720x24 start_app "${SMOKE_DISPLAY:-:94}" workshop.ron
wmctrl -r workshop.ron -b add,maximized_vert,maximized_horz 2>/dev/null || true
sleep 1

actions=0
# A key, then a moment for the window (a person is slower than xdotool).
key() { xdotool key "$1"; actions=$((actions + 1)); sleep 0.35; }
text() { xdotool type --delay 15 "$1"; actions=$((actions + 1)); sleep 0.3; }
add() { key "$1"; text "$2"; key Return; }

group() { # group TYPE_NUMBER TEAM...
    local number=$1; shift
    [ "$actions" -gt 0 ] && key Escape
    key "$number"
    for team in "$@"; do add t "$team"; done
}
group 6 "Identity" "Payments Platform" "Cloud" "Data > cloud" "Catalog"
group 5 "Support Tools > identity" "Security > identity, cloud" "Delivery Ops > data"
group 1 "Checkout > payments, identity" "Search > catalog, data" "Product Pages > catalog" \
    "Mobile App > identity, payments"
group 2 "Marketplace > payments, catalog" "Seller Onboarding > identity"
group 3 "Personalisation > data, search" "Loyalty > identity; payments" "Order Tracking > delivery ops"
group 4 "Gear Rental > payments | catalog" "Trip Planner > search" "Voice Shopping > search, identity"
add b "Retail P&L: 18M EUR"
key f
text "checkout 15, search 10, pages 10, mobile 15, personalisation 10, loyalty 10, order tracking 10, support 5, delivery 5, seller 5"
key Return
add b "Technology: 9M EUR"
key f
text "identity 20, payments 20, cloud 15, data 15, catalog 10, security 10, marketplace 5, gear 3, trip 1, voice 1"
key Return
key ctrl+s
for _ in $(seq 50); do [ -f "$MAP" ] && break; sleep 0.1; done
shot 1-captured
captured=$actions
echo "keyboard actions for the 20-team capture in the window: $captured"
if [ "$actions" -gt 100 ]; then echo "FAIL: $actions actions, more than 100"; exit 1; fi
if ! [ -f "$MAP" ]; then echo "FAIL: Ctrl+S wrote nothing"; cat "$WORK/app.log"; exit 1; fi

summary=$("$BIN" check "$MAP" | sed -n 2p || true)
expected="20 teams, 2 funding sources, 45 links (25 dependency, 20 funding)"
if [ "$summary" != "  $expected" ]; then
    echo "FAIL: the saved map is not the workshop's: \"$summary\""; cat "$MAP"; exit 1
fi
for name in "Voice Shopping" "Order Tracking" "Seller Onboarding"; do
    grep -q "name: \"$name\"" "$MAP" || { echo "FAIL: $name is missing"; exit 1; }
done
grep -q 'amount: 18000000.0, currency: "EUR"' "$MAP" || { echo "FAIL: no 18M EUR budget"; exit 1; }

key F5
sleep 1
shot 2-present
key Escape
sleep 0.5
if ! kill -0 "$APP" 2>/dev/null; then echo "FAIL: the app exited"; cat "$WORK/app.log"; exit 1; fi
echo "ok: a 20-team workshop map captured from the keyboard in $captured actions, saved, presented"
