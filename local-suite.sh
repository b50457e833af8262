#!/usr/bin/env bash
# Starts the whole Newsroom suite on this machine: a real Kafka broker, a MongoDB-wire store and
# every service, each in its own JVM. Builds whatever is missing or older than its sources first.
# Options are the launcher's: --fresh, --no-seed, --verbose, --no-cds, --observe, --data-dir DIR,
# --start-timeout SECONDS, --help (./local-suite.sh --help lists them all).
set -euo pipefail
cd "$(dirname "$0")"

launcher=local-suite/target/local-suite.jar
needs_build=false
if [ ! -f "$launcher" ]; then
  needs_build=true
else
  # Any source or build file newer than the launcher means some jar may be stale.
  newer=$(find . -path ./.newsroom -prune -o -path '*/target' -prune -o -path ./.git -prune -o \
    \( -name '*.java' -o -name '*.yml' -o -name '*.yaml' -o -name '*.xml' -o -name '*.properties' \
       -o -path '*/src/main/resources/*' \) -newer "$launcher" -print -quit)
  [ -n "$newer" ] && needs_build=true
fi
if [ "$needs_build" = true ]; then
  echo "Building Newsroom (./mvnw -DskipTests package)..."
  ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
fi

exec java -jar "$launcher" "$@"
