#!/usr/bin/env bash
# Runs a gradflow command with HotSpot's compilation log on and reports the Vector API calls C2 left as calls in the
# final compiled code of gradflow's SIMD kernels (what is reported and why: dev.gradflow.cli.bench.VectorInliningReport).
#
# usage: scripts/vector-inlining-report.sh [--keep LOG] [-- GRADFLOW ARGS...]     (default command: seed)
#
# Exit status is the report's: 0 when every normal-entry compilation of dev.gradflow.backend.simd inlined all of its
# Vector API calls, 1 when one did not, 2 when the command failed. The command's own output is discarded; the log is
# deleted unless --keep. JIT order differs from run to run, so run it a few times before concluding anything (or add
# -Xbatch to GRADFLOW_JAVA_OPTS for a fixed order, as VectorInliningTest does).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --keep) keep="$2"; shift 2 ;;
        --) shift; break ;;
        *) echo "usage: scripts/vector-inlining-report.sh [--keep LOG] [-- GRADFLOW ARGS...]" >&2; exit 2 ;;
    esac
done
[ $# -gt 0 ] || set -- seed

# shellcheck source=scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"
gradflow_find_jdk || exit 2
log="${keep:-$(mktemp "${TMPDIR:-/tmp}/gradflow-jit.XXXXXX")}"
[ -n "$keep" ] || trap 'rm -f "$log"' EXIT
GRADFLOW_JAVA_OPTS="${GRADFLOW_JAVA_OPTS:-} -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=$log" \
    "$root/gradflow" "$@" >/dev/null 2>&1 || { echo "vector-inlining-report: 'gradflow $*' failed" >&2; exit 2; }
"$GRADFLOW_JDK/bin/java" -cp "$root/gradflow-cli/target/gradflow.jar" dev.gradflow.cli.bench.VectorInliningReport "$log"
