#!/usr/bin/env bash
# Cluster benchmark: what sharing the gateway's state in Redis costs. On this machine the script
# starts a real PostgreSQL and a real redis-server (bench/ClusterBackends.java, the binaries the
# tests use), then, side by side in one session, with the full gateway check on demo/echo (key,
# IP whitelist, allowed models, rpm, daily cap + balance reservation, metering):
#   single    one Payara Micro node on PostgreSQL, gateway state in memory (no Redis):
#             throughput with CONNECTIONS connections, and latency at 1 connection
#   one       the same single node with its gateway state in Redis: what the Redis client costs one JVM
#   cluster   two Payara Micro nodes on one PostgreSQL database and one Redis, wrk on both nodes
#             at once (CONNECTIONS/2 each): summed throughput and its ratio to single; latency at 1
#             connection on node A, so the added p50/p99 is what the Redis round trip adds to a call;
#             Redis commands per gateway call (INFO stats during the run / calls answered)
#   exact     across both nodes at once: a key with rpm N gets N+K concurrent calls (exactly N must
#             pass), and a key whose daily cap holds exactly C calls gets 3C concurrent calls
#             (exactly C must pass; cap overshoot = spend above the cap, must be 0)
#
# Usage: bench/cluster.sh            (needs target/keygate.war: mvn package first)
# Tunables: DURATION (s per run, 20), WARMUP (s, 20), CONNECTIONS (32), RPM_N (40), RPM_K (20), CAP_CALLS (10),
# PAYARA_JAR (default: the build's Payara Micro version, fetched by Maven). Needs java 17, mvn, wrk, python3, curl. Every process
# it starts listens on 127.0.0.1 on a free port and is stopped on exit.
# Smoke run (CI): DURATION=3 WARMUP=2 bench/cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-20}
CONNECTIONS=${CONNECTIONS:-32}
RPM_N=${RPM_N:-40}
RPM_K=${RPM_K:-20}
CAP_CALLS=${CAP_CALLS:-10}
WAR=$ROOT/target/keygate.war
[ -f "$WAR" ] || { echo "no $WAR: run mvn package first" >&2; exit 2; }
for tool in wrk python3 curl java mvn; do
  command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  exec 3>&- 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

. "$ROOT/bench/lib.sh" # free_port, field, ticks

echo "== back ends: PostgreSQL and Redis (the tests' binaries)"
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
DRIVER=$(tr ':' '\n' < "$WORK/cp.txt" | grep '/org/postgresql/postgresql/' | head -1)
[ -f "$DRIVER" ] || { echo "no PostgreSQL driver on the test classpath" >&2; exit 2; }
if [ -z "${PAYARA_JAR:-}" ]; then # the one the build uses, fetched like the build fetches it
  version=$(sed -n 's:.*<payara.micro.version>\(.*\)</payara.micro.version>.*:\1:p' pom.xml)
  mvn -B -q dependency:copy -Dartifact="fish.payara.extras:payara-micro:$version" -DoutputDirectory="$WORK" >/dev/null
  PAYARA_JAR=$WORK/payara-micro-$version.jar
fi
[ -f "$PAYARA_JAR" ] || { echo "no Payara Micro jar at $PAYARA_JAR" >&2; exit 2; }
mkfifo "$WORK/hold"
java -cp "$(cat "$WORK/cp.txt")" "$ROOT/bench/ClusterBackends.java" "$WORK/backends" keygate_single keygate_cluster \
  < "$WORK/hold" > "$WORK/backends.log" 2>&1 &
PIDS+=("$!")
exec 3> "$WORK/hold" # the back ends run until this closes
for _ in $(seq 1 240); do grep -q '^pg_port=' "$WORK/backends.log" && break; sleep 0.5; done
grep -q '^pg_port=' "$WORK/backends.log" || { echo "the back ends did not start:" >&2; cat "$WORK/backends.log" >&2; exit 1; }
read -r PG_PORT REDIS_PORT < <(sed -n 's/^pg_port=\([0-9]*\) redis_port=\([0-9]*\)$/\1 \2/p' "$WORK/backends.log")

