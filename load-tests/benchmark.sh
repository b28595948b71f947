#!/usr/bin/env bash
# The whole benchmark of docs/benchmarks.md against one running stack, in a fixed order, bounded
# (about 12 minutes): a warm-up, then every scenario. The summaries are gathered into
# load-tests/target/benchmark.md with the machine and the commit.
#
#   GATEWAY=http://localhost:8080 load-tests/benchmark.sh [label]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$ROOT/load-tests/run.sh"
OUT="$ROOT/load-tests/target/benchmark.md"
label="${1:-$(git -C "$ROOT" rev-parse --short HEAD)}"
# Rates of each scenario; a list of steps each, run one after another.
SEND_STEPS="${SEND_STEPS:-50,100,200,300,400}"
DELIVERY_RATE="${DELIVERY_RATE:-200}"
HISTORY_STEPS="${HISTORY_STEPS:-200,500,1000}"

mkdir -p "$(dirname "$OUT")"
{
  echo "# Benchmark: $label"
  echo
  echo "- machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
  echo "- commit of the load test: $(git -C "$ROOT" rev-parse --short HEAD); JDK: $("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | head -1)"
  echo "- started: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
} > "$OUT"

step() {
  local scenario="$1" summary="$2"
  shift 2
  echo "benchmark.sh: $scenario $*" >&2
  if "$RUN" "$scenario" "$@" > "$ROOT/load-tests/target/benchmark-$scenario.log" 2>&1; then
    cat "$ROOT/load-tests/target/$summary" >> "$OUT"
  else
    echo "**$scenario $* failed**: see load-tests/target/benchmark-$scenario.log" >> "$OUT"
  fi
  echo >> "$OUT"
}

# Both JIT tiers compile the hot paths in the first minute; figures are of a warm stack (each
# warm-up's summary is kept too: it is what a cold stack does).
step sends summary-sends.md -Dsteps=100 -DstepSeconds=60
step history summary-history.md -Dsteps=100 -DstepSeconds=30
step sends summary-sends.md -Dsteps="$SEND_STEPS" -DstepSeconds=20
step delivery summary-delivery.md -Dsteps="$DELIVERY_RATE" -DstepSeconds=30
step ws-send summary-ws-send.md -Dsteps="$DELIVERY_RATE" -DstepSeconds=30
step history summary-history.md -Dsteps="$HISTORY_STEPS" -DstepSeconds=20
step history summary-history-direct.md -Dsteps="$HISTORY_STEPS" -DstepSeconds=20 -Dtarget=direct
step sockets summary-sockets.md -Dsockets=2000 -DconnectRate=1000
echo "benchmark.sh: $OUT" >&2
