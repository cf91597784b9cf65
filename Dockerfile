# syntax=docker/dockerfile:1
# PolicyMatch: the calicoq-compatible CLI and the operator in one image (`make image`).
# Build: docker build -t policymatch:latest .
# Run the operator in a cluster with deploy/; locally: docker run --rm policymatch:latest version

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
# Dependencies first, in their own layer, so a source change does not download them again.
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q dependency:go-offline
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 policymatch \
 && useradd --system --uid 10001 --gid policymatch --no-create-home --home-dir /app \
      --shell /usr/sbin/nologin policymatch
WORKDIR /app
# The jar's manifest Class-Path points at lib/ beside it (see pom.xml).
COPY --from=build /src/target/lib/ /app/lib/
COPY --from=build /src/target/policymatch.jar /app/policymatch.jar
# For `operator --embedded` inside the container: the CRDs to install into the in-process server.
COPY crds/ /app/crds/
USER 10001:10001
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/policymatch.jar"]
CMD ["operator"]
