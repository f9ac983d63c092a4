#!/usr/bin/env bash
# Relay benchmark (issue 10): what Keygate costs in front of a real upstream. The script starts,
# on loopback, the non-blocking stub upstream bench/RelayStub.java (fast: answers at once; slow:
# a JSON answer after 2 s; stream: 20 SSE chunks over 2 s, usage last) and Payara Micro with each
# WAR given (every check and metering on, H2 file database in a temp folder), and measures with wrk,
# direct to the stub and through Keygate, side by side in one session:
#   fast      32 connections: throughput ratio and the server's CPU time per relayed call
#   slow      CONCURRENCY (1000) connections on 2-second JSON calls: throughput ratio, added p50
#   stream    the same on 2-second streams
#   streams   STREAMS (5000) connections on streams through Keygate: completions, errors, the
#             server's heap (-Xmx1g): peak in use, and in use after a full GC halfway through,
#             and whether every call reaching the upstream was metered exactly once (usage
#             records of the run's key = calls the stub served, wrk's unfinished calls included)
#
# Usage: bench/relay.sh [name=war ...]       default: after=target/keygate.war (build it first)
#   e.g. bench/relay.sh before=/tmp/before/target/keygate.war after=target/keygate.war
# Tunables: DURATION (s per run, 20), WARMUP (s, 30), CONCURRENCY (1000), STREAMS (5000),
# PHASES ("fast slow stream streams"), PAYARA_JAR (default: Payara Micro 6 from ~/.m2), SERVER_OPTS
# (extra JVM options of the servers; default the common-pool setting docs/gateway.md
# recommends for machines with 2 processors or fewer).
# Smoke run (CI): DURATION=3 WARMUP=2 CONCURRENCY=50 STREAMS=200 bench/relay.sh
# Needs java 17, wrk, python3, curl, jstat. Every process it starts listens on 127.0.0.1 on a free
# port and is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-30}
CONCURRENCY=${CONCURRENCY:-1000}
STREAMS=${STREAMS:-5000}
PHASES=${PHASES:-fast slow stream streams}
SERVER_OPTS=${SERVER_OPTS--Djava.util.concurrent.ForkJoinPool.common.parallelism=2}
PAYARA_JAR=${PAYARA_JAR:-$(ls -d "$HOME"/.m2/repository/fish/payara/extras/payara-micro/6.*/payara-micro-6.*.jar 2>/dev/null | tail -1)}
[ -f "$PAYARA_JAR" ] || { echo "Payara Micro's jar not found; set PAYARA_JAR (mvn verify fetches it)" >&2; exit 2; }
for tool in wrk python3 curl jstat java; do
  command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
[ $# -gt 0 ] || set -- "after=$ROOT/target/keygate.war"

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

. "$ROOT/bench/lib.sh" # free_port, field, ticks

STUB_PORT=$(free_port)
java -Xmx256m "$ROOT/bench/RelayStub.java" "$STUB_PORT" > "$WORK/stub.log" 2>&1 &
STUB_PID=$!
PIDS+=("$STUB_PID")
STUB=http://127.0.0.1:$STUB_PORT
for _ in $(seq 1 60); do curl -fs -o /dev/null "$STUB/stats" && break; sleep 0.5; done
served() { curl -fsS "$STUB/stats" | field '["served"]'; }

# wrk scripts: a POST of a chat completion with the given model and key
lua() { # file, model, key (empty: none), extra body fields
  cat > "$1" <<LUA
wrk.method = "POST"
wrk.body = '{"model":"$2","messages":[{"role":"user","content":"hello from the relay benchmark"}],"max_tokens":16${4:-}}'
wrk.headers["Content-Type"] = "application/json"
LUA
  if [ -n "$3" ]; then echo "wrk.headers[\"Authorization\"] = \"Bearer $3\"" >> "$1"; fi
}
lua "$WORK/direct.lua" m ""
lua "$WORK/direct-stream.lua" m "" ',"stream":true'

# run NAME CONNECTIONS URL SCRIPT [PID]: one wrk run; prints and keeps rps, p50, completions, errors, cpu/call
run() {
  local name=$1 connections=$2 url=$3 script=$4 pid=${5:-} t0=0 t1=0
  [ -n "$pid" ] && t0=$(ticks "$pid")
  wrk -t2 -c"$connections" -d"${DURATION}s" --timeout 30s --latency -s "$script" "$url" > "$WORK/$name.txt" 2>&1
  [ -n "$pid" ] && t1=$(ticks "$pid")
  python3 - "$WORK/$name.txt" "$name" "$t0" "$t1" "$(getconf CLK_TCK)" "$pid" >> "$WORK/results" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
name, t0, t1, hz, pid = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s|m)", v)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
done = int(re.search(r"(\d+) requests in", text).group(1))
p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
non2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", text) or [0, 0])[1])
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = non2xx + (sum(int(x) for x in sock.groups()) if sock else 0)
kinds = "non2xx:%d,connect:%s,read:%s,write:%s,timeout:%s" % ((non2xx,) + (sock.groups() if sock else (0, 0, 0, 0)))
cpu = "%.0f" % ((t1 - t0) / hz * 1e6 / done) if pid and done else "-"
print(f"{name} rps={rps:.1f} p50_ms={p50:.1f} completions={done} errors={errors} error_kinds={kinds} cpu_us_per_call={cpu}")
PY
  tail -1 "$WORK/results"
}

