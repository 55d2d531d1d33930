#!/usr/bin/env bash
# /token under load from a second process (wrk), against the real service on loopback.
# Prints throughput, p50/p99 latency and the service's RSS, open (dev) and with an API key side by side.
# Bounded: fixed durations, then everything stops.
#
# On a shared machine absolute figures drift with the others' load, so the load average is printed,
# and each figure is the median of BENCH_ROUNDS short rounds taken in turn (open, key, open, key...).
# BASELINE_CP (and BASELINE_CONFIG) adds another build, e.g. an older commit's, measured in the same
# rounds, with this build's throughput as a ratio of it: that ratio holds when the load does not.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
command -v wrk >/dev/null || { echo "bench-tokens: wrk is missing (Debian package wrk)" >&2; exit 1; }
port=${BENCH_PORT:-18000}
rounds=${BENCH_ROUNDS:-3}
round_seconds=${BENCH_SECONDS:-5}
tmp=$(mktemp -d)
: "${SERVICE_JAVA_OPTS:=-XX:+UseSerialGC -Xms160m -Xmx160m}"
# Another build (SERVICE_CP, SERVICE_CONFIG) can be measured the same way, e.g. the one before a change.
: "${SERVICE_CP:=service/target/service-0.1.0-SNAPSHOT.jar:service/target/lib/*}"
: "${SERVICE_CONFIG:=config.yml}"
# One wrk thread: on two cores a second load thread takes the CPU the service needs.
conns=${BENCH_CONNECTIONS:-8}
pids=()
# Bounded: a service that has not stopped 30 s after SIGTERM is killed (a loaded JVM once hung there).
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for _ in $(seq 30); do
    alive=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 1
  done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The token path never calls LiveKit, so no LiveKit process is needed for this bench.
# Dev mode with a key: one process serves both figures, the open one (an anonymous caller token,
# the seed's demo join form) and the authenticated one (the same request with an API key).
bench_key="wtk_bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')"
start_service() { # name classpath config port
  mkdir -p "$tmp/$1"
  # The per-address and per-key rate limits are lifted: this measures minting.
  RATE_PER_ADDRESS=1000000 RATE_PER_ADDRESS_BURST=1000000 RATE_PER_KEY=1000000 RATE_PER_KEY_BURST=1000000 \
  WT_DEV_MODE=true WT_API_KEY="$bench_key" DATABASE_URL="jdbc:h2:file:$tmp/$1/db" \
  PORT=$4 ADMIN_PORT=$(($4 + 1)) REQUEST_LOG_FILE="$tmp/$1/requests.log" java -Dfile.encoding=UTF-8 $SERVICE_JAVA_OPTS \
    -cp "$2" dev.warmtransfer.service.WarmTransferApplication server "$3" > "$tmp/$1/service.log" 2>&1 &
  pids+=($!)
  echo $! > "$tmp/$1/pid"
}
await_service() { # name port
  # Any HTTP answer will do (an older build may lack /health); a loaded machine starts a JVM slowly.
  for _ in $(seq 120); do
    [[ "$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/")" != 000 ]] && return 0
    kill -0 "$(cat "$tmp/$1/pid")" 2>/dev/null || break
    sleep 1
  done
  echo "bench-tokens: the $1 service did not start; the end of its log:" >&2
  tail -20 "$tmp/$1/service.log" >&2
  exit 1
}
start_service current "$SERVICE_CP" "$SERVICE_CONFIG" "$port"
if [[ -n "${BASELINE_CP:-}" ]]; then
  start_service baseline "$BASELINE_CP" "${BASELINE_CONFIG:-$SERVICE_CONFIG}" $((port + 10))
  await_service baseline $((port + 10))
fi
await_service current "$port"

cat > "$tmp/token.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"identity":"caller-123","room":"support-call-001","role":"caller"}'
LUA
# The authenticated run: the same request with the key (a SHA-256 and a map lookup per request).
{ cat "$tmp/token.lua"; printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$bench_key"; } > "$tmp/token-key.lua"
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(load)
run_wrk() { # seconds script port output
  timeout $(($1 + 30)) wrk -t1 -c"$conns" -d"$1s" --timeout 5s --latency -s "$2" "http://127.0.0.1:$3/token" > "$4" || true
}
# Warm-up: C2 keeps compiling Jersey's paths for ~15 s; measuring earlier halves the numbers.
warmup=${BENCH_WARMUP_SECONDS:-20}
run_wrk "$warmup" "$tmp/token-key.lua" "$port" /dev/null
[[ -n "${BASELINE_CP:-}" ]] && run_wrk "$warmup" "$tmp/token.lua" $((port + 10)) /dev/null

modes=(open key)
[[ -n "${BASELINE_CP:-}" ]] && modes+=(baseline)
for r in $(seq "$rounds"); do
  for m in "${modes[@]}"; do
    case $m in
      open) run_wrk "$round_seconds" "$tmp/token.lua" "$port" "$tmp/$m.$r.txt" ;;
      key) run_wrk "$round_seconds" "$tmp/token-key.lua" "$port" "$tmp/$m.$r.txt" ;;
      baseline) run_wrk "$round_seconds" "$tmp/token.lua" $((port + 10)) "$tmp/$m.$r.txt" ;;
    esac
  done
