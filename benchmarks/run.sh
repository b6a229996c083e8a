#!/usr/bin/env bash
# Runs every benchmark on a fresh machine and prints the summary that docs/PERFORMANCE.md quotes: installs dynalite
# from the committed lockfile, builds the benchmarks jar and the modules it needs with Maven, runs JMH (in-memory
# adapter; DynamoDB adapter against the raw SDK on dynalite) and the heap measurement. About 16 minutes on 2 cores.
# Needs Java 17+, Maven 3.8+, Node.js 20+.
#
#   benchmarks/run.sh           the full run
#   benchmarks/run.sh --quick   a trial of the whole run with 1 s iterations, about 3 minutes; figures not to quote
#   benchmarks/run.sh --feed    the feed's benchmarks alone: its read against the raw SDK (dynalite) and the latency
#                               from append to catch-up subscriber (moto: needs Python 3 with moto[server])
set -euo pipefail
cd "$(dirname "$0")/.."

properties=()
case "${1:-}" in
    "") ;;
    --quick) properties+=("-Dbench.quick=true") ;;
    --feed) properties+=("-Dbench.only=feed") ;;
    *) echo "usage: $0 [--quick | --feed]" >&2; exit 2 ;;
esac

npm ci --prefix benchmarks --no-audit --no-fund
mvn -B -q -pl benchmarks -am package -DskipTests

log=benchmarks/target/benchmark-run.log
{
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "# nproc: $(nproc)"
    free -h
    java -version 2>&1
    echo "# load average at start: $(cat /proc/loadavg)"
} | tee "$log"
java -Daws.disableEc2Metadata=true "${properties[@]}" \
    -Dbench.summary=benchmarks/target/benchmark-summary.md \
    -jar benchmarks/target/eventstream-benchmarks.jar 2>&1 | tee -a "$log"
echo "# load average at end: $(cat /proc/loadavg)" | tee -a "$log"
echo "# full output: $log"
