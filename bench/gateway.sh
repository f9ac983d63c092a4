#!/usr/bin/env bash
# Gateway benchmark (issue 3): R0 = GET /ping (no Keygate filter), R1 = POST /v1/chat/completions
# with demo/echo through the full filter (key lookup, status, IP whitelist, model allow-list, rpm,
# daily cap + balance reservation, metering), R2 = the same call with a flood of well-formed but
# unknown keys. JIT warm-up first, then each run measured with wrk on loopback, in one session.
#
# Needs a running server, e.g.  KEYGATE_ADMIN_PASSWORD=... mvn package payara-micro:start
# and wrk (Debian: apt-get install -y wrk) and python3. Usage:
#   ADMIN_PASSWORD=... bench/gateway.sh [base-url]        (default http://127.0.0.1:8080)
# Tunables: WARMUP (s, default 60), DURATION (s per run, default 30), CONNECTIONS (32), THREADS (2),
# SERVER_PID (optional: the server's process id, to also report its CPU time per request — a figure
# that other load on the machine disturbs much less than requests per second).
set -euo pipefail

BASE=${1:-${BASE:-http://127.0.0.1:8080}}
ADMIN="admin:${ADMIN_PASSWORD:?set ADMIN_PASSWORD to the admin password}"
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

case "$BASE" in
  http://127.*|http://localhost*|http://\[::1\]*) ;;
  *) echo "refusing to load anything but a loopback address: $BASE" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install -y wrk)" >&2; exit 2; }

api() { curl -fsS -u "$ADMIN" -H 'Content-Type: application/json' "$@"; }
. "$(dirname "$0")/lib.sh" # field

echo "== setup on $BASE"
TEAM=$(api -d "{\"name\":\"bench-$(date +%s%N)\"}" "$BASE/api/v1/teams" | field '["id"]')
api -d '{"amount":1000000,"note":"benchmark credit"}' "$BASE/api/v1/teams/$TEAM/ledger" >/dev/null
KEY=$(api -d "{\"team_id\":\"$TEAM\",\"name\":\"bench\",\"allowed_models\":[\"demo/*\"],
  \"ip_whitelist\":[\"127.0.0.0/8\",\"::1\"],\"rpm_limit\":1000000,\"daily_limit\":1000000}" \
  "$BASE/api/v1/keys" | field '["key"]')
BODY='{"model":"demo/echo","messages":[{"role":"user","content":"hello from the benchmark"}],"max_tokens":16}'

cat > "$WORK/r1.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KEY"
LUA

# 1000 well-formed keys (valid checksum, see docs/gateway.md) that no one has; wrk cycles through them
python3 - "$WORK/unknown.lua" "$BODY" <<'PY'
import random, string, sys, zlib
alphabet = string.digits + string.ascii_uppercase + string.ascii_lowercase
def key():
    head = "ck-" + "".join(random.choice(alphabet) for _ in range(26))
    crc = zlib.crc32(head.encode()) & 0xffffffff
    tail = ""
    for _ in range(6):
        tail = alphabet[crc % 62] + tail
        crc //= 62
    return head + tail
keys = [key() for _ in range(1000)]
with open(sys.argv[1], "w") as out:
    out.write("keys = {" + ",".join('"%s"' % k for k in keys) + "}\n")
    out.write("i = 0\nwrk.method = \"POST\"\nwrk.body = '%s'\n" % sys.argv[2])
    out.write("wrk.headers[\"Content-Type\"] = \"application/json\"\n")
    out.write("request = function()\n  i = i + 1\n  wrk.headers[\"Authorization\"] = \"Bearer \" .. keys[(i % 1000) + 1]\n"
              "  return wrk.format()\nend\n")
PY

check() {
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' "$@")
  echo "$status"
}
[ "$(check "$BASE/ping")" = 200 ] || { echo "GET /ping did not answer 200" >&2; exit 1; }
[ "$(check -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$BODY" "$BASE/v1/chat/completions")" = 200 ] \
  || { echo "R1 call did not answer 200" >&2; exit 1; }

cpu_ticks() { # utime + stime of the server, in clock ticks
  if [ -n "${SERVER_PID:-}" ]; then awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; else echo 0; fi
}

run() { # name, then wrk arguments
  local name=$1; shift
  local t0 t1
  t0=$(cpu_ticks)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" > "$WORK/$name.txt"
  t1=$(cpu_ticks)
  local rps p50 p99 non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' "$WORK/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$name.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$WORK/$name.txt")
  local requests cpu=""
  requests=$(awk '/requests in/ {print $1}' "$WORK/$name.txt")
  if [ -n "${SERVER_PID:-}" ]; then
    cpu=" server_cpu_per_request=$(python3 -c "print('%.1fus' % (($t1 - $t0) / $(getconf CLK_TCK) * 1e6 / $requests))")"
  fi
  echo "$name rps=$rps p50=$p50 p99=$p99 non2xx=${non2xx:-0}$cpu"
  eval "${name}_RPS=$rps"
}

echo "== JIT warm-up (${WARMUP}s, all three request kinds)"
third=$(( WARMUP / 3 > 1 ? WARMUP / 3 : 1 ))
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${third}s" "$BASE/ping" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${third}s" -s "$WORK/r1.lua" "$BASE/v1/chat/completions" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${third}s" -s "$WORK/unknown.lua" "$BASE/v1/chat/completions" >/dev/null

echo "== measured runs (${DURATION}s each, $CONNECTIONS connections, $THREADS wrk threads)"
run R0 "$BASE/ping"
run R1 -s "$WORK/r1.lua" "$BASE/v1/chat/completions"
BEFORE=$(curl -fsS -u "$ADMIN" "$BASE/api/v1/gateway/stats")
run R2 -s "$WORK/unknown.lua" "$BASE/v1/chat/completions"
AFTER=$(curl -fsS -u "$ADMIN" "$BASE/api/v1/gateway/stats")

python3 - "$BEFORE" "$AFTER" "$R0_RPS" "$R1_RPS" "$R2_RPS" <<'PY'
import json, sys
before, after = json.loads(sys.argv[1]), json.loads(sys.argv[2])
r0, r1, r2 = (float(x) for x in sys.argv[3:6])
print("R1/R0 = %.3f   R2/R0 = %.3f   R2/R1 = %.3f" % (r1 / r0, r2 / r0, r2 / r1))
print("database queries by the gateway during R2: %d (unknown keys rejected: %d)"
      % (after["db_queries"] - before["db_queries"], after["unknown_keys"] - before["unknown_keys"]))
print("usage records written so far: %d, pending: %d" % (after["usage_written"], after["usage_pending"]))
PY
echo "== raw wrk output"
for name in R0 R1 R2; do echo "--- $name"; cat "$WORK/$name.txt"; done
