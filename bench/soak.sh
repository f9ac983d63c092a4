#!/usr/bin/env bash
# Soak test (docs/benchmarks.md, "Soak"): one Payara Micro with the embedded default's options on an
# H2 file database in a temp dir, DURATION seconds of mixed traffic on loopback, then the books:
#   gateway   wrk, CONNECTIONS connections: 65% valid demo/echo calls, 10% streamed ones, 15% calls of
#             a key with rpm 60 (mostly 429 rate_limit_exceeded), 10% well-formed unknown keys (401)
#   admin     at the same time, one management write or read every 0.2 s (create a team with credit,
#             create, update, deactivate and rotate keys, top up, list usage and audit)
#   heap      every HEAP_EVERY seconds a full GC (jcmd GC.run), then the heap in use after it
# and it checks at the end: no unexpected status on either side (200 for the valid key, 200/429 for
# the limited one, 401 for unknown keys, 2xx for the admin), one usage record in the database per
# answered call (give or take the calls in flight when wrk stopped), the gateway's day counter
# equal to the records in the database, and the heap's live set flat (the lowest heap after a full
# GC in the second half of the run within 25% + 16 MB of the first half's). Exit status 1 if any
# check fails.
#
# Usage: bench/soak.sh   (needs target/keygate.war: mvn package first)
# Tunables: DURATION (s, 1800), CONNECTIONS (16), HEAP_EVERY (s, 60), PAYARA_JAR (default: the
# build's Payara Micro, fetched by Maven). Needs java 17 (with jcmd), mvn, wrk, python3, curl.
# Every process listens on 127.0.0.1 on a free port and is stopped on exit.
# Smoke run: DURATION=30 HEAP_EVERY=10 bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-1800}
CONNECTIONS=${CONNECTIONS:-16}
HEAP_EVERY=${HEAP_EVERY:-60}
WAR=$ROOT/target/keygate.war
[ -f "$WAR" ] || { echo "no $WAR: run mvn package first" >&2; exit 2; }
for tool in wrk python3 curl java jcmd mvn; do
  command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
. "$ROOT/bench/lib.sh" # free_port, field, ticks

if [ -z "${PAYARA_JAR:-}" ]; then
  version=$(sed -n 's:.*<payara.micro.version>\(.*\)</payara.micro.version>.*:\1:p' pom.xml)
  mvn -B -q dependency:copy -Dartifact="fish.payara.extras:payara-micro:$version" -DoutputDirectory="$WORK" >/dev/null
  PAYARA_JAR=$WORK/payara-micro-$version.jar
fi
PASSWORD="soak-$RANDOM$RANDOM-password"
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
echo "== Payara Micro on $BASE (H2 file in $WORK)"
(cd "$WORK" && KEYGATE_ADMIN_PASSWORD=$PASSWORD exec java -Xmx512m -Dhazelcast.phone.home.enabled=false \
    -jar "$PAYARA_JAR" --disablephonehome --nohazelcast --interfaces 127.0.0.1 --port "$PORT" \
    --prebootcommandfile "$ROOT/server-config/payara/preboot.asadmin" --deploy "$WAR" --contextroot / \
    > "$WORK/server.log" 2>&1) &
PIDS+=("$!")
for _ in $(seq 1 360); do curl -fs -o /dev/null "$BASE/ping" && break; sleep 0.5; done
curl -fs -o /dev/null "$BASE/ping" || { echo "the server did not start:" >&2; tail -30 "$WORK/server.log" >&2; exit 1; }
JVM=$(pgrep -f -- "--port $PORT" | head -1)

api() { curl --fail-with-body -sS -u "admin:$PASSWORD" -H 'Content-Type: application/json' "$@"; }
TEAM=$(api -d "{\"name\":\"soak-$(date +%s%N)\"}" "$BASE/api/v1/teams" | field '["id"]')
api -d '{"amount":1000000,"note":"soak credit"}' "$BASE/api/v1/teams/$TEAM/ledger" >/dev/null
newkey() { api -d "{\"team_id\":\"$TEAM\",\"name\":\"soak-$RANDOM\",\"allowed_models\":[\"demo/*\"],\"rpm_limit\":$1}" "$BASE/api/v1/keys"; }
VALID_JSON=$(newkey 1000000)
LIMITED_JSON=$(newkey 60)
VALID=$(echo "$VALID_JSON" | field '["key"]')
LIMITED=$(echo "$LIMITED_JSON" | field '["key"]')
VALID_ID=$(echo "$VALID_JSON" | field '["id"]')
LIMITED_ID=$(echo "$LIMITED_JSON" | field '["id"]')

