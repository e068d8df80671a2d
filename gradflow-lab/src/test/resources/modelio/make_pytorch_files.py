#!/usr/bin/env python3
"""Writes the *.safetensors test files in this folder as PyTorch writes them, with the standard library only.

`safetensors.torch.save_file(state_dict, path, metadata)` hands the tensors to the Rust `safetensors::serialize`,
which (huggingface/safetensors, safetensors/src/tensor.rs, `prepare`):
  1. sorts the tensors by descending dtype alignment (the order of its `Dtype` enum: ... F16 < BF16 < I32 < U32 <
     F32 < C64 < F64 < I64 < U64), then by name (byte-wise), and packs their data in that order from offset 0;
  2. writes the header with serde_json in compact form: `__metadata__` first when metadata is not None, then one
     entry per tensor in data order with keys dtype, shape, data_offsets; non-ASCII characters unescaped;
  3. pads the header with spaces to a multiple of 8 bytes and writes N (u64 little-endian), header, data.
This script does the same, so the files are byte for byte what save_file would write for these tensors.

The model is torch.nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2)); its
state_dict names are 0.weight, 0.bias, 1.weight, 1.bias, 1.running_mean, 1.running_var, 1.num_batches_tracked
(int64, shape []), 3.weight, 3.bias. Values are multiples of 1/8 in [-1, 1] (running_var in (0, 2]), exact in
F16, BF16, F32 and F64, so every variant decodes to the same float32 numbers, listed in pytorch_mlp.expected.json.

Run from this folder:  python3 make_pytorch_files.py
"""
import json
import struct

# Rank in the reference implementation's Dtype enum (increasing alignment) for the dtypes used here.
DTYPE_RANK = {"F16": 0, "BF16": 1, "I32": 2, "F32": 3, "F64": 4, "I64": 5}
PACK = {"F16": "<e", "F32": "<f", "F64": "<d", "I32": "<i", "I64": "<q"}


def encode(dtype, values):
    out = bytearray()
    for v in values:
        if dtype == "BF16":
            f32 = struct.pack("<f", v)
            assert f32[:2] == b"\x00\x00", f"{v} is not exact in bfloat16"
            out += f32[2:]
        else:
            packed = struct.pack(PACK[dtype], v)
            assert struct.unpack(PACK[dtype], packed)[0] == v, f"{v} is not exact in {dtype}"
            out += packed
    return bytes(out)


def save_file(tensors, path, metadata=None):
    """tensors: {name: (dtype, shape, values)}; metadata: {str: str} or None, as in safetensors.torch.save_file."""
    items = sorted(tensors.items(), key=lambda kv: (-DTYPE_RANK[kv[1][0]], kv[0].encode("utf-8")))
    header = {} if metadata is None else {"__metadata__": metadata}
    data = bytearray()
    for name, (dtype, shape, values) in items:
        count = 1
        for d in shape:
            count *= d
        assert count == len(values), name
        payload = encode(dtype, values)
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [len(data), len(data) + len(payload)]}
        data += payload
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + bytes(data))


def mlp_state_dict():
    """name -> (shape, values) of the small MLP, in state_dict order."""
    def eighths(n, start):
        return [((start + 5 * i) % 17 - 8) / 8 for i in range(n)]
    return {
        "0.weight": ([4, 3], eighths(12, 1)),
        "0.bias": ([4], eighths(4, 2)),
        "1.weight": ([4], eighths(4, 3)),
        "1.bias": ([4], eighths(4, 4)),
        "1.running_mean": ([4], eighths(4, 5)),
        "1.running_var": ([4], [(i % 7 + 1) / 4 for i in range(4)]),
        "1.num_batches_tracked": ([], [7]),
        "3.weight": ([2, 4], eighths(8, 6)),
        "3.bias": ([2], eighths(2, 7)),
    }


def mlp_tensors(float_dtype):
    return {name: ("I64" if name.endswith("num_batches_tracked") else float_dtype, shape, values)
            for name, (shape, values) in mlp_state_dict().items()}


def main():
    # As transformers' save_pretrained calls it: metadata={"format": "pt"}.
    save_file(mlp_tensors("F32"), "pytorch_mlp_f32.safetensors", metadata={"format": "pt"})
    # As a plain save_file(model.half().state_dict(), path) etc.: no metadata.
    for dtype in ("F16", "BF16", "F64"):
        save_file(mlp_tensors(dtype), f"pytorch_mlp_{dtype.lower()}.safetensors")
    # Integer and double tensors side by side: data order I64, F64, I32 by the alignment rule.
    save_file({
        "counts": ("I32", [2, 3], [-3, -2, -1, 0, 1, 2147483520]),
        "step": ("I64", [], [2 ** 40]),
        "ratio": ("F64", [2], [0.1, -2.5]),
    }, "pytorch_mixed.safetensors", metadata={"format": "pt"})
    expected = {name: {"shape": shape, "data": values} for name, (shape, values) in mlp_state_dict().items()}
    with open("pytorch_mlp.expected.json", "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
