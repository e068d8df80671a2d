"""Times NumPy's float32 matrix product (OpenBLAS sgemm) on square n x n operands, as `gradflow bench` times its GEMM.

usage: python openblas_sgemm.py THREADS N [N ...]

Set OPENBLAS_NUM_THREADS=THREADS in the environment before starting Python (OpenBLAS reads it when it loads; the
script refuses to run when the library reports another count). Per n: C = A @ B with A, B uniform in [-1, 1) from
a fixed seed, warmed up for 0.5 s, then 7 repetitions of at least 0.3 s (and 5 products) each; prints the median
rate in GFLOP/s (2n^3 per product) with the slowest and fastest repetition, one line per n:

    numpy-sgemm n=512 threads=1 gflops=181.3 min=176.0 max=182.4 core=Haswell
"""
import ctypes
import glob
import os
import statistics
import sys
import time

import numpy as np


def openblas_library():
    """NumPy's bundled OpenBLAS (scipy-openblas) as a ctypes handle, or None when it cannot be found."""
    libs = os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs")
    for path in sorted(glob.glob(os.path.join(libs, "*openblas*.so*"))):
        try:
            return ctypes.CDLL(path)
        except OSError:
            pass
    return None


def query(lib, names, restype):
    """Calls the first of the (symbol-name variants) the library exports, or returns None."""
    for name in names:
        fn = getattr(lib, name, None) if lib is not None else None
        if fn is not None:
            fn.restype = restype
            return fn()
    return None


def rate(n, a, b, c):
    """GFLOP/s of one repetition: at least 0.3 s and 5 products."""
    count, start = 0, time.perf_counter()
    while True:
        np.matmul(a, b, out=c)
        count += 1
        elapsed = time.perf_counter() - start
        if count >= 5 and elapsed >= 0.3:
            return 2.0 * n ** 3 * count / elapsed / 1e9


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    threads = int(sys.argv[1])
    sizes = [int(s) for s in sys.argv[2:]]
    lib = openblas_library()
    reported = query(lib, ["scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_",
                           "openblas_get_num_threads"], ctypes.c_int)
    core = query(lib, ["scipy_openblas_get_corename64_", "openblas_get_corename64_", "openblas_get_corename"],
                 ctypes.c_char_p)
    if reported is not None and reported != threads:
        sys.exit(f"openblas_sgemm: OpenBLAS runs {reported} threads, not {threads}: set OPENBLAS_NUM_THREADS={threads}"
                 " before starting Python")
    core = core.decode() if core else "unknown"
    rng = np.random.default_rng(0)
    for n in sizes:
        a = (rng.random((n, n)) * 2 - 1).astype(np.float32)
        b = (rng.random((n, n)) * 2 - 1).astype(np.float32)
        c = np.empty((n, n), dtype=np.float32)
        deadline = time.perf_counter() + 0.5
        while time.perf_counter() < deadline:
            np.matmul(a, b, out=c)
        rates = [rate(n, a, b, c) for _ in range(7)]
        print(f"numpy-sgemm n={n} threads={threads} gflops={statistics.median(rates):.1f}"
              f" min={min(rates):.1f} max={max(rates):.1f} core={core}", flush=True)


if __name__ == "__main__":
    main()
