#!/usr/bin/env bash
# A real window: starts the release binary under Xvfb (with a window manager) on a map file that
# does not exist yet, double-clicks the empty canvas, types a team name, presses Enter and Ctrl+S,
# and checks that the file on disk now holds that team. Needs Xvfb, openbox, xdotool and Mesa.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=session.sh
. tests/gui/session.sh
start_app "${SMOKE_DISPLAY:-:97}" workshop-map.ron
add_team "Platform Guild"
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
