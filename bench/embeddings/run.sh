#!/usr/bin/env bash
# Sentences per second of the in-process embedding model for batch sizes 1, 8, 16, 32 and 1 or 2 ONNX
# Runtime threads, plus peak resident memory. Run from anywhere: bench/embeddings/run.sh [corpus size]
# QALAM_EMBEDDING_MODEL_DIR=/path/to/model measures another model.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
# The class path goes through an argument file: ONNX Runtime 1.29 crashes the JVM when its command line is
# longer than about 4 KB, which a class path of the project's jars is.
printf -- '-cp target/test-classes:target/classes:%s\n' "$(cat target/bench-classpath.txt)" > target/bench-args.txt
exec java -Xmx512m @target/bench-args.txt dev.qalam.bench.EmbeddingBench "$@"
