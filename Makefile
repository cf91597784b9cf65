# PolicyMatch. `make run` and `make test` are the two commands for a fresh machine (see README.md).
MVN ?= mvn
MVN_FLAGS ?= -B -ntp
JAR := target/policymatch.jar

.PHONY: test build run run-once bench clean

test:
	$(MVN) $(MVN_FLAGS) verify

build: $(JAR)

$(JAR): pom.xml $(shell find src/main -type f 2>/dev/null)
	$(MVN) $(MVN_FLAGS) -q -DskipTests package

# The operator on an in-memory API server loaded with examples/cluster: prints the reports and the
# kubectl line to see them, then keeps running (Ctrl-C stops it). run-once exits once they are written.
run: build
	bin/calicoq operator --embedded

run-once: build
	bin/calicoq operator --embedded --once

bench:
	$(MVN) $(MVN_FLAGS) -q -DskipTests test-compile dependency:build-classpath \
	    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
	java -cp target/test-classes:target/classes:$$(cat target/bench-classpath.txt) \
	    org.openjdk.jmh.Main $(BENCH_ARGS)

clean:
	$(MVN) $(MVN_FLAGS) -q clean
