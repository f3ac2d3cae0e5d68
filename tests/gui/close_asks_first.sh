#!/usr/bin/env bash
# A real window under Xvfb with a window manager: with unsaved changes, asking the window to close
# (as the window manager's close button does) must not exit the app; it asks first.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=session.sh
. tests/gui/session.sh
start_app "${SMOKE_DISPLAY:-:96}" close-test.ron
add_team "Unsaved team"

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
