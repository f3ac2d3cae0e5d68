#!/usr/bin/env bash
# A real window under Xvfb with a window manager: with unsaved changes, asking the window to close
# (as the window manager's close button does) must not exit the app; it asks first.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${TEAMSCAPE_BIN:-${CARGO_TARGET_DIR:-target}/release/teamscape}
if ! [ -x "$BIN" ]; then
    echo "FAIL: no release binary at $BIN (run cargo build --release first)"; exit 1
fi
WORK=$(mktemp -d)
MAP="$WORK/close-test.ron"
DISPLAY_NUMBER=${SMOKE_DISPLAY:-:96}
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
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

TEAMSCAPE_DATA_DIR="$WORK/data" "$BIN" "$MAP" >"$WORK/app.log" 2>&1 &
APP=$!
PIDS+=($APP)
WINDOW=$(timeout 60 xdotool search --sync --name "close-test.ron" | head -n1)
xdotool windowactivate --sync "$WINDOW" || true
sleep 2
eval "$(xdotool getwindowgeometry --shell "$WINDOW")"
xdotool mousemove $((X + WIDTH * 3 / 8)) $((Y + HEIGHT / 2))
sleep 0.3
xdotool click --repeat 2 --delay 90 1
sleep 1
xdotool type --delay 40 "Unsaved team"
xdotool key Return
sleep 1

# Ask politely, as the title bar's close button does: WM_DELETE_WINDOW through the window manager.
wmctrl -i -c "$WINDOW"
sleep 2
if ! kill -0 "$APP" 2>/dev/null; then
    echo "FAIL: the app exited with unsaved changes without asking"; cat "$WORK/app.log"; exit 1
fi
if [ -f "$MAP" ]; then
    echo "FAIL: the map was saved without being asked to"; exit 1
fi
if [ -n "${SCREENSHOT:-}" ]; then import -window root "$SCREENSHOT"; fi
echo "ok: closing with unsaved changes asks first"
