# Run from the repo root: bash tools/SampleModel/make_sample_model.sh   (needs Debian's python3-torch; use /usr/bin/python3)
"""Train Portal's sample model: a small CNN for the 18-class mask task, on synthetic faces.

Usage (from the repository root, after FaceDump has written the faces):

    /usr/bin/python3 tools/SampleModel/train_sample_model.py --data artifacts/sample-model/faces

Input: DATA/labels.csv (ImageID,ans,person) and DATA/*.png, already at the model's input size (FaceDump
resizes them exactly as Portal does), so this script never resizes and training sees Portal's pixels.

Output:
    src/Portal.Inference/Samples/mask-sample.onnx    opset 13, input "input" [N,3,64,64], output "logits" [N,18]
    tests/Portal.Inference.Tests/Fixtures/SampleModel/*.png + probs.csv
        a few held-out faces and PyTorch eager float32 softmax probabilities (ImageID,0,...,17) for the parity tests.

Preprocessing (must match Portal.Inference.Samples.SampleModel.Preprocess): RGB, x/255, Portal's default
mean (0.548, 0.504, 0.479) and std (0.237, 0.247, 0.246), 64x64 stretch.

Deterministic for a given torch build: seeded, single process, fixed epoch count.
"""

import argparse
import csv
import json
import os
import shutil
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

SIZE = 64
CLASSES = 18
MEAN = (0.548, 0.504, 0.479)
STD = (0.237, 0.247, 0.246)
SEED = 20261122
REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


class SampleNet(nn.Module):
    """Five conv/BN/ReLU blocks, four 2x2 poolings, global average pooling, one linear layer: ~135k weights."""

    def __init__(self, classes=CLASSES):
        super().__init__()
        widths = [3, 16, 32, 64, 64, 128]
        pool_after = {0, 1, 2, 4}  # 64 -> 32 -> 16 -> 8 -> (conv at 8) -> 4
        layers = []
        for i in range(len(widths) - 1):
            layers += [
                nn.Conv2d(widths[i], widths[i + 1], 3, padding=1, bias=False),
                nn.BatchNorm2d(widths[i + 1]),
                nn.ReLU(inplace=True),
            ]
            if i in pool_after:
                layers.append(nn.MaxPool2d(2))
        self.features = nn.Sequential(*layers)
        self.dropout = nn.Dropout(0.2)
        self.classifier = nn.Linear(widths[-1], classes)

    def forward(self, x):
        x = self.features(x)
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.classifier(self.dropout(x))


def normalise(uint8_nhwc):
    """uint8 [N,H,W,3] RGB -> float32 [N,3,H,W], as Portal's TensorWriter does."""
    x = torch.from_numpy(uint8_nhwc).permute(0, 3, 1, 2).float() / 255.0
    mean = torch.tensor(MEAN, dtype=torch.float32).view(1, 3, 1, 1)
    std = torch.tensor(STD, dtype=torch.float32).view(1, 3, 1, 1)
    return ((x - mean) / std).contiguous()


def load_png(path):
    image = Image.open(path).convert("RGB")
    if image.size != (SIZE, SIZE):
        sys.exit(f"{path} is {image.size[0]}x{image.size[1]}, not {SIZE}x{SIZE}; FaceDump writes them at the input size.")
    return np.asarray(image, dtype=np.uint8)


