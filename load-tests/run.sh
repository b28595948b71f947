#!/usr/bin/env bash
# Runs one Gatling load test against a running chat stack on this machine; see load-tests/README.md.
#
#   load-tests/run.sh [sends|delivery|ws-send|history|sockets] [-Dname=value ...]
#   GATEWAY=http://localhost:18080 load-tests/run.sh sends -Dsteps=50,100 -DstepSeconds=10
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GATEWAY="${GATEWAY:-http://localhost:8080}"

usage() {
  sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  echo "scenarios: sends (default), delivery, ws-send, history, sockets; properties in load-tests/README.md"
}

scenario="sends"
if [[ $# -gt 0 && ("$1" == -h || "$1" == --help) ]]; then
  usage
  exit 0
fi
if [[ $# -gt 0 && "$1" != -* ]]; then
  scenario="$1"
  shift
fi
case "$scenario" in
  sends) class=SendsSimulation ;;
  delivery) class=DeliverySimulation ;;
  ws-send) class=WsSendSimulation ;;
  history) class=HistorySimulation ;;
  sockets) class=SocketsSimulation ;;
  -h | --help | help) usage; exit 0 ;;
  *) echo "run.sh: unknown scenario '$scenario'" >&2; usage >&2; exit 2 ;;
esac

[[ "$(uname -s)" == Linux ]] || echo "run.sh: CPU and memory of the stack are read from /proc: Linux only" >&2
command -v mvn >/dev/null 2>&1 || { echo "run.sh: Maven (mvn) is needed" >&2; exit 1; }
if [[ -z "${JAVA_HOME:-}" ]]; then
  # the newest JDK 21+ in /usr/lib/jvm when JAVA_HOME is not set (java on the PATH otherwise)
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    if [[ -x "$candidate/bin/javac" ]] && "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
      export JAVA_HOME="${candidate%/}"
      break
    fi
  done
fi

# ws-send makes no HTTP request: Gatling refuses to chart a run without requests, so it charts nothing.
extra=()
[[ "$scenario" == ws-send ]] && extra+=(-Dgatling.noReports=true)

cd "$ROOT"
# -Pload-tests adds the module to the reactor; formatting is checked by the module's own build, not
# by a run (a tweak to a scenario should not stop it).
exec mvn -B --no-transfer-progress -Pload-tests -pl load-tests \
  -Dspotless.check.skip=true \
  gatling:test \
  -Dgatling.simulationClass="chat.loadtests.$class" \
  -Dgateway="$GATEWAY" \
  ${extra[@]+"${extra[@]}"} \
  "$@"