for pair in "$@"; do
  label=${pair%%=*}
  war=${pair#*=}
  [ -f "$war" ] || { echo "no WAR at $war" >&2; exit 2; }
  port=$(free_port)
  password="bench-$RANDOM$RANDOM-password"
  mkdir -p "$WORK/$label"
  echo "== $label: Payara Micro with $war on port $port"
  (cd "$WORK/$label" && KEYGATE_ADMIN_PASSWORD=$password exec java -Xmx1g -Dhazelcast.phone.home.enabled=false $SERVER_OPTS \
      -jar "$PAYARA_JAR" --disablephonehome --nohazelcast --interfaces 127.0.0.1 --port "$port" \
      --prebootcommandfile "$ROOT/server-config/payara/preboot.asadmin" --deploy "$war" --contextroot / \
      > "$WORK/$label/server.log" 2>&1) &
  server=$!
  PIDS+=("$server")
  KG=http://127.0.0.1:$port
  for _ in $(seq 1 240); do curl -fs -o /dev/null "$KG/ping" && break; sleep 0.5; done
  curl -fs -o /dev/null "$KG/ping" || { echo "the server did not start:" >&2; tail -20 "$WORK/$label/server.log" >&2; exit 1; }
  api() { curl -fsS -u "admin:$password" -H 'Content-Type: application/json' "$@"; }
  team=$(api -d "{\"name\":\"bench-$label\"}" "$KG/api/v1/teams" | field '["id"]')
  api -d '{"amount":1000000,"note":"benchmark credit"}' "$KG/api/v1/teams/$team/ledger" >/dev/null
  for mode in fast slow stream; do
    api -d "{\"id\":\"b$mode\",\"name\":\"bench $mode\",\"base_url\":\"$STUB/$mode/v1\"}" "$KG/api/v1/providers" >/dev/null
    api -d "{\"id\":\"b$mode/m\",\"provider_id\":\"b$mode\",\"upstream_model\":\"m\",\"input_price\":1,\"output_price\":2,\"max_output_tokens\":100}" \
      "$KG/api/v1/models" >/dev/null
  done
  newkey() {
    api -d "{\"team_id\":\"$team\",\"name\":\"bench-$1\",\"ip_whitelist\":[\"127.0.0.0/8\"],\"rpm_limit\":1000000,\"daily_limit\":1000000}" \
      "$KG/api/v1/keys" | field "$2"
  }
  key=$(newkey all '["key"]')
  lua "$WORK/$label-fast.lua" bfast/m "$key"
  lua "$WORK/$label-slow.lua" bslow/m "$key"
  lua "$WORK/$label-stream.lua" bstream/m "$key" ',"stream":true'
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d '{"model":"bfast/m","messages":[{"role":"user","content":"hi"}]}' "$KG/v1/chat/completions")
  [ "$code" = 200 ] || { echo "a relayed call answered $code" >&2; exit 1; }

  echo "-- JIT warm-up (${WARMUP}s)"
  half=$(( WARMUP / 2 > 1 ? WARMUP / 2 : 1 ))
  wrk -t2 -c32 -d"${half}s" -s "$WORK/$label-fast.lua" "$KG/v1/chat/completions" >/dev/null 2>&1
  wrk -t2 -c200 -d"${half}s" --timeout 30s -s "$WORK/$label-stream.lua" "$KG/v1/chat/completions" >/dev/null 2>&1

  for phase in $PHASES; do
    case $phase in
      fast)
        run "$label-fast-direct" 32 "$STUB/fast/v1/chat/completions" "$WORK/direct.lua"
        run "$label-fast-keygate" 32 "$KG/v1/chat/completions" "$WORK/$label-fast.lua" "$server" ;;
      slow)
        run "$label-slow-direct" "$CONCURRENCY" "$STUB/slow/v1/chat/completions" "$WORK/direct.lua"
        run "$label-slow-keygate" "$CONCURRENCY" "$KG/v1/chat/completions" "$WORK/$label-slow.lua" "$server" ;;
      stream)
        run "$label-stream-direct" "$CONCURRENCY" "$STUB/stream/v1/chat/completions" "$WORK/direct-stream.lua"
        run "$label-stream-keygate" "$CONCURRENCY" "$KG/v1/chat/completions" "$WORK/$label-stream.lua" "$server" ;;
      streams)
        streamkey=$(newkey streams '["key"]')
        streamid=$(api "$KG/api/v1/keys?team_id=$team&size=100" | python3 -c "import sys, json; print([k['id'] for k in json.load(sys.stdin)['items'] if k['name']=='bench-streams'][0])")
        lua "$WORK/$label-streams.lua" bstream/m "$streamkey" ',"stream":true'
        before=$(served)
        jstat -gc "$server" 500 > "$WORK/$label-jstat.txt" 2>/dev/null &
        jstat_pid=$!
        # halfway: a full GC, then the heap still in use is what the open streams really hold
        (sleep $(( DURATION / 2 > 1 ? DURATION / 2 : 1 )); jcmd "$server" GC.run >/dev/null 2>&1; jstat -gc "$server" | tail -1 > "$WORK/$label-live.txt") &
        live_pid=$!
        run "$label-streams-keygate" "$STREAMS" "$KG/v1/chat/completions" "$WORK/$label-streams.lua" "$server"
        wait "$live_pid" 2>/dev/null || true
        sleep 4 # the calls wrk left open end at their next chunk
        kill "$jstat_pid" 2>/dev/null || true
        wait "$jstat_pid" 2>/dev/null || true
        for _ in $(seq 1 120); do
          [ "$(api "$KG/api/v1/gateway/stats" | field '["usage_pending"]')" = 0 ] && break
          sleep 0.5
        done
        upstream=$(( $(served) - before ))
        records=$(api "$KG/api/v1/usage/records?key_id=$streamid&size=1" | field '["total"]')
        # S0U S1U EU OU: heap in use (young garbage included) and the old generation alone
        peak=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used } END { printf "%.0f", max / 1024 }' "$WORK/$label-jstat.txt")
        old=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { if ($8 > max) max = $8 } END { printf "%.0f", max / 1024 }' "$WORK/$label-jstat.txt")
        live=$(awk '{ printf "%.0f", ($3 + $4 + $6 + $8) / 1024 }' "$WORK/$label-live.txt" 2>/dev/null || echo -)
        echo "$label-streams-metering upstream_calls=$upstream usage_records=$records peak_heap_mib=$peak peak_old_mib=$old live_mib=$live" | tee -a "$WORK/results" ;;
      *) echo "unknown phase $phase" >&2; exit 2 ;;
    esac
  done
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
done

