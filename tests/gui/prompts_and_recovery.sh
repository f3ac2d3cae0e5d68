#!/usr/bin/env bash
# A real window under Xvfb: with the unsaved-changes prompt open, Delete and Ctrl+O do nothing
# and Escape closes it; Ctrl+S then saves every team; "Don't save" on quit leaves no recovery
# file behind, and the next start offers nothing. Set SCREENSHOTS=dir to keep what it saw.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=session.sh
. tests/gui/session.sh
shots=${SCREENSHOTS:-}
shot() { if [ -n "$shots" ]; then mkdir -p "$shots"; import -window root "$shots/$1.png"; fi; }
recovery_files() { find "$WORK/data/recovery" -name '*.ron' 2>/dev/null | wc -l; }
wait_for_recovery_file() {
    for _ in $(seq 60); do [ "$(recovery_files)" -gt 0 ] && return 0; sleep 0.1; done
    echo "FAIL: no recovery file was written for unsaved work"; cat "$WORK/app.log"; exit 1
}

start_app "${SMOKE_DISPLAY:-:95}" prompts.ron
add_team "Checkout"
add_team_at() {
    eval "$(xdotool getwindowgeometry --shell "$WINDOW")"
    xdotool mousemove $((X + WIDTH * $1 / 100)) $((Y + HEIGHT * $2 / 100))
    sleep 0.3
    xdotool click --repeat 2 --delay 90 1
    sleep 1
    xdotool type --delay 40 "$3"
    sleep 0.3
    xdotool key Return
    sleep 0.7
}
add_team_at 20 30 "Payments"
# Select the last team, then ask to quit: the prompt opens.
wait_for_recovery_file
xdotool key ctrl+q
sleep 1
shot 1-prompt
# Behind the prompt nothing happens: no delete, no open dialog.
xdotool key Delete
sleep 0.3
xdotool key ctrl+o
sleep 1
shot 2-prompt-after-keys
xdotool key Escape
sleep 0.7
xdotool key ctrl+s
for _ in $(seq 50); do [ -f "$MAP" ] && break; sleep 0.1; done
if ! [ -f "$MAP" ]; then
    echo "FAIL: Escape did not close the prompt (Ctrl+S saved nothing)"; cat "$WORK/app.log"; exit 1
fi
for team in Checkout Payments; do
    if ! grep -q "name: \"$team\"" "$MAP"; then
        echo "FAIL: $team is gone: a key acted behind the prompt"; cat "$MAP"; exit 1
    fi
done
if [ "$(recovery_files)" -ne 0 ]; then
    echo "FAIL: the recovery file outlived the save"; exit 1
fi

# New unsaved work, then quit without saving it.
add_team_at 60 70 "Discarded"
wait_for_recovery_file
xdotool key ctrl+q
sleep 1
shot 3-quit-prompt
# The prompt's buttons are Save, Don't save, Cancel: Tab to the second and press it.
xdotool key Tab Tab space
for _ in $(seq 50); do kill -0 "$APP" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$APP" 2>/dev/null; then
    shot 4-still-open
    echo "FAIL: Don't save did not quit"; cat "$WORK/app.log"; exit 1
fi
sleep 1.5
if [ "$(recovery_files)" -ne 0 ]; then
    echo "FAIL: Don't save left a recovery file:"; ls -la "$WORK/data/recovery"; exit 1
fi
if grep -q 'Discarded' "$MAP"; then
    echo "FAIL: the discarded team was saved"; exit 1
fi
echo "ok: keys wait for the prompt, Escape closes it, and Don't save leaves nothing to restore"
