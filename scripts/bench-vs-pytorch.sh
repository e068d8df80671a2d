#!/usr/bin/env bash
# Runs `gradflow bench` (which times each workload in a JVM of its own) and the shared PyTorch reference
# (../shared/bench/pytorch_reference.py) back to back on this machine, ROUNDS times, and prints per workload the best ms/step of each side, the speed-up (PyTorch ms / gradflow
# ms) and the issue's target; then the GEMM rates and the probe overhead.
#
# usage: scripts/bench-vs-pytorch.sh [--threads N] [--rounds R] [--quick] [--out DIR]
#
# PyTorch comes from the wheel on this machine, installed into a throwaway venv by ../shared/bench/torch-venv.sh
# (never a project dependency). Without that script or without a wheel, the PyTorch side is skipped with a message
# and only gradflow's figures are printed. GRADFLOW_SHARED_BENCH=DIR points at another copy of the shared folder.
# Machines shared with other work are noisy: compare figures from the same run of this script only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
threads=1
rounds=1
quick=()
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --threads) threads="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --quick) quick=(--quick); shift ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-vs-pytorch: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
[ -n "$out" ] || out="$(mktemp -d "${TMPDIR:-/tmp}/gradflow-vs-pytorch.XXXXXX")"
mkdir -p "$out"

shared="$("$root/scripts/shared-bench-dir.sh")"

python=""
if [ -n "$shared" ] && [ -x "$shared/torch-venv.sh" ]; then
    if ! python="$("$shared/torch-venv.sh")"; then
        echo "bench-vs-pytorch: PyTorch could not be installed (see the message above); skipping the PyTorch side" >&2
        python=""
    fi
else
    echo "bench-vs-pytorch: no ../shared/bench/torch-venv.sh found; skipping the PyTorch side" >&2
fi

echo "load before: $(uptime)"
for round in $(seq 1 "$rounds"); do
    echo "== round $round/$rounds: gradflow"
    "$root/gradflow" bench --threads "$threads" "${quick[@]}" --json "$out/gradflow-$round.json"
    if [ -n "$python" ]; then
        echo "== round $round/$rounds: PyTorch"
        "$python" "$shared/pytorch_reference.py" "$threads" | tee "$out/pytorch-$round.txt"
    fi
done
echo "load after: $(uptime)"

python3 - "$out" "$rounds" "${#quick[@]}" <<'PY'
import json, re, sys
out, rounds, quick = sys.argv[1], int(sys.argv[2]), sys.argv[3] != "0"
targets = {"seed_sgd": 2.5, "seed_adam": 2.5, "mnist_adam": 3, "deep20": 3, "deep50": 3, "seed_sgd_b1": 3}
ours, theirs, gemm, order, paired = {}, {}, {}, [], []
for r in range(1, rounds + 1):
    doc = json.load(open(f"{out}/gradflow-{r}.json"))
    for w in doc["workloads"]:
        if w["name"] not in order: order.append(w["name"])
        ours[w["name"]] = min(ours.get(w["name"], float("inf")), w["ms_per_step"])
    for g in doc["gemm"]:
        gemm[g["n"]] = max(gemm.get(g["n"], 0.0), g["gflops"])
    if doc.get("probe_overhead"):
        paired.append(100 * (doc["probe_overhead"]["recorded_ms"] / doc["probe_overhead"]["plain_ms"] - 1))
    try:
        for line in open(f"{out}/pytorch-{r}.txt"):
            m = re.match(r"(\S+)\s+T=\d+\s+params=\s*\d+\s+batch=\s*\d+\s+([\d.]+) ms/step", line)
            if m: theirs[m.group(1)] = min(theirs.get(m.group(1), float("inf")), float(m.group(2)))
    except FileNotFoundError:
        pass
print(f"\nbest of {rounds} round(s), ms/step; speed-up = PyTorch / gradflow")
if quick: print("(--quick: gradflow ran a few steps, mostly before the JIT compiled its kernels; these are not measurements)")
print(f"{'workload':<18} {'gradflow':>10} {'PyTorch':>10} {'speed-up':>9} {'target':>7}")
for name in order:
    t = theirs.get(name)
    ratio = f"{t / ours[name]:8.2f}x" if t else f"{'-':>9}"
    target = f"{targets[name]:6.1f}x" if name in targets else f"{'':>7}"
    print(f"{name:<18} {ours[name]:10.3f} {t if t else float('nan'):10.3f} {ratio} {target}")
if paired:
    print("probe overhead (paired, per round): " + ", ".join(f"{p:+.1f}%" for p in paired) + " (target <= +10%)")
if gemm:
    print("square GEMM GFLOP/s (best): " + ", ".join(f"n={n}: {v:.1f}" for n, v in sorted(gemm.items())))
print(f"raw output in {out}")
PY
