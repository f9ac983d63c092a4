#!/usr/bin/env bash
# Usage-history benchmark (issue 5, item 1): 10 million usage records in the H2 file database, then
# the usage reads timed over HTTP against the real server. Figures: docs/usage-benchmark.md.
#
#  1. starts Payara Micro with target/keygate.war on a fresh data directory (Flyway creates the real
#     schema), creates teams and keys through the management API, stops it;
#  2. loads RECORDS usage records (bench/usage-history/UsageLoad.java, JDBC batches on the embedded
#     H2, with the USAGE ledger entries the recorder writes) with the (key_id, started_at) index
#     dropped and rebuilt afterwards, computes the roll-ups from the records in SQL (rollups.sql) and
#     checks them against the records (verify.sql);
#  3. starts the server again on that data and times, after a warm-up, the charts, the dashboard, a
#     hot key's raw records and their CSV export (timing.py); stops the server and deletes everything.
#
# Needs Java 17, python3, curl and the built WAR (mvn package -DskipTests); Payara Micro and H2 come
# from the local Maven repository (the pom's versions). Not part of any test run. Usage:
#   bench/usage-history.sh
# Tunables: RECORDS (10000000), KEYS (300), TEAMS (5), DAYS (35, the span of the records, ending now),
# WARMUP (5 calls per query), REPS (20), TRICKLE (10 gateway calls/s while measuring), PAUSE (1.1 s
# before each call) and BUDGET (30 s per read) — see timing.py —
# PORT (18480, loopback only), WAR (target/keygate.war), KEEP_DATA=1 keeps the work directory (WORK,
# default a new /tmp/keygate-usage-bench.*) with the loaded database.
# The load's wall time depends on what else runs on the machine; each step also prints its CPU time.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE=$ROOT/bench/usage-history
RECORDS=${RECORDS:-10000000}
KEYS=${KEYS:-300}
TEAMS=${TEAMS:-5}
DAYS=${DAYS:-35}
WARMUP=${WARMUP:-5}
REPS=${REPS:-20}
PORT=${PORT:-18480}
KEEP_DATA=${KEEP_DATA:-0}
M2=${M2:-$HOME/.m2/repository}
WAR=${WAR:-$ROOT/target/keygate.war}

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }
H2_VERSION=$(pom_property h2.version)
PAYARA_VERSION=$(pom_property payara.micro.version)
H2_JAR=$M2/com/h2database/h2/$H2_VERSION/h2-$H2_VERSION.jar
PAYARA_JAR=$M2/fish/payara/extras/payara-micro/$PAYARA_VERSION/payara-micro-$PAYARA_VERSION.jar
for f in "$WAR" "$H2_JAR" "$PAYARA_JAR"; do
  [ -f "$f" ] || { echo "missing $f (run: mvn package -DskipTests; Payara Micro and H2 come with it)" >&2; exit 2; }
done
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
  echo "port $PORT is taken; choose another with PORT=..." >&2; exit 2
fi

WORK=${WORK:-$(mktemp -d /tmp/keygate-usage-bench.XXXXXX)}
mkdir -p "$WORK/server"
DB_URL="jdbc:h2:file:$WORK/server/data/keygate;CACHE_SIZE=1048576"
BASE=http://127.0.0.1:$PORT
ADMIN_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
SERVER_PID=

start_server() {
  ( cd "$WORK/server" && KEYGATE_ADMIN_PASSWORD=$ADMIN_PASSWORD exec java -Xmx1g \
      -Dhazelcast.phone.home.enabled=false -Dkeygate.public-url="$BASE/" -Dkeygate.anomaly.scan-seconds=3600 \
      -jar "$PAYARA_JAR" --deploy "$WAR" --contextroot / --port "$PORT" --interfaces 127.0.0.1 \
      --nocluster --disablephonehome --rootdir "$WORK/payara" \
      --prebootcommandfile "$ROOT/server-config/payara/preboot.asadmin" ) >> "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  local t0=$SECONDS
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/ping")" = 200 ]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server stopped; see $WORK/server.log" >&2; tail -30 "$WORK/server.log" >&2; exit 1; }
    [ $((SECONDS - t0)) -lt 600 ] || { echo "the server did not answer /ping in 600 s" >&2; exit 1; }
    sleep 1
  done
  echo "   server $SERVER_PID ready in $((SECONDS - t0)) s"
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

