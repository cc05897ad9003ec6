# The soak, short: 8 writers (imports, one-row saves, the full-screen app
# typing records in tmux) and a SIGKILL every second for 20 s; nothing
# acknowledged is lost, no import is left half, the database reads whole,
# verifies and takes a write. The long run: tests/soak/run --sessions 50
# --seconds 600 (README, Measured).
. "$(dirname "$0")/../lib.sh"
expect_exit 0 "$ROOT/tests/soak/run" --sessions 8 --seconds 20
last=$(printf '%s\n' "$OUT" | tail -n 1)
case $last in
"soak: "*" committed, "*" killed, 0 lost, 0 torn") ;;
*) fail "the soak's verdict: $last" ;;
esac
committed=$(printf '%s' "$last" | sed 's/^soak: \([0-9]*\) committed.*/\1/')
killed=$(printf '%s' "$last" | sed 's/.* \([0-9]*\) killed.*/\1/')
[ "$committed" -gt 100 ] || fail "only $committed changes committed in 20 s: $last"
[ "$killed" -ge 15 ] || fail "only $killed writers killed in 20 s: $last"