redis_info() { # SECTION: the lines of INFO SECTION of the Redis, through its own protocol
  python3 - "$REDIS_PORT" "$1" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(("INFO %s\r\n" % sys.argv[2]).encode())
data = s.recv(65536)
size = int(data[1:data.index(b"\r\n")])
while len(data) < data.index(b"\r\n") + 2 + size:
    data += s.recv(65536)
print(data.decode().split("\r\n", 1)[1])
PY
}
# redis_counts: "scripts commands cpu_ticks": scripts run (EVALSHA + EVAL: one per round trip of the
# gateway), commands run (those inside the scripts included), and Redis's CPU time in clock ticks
redis_counts() {
  local pid
  pid=$(redis_info server | sed -n 's/^process_id:\([0-9]*\).*/\1/p')
  redis_info all | python3 -c "
import re, sys
text = sys.stdin.read()
scripts = sum(int(m) for m in re.findall(r'^cmdstat_(?:evalsha|eval):calls=(\d+)', text, re.M))
commands = int(re.search(r'^total_commands_processed:(\d+)', text, re.M).group(1))
print(scripts, commands, end=' ')"
  ticks "$pid"
}

PASSWORD="bench-$RANDOM$RANDOM-password"
# start_node NAME DATABASE [REDIS-URL]: a Payara Micro with the embedded default's options, on PostgreSQL
start_node() {
  local name=$1 database=$2 redis=${3:-} port
  port=$(free_port)
  mkdir -p "$WORK/$name"
  local extra=()
  [ -n "$redis" ] && extra=("-Dkeygate.redis.url=$redis")
  (cd "$WORK/$name" && KEYGATE_ADMIN_PASSWORD=$PASSWORD exec java -Xmx1g -Dhazelcast.phone.home.enabled=false \
      -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -Dkeygate.db.host=127.0.0.1 -Dkeygate.db.port="$PG_PORT" \
      -Dkeygate.db.name="$database" -Dkeygate.db.user=keygate -Dkeygate.db.password=keygate "${extra[@]}" \
      -jar "$PAYARA_JAR" --disablephonehome --nohazelcast --interfaces 127.0.0.1 --port "$port" \
      --prebootcommandfile "$ROOT/server-config/payara/preboot.asadmin" --addlibs "$DRIVER" \
      --postbootcommandfile "$ROOT/server-config/payara/postgres-pool.asadmin" --deploy "$WAR" --contextroot / \
      > "$WORK/$name/server.log" 2>&1) &
  PIDS+=("$!")
  eval "${name}_PID=$!"
  eval "${name}_URL=http://127.0.0.1:$port"
}
await_node() {
  local url=$1 log=$2
  for _ in $(seq 1 360); do curl -fs -o /dev/null "$url/ping" && return 0; sleep 0.5; done
  echo "a node did not start:" >&2; tail -30 "$log" >&2; exit 1
}

# setup BASE: a team with credit and a key for the throughput runs; prints the key
setup() {
  local base=$1 team
  team=$(curl --fail-with-body -sS -u "admin:$PASSWORD" -H 'Content-Type: application/json' -d "{\"name\":\"bench-$(date +%s%N)\"}" "$base/api/v1/teams" | field '["id"]')
  curl --fail-with-body -sS -u "admin:$PASSWORD" -H 'Content-Type: application/json' -d '{"amount":1000000,"note":"benchmark credit"}' \
    "$base/api/v1/teams/$team/ledger" >/dev/null
  echo "$team"
}
newkey() { # base team rpm daily-limit
  curl --fail-with-body -sS -u "admin:$PASSWORD" -H 'Content-Type: application/json' \
    -d "{\"team_id\":\"$2\",\"name\":\"bench-$RANDOM\",\"allowed_models\":[\"demo/*\"],\"ip_whitelist\":[\"127.0.0.0/8\"],\"rpm_limit\":$3,\"daily_limit\":$4}" \
    "$1/api/v1/keys" | field '["key"]'
}
BODY='{"model":"demo/echo","messages":[{"role":"user","content":"hello from the cluster benchmark"}],"max_tokens":16}'
lua() { # file key
  cat > "$1" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $2"
LUA
}
# wrkrun NAME CONNECTIONS THREADS URL SCRIPT: one measured wrk run into $WORK/NAME.txt
wrkrun() {
  wrk -t"$3" -c"$2" -d"${DURATION}s" --latency -s "$5" "$4/v1/chat/completions" > "$WORK/$1.txt" 2>&1
}
summary() { # NAME: rps p50_ms p99_ms non2xx
  python3 - "$WORK/$1.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s|m)", v)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
non2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", text) or [0, 0])[1])
done = int(re.search(r"(\d+) requests in", text).group(1))
print(f"{rps:.1f} {p50:.3f} {p99:.3f} {non2xx} {done}")
PY
}