cleanup() {
  stop_server
  if [ "$KEEP_DATA" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

sql() { # script file, then RunScript options
  local script=$1; shift
  java -Xmx3g -cp "$H2_JAR" org.h2.tools.RunScript -url "$DB_URL" -user keygate -password keygate -script "$script" "$@"
}

cpu_now() { # CPU_NOW = user + system seconds of this script's finished children (in this shell, not a subshell)
  times > "$WORK/times"
  CPU_NOW=$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.0f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$WORK/times")
}
step() { STEP_T0=$SECONDS; cpu_now; STEP_CPU0=$CPU_NOW; echo "== $*"; }
done_step() { cpu_now; echo "   $((SECONDS - STEP_T0)) s wall, $((CPU_NOW - STEP_CPU0)) s CPU"; }

echo "usage-history benchmark: $RECORDS records, $KEYS keys in $TEAMS teams over $DAYS days; work dir $WORK"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"

step "schema: first start on an empty data directory (Flyway), teams and keys through the API"
start_server
python3 "$HERE/setup.py" "$BASE" "$ADMIN_PASSWORD" "$TEAMS" "$KEYS" "$WORK/ids.json"
stop_server
done_step

NOW=$(date +%s)
LOAD_T0=$SECONDS
cpu_now
LOAD_CPU0=$CPU_NOW
step "load: $RECORDS usage records and their USAGE ledger entries (index ix_usage_key_time dropped)"
# the index as the WAR's migrations define it, to build it again after the load
cat > "$WORK/index-ddl.sql" <<'SQL'
SELECT 'CREATE INDEX ix_usage_key_time ON usage_record ('
       || LISTAGG(column_name || ' ' || ordering_specification, ', ') WITHIN GROUP (ORDER BY ordinal_position) || ');'
FROM information_schema.index_columns WHERE index_name = 'IX_USAGE_KEY_TIME';
SQL
INDEX_DDL=$(sql "$WORK/index-ddl.sql" -showResults | sed -n 's/^--> \(CREATE INDEX.*\)/\1/p')
[ -n "$INDEX_DDL" ] || { echo "no index ix_usage_key_time in the schema" >&2; exit 1; }
echo "DROP INDEX ix_usage_key_time;" > "$WORK/drop.sql"
sql "$WORK/drop.sql"
java -Xmx2g -cp "$H2_JAR" "$HERE/UsageLoad.java" "$DB_URL" "$RECORDS" $((NOW - DAYS * 86400)) $((DAYS * 86400))
done_step

step "index: $INDEX_DDL"
echo "$INDEX_DDL" > "$WORK/index.sql"
sql "$WORK/index.sql"
done_step

step "roll-ups from the records (rollups.sql)"
sql "$HERE/rollups.sql"
done_step
LOAD_SECONDS=$((SECONDS - LOAD_T0))
cpu_now
LOAD_CPU=$((CPU_NOW - LOAD_CPU0))

step "checks (verify.sql)"
sql "$HERE/verify.sql" -showResults | grep -- '-->' | sed 's/^--> /   /' | tee "$WORK/verify.txt"
if grep -E "mismatches|sample" "$WORK/verify.txt" | awk '{ if ($NF != 0) bad = 1 } END { exit bad }'; then
  echo "   roll-ups equal the records"
else
  echo "roll-ups and records disagree" >&2; exit 1
fi
done_step

echo "== loaded in $LOAD_SECONDS s wall, $LOAD_CPU s CPU (records, index, roll-ups; the checks not included)"
echo "   database on disk: $(du -h "$WORK/server/data/keygate.mv.db" | cut -f1)"

step "timing over HTTP ($WARMUP warm-up + $REPS measured calls each)"
start_server
python3 "$HERE/timing.py" "$BASE" "$ADMIN_PASSWORD" "$WORK/ids.json" "$NOW" "$WARMUP" "$REPS"
done_step
