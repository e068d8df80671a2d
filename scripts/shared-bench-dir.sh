#!/usr/bin/env bash
# Prints the shared bench folder (the one holding pytorch_reference.py and torch-venv.sh), or nothing when there is
# none: $GRADFLOW_SHARED_BENCH when set, else ../shared/bench beside this checkout, else ../../shared/bench (a git
# worktree one level deeper). Used by the bench scripts beside it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
if [ -n "${GRADFLOW_SHARED_BENCH:-}" ]; then
    echo "$GRADFLOW_SHARED_BENCH"
    exit 0
fi
for candidate in "$root/../shared/bench" "$root/../../shared/bench"; do
    if [ -f "$candidate/pytorch_reference.py" ] && [ -x "$candidate/torch-venv.sh" ]; then
        (cd "$candidate" && pwd -P)
        exit 0
    fi
done