# one wrk per kind of call (so each one's answers are its own), each tallying its status codes
python3 - "$WORK" "$VALID" "$LIMITED" <<'PY'
import random, string, sys, zlib
alphabet = string.digits + string.ascii_uppercase + string.ascii_lowercase
def unknown():
    head = "ck-" + "".join(random.choice(alphabet) for _ in range(26))
    crc = zlib.crc32(head.encode()) & 0xffffffff
    tail = ""
    for _ in range(6):
        tail = alphabet[crc % 62] + tail
        crc //= 62
    return head + tail
work, valid, limited = sys.argv[1:4]
plain = '{"model":"demo/echo","messages":[{"role":"user","content":"soak"}],"max_tokens":16}'
stream = '{"model":"demo/echo","messages":[{"role":"user","content":"soak stream"}],"max_tokens":16,"stream":true}'
tally = """
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) statuses = {} end
response = function(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
done = function(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("status %d %d\\n", k, v)) end
  io.write(string.format("errors connect=%d read=%d write=%d timeout=%d\\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("latency p50=%.0fus p99=%.0fus\\n", latency:percentile(50), latency:percentile(99)))
end
"""
for kind, key, body in (("valid", valid, plain), ("stream", valid, stream), ("limited", limited, plain)):
    with open("%s/%s.lua" % (work, kind), "w") as out:
        out.write('wrk.method = "POST"\nwrk.body = \'%s\'\nwrk.headers["Content-Type"] = "application/json"\n'
                  'wrk.headers["Authorization"] = "Bearer %s"\nwrk.path = "/v1/chat/completions"\n' % (body, key) + tally)
with open("%s/unknown.lua" % work, "w") as out:
    out.write("keys = {%s}\ni = 0\n" % ",".join('"%s"' % unknown() for _ in range(200)))
    out.write('request = function()\n  i = i + 1\n  return wrk.format("POST", "/v1/chat/completions", '
              '{["Content-Type"]="application/json", ["Authorization"]="Bearer " .. keys[(i %% 200) + 1]}, \'%s\')\nend\n'
              % plain + tally)
PY

admin_op() { # the i-th management call of the loop; prints nothing, fails like curl
  local i=$1
  case $((i % 8)) in
    0) api -d "{\"name\":\"soak-$i-$RANDOM\",\"default_rpm_limit\":60}" "$BASE/api/v1/teams" > /dev/null ;;
    1) api -d "{\"team_id\":\"$TEAM\",\"name\":\"churn-$i\"}" "$BASE/api/v1/keys" > "$WORK/churn.json" ;;
    2) api -X PATCH -d '{"rpm_limit":120}' "$BASE/api/v1/keys/$(field '["id"]' < "$WORK/churn.json")" > /dev/null ;;
    3) api -X POST "$BASE/api/v1/keys/$(field '["id"]' < "$WORK/churn.json")/rotate" > "$WORK/rotated.json" ;;
    4) api -d '{"reason":"soak churn"}' "$BASE/api/v1/keys/$(field '["id"]' < "$WORK/rotated.json")/deactivate" > /dev/null ;;
    5) api -d '{"amount":1,"note":"soak top-up"}' "$BASE/api/v1/teams/$TEAM/ledger" > /dev/null ;;
    6) api "$BASE/api/v1/usage/records?key_id=$VALID_ID&size=50" > /dev/null ;;
    7) api "$BASE/api/v1/audit?size=50" > /dev/null ;;
  esac
}
# the admin side: one management call every 0.2 s until the file "stop" appears
admin_loop() {
  set +e
  local ok=0 bad=0 i=0
  while [ ! -f "$WORK/stop" ]; do
    i=$((i + 1))
    if admin_op "$i" 2>> "$WORK/admin-errors.txt"; then ok=$((ok + 1)); else bad=$((bad + 1)); echo " (call $((i % 8)))" >> "$WORK/admin-errors.txt"; fi
    sleep 0.2
  done
  echo "admin ok=$ok failed=$bad" > "$WORK/admin.txt"
}

heap_after_gc() { # MB in use after a full GC of the server's JVM
  jcmd "$JVM" GC.run >/dev/null
  jcmd "$JVM" GC.heap_info | python3 -c "
import re, sys
text = sys.stdin.read()
m = re.search(r'used (\d+)K', text)
print(round(int(m.group(1)) / 1024, 1))"
}

