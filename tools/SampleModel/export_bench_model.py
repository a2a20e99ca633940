# Run from the repo root: /usr/bin/python3 tools/SampleModel/export_bench_model.py   (needs Debian's python3-torch)
"""Export the throughput benchmark's network to bench/data/bench-model-224.onnx (git-ignored, ~45 MB).

The network is ResNet-18 written out by hand (no torchvision), 224x224 RGB in, 18 logits out, with weights drawn
from a fixed seed: bench/pytorch_eager.py builds exactly the same network with build_bench_model(), so PyTorch
eager and Portal's ONNX Runtime path time the same model with the same weights. Trained weights would not change
the timings, so none are needed.

Usage (from the repository root):

    /usr/bin/python3 tools/SampleModel/export_bench_model.py [--out bench/data/bench-model-224.onnx]
"""

import argparse
import os

import torch
import torch.nn as nn

SIZE = 224
CLASSES = 18
SEED = 18
REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


class BasicBlock(nn.Module):
    """ResNet's two 3x3 conv/BN blocks with an identity (or 1x1 conv/BN) shortcut."""

    def __init__(self, inputs, outputs, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, outputs, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(outputs)
        self.conv2 = nn.Conv2d(outputs, outputs, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(outputs)
        self.relu = nn.ReLU(inplace=True)
        self.shortcut = None
        if stride != 1 or inputs != outputs:
            self.shortcut = nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride, bias=False), nn.BatchNorm2d(outputs))

    def forward(self, x):
        identity = x if self.shortcut is None else self.shortcut(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class ResNet18(nn.Module):
    """torchvision's resnet18 layout (11.2M weights with an 18-class head)."""

    def __init__(self, classes=CLASSES):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1))
        blocks = []
        inputs = 64
        for outputs, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
            blocks += [BasicBlock(inputs, outputs, stride), BasicBlock(outputs, outputs, 1)]
            inputs = outputs
        self.blocks = nn.Sequential(*blocks)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512, classes)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.fc(torch.flatten(self.pool(x), 1))


def build_bench_model():
    """The benchmark network in eval mode; the same weights on every call (seeded construction)."""
    torch.manual_seed(SEED)
    model = ResNet18()
    # Non-trivial BN statistics, so the exported graph's folded BN is not an identity the runtime could skip.
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.running_mean.uniform_(-0.1, 0.1)
                module.running_var.uniform_(0.5, 1.5)
    return model.eval()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(REPO, "bench", "data", "bench-model-224.onnx"))
    args = parser.parse_args()
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    model = build_bench_model()
    torch.onnx.export(
        model, torch.zeros(1, 3, SIZE, SIZE), args.out,
        opset_version=13, input_names=["input"], output_names=["logits"],
        dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, do_constant_folding=True)
    print(f"Wrote {args.out} ({os.path.getsize(args.out) / 1e6:.1f} MB): ResNet-18, input [N,3,{SIZE},{SIZE}], {CLASSES} logits.")


if __name__ == "__main__":
    main()
