#!/bin/sh
# Runs the engine benchmark (not a test): ./eddy-engine/bench.sh [EVENTS] [HEAP]
# BENCH=WatermarkBench runs the on-event / periodic watermark comparison instead;
# BENCH=ExportBench the export against hand-written SQL, q0 q1 q2 q5 q7 q19 and the plain-Java
# loop (a third argument: PAIRS; EXPORT_QUERIES=q0,q2 runs only those; PROFILE=dir writes
# async-profiler flame graphs of each side's first timed run there).
# from the repository root. Builds the module's test classes, then runs
# io.eddy.engine.bench.EngineBench in its own JVM with Flink's JDK openings.
set -e
cd "$(dirname "$0")/.."
EVENTS=${1:-1000000}
HEAP=${2:-512m}
[ $# -ge 2 ] && shift 2 || shift $#
mvn -q -pl eddy-engine -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
OPENS=$(sed -n 's:.*<eddy.jvm.opens>\(.*\)</eddy.jvm.opens>.*:\1:p' pom.xml)
cd eddy-engine
exec java -Xmx"$HEAP" $OPENS -Dlogback.configurationFile=src/test/resources/logback-test.xml \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.eddy.engine.bench."${BENCH:-EngineBench}" "$EVENTS" "$@"