echo "== ${DURATION}s of mixed traffic, $CONNECTIONS connections; heap after a full GC every ${HEAP_EVERY}s"
admin_loop &
ADMIN_LOOP=$!
PIDS+=("$ADMIN_LOOP")
WRKS=()
share() { local n=$(( CONNECTIONS * $1 / 100 )); echo $(( n < 1 ? 1 : n )); }
for kind in valid:65 stream:10 limited:15 unknown:10; do
  name=${kind%%:*}
  wrk -t1 -c"$(share "${kind##*:}")" -d"${DURATION}s" --timeout 10s -s "$WORK/$name.lua" "$BASE" > "$WORK/$name.txt" &
  WRKS+=("$!")
  PIDS+=("$!")
done
WRK=${WRKS[0]}
START=$(date +%s)
echo "heap_after_gc_mb t=0s $(heap_after_gc)" | tee "$WORK/heap.txt"
while kill -0 "$WRK" 2>/dev/null; do
  sleep "$HEAP_EVERY" || true
  kill -0 "$WRK" 2>/dev/null || break
  echo "heap_after_gc_mb t=$(( $(date +%s) - START ))s $(heap_after_gc)" | tee -a "$WORK/heap.txt"
done
for pid in "${WRKS[@]}"; do wait "$pid" || true; done
touch "$WORK/stop"
wait "$ADMIN_LOOP" || true
echo "heap_after_gc_mb t=$(( $(date +%s) - START ))s $(heap_after_gc) (end)" | tee -a "$WORK/heap.txt"

# the writer catches up, then the books
for _ in $(seq 1 120); do
  [ "$(api "$BASE/api/v1/gateway/stats" | field '["usage_pending"]')" = 0 ] && break; sleep 0.5
done
records() { api "$BASE/api/v1/usage/records?key_id=$1&size=1"; }
REC_VALID=$(records "$VALID_ID")
REC_LIMITED=$(records "$LIMITED_ID")
INFO_VALID=$(curl -fsS -H "Authorization: Bearer $VALID" "$BASE/v1/key/info")
python3 - "$WORK" "$INFO_VALID" "$REC_VALID" "$REC_LIMITED" "$CONNECTIONS" <<'PY'
import json, re, sys
work = sys.argv[1]
info_valid, rec_valid, rec_limited = (json.loads(s) for s in sys.argv[2:5])
connections = int(sys.argv[5])
failures = []
status = {}
for kind in ("valid", "stream", "limited", "unknown"):
    text = open("%s/%s.txt" % (work, kind)).read()
    status[kind] = {int(m[0]): int(m[1]) for m in re.findall(r"^status (\d+) (\d+)$", text, re.M)}
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    errors = re.search(r"^errors (.*)$", text, re.M).group(1)
    print("%-8s answers %s, %s/s, %s, %s" % (kind, status[kind], rate.group(1) if rate else "?",
                                             re.search(r"^latency (.*)$", text, re.M).group(1), errors))
    if re.search(r"(connect|read|write)=[1-9]", errors):
        failures.append("%s: socket errors %s" % (kind, errors))
expected = {"valid": {200}, "stream": {200}, "limited": {200, 429}, "unknown": {401}}
for kind, seen in status.items():
    odd = {s: n for s, n in seen.items() if s not in expected[kind]}
    if odd:
        failures.append("%s: unexpected answers %s" % (kind, odd))
admin = open("%s/admin.txt" % work).read()
m = re.search(r"admin ok=(\d+) failed=(\d+)", admin)
print("admin requests: ok=%s failed=%s" % m.groups())
if int(m.group(2)):
    failures.append("%s admin requests failed: %s" % (m.group(2), open("%s/admin-errors.txt" % work).read()[:2000]))
answered_valid = sum(status["valid"].values()) + sum(status["stream"].values())
answered_limited = sum(status["limited"].values())
records_valid, records_limited = rec_valid["total"], rec_limited["total"]
today_valid = info_valid["usage_today"]["requests"]
print("valid key: %d calls answered, %d usage records, %d in usage_today" % (answered_valid, records_valid, today_valid))
print("limited key: %d calls answered, %d usage records" % (answered_limited, records_limited))
# calls in flight when wrk stopped were made (and metered) but their answers not read: at most one per connection
for name, answered, records in (("valid", answered_valid, records_valid), ("limited", answered_limited, records_limited)):
    if not (answered <= records <= answered + connections):
        failures.append("%s key: %d calls answered, %d usage records" % (name, answered, records))
# the day counter of the gateway and the database agree (the info call itself may be counted already)
if today_valid not in (records_valid, records_valid + 1):
    failures.append("valid key: %d usage records in the database, %d calls in usage_today" % (records_valid, today_valid))
heap = open("%s/heap.txt" % work).read()
series = [float(m) for m in re.findall(r"^heap_after_gc_mb t=\d+s ([\d.]+)", heap, re.M)]
print("heap after full GC (MB):", series)
# the live set: the lowest heap after a full GC in the first half of the run against that of the second half
during = series[1:-1] if len(series) > 3 else series[1:]
if len(during) >= 2:
    half = len(during) // 2
    first, second = min(during[:half]), min(during[half:])
    print("heap after full GC: lowest %.1f MB in the first half, %.1f MB in the second (%+.0f%%), highest %.1f MB, %.1f MB after the run"
          % (first, second, (second / first - 1) * 100, max(series), series[-1]))
    if second > first * 1.25 + 16:
        failures.append("the heap after GC grew from %.1f to %.1f MB" % (first, second))
if failures:
    print("SOAK FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("SOAK OK")
PY