echo "== summary (ratios: through Keygate / direct, same session)"
python3 - "$WORK/results" <<'PY'
import re, sys
rows = {}
for line in open(sys.argv[1]):
    name, *pairs = line.split()
    rows[name] = dict(p.split("=") for p in pairs)
labels = sorted({n.split("-")[0] for n in rows}, key=lambda l: list(rows).index(next(n for n in rows if n.startswith(l + "-"))))
for label in labels:
    for kind in ("fast", "slow", "stream"):
        d, k = rows.get(f"{label}-{kind}-direct"), rows.get(f"{label}-{kind}-keygate")
        if d and k:
            print(f"{label} {kind}: throughput ratio {float(k['rps']) / float(d['rps']):.3f}, "
                  f"added p50 {float(k['p50_ms']) - float(d['p50_ms']):.1f} ms (wrk prints seconds to 10 ms), errors {k['errors']}, "
                  f"server CPU per relayed call {k['cpu_us_per_call']} us")
    s, m = rows.get(f"{label}-streams-keygate"), rows.get(f"{label}-streams-metering")
    if s and m:
        once = "yes" if m["upstream_calls"] == m["usage_records"] else "NO"
        print(f"{label} streams: {s['completions']} completed, {s['errors']} errors ({s['error_kinds']}), "
              f"peak heap in use {m['peak_heap_mib']} MiB (old generation {m['peak_old_mib']} MiB; "
              f"after a full GC halfway {m['live_mib']} MiB), "
              f"metered once: {once} ({m['usage_records']} records for {m['upstream_calls']} upstream calls)")
PY
