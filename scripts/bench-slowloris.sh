#!/usr/bin/env bash
# /token latency while 500 slow senders attack (issue 10): each declares a 100,000-byte body and sends a
# byte every 10 s, reconnecting when cut off. wrk loads /token from a second process, first without the
# attack, then during it. Bounded: fixed durations, then everything stops.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
command -v wrk >/dev/null || { echo "bench-slowloris: wrk is missing (Debian package wrk)" >&2; exit 1; }
port=${BENCH_PORT:-18010}
conns=${SLOW_CONNECTIONS:-500}
gap=${SLOW_GAP_SECONDS:-10}
duration=${BENCH_SECONDS:-15}
tmp=$(mktemp -d)
: "${SERVICE_JAVA_OPTS:=-XX:+UseSerialGC -Xms160m -Xmx160m}"
: "${SERVICE_CP:=service/target/service-0.1.0-SNAPSHOT.jar:service/target/lib/*}"
# Another build (SERVICE_CP, SERVICE_CONFIG) can be measured the same way, e.g. the one before the fix.
: "${SERVICE_CONFIG:=config.yml}"
cleanup() {
  [[ -n "${attack:-}" ]] && kill "$attack" 2>/dev/null
  if [[ -n "${svc:-}" ]]; then
    kill "$svc" 2>/dev/null || true
    # Bounded: killed if it has not stopped 30 s after SIGTERM.
    for _ in $(seq 30); do kill -0 "$svc" 2>/dev/null || break; sleep 1; done
    kill -9 "$svc" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# Dev mode (an anonymous caller token, like the tokens bench) with the rate limit lifted: the attack,
# not the limiter, is what is measured. The connector keeps config.yml's 64 threads.
RATE_PER_ADDRESS=1000000 RATE_PER_ADDRESS_BURST=1000000 WT_DEV_MODE=true DATABASE_URL="jdbc:h2:file:$tmp/db" \
  PORT=$port ADMIN_PORT=$((port + 1)) REQUEST_LOG_FILE="$tmp/requests.log" \
  java -Dfile.encoding=UTF-8 $SERVICE_JAVA_OPTS -cp "$SERVICE_CP" \
  dev.warmtransfer.service.WarmTransferApplication server "$SERVICE_CONFIG" > "$tmp/service.log" 2>&1 &
svc=$!
# Any HTTP answer will do (an older build may lack /health); a loaded machine starts a JVM slowly.
up() { [[ "$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" != 000 ]]; }
for _ in $(seq 120); do up && break; kill -0 "$svc" 2>/dev/null || break; sleep 1; done
up || {
  echo "bench-slowloris: the service did not start; the end of its log:" >&2; tail -20 "$tmp/service.log" >&2; exit 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(load)

cat > "$tmp/token.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"identity":"caller-123","room":"support-call-001","role":"caller"}'
LUA
run_wrk() { # seconds output
  timeout $(($1 + 30)) wrk -t1 -c8 -d"$1s" --timeout 5s --latency -s "$tmp/token.lua" "http://127.0.0.1:$port/token" > "$2" || true
}
field() { awk -v k="$1" '$1==k{print $2}' "$2"; }
rps() { awk '/Requests\/sec/{print $2}' "$1"; }
errs() { grep -E 'Non-2xx|Socket errors' "$1" | tr -s ' ' | tr '\n' ' ' || true; }

run_wrk "${BENCH_WARMUP_SECONDS:-15}" /dev/null
run_wrk "$duration" "$tmp/quiet.txt"

java scripts/SlowSenders.java "$port" "$conns" $((duration + 10)) "$gap" > "$tmp/attack.txt" 2> "$tmp/attack.err" &
attack=$!
sleep 5 # every slow connection is open and has stalled
run_wrk "$duration" "$tmp/attacked.txt"
wait "$attack" || true
attack=

printf '\n/token under the slow-sender attack (%s connections, 1 byte every %ss; wrk 1 thread, 8 connections, %ss)\n' \
  "$conns" "$gap" "$duration"
printf 'load average (1/5/15 min) before %s, after %s on %s cores\n' "$load_before" "$(load)" "$(nproc)"
printf '%-26s %-12s %-12s %-10s\n' "" "no attack" "attack" target
printf '%-26s %-12s %-12s %-10s\n' "throughput (req/s)" "$(rps "$tmp/quiet.txt")" "$(rps "$tmp/attacked.txt")" ""
printf '%-26s %-12s %-12s %-10s\n' "latency p50" "$(field 50% "$tmp/quiet.txt")" "$(field 50% "$tmp/attacked.txt")" ""
printf '%-26s %-12s %-12s %-10s\n' "latency p99" "$(field 99% "$tmp/quiet.txt")" "$(field 99% "$tmp/attacked.txt")" "< 50ms"
printf 'attack: %s\n' "$(cat "$tmp/attack.txt")"
for f in quiet attacked; do e=$(errs "$tmp/$f.txt"); [[ -n "$e" ]] && printf 'errors (%s): %s\n' "$f" "$e"; done
exit 0
