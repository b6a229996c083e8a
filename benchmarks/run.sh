#!/usr/bin/env bash
# Runs every benchmark on a fresh machine and prints the summary that docs/PERFORMANCE.md quotes: installs dynalite
# from the committed lockfile, builds the benchmarks jar and the modules it needs with Maven, runs JMH (in-memory
# adapter, typed reads and upcasting; DynamoDB adapter against the raw SDK on dynalite) and the heap measurement.
# About 19 minutes on 2 cores.
# Needs Java 17+, Maven 3.8+, Node.js 20+.
#
#   benchmarks/run.sh           the full run
#   benchmarks/run.sh --quick   a trial of the whole run with 1 s iterations, about 3 minutes; figures not to quote
#   benchmarks/run.sh --feed    the feed's benchmarks alone: its read against the raw SDK (dynalite) and the latency
#                               from append to catch-up subscriber (moto: needs Python 3 with moto[server])
#   benchmarks/run.sh --append  the JMH append comparisons alone (addEvent against hand-written appends, 1 and 2
#                               threads, dynalite), about 5 minutes
#   benchmarks/run.sh --upcast  typed reads and upcasting alone, in memory (UpcastBenchmarks: EventTypes.read and
#                               event() per event, one step, three steps, a rename, current revision;
#                               TypedReadBenchmarks: getEvents() with types against without, paired), about 3 minutes
#   benchmarks/run.sh --append-probe
#                               addEvent against hand-written appends without JMH (AppendProbe): chunks of 100
#                               appends a side in turn, a 200-byte Map payload, the median ratio of 15 rounds after 10
#                               warm-up rounds; about 2 minutes. -Dbench.probeRounds, -Dbench.probeWarmupRounds and
#                               -Dbench.probeChunks in JAVA_OPTS change its length
#   benchmarks/run.sh --cold-start
#                               fresh JVMs from start to their first committed append, the library (DynamoDB + SNS,
#                               createTable=false) against one bare SDK PutItem, in turn, on one moto server it starts
#                               (Python 3 with moto[server]); the median a side, the ratio and the requests each sent
#                               before its append. About a minute. -Dbench.coldStartRuns (default 7) and
#                               -Dbench.coldStartJvmOptions (options of the timed JVMs) in JAVA_OPTS
#   benchmarks/run.sh --telemetry
#                               what telemetry costs an append, in memory (TelemetryProbe): addEvent without telemetry
#                               against Micrometer meters, and meters with OpenTelemetry spans, chunks of 1,000 a side
#                               in turn; the median ratio of 15 rounds after 10 warm-up rounds, about a minute
set -euo pipefail
cd "$(dirname "$0")/.."

properties=()
main=()
case "${1:-}" in
    "") ;;
    --quick) properties+=("-Dbench.quick=true") ;;
    --feed) properties+=("-Dbench.only=feed") ;;
    --append) properties+=("-Dbench.only=append") ;;
    --upcast) properties+=("-Dbench.only=upcast") ;;
    --append-probe) main=(dev.eventstream.benchmarks.AppendProbe) ;;
    --cold-start) main=(dev.eventstream.benchmarks.ColdStart) ;;
    --telemetry) main=(dev.eventstream.benchmarks.TelemetryProbe) ;;
    *) echo "usage: $0 [--quick | --feed | --append | --upcast | --append-probe | --cold-start | --telemetry]" >&2
       exit 2 ;;
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
if [ ${#main[@]} -gt 0 ]; then
    # shellcheck disable=SC2086 # JAVA_OPTS holds several options
    java -Daws.disableEc2Metadata=true ${JAVA_OPTS:-} -cp benchmarks/target/eventstream-benchmarks.jar "${main[@]}" \
        2>&1 | tee -a "$log"
else
    java -Daws.disableEc2Metadata=true "${properties[@]}" \
        -Dbench.summary=benchmarks/target/benchmark-summary.md \
        -jar benchmarks/target/eventstream-benchmarks.jar 2>&1 | tee -a "$log"
fi
echo "# load average at end: $(cat /proc/loadavg)" | tee -a "$log"
echo "# full output: $log"
