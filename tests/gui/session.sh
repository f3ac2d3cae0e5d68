# Shared by the Xvfb scripts (source it): a virtual display with a window manager, the release
# binary opened on a map that does not exist yet, and a team added by double-click and typing.
# Sets BIN, WORK, MAP, APP and WINDOW; everything started is stopped on exit.

BIN=${TEAMSCAPE_BIN:-${CARGO_TARGET_DIR:-target}/release/teamscape}
if ! [ -x "$BIN" ]; then
    echo "FAIL: no release binary at $BIN (run cargo build --release first)"; exit 1
fi
WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

# start_app DISPLAY MAP_NAME: starts Xvfb, openbox and the app on $WORK/MAP_NAME (recovery files and
# the recent list go to $WORK/data, preferences to $WORK/config, never the user's own), and waits
# for its window.
start_app() {
    Xvfb "$1" -screen 0 "${SCREEN:-1280x800x24}" -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
    PIDS+=($!)
    export DISPLAY=$1
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
    openbox >"$WORK/openbox.log" 2>&1 &
    PIDS+=($!)
    sleep 1
    MAP="$WORK/$2"
    TEAMSCAPE_DATA_DIR="$WORK/data" TEAMSCAPE_CONFIG_DIR="$WORK/config" "$BIN" "$MAP" >"$WORK/app.log" 2>&1 &
    APP=$!
    PIDS+=($APP)
    WINDOW=$(timeout 60 xdotool search --sync --name "$2" | head -n1)
    xdotool windowactivate --sync "$WINDOW" || true
    sleep 2
}

# add_team NAME: double-clicks the middle of the (empty) canvas, types NAME and presses Enter.
add_team() {
    eval "$(xdotool getwindowgeometry --shell "$WINDOW")"
    # The canvas fills the left part of the window; its centre is empty in a new map.
    xdotool mousemove $((X + WIDTH * 3 / 8)) $((Y + HEIGHT / 2))
    sleep 0.3
    xdotool click --repeat 2 --delay 90 1
    sleep 1
    xdotool type --delay 40 "$1"
    sleep 0.3
    xdotool key Return
    sleep 0.7
}