def read_set(folder):
    with open(os.path.join(folder, "labels.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [r["ImageID"] for r in rows]
    labels = np.array([int(r["ans"]) for r in rows], dtype=np.int64)
    people = np.array([int(r["person"]) for r in rows], dtype=np.int64)
    images = np.stack([load_png(os.path.join(folder, i)) for i in ids])
    return ids, images, labels, people


def macro_f1(truth, predicted, classes=CLASSES):
    """scikit-learn's f1_score(average='macro', labels=range(classes), zero_division=0)."""
    scores = []
    for c in range(classes):
        tp = np.sum((predicted == c) & (truth == c))
        fp = np.sum((predicted == c) & (truth != c))
        fn = np.sum((predicted != c) & (truth == c))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


def augment(batch, generator):
    """Random horizontal flip (the demo runs the model with hflip TTA) and a shift of up to 4 pixels."""
    flip = torch.rand(batch.shape[0], generator=generator) < 0.5
    batch = torch.where(flip.view(-1, 1, 1, 1), batch.flip(3), batch)
    dx, dy = (int(v) for v in torch.randint(-4, 5, (2,), generator=generator))
    padded = F.pad(batch, (4, 4, 4, 4), mode="replicate")
    return padded[:, :, 4 + dy:4 + dy + SIZE, 4 + dx:4 + dx + SIZE]


def predict(model, x, batch=256):
    model.eval()
    with torch.no_grad():
        return torch.cat([model(x[i:i + batch]) for i in range(0, x.shape[0], batch)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="FaceDump's output folder")
    parser.add_argument("--epochs", type=int, default=16)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--model-out", default=os.path.join(REPO, "src/Portal.Inference/Samples/mask-sample.onnx"))
    parser.add_argument("--fixtures-out", default=os.path.join(REPO, "tests/Portal.Inference.Tests/Fixtures/SampleModel"))
    parser.add_argument("--fixture-count", type=int, default=8)
    args = parser.parse_args()

    torch.manual_seed(SEED)
    np.random.seed(SEED)
    torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(SEED)

    ids, images, labels, people = read_set(args.data)
    # Hold out whole people, so a face seen in training never scores the held-out slice.
    held_out = people % 5 == 0
    train_x, train_y = normalise(images[~held_out]), torch.from_numpy(labels[~held_out])
    test_x, test_y = normalise(images[held_out]), labels[held_out]
    print(f"{len(ids)} images: {int((~held_out).sum())} to train, {int(held_out.sum())} held out ({len(set(people[held_out]))} people)")

    # Mask worn is 5 of every person's 7 photos: weigh classes by 1/sqrt(frequency) so macro F1 is not left to chance.
    counts = np.bincount(labels[~held_out], minlength=CLASSES).astype(np.float64)
    weights = torch.tensor(np.where(counts > 0, 1 / np.sqrt(np.maximum(counts, 1)), 0), dtype=torch.float32)
    weights = weights / weights[counts > 0].mean()

    model = SampleNet()
    optimiser = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    steps_per_epoch = (train_x.shape[0] + args.batch - 1) // args.batch
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=3e-3, total_steps=args.epochs * steps_per_epoch)
    started = time.perf_counter()
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(train_x.shape[0], generator=generator)
        total = 0.0
        for start in range(0, order.numel(), args.batch):
            index = order[start:start + args.batch]
            logits = model(augment(train_x[index], generator))
            loss = F.cross_entropy(logits, train_y[index], weight=weights)
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * index.numel()
        if epoch % 4 == 3 or epoch == args.epochs - 1:
            f1 = macro_f1(test_y, predict(model, test_x).argmax(1).numpy())
            print(f"epoch {epoch + 1}/{args.epochs}: loss {total / order.numel():.4f}, held-out macro F1 {f1:.4f}, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
    train_seconds = time.perf_counter() - started

    model.eval()
    predicted = predict(model, test_x).argmax(1).numpy()
    result = {
        "trainSeconds": round(train_seconds, 1),
        "heldOutImages": int(held_out.sum()),
        "heldOutMacroF1": round(macro_f1(test_y, predicted), 4),
        "heldOutAccuracy": round(float(np.mean(predicted == test_y)), 4),
        "maskAccuracy": round(float(np.mean(predicted // 6 == test_y // 6)), 4),
        "genderAccuracy": round(float(np.mean(predicted // 3 % 2 == test_y // 3 % 2)), 4),
        "ageAccuracy": round(float(np.mean(predicted % 3 == test_y % 3)), 4),
    }

    os.makedirs(os.path.dirname(args.model_out), exist_ok=True)
    torch.onnx.export(
        model, torch.zeros(1, 3, SIZE, SIZE), args.model_out,
        opset_version=13, input_names=["input"], output_names=["logits"],
        dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, do_constant_folding=True)
    result["modelBytes"] = os.path.getsize(args.model_out)

    write_reference(model, ids, images, labels, held_out, args)
    print(json.dumps(result))


def write_reference(model, ids, images, labels, held_out, args):
    """A few held-out faces of different classes and PyTorch's eager float32 softmax for each."""
    held = [i for i in np.flatnonzero(held_out)]
    first_of_class = {}
    for i in held:
        first_of_class.setdefault(int(labels[i]), i)
    classes = sorted(first_of_class)
    picks = [first_of_class[classes[int(k)]] for k in np.linspace(0, len(classes) - 1, args.fixture_count).round()]
    picks = list(dict.fromkeys(picks))

    if os.path.isdir(args.fixtures_out):
        shutil.rmtree(args.fixtures_out)
    os.makedirs(args.fixtures_out)
    names = []
    for k, i in enumerate(picks):
        name = f"face-{k:02d}-class-{int(labels[i]):02d}.png"
        shutil.copyfile(os.path.join(args.data, ids[i]), os.path.join(args.fixtures_out, name))
        names.append(name)

    # Read back from the copies: the reference must come from exactly the files the tests read.
    x = normalise(np.stack([load_png(os.path.join(args.fixtures_out, n)) for n in names]))
    model.eval()
    with torch.no_grad():
        probs = torch.softmax(model(x), dim=1).numpy().astype(np.float32)
    with open(os.path.join(args.fixtures_out, "probs.csv"), "w", newline="") as f:
        f.write("ImageID," + ",".join(str(c) for c in range(CLASSES)) + "\n")
        for name, row in zip(names, probs):
            f.write(name + "," + ",".join("%.9g" % p for p in row) + "\n")


if __name__ == "__main__":
    main()
