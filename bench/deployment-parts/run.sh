#!/usr/bin/env bash
# Cost of the Deployment API's building blocks: a rate-limit check in process and on Redis
# (QALAM_TEST_REDIS_URL, default redis://127.0.0.1:6379/0), a fetch through the safe fetcher, and reading url
# content parts (PDF text and page images, HTML text and page image). Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
printf -- '-cp target/test-classes:target/classes:%s\n' "$(cat target/bench-classpath.txt)" > target/bench-parts-args.txt
exec java -Xmx1g @target/bench-parts-args.txt dev.qalam.bench.DeploymentPartsBench "$@"
