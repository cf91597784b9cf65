# PolicyMatch. `make run` and `make test` are the two commands for a fresh machine (see README.md).
MVN ?= mvn
MVN_FLAGS ?= -B -ntp
JAR := target/policymatch.jar

.PHONY: test build run bench clean

test:
	$(MVN) $(MVN_FLAGS) verify

build: $(JAR)

$(JAR): pom.xml $(shell find src/main -type f 2>/dev/null)
	$(MVN) $(MVN_FLAGS) -q -DskipTests package

run: build
	bin/calicoq version
	bin/calicoq validate -f examples/

bench:
	$(MVN) $(MVN_FLAGS) -q -DskipTests test-compile dependency:build-classpath \
	    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
	java -cp target/test-classes:target/classes:$$(cat target/bench-classpath.txt) \
	    org.openjdk.jmh.Main $(BENCH_ARGS)

clean:
	$(MVN) $(MVN_FLAGS) -q clean
