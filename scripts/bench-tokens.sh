#!/usr/bin/env bash
# /token under load from a second process (wrk), against the real service on loopback.
# Prints throughput, p50/p99 latency and the service's RSS. Bounded: fixed duration, then stops.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
command -v wrk >/dev/null || { echo "bench-tokens: wrk is missing (Debian package wrk)" >&2; exit 1; }
port=${BENCH_PORT:-18000}
duration=${BENCH_SECONDS:-15}
tmp=$(mktemp -d)
: "${SERVICE_JAVA_OPTS:=-XX:+UseSerialGC -Xms160m -Xmx160m}"
# One wrk thread: on two cores a second load thread takes the CPU the service needs.
conns=${BENCH_CONNECTIONS:-8}
cleanup() { [[ -n "${svc:-}" ]] && kill "$svc" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

# The token path never calls LiveKit, so no LiveKit process is needed for this bench.
# Dev mode: the open figure, an anonymous caller token (the seed's demo join form).
WT_DEV_MODE=true PORT=$port ADMIN_PORT=$((port + 1)) REQUEST_LOG_FILE="$tmp/requests.log" java -Dfile.encoding=UTF-8 $SERVICE_JAVA_OPTS \
  -cp "service/target/service-0.1.0-SNAPSHOT.jar:service/target/lib/*" \
  dev.warmtransfer.service.WarmTransferApplication server config.yml > "$tmp/service.log" 2>&1 &
svc=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/openapi.json" && break; sleep 0.2; done

cat > "$tmp/token.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"identity":"caller-123","room":"support-call-001","role":"caller"}'
--[[ per-request identities cost wrk more CPU than the service:
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/token", nil, '{"identity":"caller-' .. n .. '","room":"support-call-001","role":"caller"}')
end
]]
LUA
# Warm-up: C2 keeps compiling Jersey's paths for ~15 s; measuring earlier halves the numbers.
wrk -t1 -c"$conns" -d"${BENCH_WARMUP_SECONDS:-20}s" -s "$tmp/token.lua" "http://127.0.0.1:$port/token" > /dev/null
wrk -t1 -c"$conns" -d"${duration}s" --latency -s "$tmp/token.lua" "http://127.0.0.1:$port/token" > "$tmp/wrk.txt"
rss_kb=$(awk '/VmRSS/{print $2}' "/proc/$svc/status")
# Resident = private memory + mapped files (the JDK's module image, jars), which the kernel can share and drop.
anon_kb=$(awk '/RssAnon/{print $2}' "/proc/$svc/status")
file_kb=$(awk '/RssFile/{print $2}' "/proc/$svc/status")
rps=$(awk '/Requests\/sec/{print $2}' "$tmp/wrk.txt")
p50=$(awk '$1=="50%"{print $2}' "$tmp/wrk.txt")
p99=$(awk '$1=="99%"{print $2}' "$tmp/wrk.txt")
errors=$(grep -E 'Non-2xx|Socket errors' "$tmp/wrk.txt" | tr '\n' ' ' || true)

printf '\n/token load (wrk, 1 thread, %s connections, %ss, service %s)\n' "$conns" "$duration" "$SERVICE_JAVA_OPTS"
printf '%-22s %-14s %-10s\n' metric value target
printf '%-22s %-14s %-10s\n' "throughput (req/s)" "$rps" ">= 8000"
printf '%-22s %-14s %-10s\n' "latency p50" "$p50" ""
printf '%-22s %-14s %-10s\n' "latency p99" "$p99" "< 10ms"
printf '%-22s %-14s %-10s\n' "service RSS (MB)" "$((rss_kb / 1024))" "< 300"
printf '%-22s %-14s %-10s\n' "  private / files (MB)" "$((anon_kb / 1024)) / $((file_kb / 1024))" ""
[[ -n "$errors" ]] && printf 'errors: %s\n' "$errors"
exit 0
