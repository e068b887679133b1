#!/usr/bin/env bash
# Builds Qalam's classes and runs the OCR benchmark on them: ./bench/ocr/run.sh [scanned-pages] [born-digital-pages]
set -euo pipefail
cd "$(dirname "$0")/../.."
export OMP_THREAD_LIMIT=1
mvn -q -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec java -Djava.awt.headless=true -cp "target/classes:$(cat target/bench-classpath.txt)" bench/ocr/OcrBench.java "$@"
