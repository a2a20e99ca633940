# Run from the repo root: /usr/bin/python3 bench/pytorch_eager.py --images-dir DIR   (needs Debian's python3-torch)
"""PyTorch eager CPU throughput: the baseline of the target "CPU throughput >= 1.5x PyTorch eager".

Times eager forward passes (model.eval(), torch.inference_mode(), float32, NCHW) of the same network Portal runs:

    resnet18  (default) tools/SampleModel/export_bench_model.py's ResNet-18, 224x224, seeded weights; its ONNX
              twin is bench/data/bench-model-224.onnx (run that script first for the .NET side).
    sample    the sample model's SampleNet, 64x64 (seeded, untrained weights: the timing does not depend on them).

Two figures, each over --count images in batches of --batch, after --warmup untimed batches:
    tensorImagesPerSecond    forward passes only, on a pre-built normalised input tensor;
    endToEndImagesPerSecond  PIL decode + convert("RGB") + bilinear resize + normalise + forward, images read from
                             --images-dir (cycled when it holds fewer than --count); null without --images-dir.
Prints one JSON object. Usage (from the repository root):

    /usr/bin/python3 bench/pytorch_eager.py [--model resnet18|sample] [--batch 32] [--count 512] [--images-dir DIR]

The threads are torch.set_num_threads(os.cpu_count()) unless --threads says otherwise; decoding runs on one
thread, as in a plain eager script without a DataLoader.
"""

import argparse
import json
import os
import platform
import sys
import time

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "SampleModel"))
import export_bench_model  # noqa: E402
import train_sample_model  # noqa: E402

MEAN = np.array(train_sample_model.MEAN, dtype=np.float32).reshape(3, 1, 1)
STD = np.array(train_sample_model.STD, dtype=np.float32).reshape(3, 1, 1)
EXTENSIONS = (".jpg", ".jpeg", ".png")


def build(name):
    if name == "resnet18":
        return export_bench_model.build_bench_model(), export_bench_model.SIZE
    torch.manual_seed(train_sample_model.SEED)
    return train_sample_model.SampleNet().eval(), train_sample_model.SIZE


def batches(count, batch):
    """Batch sizes covering count images: full batches, then the remainder."""
    return [batch] * (count // batch) + ([count % batch] if count % batch else [])


def time_tensors(model, size, batch, count, warmup):
    generator = torch.Generator().manual_seed(0)
    full = torch.randn(batch, 3, size, size, generator=generator)
    with torch.inference_mode():
        for _ in range(warmup):
            model(full)
        started = time.perf_counter()
        for n in batches(count, batch):
            model(full[:n])
        return time.perf_counter() - started


def load(path, size):
    image = Image.open(path).convert("RGB").resize((size, size), Image.BILINEAR)
    x = np.asarray(image, dtype=np.float32).transpose(2, 0, 1) / 255.0
    return (x - MEAN) / STD


def time_end_to_end(model, size, batch, count, warmup, folder):
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.lower().endswith(EXTENSIONS))
    if not files:
        sys.exit(f"{folder} holds no .jpg, .jpeg or .png images.")
    paths = [files[i % len(files)] for i in range(count)]
    with torch.inference_mode():
        for _ in range(warmup):
            model(torch.from_numpy(np.stack([load(p, size) for p in paths[:batch]])))
        started = time.perf_counter()
        done = 0
        for n in batches(count, batch):
            model(torch.from_numpy(np.stack([load(p, size) for p in paths[done:done + n]])))
            done += n
        return time.perf_counter() - started, len(files)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=["resnet18", "sample"], default="resnet18")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--count", type=int, default=512, help="images timed per figure")
    parser.add_argument("--warmup", type=int, default=2, help="untimed batches first")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--images-dir", help="a folder of images for the end-to-end figure")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    model, size = build(args.model)
    tensor_seconds = time_tensors(model, size, args.batch, args.count, args.warmup)
    result = {
        "model": args.model,
        "inputSize": size,
        "batch": args.batch,
        "count": args.count,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "cpu": platform.processor() or platform.machine(),
        "tensorSeconds": round(tensor_seconds, 3),
        "tensorImagesPerSecond": round(args.count / tensor_seconds, 1),
        "endToEndSeconds": None,
        "endToEndImagesPerSecond": None,
        "imagesDir": args.images_dir,
        "distinctImages": None,
    }
    if args.images_dir:
        seconds, distinct = time_end_to_end(model, size, args.batch, args.count, args.warmup, args.images_dir)
        result.update(endToEndSeconds=round(seconds, 3), endToEndImagesPerSecond=round(args.count / seconds, 1), distinctImages=distinct)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
