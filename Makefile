# PolicyMatch. `make run` and `make test` are the two commands for a fresh machine (see README.md).
MVN ?= mvn
MVN_FLAGS ?= -B -ntp
JAR := target/policymatch.jar

.PHONY: test build run run-once bench bench-classpath bench-jmh bench-report bench-report-size bench-diff bench-cli bench-scale clean

test:
	$(MVN) $(MVN_FLAGS) verify

# The jar, its libraries in target/lib, and its CycloneDX SBOM target/policymatch.cdx.json.
build: $(JAR)

$(JAR): pom.xml $(shell find src/main -type f 2>/dev/null)
	$(MVN) $(MVN_FLAGS) -q -DskipTests package

# The operator on an in-memory API server loaded with examples/cluster: prints the reports and the
# kubectl line to see them, then keeps running (Ctrl-C stops it). run-once exits once they are written.
run: build
	bin/calicoq operator --embedded

run-once: build
	bin/calicoq operator --embedded --once

# `make bench` runs every JMH benchmark, then the table drivers that also measure heap and compare
# against the naive baseline. `make bench-jmh BENCH_ARGS="SelectorBenchmark"` runs a subset.
JMH_ARGS ?= -f 1 -wi 3 -i 5 -w 1s -r 1s
BENCH_CP = target/test-classes:target/classes:$$(cat target/bench-classpath.txt)

bench: bench-jmh bench-report bench-report-size bench-diff bench-cli bench-scale

bench-classpath:
	$(MVN) $(MVN_FLAGS) -q -DskipTests package dependency:build-classpath \
	    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

bench-jmh: bench-classpath
	java -cp $(BENCH_CP) org.openjdk.jmh.Main $(JMH_ARGS) $(BENCH_ARGS)

bench-report: bench-classpath
	java -Xmx2g -cp $(BENCH_CP) dev.policymatch.bench.MatchBenchmarkReport

# Bytes per PolicyMatchReport as the operator sends it (issue 15): every endpoint of the match benchmark's
# estate and of examples/cluster, and where the status's bytes go, field by field.
bench-report-size: bench-classpath
	java -Xmx2g -cp $(BENCH_CP) dev.policymatch.bench.ReportSizeReport

# calicoq diff's engine on the match benchmark's estate: incremental head beside a second full build.
bench-diff: bench-classpath
	java -Xmx3g -cp $(BENCH_CP) dev.policymatch.bench.DiffBenchmarkReport

# calicoq's own scale test: `calicoq endpoint eth0 -f <dir>` with 1,000 / 5,000 / 10,000 policies,
# each a new JVM, beside a naive twin.
bench-cli: bench-classpath
	java -cp $(BENCH_CP) dev.policymatch.bench.CalicoqScaleBenchmark

# The operator at scale on the embedded API server (issues 7, 15): mixed estates (10 % HostEndpoints, 90 % pods in
# namespaces, Calico and Kubernetes policies); cold start, restart, report bytes (the etcd footprint), label and
# policy changes, heap and resident memory (RSS), and docs/scale-convergence.png. Quick by default (2,000 and 10,000
# endpoints, ~5 min); FULL=1 runs 10k, 25k, 50k and 100k (long: for a quiet machine) with a larger driver heap and
# the operator's heap at issue 15's 1 GiB. The operator runs in a JVM of its own with the JVM flags of
# deploy/deployment.yaml (--operator-heap tries another heap; the shipped 640 MiB holds 50,000 endpoints);
# SCALE_JAVA_OPTS sizes the driver's JVM, which holds the API server's store.
# `make bench-scale SCALE_ARGS="--sizes 2000 --changes 20"` for a quick look; SCALE_ARGS="--full --load-only" loads
# the estates and reports the driver's heap without starting the operator; add
# SCALE_JAVA_OPTS="-Xmx2g -Dscale.operatorJvmOptions=-XX:NativeMemoryTracking=summary" for the operator's
# native memory by kind in target/scale/nmt-*.txt.
FULL ?=
SCALE_ARGS ?=
ifeq ($(FULL),1)
SCALE_JAVA_OPTS ?= -Xmx8g
SCALE_SIZE_ARGS = --full --operator-heap 1g
else
SCALE_JAVA_OPTS ?= -Xmx2g
SCALE_SIZE_ARGS =
endif
bench-scale: bench-classpath
	java $(SCALE_JAVA_OPTS) -cp $(BENCH_CP) dev.policymatch.scale.OperatorScaleDriver $(SCALE_SIZE_ARGS) $(SCALE_ARGS)

clean:
	$(MVN) $(MVN_FLAGS) -q clean