done
load_after=$(load)

# wrk prints latencies with units (812.00us, 3.41ms, 1.02s): in ms, then the median of the rounds.
ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f\n", v}'; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print a[int((NR + 1) / 2)]}'; }
figure() { # mode what
  for f in "$tmp/$1".*.txt; do
    case $2 in
      rps) awk '/Requests\/sec/{printf "%.0f\n", $2}' "$f" ;;
      *) awk -v k="$2" '$1==k{print $2}' "$f" | ms ;;
    esac
  done | median
}
rss_of() { awk -v k="$2" '$1==k":"{print int($2 / 1024)}' "/proc/$(cat "$tmp/$1/pid")/status"; }
errors=$(grep -hE 'Non-2xx|Socket errors' "$tmp"/*.txt | sort | uniq -c | tr -s ' ' | tr '\n' ';' || true)

printf '\n/token load (wrk, 1 thread, %s connections; median of %s rounds of %ss after a %ss warm-up; service %s)\n' \
  "$conns" "$rounds" "$round_seconds" "$warmup" "$SERVICE_JAVA_OPTS"
printf 'load average (1/5/15 min) before %s, after %s on %s cores\n' "$load_before" "$load_after" "$(nproc)"
header="$(printf '%-22s %-12s %-12s' metric "open (dev)" "API key")"
[[ -n "${BASELINE_CP:-}" ]] && header+="$(printf ' %-12s' "baseline")"
printf '%s %s\n' "$header" target
row() { # label what target
  local line
  line="$(printf '%-22s %-12s %-12s' "$1" "$(figure open "$2")" "$(figure key "$2")")"
  [[ -n "${BASELINE_CP:-}" ]] && line+="$(printf ' %-12s' "$(figure baseline "$2")")"
  printf '%s %s\n' "$line" "$3"
}
row "throughput (req/s)" rps ">= 8000"
row "latency p50 (ms)" 50% ""
row "latency p99 (ms)" 99% "< 10"
if [[ -n "${BASELINE_CP:-}" ]]; then
  base=$(figure baseline rps)
  printf '%-22s %-12s %-12s %-12s\n' "vs baseline" \
    "$(awk -v a="$(figure open rps)" -v b="$base" 'BEGIN{printf "%.2fx", (b > 0 ? a / b : 0)}')" \
    "$(awk -v a="$(figure key rps)" -v b="$base" 'BEGIN{printf "%.2fx", (b > 0 ? a / b : 0)}')" "1.00x"
  printf '%-22s %-25s %-12s %s\n' "service RSS (MB)" "$(rss_of current VmRSS)" "$(rss_of baseline VmRSS)" "< 300"
else
  printf '%-22s %-25s %s\n' "service RSS (MB)" "$(rss_of current VmRSS)" "< 300"
fi
# Resident = private memory + mapped files (the JDK's module image, jars), which the kernel can share and drop.
printf '%-22s %-25s\n' "  private / files (MB)" "$(rss_of current RssAnon) / $(rss_of current RssFile)"
[[ -n "$errors" ]] && printf 'errors: %s\n' "$errors"
exit 0
