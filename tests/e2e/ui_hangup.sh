# A terminal that goes away without a SIGHUP reaching the program (its pty
# closed by a process that is not our session leader: a killed multiplexer,
# a program started outside the terminal's session) must not leave it
# spinning at full CPU: it keeps the typing as a draft and ends.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 10

# The program's stdin/stdout are a pty that is not its controlling
# terminal, so closing the master sends it no signal at all.
python3 - "$DH_APP" "$T/db" >"$T/hangup.log" 2>&1 <<'PY' || { cat "$T/hangup.log"; fail "the app did not end when its terminal went away"; }
import os, pty, select, subprocess, sys, time
app, db = sys.argv[1], sys.argv[2]
master, slave = pty.openpty()
os.system("stty -F %s rows 24 cols 80" % os.ttyname(slave))
env = dict(os.environ, TERM="xterm")
p = subprocess.Popen([app, "-d", db, "--as", "tdkt"], stdin=slave, stdout=slave, stderr=slave, env=env)
os.close(slave)
seen = b""
def wait_for(text):
    global seen
    want = text.encode()
    end = time.time() + 10
    while want not in seen:
        if time.time() > end:
            sys.exit("never saw %r in %r" % (text, seen[-300:]))
        r, _, _ = select.select([master], [], [], 0.1)
        if r:
            seen += os.read(master, 65536)
def send(keys):
    global seen
    seen = b""
    os.write(master, keys.encode())
wait_for("Tổng quan")
send("2")
wait_for("mới nhất")
send("a")
wait_for("Thêm nhân tố mới")
for ch in "Ngô Bảo Châu":  # each letter echoed before the next is sent
    send(ch)
    if ch != " ":
        wait_for(ch)
os.close(master)
try:
    p.wait(timeout=5)
except subprocess.TimeoutExpired:
    p.kill()
    sys.exit("still running 5 s after its terminal closed")
print("exit", p.returncode)
PY

# The typing came back as a draft.
tm_start "\"$DH_APP\" -d \"$T/db\" --as tdkt"
tm_wait "Khôi phục bản nháp?"
tm_keys c
tm_wait "Ngô Bảo Châu"
