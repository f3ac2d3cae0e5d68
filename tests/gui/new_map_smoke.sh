#!/usr/bin/env bash
# A real window: starts the release binary under Xvfb (with a window manager) on a map file that
# does not exist yet, double-clicks the empty canvas, types a team name, presses Enter and Ctrl+S,
# and checks that the file on disk now holds that team. Needs Xvfb, openbox, xdotool and Mesa.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${TEAMSCAPE_BIN:-${CARGO_TARGET_DIR:-target}/release/teamscape}
if ! [ -x "$BIN" ]; then
    echo "FAIL: no release binary at $BIN (run cargo build --release first)"; exit 1
fi
WORK=$(mktemp -d)
MAP="$WORK/workshop-map.ron"
DISPLAY_NUMBER=${SMOKE_DISPLAY:-:97}
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

Xvfb "$DISPLAY_NUMBER" -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
PIDS+=($!)
export DISPLAY=$DISPLAY_NUMBER
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
openbox >"$WORK/openbox.log" 2>&1 &
PIDS+=($!)
sleep 1

"$BIN" "$MAP" >"$WORK/app.log" 2>&1 &
APP=$!
PIDS+=($APP)

WINDOW=$(timeout 60 xdotool search --sync --name "workshop-map.ron" | head -n1)
xdotool windowactivate --sync "$WINDOW" || true
sleep 2
eval "$(xdotool getwindowgeometry --shell "$WINDOW")"
# The canvas fills the left part of the window; its centre is empty in a new map.
CANVAS_X=$((X + WIDTH * 3 / 8))
CANVAS_Y=$((Y + HEIGHT / 2))
xdotool mousemove "$CANVAS_X" "$CANVAS_Y"
sleep 0.3
xdotool click --repeat 2 --delay 90 1
sleep 1
xdotool type --delay 40 "Platform Guild"
sleep 0.3
xdotool key Return
sleep 0.5
xdotool key ctrl+s
for _ in $(seq 50); do [ -f "$MAP" ] && break; sleep 0.1; done

if ! [ -f "$MAP" ]; then
    echo "FAIL: $MAP was not written"; cat "$WORK/app.log"; exit 1
fi
if ! grep -q 'name: "Platform Guild"' "$MAP"; then
    echo "FAIL: the saved map does not hold the new team:"; cat "$MAP"; exit 1
fi
# check exits 1 for findings (the lone team has no funding) and 2 when the file cannot be loaded.
status=0
"$BIN" check "$MAP" >/dev/null || status=$?
if [ "$status" -ge 2 ]; then
    echo "FAIL: the saved map does not load"; exit 1
fi
if ! kill -0 "$APP" 2>/dev/null; then
    echo "FAIL: the app exited"; cat "$WORK/app.log"; exit 1
fi
echo "ok: the window added a team and saved it to a new file"