echo "== single: one node, gateway state in memory"
start_node single keygate_single
await_node "$single_URL" "$WORK/single/server.log"
team=$(setup "$single_URL")
key=$(newkey "$single_URL" "$team" 1000000 1000000)
lua "$WORK/single.lua" "$key"
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/single.lua" "$single_URL/v1/chat/completions" >/dev/null 2>&1
t0=$(ticks "$single_PID")
wrkrun single "$CONNECTIONS" 2 "$single_URL" "$WORK/single.lua"
t1=$(ticks "$single_PID")
wrkrun single-c1 1 1 "$single_URL" "$WORK/single.lua"
read -r S_RPS S_P50 S_P99 S_ERR S_DONE < <(summary single)
S_CPU=$(( t1 - t0 ))
read -r _ S1_P50 S1_P99 S1_ERR _ < <(summary single-c1)
echo "single rps=$S_RPS p50_ms=$S_P50 p99_ms=$S_P99 non2xx=$S_ERR; at 1 connection p50_ms=$S1_P50 p99_ms=$S1_P99"
kill "$single_PID"; wait "$single_PID" 2>/dev/null || true

echo "== one node on Redis: the same single node, gateway state in Redis (what the Redis client costs one JVM)"
start_node one keygate_single "redis://127.0.0.1:$REDIS_PORT"
await_node "$one_URL" "$WORK/one/server.log"
team=$(setup "$one_URL")
key=$(newkey "$one_URL" "$team" 1000000 1000000)
lua "$WORK/one.lua" "$key"
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/one.lua" "$one_URL/v1/chat/completions" >/dev/null 2>&1
t0=$(ticks "$one_PID")
wrkrun one "$CONNECTIONS" 2 "$one_URL" "$WORK/one.lua"
t1=$(ticks "$one_PID")
read -r O_RPS O_P50 O_P99 O_ERR O_DONE < <(summary one)
echo "one node on Redis rps=$O_RPS p50_ms=$O_P50 p99_ms=$O_P99 non2xx=$O_ERR server_cpu_us_per_call=$(( (t1 - t0) * 1000000 / $(getconf CLK_TCK) / O_DONE ))"
kill "$one_PID"; wait "$one_PID" 2>/dev/null || true

echo "== cluster: two nodes, one PostgreSQL, one Redis (started at the same moment on the empty database)"
start_node a keygate_cluster "redis://127.0.0.1:$REDIS_PORT"
start_node b keygate_cluster "redis://127.0.0.1:$REDIS_PORT"
await_node "$a_URL" "$WORK/a/server.log"
await_node "$b_URL" "$WORK/b/server.log"
team=$(setup "$a_URL")
key=$(newkey "$a_URL" "$team" 1000000 1000000)
lua "$WORK/cluster.lua" "$key"
half=$(( CONNECTIONS / 2 > 1 ? CONNECTIONS / 2 : 1 ))
wrk -t1 -c"$half" -d"${WARMUP}s" -s "$WORK/cluster.lua" "$a_URL/v1/chat/completions" >/dev/null 2>&1 &
other=$!
wrk -t1 -c"$half" -d"${WARMUP}s" -s "$WORK/cluster.lua" "$b_URL/v1/chat/completions" >/dev/null 2>&1
wait "$other"
read -r scripts0 commands0 rticks0 < <(redis_counts)
a0=$(ticks "$a_PID"); b0=$(ticks "$b_PID")
wrkrun cluster-a "$half" 1 "$a_URL" "$WORK/cluster.lua" &
other=$!
wrkrun cluster-b "$half" 1 "$b_URL" "$WORK/cluster.lua"
wait "$other"
read -r scripts1 commands1 rticks1 < <(redis_counts)
a1=$(ticks "$a_PID"); b1=$(ticks "$b_PID")
wrkrun cluster-c1 1 1 "$a_URL" "$WORK/cluster.lua"
read -r A_RPS A_P50 A_P99 A_ERR A_DONE < <(summary cluster-a)
read -r B_RPS B_P50 B_P99 B_ERR B_DONE < <(summary cluster-b)
read -r _ C1_P50 C1_P99 C1_ERR _ < <(summary cluster-c1)
echo "cluster node-a rps=$A_RPS p50_ms=$A_P50 p99_ms=$A_P99 non2xx=$A_ERR; node-b rps=$B_RPS p50_ms=$B_P50 p99_ms=$B_P99 non2xx=$B_ERR"
echo "cluster at 1 connection (node a) p50_ms=$C1_P50 p99_ms=$C1_P99 non2xx=$C1_ERR"

