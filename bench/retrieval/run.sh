#!/usr/bin/env bash
# Retrieval quality (recall@5, MRR: BM25, vectors, hybrid) and query latency (p50/p99 of BM25, kNN, hybrid,
# hybrid + metadata filter) of the embedded search index. Run from anywhere: bench/retrieval/run.sh [sizes...]
# (default 10000 100000 chunks).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
# The class path goes through an argument file: ONNX Runtime crashes the JVM on a command line longer than about 4 KB.
printf -- '-cp target/test-classes:target/classes:%s\n' "$(cat target/bench-classpath.txt)" > target/bench-args.txt
exec java -Xmx2g @target/bench-args.txt dev.qalam.bench.RetrievalBench "$@"
