#!/usr/bin/env bash
# Starts a single-node Apache Kafka broker (KRaft, broker+controller) on 127.0.0.1 from Maven
# Central jars, in the background, and waits until it answers. Reuses a broker already on the port.
# Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_HEAP (512m), QA_RUN_DIR (<repo>/.run)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
run="${QA_RUN_DIR:-$root/.run}/kafka"
port="${KAFKA_PORT:-9092}"
cport="${KAFKA_CONTROLLER_PORT:-9093}"
heap="${KAFKA_HEAP:-512m}"
libs="$run/libs"
log() { echo "[kafka] $*" >&2; }
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

mkdir -p "$run"
if [ -f "$run/kafka.pid" ] && kill -0 "$(cat "$run/kafka.pid")" 2>/dev/null && answers "$port"; then
  log "broker already running (pid $(cat "$run/kafka.pid")) on 127.0.0.1:$port"
  exit 0
fi
if answers "$port"; then
  log "something already answers on 127.0.0.1:$port; reusing it as the broker"
  exit 0
fi

command -v java >/dev/null || { log "java not found: apt-get install -y openjdk-17-jre-headless"; exit 1; }
if ! ls "$libs"/kafka_2.13-*.jar >/dev/null 2>&1; then
  command -v mvn >/dev/null || { log "mvn not found: apt-get install -y maven"; exit 1; }
  log "fetching broker jars from Maven Central (cached in ~/.m2 after the first time)…"
  mvn -B -q -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs"
fi

cat >"$run/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$run/data
num.partitions=3
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
background.threads=2
log.segment.bytes=67108864
log.retention.hours=168
PROPS

cp="$libs/*"
if [ ! -f "$run/data/meta.properties" ]; then
  [ -f "$run/cluster-id" ] || java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1 >"$run/cluster-id"
  log "formatting storage (cluster $(cat "$run/cluster-id"))"
  java -cp "$cp" -Dlog4j.configuration="file:$here/log4j.properties" kafka.tools.StorageTool format \
    -t "$(cat "$run/cluster-id")" -c "$run/server.properties" --ignore-formatted >/dev/null
fi

start=$(date +%s)
nohup java -Xms256m -Xmx"$heap" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
  -Dlog4j.configuration="file:$here/log4j.properties" -cp "$cp" kafka.Kafka "$run/server.properties" \
  >"$run/kafka.log" 2>&1 &
echo $! >"$run/kafka.pid"
log "starting broker (pid $!, log $run/kafka.log)"

for _ in $(seq 1 180); do
  if ! kill -0 "$(cat "$run/kafka.pid")" 2>/dev/null; then
    log "broker exited during start-up; last log lines:"
    tail -n 40 "$run/kafka.log" >&2
    rm -f "$run/kafka.pid"
    exit 1
  fi
  if grep -q "Kafka Server started" "$run/kafka.log" && answers "$port"; then
    log "ready on 127.0.0.1:$port in $(( $(date +%s) - start )) s"
    exit 0
  fi
  sleep 0.5
done
log "not ready after 90 s; last log lines:"
tail -n 40 "$run/kafka.log" >&2
exit 1