echo "== exact: limits across both nodes at once"
python3 - "$a_URL" "$b_URL" "$PASSWORD" "$team" "$RPM_N" "$RPM_K" "$CAP_CALLS" > "$WORK/exact.txt" <<'PY'
import base64, json, sys, threading, urllib.request, urllib.error
from decimal import Decimal
a, b, password, team, n, k, cap_calls = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], *map(int, sys.argv[5:8])
auth = "Basic " + base64.b64encode(f"admin:{password}".encode()).decode()
def post(url, body, headers):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
def key(rpm, daily):
    status, body = post(a + "/api/v1/keys", {"team_id": team, "name": "exact", "allowed_models": ["demo/*"],
        "ip_whitelist": ["127.0.0.0/8"], "rpm_limit": rpm, "daily_limit": daily}, {"Authorization": auth})
    assert status == 201, (status, body)
    return json.loads(body)["key"]
# 400 bytes = 100 prompt tokens + 4 for the message; the echo cut to max_tokens 50: 104 x $1/M + 50 x $2/M = 204 micro-USD
call_body = {"model": "demo/echo", "messages": [{"role": "user", "content": "x" * 400}], "max_tokens": 50}
def burst(ck, calls):
    results = []
    barrier = threading.Barrier(calls)
    def one(i):
        barrier.wait()
        status, _ = post((a if i % 2 == 0 else b) + "/v1/chat/completions", call_body, {"Authorization": "Bearer " + ck})
        results.append(status)
    threads = [threading.Thread(target=one, args=(i,)) for i in range(calls)]
    for t in threads: t.start()
    for t in threads: t.join()
    return results
rpm_key = key(n, 1000)
r = burst(rpm_key, n + k)
print(f"rpm limit={n} calls={n + k} passed={r.count(200)} refused_429={r.count(429)} other={len(r) - r.count(200) - r.count(429)}")
cap_micros = 204 * cap_calls
cap_key = key(100000, float(Decimal(cap_micros) / Decimal(10**6)))
r = burst(cap_key, 3 * cap_calls)
spent = r.count(200) * 204
print(f"cap calls_that_fit={cap_calls} calls={3 * cap_calls} passed={r.count(200)} refused_429={r.count(429)} "
      f"other={len(r) - r.count(200) - r.count(429)} overshoot_micro_usd={max(0, spent - cap_micros)}")
PY
cat "$WORK/exact.txt"

echo "== summary (one session, same cores)"
python3 - "$S_RPS" "$A_RPS" "$B_RPS" "$S_DONE" "$A_DONE" "$B_DONE" "$S1_P50" "$S1_P99" "$C1_P50" "$C1_P99" \
  "$S_CPU" "$(( a1 - a0 + b1 - b0 ))" "$(( rticks1 - rticks0 ))" "$(( scripts1 - scripts0 ))" "$(( commands1 - commands0 ))" \
  "$(getconf CLK_TCK)" "$O_RPS" <<'PY'
import sys
s, a, b = (float(x) for x in sys.argv[1:4])
s_done, a_done, b_done = (int(x) for x in sys.argv[4:7])
s50, s99, c50, c99 = (float(x) for x in sys.argv[7:11])
s_cpu, nodes_cpu, redis_cpu, scripts, commands, hz = (int(x) for x in sys.argv[11:17])
done = a_done + b_done
us = lambda ticks, calls: ticks / hz * 1e6 / calls
print(f"throughput: one node on Redis {float(sys.argv[17]):.0f}/s: ratio {float(sys.argv[17]) / s:.3f} to single in-memory")
print(f"throughput: single in-memory {s:.0f}/s, two nodes on Redis {a + b:.0f}/s (node a {a:.0f}, node b {b:.0f}): ratio {(a + b) / s:.3f} (target >= 0.8)")
print(f"CPU per call: single node {us(s_cpu, s_done):.0f} us; cluster nodes {us(nodes_cpu, done):.0f} us + Redis {us(redis_cpu, done):.0f} us"
      f" = {us(nodes_cpu + redis_cpu, done):.0f} us: ratio single/cluster {us(s_cpu, s_done) / us(nodes_cpu + redis_cpu, done):.3f}")
print(f"Redis round trips per gateway call: {scripts / done:.3f} ({scripts} scripts for {done} calls; {commands / done:.1f} Redis commands per call inside them)")
print(f"added by the Redis round trip at 1 connection: p50 {c50 - s50:+.3f} ms (single {s50:.3f}, cluster {c50:.3f}), "
      f"p99 {c99 - s99:+.3f} ms (single {s99:.3f}, cluster {c99:.3f})")
PY
