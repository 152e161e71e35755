#!/usr/bin/env bash
# Starts a single-node Apache Kafka broker (KRaft, broker+controller) on 127.0.0.1 from Maven
# Central jars, in the background, and waits until it answers. Idempotent: reuses a broker that
# already answers on the port. Data survives down.sh/up.sh (topics, committed offsets).
# Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_HEAP (512m), QA_RUN_DIR (<repo>/.run),
#      KAFKA_START_TIMEOUT (90, seconds)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
run="${QA_RUN_DIR:-$root/.run}/kafka"
port="${KAFKA_PORT:-9092}"
cport="${KAFKA_CONTROLLER_PORT:-9093}"
heap="${KAFKA_HEAP:-512m}"
timeout_s="${KAFKA_START_TIMEOUT:-90}"
libs="$run/libs"
pidfile="$run/kafka.pid"
logfile="$run/kafka.log"
log() { echo "[kafka] $*" >&2; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs_since() { local d=$(( $(now_ms) - $1 )); printf '%d.%d' $(( d / 1000 )) $(( d % 1000 / 100 )); }
t0=$(now_ms)

# A TCP connect to 127.0.0.1:$1 succeeds.
answers() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
# 127.0.0.1:$1 answers a Kafka ApiVersions v0 request (api key 18, correlation id 0x51415041)
# with that correlation id and error code 0, i.e. it is a Kafka broker that serves requests.
is_kafka() {
  local head
  head="$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 || exit 1
    printf '\x00\x00\x00\x0a\x00\x12\x00\x00\x51\x41\x50\x41\xff\xff' >&3
    head -c 10 <&3 | od -An -tx1" 2>/dev/null | tr -d ' \n')" || return 1
  [ "${head:8:12}" = "514150410000" ]
}
# $1 is alive and is a kafka.Kafka JVM (guards against a pid reused by another process).
is_our_broker() {
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $run/server.properties"
}

mkdir -p "$run"
# Serialise concurrent up.sh/down.sh calls on this run directory (e.g. parallel test set-ups).
exec 9>"$run/.lock"
flock -w $(( timeout_s + 60 )) 9 || { log "another up.sh/down.sh holds $run/.lock; giving up"; exit 1; }

if is_kafka "$port"; then
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if is_our_broker "$pid"; then log "broker already running on 127.0.0.1:$port (pid $pid); reusing it"
  else log "a Kafka broker already answers on 127.0.0.1:$port (not started by this script); reusing it"; fi
  exit 0
fi
if answers "$port"; then
  log "127.0.0.1:$port is taken by something that is not a Kafka broker; free it or set KAFKA_PORT"
  exit 1
fi

wait_ready() { # $1 = pid, $2 = start time
  local pid="$1" started="$2" next_note=$(( $2 + 15000 ))
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "broker exited during start-up; last log lines ($logfile):"
      tail -n 40 "$logfile" >&2 || true
      rm -f "$pidfile"
      return 1
    fi
    if grep -q "Kafka Server started" "$logfile" 2>/dev/null && answers "$port" && is_kafka "$port"; then
      log "ready on 127.0.0.1:$port in $(secs_since "$started") s (pid $pid)"
      return 0
    fi
    if [ "$(now_ms)" -ge $(( started + timeout_s * 1000 )) ]; then
      log "not ready after $timeout_s s (pid $pid still running); last log lines ($logfile):"
      tail -n 40 "$logfile" >&2 || true
      return 1
    fi
    if [ "$(now_ms)" -ge "$next_note" ]; then
      log "still starting ($(secs_since "$started") s)…"; next_note=$(( next_note + 15000 ))
    fi
    sleep 0.25
  done
}

# Our broker is alive but does not answer yet (still starting, e.g. a previous up.sh was killed
# while waiting): wait for it rather than start a second one that would fail on the data-dir lock.
pid="$(cat "$pidfile" 2>/dev/null || true)"
if is_our_broker "$pid"; then
  log "broker (pid $pid) is running but not answering yet; waiting for it"
  wait_ready "$pid" "$t0"
  exit $?
fi
rm -f "$pidfile"

command -v java >/dev/null || { log "java not found: apt-get install -y openjdk-17-jre-headless"; exit 1; }

# Jars: fetched once per pom.xml content (the stamp holds its checksum), into a fresh directory that
# replaces libs/ only when complete, so a failed or interrupted fetch never leaves a half classpath.
pom_sum="$(sha256sum "$here/pom.xml" | cut -d' ' -f1)"
if [ "$(cat "$libs/.pom.sha256" 2>/dev/null || true)" != "$pom_sum" ]; then
  command -v mvn >/dev/null || { log "mvn not found: apt-get install -y maven"; exit 1; }
  log "fetching broker jars from Maven Central… (cached in ~/.m2 after the first time)"
  tf=$(now_ms)
  rm -rf "$libs.new" && mkdir -p "$libs.new"
  if ! mvn -B -q -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$libs.new" >"$run/mvn.log" 2>&1; then
    log "jar fetch failed; mvn output ($run/mvn.log):"
    tail -n 40 "$run/mvn.log" >&2
    rm -rf "$libs.new"
    exit 1
  fi
  echo "$pom_sum" >"$libs.new/.pom.sha256"
  rm -rf "$libs.old"; [ ! -d "$libs" ] || mv "$libs" "$libs.old"
  mv "$libs.new" "$libs"; rm -rf "$libs.old"
  log "fetched $(ls "$libs"/*.jar | wc -l) jars ($(du -sh "$libs" | cut -f1)) in $(secs_since "$tf") s"
fi
cp="$libs/*"

# Rewritten on every start so env overrides take effect; the data dir is kept.
cat >"$run/server.properties" <<PROPS
# Written by deploy/kafka/up.sh on each start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$run/data
# Single node: every replication factor and ISR is 1.
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
delete.topic.enable=true
# Sized for a 2-core dev/CI machine.
num.network.threads=2
num.io.threads=2
num.replica.fetchers=1
num.recovery.threads.per.data.dir=1
background.threads=2
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=16777216
log.segment.bytes=16777216
log.retention.hours=168
# Record sizes: the topics that carry calls set their own max.message.bytes (5 MiB + 64 KiB, their
# dead letters 64 KiB more; libs/contracts/src/record-limits.ts), the rest keep the 1 MiB default.
# A follower fetching from a leader must be able to take the largest of them.
replica.fetch.max.bytes=5373952
# Broker and controller share one process, so a short session is safe; it bounds how long a restart
# after a SIGKILL waits for the controller to expire the dead broker's registration (default 9 s).
broker.heartbeat.interval.ms=1000
broker.session.timeout.ms=4000
PROPS

# Storage: formatted once; the cluster id is generated once and kept next to the data.
if [ ! -f "$run/data/meta.properties" ]; then
  if [ ! -s "$run/cluster-id" ]; then
    id="$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    [[ "$id" =~ ^[A-Za-z0-9_-]{22}$ ]] || { log "could not generate a cluster id (got '$id')"; exit 1; }
    echo "$id" >"$run/cluster-id"
  fi
  log "formatting storage in $run/data (cluster $(cat "$run/cluster-id"))"
  java -cp "$cp" -Dlog4j.configuration="file:$here/log4j.properties" kafka.tools.StorageTool format \
    -t "$(cat "$run/cluster-id")" -c "$run/server.properties" --ignore-formatted >"$run/format.log" 2>&1 ||
    { log "storage format failed:"; cat "$run/format.log" >&2; exit 1; }
fi

# -Xms never above -Xmx (KAFKA_HEAP may be set below 256m).
xms=256m
case "$heap" in
  *[mM]) [ "${heap%[mM]}" -ge 256 ] || xms="$heap" ;;
  *[gG]) ;;
  *) xms="$heap" ;;
esac

[ ! -f "$logfile" ] || mv -f "$logfile" "$logfile.1"
started=$(now_ms)
# setsid: own session, so a signal to the caller's process group (Ctrl-C, a test runner's timeout)
# does not take the broker down; 9>&- : the broker must not inherit the up/down lock.
setsid nohup java -Xms"$xms" -Xmx"$heap" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
  -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
  -Dlog4j.configuration="file:$here/log4j.properties" -cp "$cp" kafka.Kafka "$run/server.properties" \
  </dev/null >"$logfile" 2>&1 9>&- &
pid=$!
echo "$pid" >"$pidfile"
log "starting broker (pid $pid, log $logfile)"
wait_ready "$pid" "$started"
