#!/usr/bin/env python3
"""A strict safetensors reader with the Python standard library only, to check files gradflow writes.

Usage:  python3 check_safetensors.py FILE...
Prints each tensor (dtype, shape, data_offsets, first values) and the metadata; exits with status 1 and a message
naming the file on the first rule broken. It is not run by `mvn test` (the build needs no Python); run it by hand
on a file from `ModelWeights.save` / `SavedModel.save`, e.g. after changing the writer.

The rules are those of the format (huggingface/safetensors README and its Rust reader):
  - 8 bytes: N, unsigned 64-bit little-endian; N <= 100,000,000 and 8 + N <= file size;
  - N bytes: UTF-8 JSON object; "__metadata__", if present, maps strings to strings; every other key is a tensor
    {"dtype": str, "shape": [int >= 0, ...], "data_offsets": [begin, end]} and no key appears twice;
  - sorted by offset, the tensors start at 0, follow each other without gap or overlap, and the last one ends at
    the end of the file; end - begin = product(shape) * size(dtype).
It also checks what gradflow promises beyond that: the header is padded with spaces to a multiple of 8 bytes and
the tensors appear in the header in data order.
"""
import json
import struct
import sys

SIZES = {"BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1, "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
         "I32": 4, "U32": 4, "F32": 4, "F64": 8, "I64": 8, "U64": 8}
UNPACK = {"F16": "e", "F32": "f", "F64": "d", "I32": "i", "I64": "q", "U8": "B", "I8": "b"}


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValueError(f"duplicate keys {duplicates}")
    return dict(pairs)


def check(path):
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise ValueError("shorter than 8 bytes")
    (n,) = struct.unpack("<Q", blob[:8])
    if n > 100_000_000 or 8 + n > len(blob):
        raise ValueError(f"header length {n} is too large for a file of {len(blob)} bytes")
    raw = blob[8:8 + n]
    if n % 8 != 0:
        raise ValueError(f"header length {n} is not a multiple of 8")
    text = raw.decode("utf-8")  # raises on invalid UTF-8
    stripped = text.rstrip(" ")
    header = json.loads(stripped, object_pairs_hook=no_duplicates)
    if json.dumps(header, separators=(",", ":"), ensure_ascii=False) != stripped:
        raise ValueError("the header is not compact JSON as serde_json writes it")
    if not isinstance(header, dict):
        raise ValueError("the header is not a JSON object")
    metadata = header.pop("__metadata__", {})
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        raise ValueError("__metadata__ is not a map of strings")
    data = blob[8 + n:]
    expected_begin = 0
    for name, info in header.items():  # header order must be data order for gradflow's files
        if set(info) != {"dtype", "shape", "data_offsets"}:
            raise ValueError(f"tensor {name!r}: keys {sorted(info)}")
        dtype, shape, (begin, end) = info["dtype"], info["shape"], info["data_offsets"]
        if dtype not in SIZES:
            raise ValueError(f"tensor {name!r}: unknown dtype {dtype}")
        if not all(isinstance(d, int) and d >= 0 for d in shape):
            raise ValueError(f"tensor {name!r}: bad shape {shape}")
        count = 1
        for d in shape:
            count *= d
        if begin != expected_begin:
            raise ValueError(f"tensor {name!r}: begins at {begin}, expected {expected_begin} (gap, overlap or out of order)")
        if end - begin != count * SIZES[dtype]:
            raise ValueError(f"tensor {name!r}: {end - begin} bytes for shape {shape} of {dtype}")
        expected_begin = end
        values = []
        if dtype in UNPACK and count:
            shown = min(count, 4)
            values = list(struct.unpack(f"<{shown}{UNPACK[dtype]}", data[begin:begin + shown * SIZES[dtype]]))
        print(f"  {name}: {dtype} {shape} [{begin}, {end}) {values}{' ...' if count > len(values) else ''}")
    if expected_begin != len(data):
        raise ValueError(f"tensors cover {expected_begin} bytes but the data section has {len(data)}")
    for key, value in metadata.items():
        print(f"  __metadata__.{key} = {value[:60]!r}{'...' if len(value) > 60 else ''}")


def main(paths):
    status = 0
    for path in paths:
        print(path)
        try:
            check(path)
            print("  OK")
        except (ValueError, UnicodeDecodeError, json.JSONDecodeError) as e:
            print(f"{path}: {e}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
