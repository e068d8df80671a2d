#!/usr/bin/env python3
"""Writes the small dataset slices used by the data tests (run once; the outputs are committed).

usage: python3 make_slices.py DATASETS_DIR
DATASETS_DIR holds mnist/, fashion-mnist/ and sklearn-small/ with the standard published files.

Outputs (next to this script):
  mnist-slice/t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz   first 1,000 MNIST test images and labels
  fashion-mnist-slice/t10k-images-idx3-ubyte.gz, t10k-labels-...     first 200 Fashion-MNIST test images and labels
  sklearn/iris.csv, wine_data.csv, breast_cancer.csv                  byte-identical copies
  sklearn/digits.csv.gz                                               first 200 rows of digits
The IDX slices keep the standard names on purpose: their bytes differ from the published files, so loading them
needs ChecksumPolicy.SKIP, and the tests check that VERIFY rejects them. gzip headers carry mtime 0 and no name,
so re-running the script gives the same bytes.
"""
import gzip
import os
import shutil
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def write_gz(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(data)


def idx_slice(source_dir, target_dir, count):
    with gzip.open(os.path.join(source_dir, "t10k-images-idx3-ubyte.gz"), "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803 and n >= count
        pixels = f.read(count * rows * cols)
    with gzip.open(os.path.join(source_dir, "t10k-labels-idx1-ubyte.gz"), "rb") as f:
        magic, n = struct.unpack(">II", f.read(8))
        assert magic == 0x801 and n >= count
        labels = f.read(count)
    write_gz(os.path.join(target_dir, "t10k-images-idx3-ubyte.gz"), struct.pack(">IIII", 0x803, count, rows, cols) + pixels)
    write_gz(os.path.join(target_dir, "t10k-labels-idx1-ubyte.gz"), struct.pack(">II", 0x801, count) + labels)


def main():
    datasets = sys.argv[1]
    idx_slice(os.path.join(datasets, "mnist"), os.path.join(HERE, "mnist-slice"), 1000)
    idx_slice(os.path.join(datasets, "fashion-mnist"), os.path.join(HERE, "fashion-mnist-slice"), 200)
    sklearn_out = os.path.join(HERE, "sklearn")
    os.makedirs(sklearn_out, exist_ok=True)
    for name in ("iris.csv", "wine_data.csv", "breast_cancer.csv"):
        shutil.copyfile(os.path.join(datasets, "sklearn-small", name), os.path.join(sklearn_out, name))
    with gzip.open(os.path.join(datasets, "sklearn-small", "digits.csv.gz"), "rb") as f:
        lines = f.read().splitlines(keepends=True)
    write_gz(os.path.join(sklearn_out, "digits.csv.gz"), b"".join(lines[:200]))


if __name__ == "__main__":
    main()
