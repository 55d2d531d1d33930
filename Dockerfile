# The Warm Transfer service. Build the jars first (./warm-transfer up or mvn package -DskipTests);
# this image only packages them, so it builds without network access to Maven.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpulse0 espeak-ng pocketsphinx pocketsphinx-en-us curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY service/target/service-0.1.0-SNAPSHOT.jar service/target/lib/ /app/lib/
COPY config.yml /app/config.yml
ENV REQUEST_LOG_FILE=/tmp/requests.log
EXPOSE 8000 8001
HEALTHCHECK CMD curl -fs http://127.0.0.1:8000/health || exit 1
ENTRYPOINT ["java", "-Dfile.encoding=UTF-8", "-XX:+UseSerialGC", "-Xmx256m", "-cp", "/app/lib/*", \
            "dev.warmtransfer.service.WarmTransferApplication", "server", "/app/config.yml"]
