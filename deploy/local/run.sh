#!/usr/bin/env bash
# Starts the whole chat system on this machine without Docker; see deploy/local/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# the project version, written once in the root pom as <revision>
VERSION="$(sed -n 's:.*<revision>\(.*\)</revision>.*:\1:p' "$ROOT/pom.xml")"
[[ -n "$VERSION" ]] || { echo "run.sh: no <revision> in $ROOT/pom.xml" >&2; exit 1; }
LAUNCHER_JAR="$ROOT/deploy/local/target/local-stack-$VERSION.jar"
LIB_DIR="$ROOT/deploy/local/target/lib"
SERVICES=(conversation-service message-service attachment-service realtime-service gateway)

die() {
  echo "run.sh: $*" >&2
  exit 1
}

java_major() {
  # java.specification.version is "21", "25", or "1.8" on old JDKs.
  "$1" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

java_home_of() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.home/ { print $2; exit }'
}

find_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(java_major "$JAVA_HOME/bin/java") >= 21 )); then
    echo "$JAVA_HOME"
    return
  fi
  if command -v java >/dev/null 2>&1 && (( $(java_major java) >= 21 )); then
    java_home_of java
    return
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [[ -x "$candidate" ]] || continue
    major="$(java_major "$candidate")"
    if [[ -n "$major" ]] && (( major >= 21 && major > best_major )); then
      best="$(dirname "$(dirname "$candidate")")"
      best_major="$major"
    fi
  done
  [[ -n "$best" ]] || die "no JDK 21 or newer found: set JAVA_HOME to one (checked \$JAVA_HOME, java on PATH, /usr/lib/jvm)"
  echo "$best"
}

rebuild=false
infra_only=false
keycloak=false
args=()
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    # Neither needs the services' jars, so neither should trigger a full build.
    --infra-only | --help | -h) infra_only=true; args+=("$arg") ;;
    --keycloak) keycloak=true; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done

JAVA_HOME="$(find_jdk)"
export JAVA_HOME

needed=("$LAUNCHER_JAR" "$LIB_DIR")
if [[ "$infra_only" == false ]]; then
  for service in "${SERVICES[@]}"; do
    needed+=("$ROOT/$service/target/$service-$VERSION-exec.jar")
  done
fi
if [[ "$keycloak" == true ]]; then
  # Unpacked from Maven Central's distribution by the deploy/keycloak module's build.
  keycloak_version="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$ROOT/pom.xml")"
  needed+=("$ROOT/deploy/keycloak/target/keycloak-$keycloak_version/bin/kc.sh")
  [[ "$infra_only" == true ]] || needed+=("$ROOT/deploy/keycloak-user-sync/target/keycloak-user-sync-$VERSION-exec.jar")
fi
for path in "${needed[@]}"; do
  [[ -e "$path" ]] || { echo "run.sh: $path is missing: building"; rebuild=true; break; }
done

if [[ "$rebuild" == true ]]; then
  command -v mvn >/dev/null 2>&1 || die "Maven 3.8+ is needed to build (mvn not found on PATH)"
  # -DskipTests also leaves out the checks that need Node.js or docker-compose (contracts,
  # deploy/manifests-check): this build needs nothing but the JDK and Maven.
  echo "run.sh: mvn -B -q install -DskipTests (JAVA_HOME=$JAVA_HOME) ..."
  (cd "$ROOT" && mvn -B -q install -DskipTests) || die "the build failed; fix it and run again"
fi

jvm_flags=(-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
# JDK 23+ warns whenever Guava or Netty touch sun.misc.Unsafe or native code: noise here.
if (( $(java_major "$JAVA_HOME/bin/java") >= 23 )); then
  jvm_flags+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
fi

# exec, so that Ctrl+C and kill -TERM reach the JVM, whose shutdown hook stops every part.
exec "$JAVA_HOME/bin/java" "${jvm_flags[@]}" \
  -Dchat.local.root="$ROOT" \
  -cp "$LAUNCHER_JAR:$LIB_DIR/*" \
  chat.localstack.LocalStack ${args[@]+"${args[@]}"}
