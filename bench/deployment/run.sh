#!/usr/bin/env bash
# End-to-end latency (p50/p99) and throughput of a Deployment API chat (retrieval + local/extractive) at 1 and
# 16 connections, with knowledge bases of 1,000 and 100,000 chunks (or the sizes given). Builds the server,
# starts it with its own data directory and rate limits high enough not to interfere, prints the figures,
# stops it. Run from anywhere: bench/deployment/run.sh [sizes...]   (HTTP_PORT, HTTPS_PORT)
set -euo pipefail
cd "$(dirname "$0")/../.."

export HTTP_PORT="${HTTP_PORT:-9080}"
export HTTPS_PORT="${HTTPS_PORT:-9443}"
export QALAM_DATA_DIR="$PWD/target/bench-data"
rm -rf "$QALAM_DATA_DIR"
export QALAM_ADMIN_KEY="bench-admin-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
# The benchmark's clients each send their own X-Forwarded-For from this machine; the deployment limit is off.
export QALAM_TRUSTED_PROXIES="127.0.0.1/32,::1/128" QALAM_RATE_DEPLOYMENT_REQUESTS=0
unset REDIS_URL

mvn -B -q -DskipTests package liberty:create liberty:deploy liberty:start
trap 'target/liberty/wlp/bin/server stop qalam >/dev/null' EXIT
cp_file=target/bench-classpath.txt
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
base="http://localhost:$HTTP_PORT"
for _ in $(seq 1 240); do
  curl -sf "$base/health/ready" >/dev/null && break
  sleep 1
done
server_pid="$(cat target/liberty/wlp/usr/servers/.pid/qalam.pid 2>/dev/null || true)"
java -Dbench.serverPid="$server_pid" -cp "target/test-classes:target/classes:$(cat "$cp_file")" dev.qalam.bench.DeploymentBench \
  "$base" "$QALAM_ADMIN_KEY" "$@"
