# syntax=docker/dockerfile:1
# PolicyMatch: the calicoq-compatible CLI and the operator in one image (`make image`).
# Build: docker build -t policymatch:latest .
# Run the operator in a cluster with deploy/; locally: docker run --rm policymatch:latest version

# Base images are pinned by the digest of their multi-platform index, so a rebuild gets the same bytes
# whatever the tag points to by then. The digests are those docker-library/repo-info recorded for the tags
# (repos/maven/remote/3.9-eclipse-temurin-17.md of 16 Sep 2026 and repos/eclipse-temurin/remote/17-jre.md of
# 9 Sep 2026, both with Temurin 17.0.20+8). To move on: `docker buildx imagetools inspect <image:tag>` prints
# the current index digest; replace it here (or let Dependabot's docker ecosystem propose it).
FROM maven:3.9-eclipse-temurin-17@sha256:42a3ac393abbc64dae6c96703e5ead2e921fe9103371ac58b5b404b0d6a26502 AS build
WORKDIR /src
COPY pom.xml ./
# Dependencies first, in their own layer, so a source change does not download them again.
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q dependency:go-offline
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q -DskipTests package

FROM eclipse-temurin:17-jre@sha256:c6f2875c05ea10f16398bdc5f73405c384991506f2f1ead8bcc6582ae8adea79
RUN groupadd --system --gid 10001 policymatch \
 && useradd --system --uid 10001 --gid policymatch --no-create-home --home-dir /app \
      --shell /usr/sbin/nologin policymatch
WORKDIR /app
# The jar's manifest Class-Path points at lib/ beside it (see pom.xml).
COPY --from=build /src/target/lib/ /app/lib/
COPY --from=build /src/target/policymatch.jar /app/policymatch.jar
# The CycloneDX SBOM of the jar and its libraries (pom.xml), for scanners and audits.
COPY --from=build /src/target/policymatch.cdx.json /app/policymatch.cdx.json
# For `operator --embedded` inside the container: the CRDs to install into the in-process server.
COPY crds/ /app/crds/
USER 10001:10001
EXPOSE 8080
# The JVM's memory bounded to fit the 1 GiB limit of deploy/deployment.yaml, which sets the same (see there).
ENV JAVA_TOOL_OPTIONS="-XX:+UseG1GC -Xmx640m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=32m -Djdk.nio.maxCachedBufferSize=262144 -XX:+ExitOnOutOfMemoryError -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -XX:TieredStopAtLevel=1" \
    MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-jar", "/app/policymatch.jar"]
CMD ["operator"]
