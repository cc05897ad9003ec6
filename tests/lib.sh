# Shared helpers for tests/cli and tests/e2e (sourced, bash).
# Each test gets a fresh temporary folder ($T) removed at exit, and the
# binaries: $DH (ASan+UBSan build, for batch runs) and $DH_APP (plain build,
# for the terminal).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DH=${DH:-$ROOT/build/asan/dienhinh}
DH_APP=${DH_APP:-$ROOT/build/dienhinh}
CONFIG=$ROOT/config/dienhinh.yaml
T=$(mktemp -d)
export DIENHINH_CONFIG=$CONFIG
export DIENHINH_TODAY=${DIENHINH_TODAY:-2021-06-15}
export LC_ALL=C.UTF-8
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
# fontconfig keeps its font list for the life of the process (tests/lsan.supp);
# glib's slices through malloc so that a pango object we leak is still seen.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}
export G_SLICE=${G_SLICE:-always-malloc}
TMUX_SOCK="dh-test-$$"
cleanup() {
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_exit CODE cmd... : runs cmd, captures stdout/stderr in $OUT/$ERR.
expect_exit() {
	local want=$1 got=0
	shift
	"$@" >"$T/out" 2>"$T/err" || got=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	[ "$got" -eq "$want" ] || fail "exit $got, expected $want: $* 
stdout: $OUT
stderr: $ERR"
}
contains() { # haystack needle [what]
	case $1 in *"$2"*) ;; *) fail "${3:-output} lacks '$2':
$1" ;; esac
}
lacks() {
	case $1 in *"$2"*) fail "${3:-output} has '$2':
$1" ;; esac
}

# --- terminal -----------------------------------------------------------
# tm_start [tmux new-session args after the command]: starts the app at 80x24.
tm() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }
tm_start() { # command string
	tm new-session -d -x 80 -y 24 -s main "$1"
}
# start_app [LOGIN]: the app on $T/db as LOGIN (tdkt) in a fresh tmux
# server (a new client racing the old server's exit would fail), its pid
# in $T/pid, its exit status in $T/done when it ends; wait_done polls for
# that end after a signal.
starts=0
start_app() {
	tm kill-server 2>/dev/null || true
	starts=$((starts + 1))
	TMUX_SOCK="dh-test-$$-$starts"
	rm -f "$T/pid" "$T/done"
	tm_start "sh -c 'echo \$\$ > \"$T/pid\"; exec \"$DH_APP\" -d \"$T/db\" --as ${1:-tdkt}'; echo \$? > '$T/done'; sleep 30"
	for _ in $(seq 100); do [ -s "$T/pid" ] && break; sleep 0.05; done
}
wait_done() {
	for _ in $(seq 100); do [ -s "$T/done" ] && return 0; sleep 0.05; done
	fail "the app did not end after the signal"
}
tm_keys() { tm send-keys -t main "$@"; }
tm_screen() { tm capture-pane -p -t main; }
# srow TEXT: the first screen row holding TEXT with runs of spaces
# squeezed, so checks read the cells rather than the column widths.
srow() { tm_screen | grep -F "$1" | head -n 1 | tr -s ' '; }
# tm_wait TEXT [SECONDS]: poll the screen until TEXT shows.
tm_wait() {
	local text=$1 limit=${2:-10} i=0
	while [ $i -lt $((limit * 20)) ]; do
		case $(tm_screen 2>/dev/null) in *"$text"*) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	fail "screen never showed '$text':
$(tm_screen 2>/dev/null)"
}
tm_wait_gone() {
	local text=$1 limit=${2:-10} i=0
	while [ $i -lt $((limit * 20)) ]; do
		case $(tm_screen 2>/dev/null) in *"$text"*) ;; *) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	fail "screen still shows '$text':
$(tm_screen)"
}
# tm_wait_tab "2Nhân tố": the tab line's highlighted tab (the current
# screen, black on cyan) is that one.
tm_tab() { tm capture-pane -e -p -t main | sed -n 2p | perl -ne 'print $1 if /\e\[46m([^\e]*?) *(\e|$)/'; }
tm_wait_tab() {
	local i=0
	while [ $i -lt 200 ]; do
		[ "$(tm_tab 2>/dev/null)" = "$1" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "tab '$1' never highlighted ('$(tm_tab)'):
$(tm_screen)"
}
