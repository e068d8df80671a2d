#!/usr/bin/env bash
# Times gradflow's square GEMM (`gradflow bench --gemm-sizes …`) and NumPy's sgemm (OpenBLAS) back to back on this
# machine at the same sizes, for each thread count, ROUNDS times alternating, and prints per n and thread count the
# best of each side (each side's figure is already the median of 7 repetitions), the ratio gradflow / OpenBLAS and
# whether it meets the issue's target (>= 0.9). The load average is printed before and after every measurement.
#
# usage: scripts/bench-gemm-vs-openblas.sh [--threads 1,2] [--sizes 256,512,1024,2048] [--rounds R] [--out DIR]
#                                          [--openblas-core NAME]
#
# NumPy comes from the throwaway PyTorch venv made by ../shared/bench/torch-venv.sh (never a project dependency);
# without it, or without a wheel, the OpenBLAS side is skipped with a message and only gradflow's rates are printed.
# OpenBLAS's thread count is set by OPENBLAS_NUM_THREADS (scripts/openblas_sgemm.py checks that the library reports
# it). OpenBLAS picks its kernel itself (SkylakeX, AVX-512, on this Zen 5 CPU: the issue's reference): the script
# removes OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE from its environment, since a session here may inherit
# OPENBLAS_CORETYPE=Haswell (AVX2, half the rate); --openblas-core NAME forces a kernel instead.
# gradflow's side is `gradflow bench --workloads none` (GEMM alone, in a fresh JVM).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
thread_counts="1,2"
sizes="256,512,1024,2048"
rounds=1
out=""
coretype=()
while [ $# -gt 0 ]; do
    case "$1" in
        --threads) thread_counts="$2"; shift 2 ;;
        --sizes) sizes="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --openblas-core) coretype=(OPENBLAS_CORETYPE="$2"); shift 2 ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-gemm-vs-openblas: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
[ -n "$out" ] || out="$(mktemp -d "${TMPDIR:-/tmp}/gradflow-vs-openblas.XXXXXX")"
mkdir -p "$out"

shared="$("$root/scripts/shared-bench-dir.sh")"
python=""
if [ -n "$shared" ] && [ -x "$shared/torch-venv.sh" ]; then
    if ! python="$("$shared/torch-venv.sh")" || ! "$python" -c 'import numpy' 2>/dev/null; then
        echo "bench-gemm-vs-openblas: no NumPy venv could be made (see the message above); skipping the OpenBLAS side" >&2
        python=""
    fi
else
    echo "bench-gemm-vs-openblas: no ../shared/bench/torch-venv.sh found; skipping the OpenBLAS side" >&2
fi

IFS=',' read -r -a thread_list <<<"$thread_counts"
IFS=',' read -r -a size_list <<<"$sizes"
for round in $(seq 1 "$rounds"); do
    for t in "${thread_list[@]}"; do
        echo "== round $round/$rounds, $t thread(s): gradflow   (load before: $(uptime | sed 's/.*load average: //'))"
        "$root/gradflow" bench --threads "$t" --workloads none --gemm-sizes "$sizes" \
            --json "$out/gradflow-$t-$round.json" | grep '^n = ' || true
        if [ -n "$python" ]; then
            echo "== round $round/$rounds, $t thread(s): OpenBLAS   (load before: $(uptime | sed 's/.*load average: //'))"
            env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$t" "${coretype[@]}" \
                "$python" "$root/scripts/openblas_sgemm.py" "$t" "${size_list[@]}" | tee "$out/openblas-$t-$round.txt"
        fi
        echo "   (load after: $(uptime | sed 's/.*load average: //'))"
    done
done

python3 - "$out" <<'PY'
import glob, json, re, sys
out = sys.argv[1]
ours, theirs = {}, {}
for path in glob.glob(f"{out}/gradflow-*.json"):
    for g in json.load(open(path))["gemm"]:
        key = (g["threads"], g["n"])
        ours[key] = max(ours.get(key, 0.0), g["gflops"])
core = None
for path in glob.glob(f"{out}/openblas-*.txt"):
    for line in open(path):
        m = re.match(r"numpy-sgemm n=(\d+) threads=(\d+) gflops=([\d.]+) .* core=(\S+)", line)
        if m:
            key = (int(m.group(2)), int(m.group(1)))
            theirs[key] = max(theirs.get(key, 0.0), float(m.group(3)))
            core = m.group(4)
print(f"\nsquare GEMM, GFLOP/s, best over the rounds of each side's median; OpenBLAS kernel: {core or '-'}")
print(f"{'threads':>7} {'n':>6} {'gradflow':>9} {'OpenBLAS':>9} {'ratio':>7}  target >= 0.90")
for key in sorted(ours):
    t = theirs.get(key)
    ratio = ours[key] / t if t else None
    verdict = ("met" if ratio >= 0.9 else "missed") if ratio else "-"
    print(f"{key[0]:>7} {key[1]:>6} {ours[key]:9.1f} {t if t else float('nan'):9.1f} "
          f"{f'{ratio:7.3f}' if ratio else '      -'}  {verdict}")
print("Two-thread figures mean something only when the load printed above stayed below ~1.2 (both vCPUs free):")
print("OpenBLAS's threads spin-wait, so on a busy machine its two-thread rate collapses (to a few GFLOP/s).")
print(f"raw output in {out}")
PY
