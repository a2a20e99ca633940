"""Generate benchmark inputs into bench/data/ (git-ignored).

Usage (from the repository root; Debian python with python3-numpy / python3-pandas):

    /usr/bin/python3 bench/make_bench_data.py

Writes, for N in (12600, 1000000):
    bench/data/truth_{N}.csv      ImageID,ans   skewed 18-class distribution, truth order
    bench/data/labels_{N}.csv     labels submission: truth with ~25% of rows replaced by a random class, shuffled
    bench/data/labels_b_{N}.csv   another one with ~35% noise, shuffled differently
and for N = 12600 only:
    bench/data/probs_{N}.csv      probabilities submission, ImageID,0,...,17 ('%.9g', rows sum to 1 within 1e-6)
    bench/data/many/sub_{i:02}.csv  50 labels submissions (i = 0..49) of the 12600 truth ids, noise 15%..60%, shuffled

Image ids are 40 lowercase hex digits + .jpg/.jpeg/.png; CSVs are UTF-8 without BOM, LF line endings.
Everything is deterministic (numpy default_rng with fixed seeds).
"""

import os
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(ROOT, "data")
C = 18
SIZES = (12600, 1000000)
N_MANY = 50

# skewed like the real mask data: wearing-a-mask classes (0..5) dominate, age 60+ (age 2) is rare
CLASS_WEIGHTS = np.array([20, 16, 3, 24, 18, 4, 4, 3.2, 0.6, 4.8, 3.6, 0.8, 4, 3.2, 0.6, 4.8, 3.6, 0.8])
CLASS_P = CLASS_WEIGHTS / CLASS_WEIGHTS.sum()

_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_EXTS = [b".jpg", b".jpeg", b".png"]
# fixed-width byte layout of one labels row: 40 hex | ext (<=5) | ',' | label (<=2 digits) | '\n'
_EXT_BYTES = np.zeros((3, 5), dtype=np.uint8)
_EXT_KEEP = np.zeros((3, 5), dtype=bool)
for _i, _e in enumerate(_EXTS):
    _EXT_BYTES[_i, :len(_e)] = np.frombuffer(_e, dtype=np.uint8)
    _EXT_KEEP[_i, :len(_e)] = True
_LAB_BYTES = np.zeros((C, 2), dtype=np.uint8)
_LAB_KEEP = np.zeros((C, 2), dtype=bool)
for _k in range(C):
    _d = str(_k).encode()
    _LAB_BYTES[_k, :len(_d)] = np.frombuffer(_d, dtype=np.uint8)
    _LAB_KEEP[_k, :len(_d)] = True


class Ids:
    """n unique ids (40 lowercase hex digits + extension) kept as a byte matrix for fast writing."""

    def __init__(self, rng, n):
        raw = rng.integers(0, 256, size=(n, 20), dtype=np.uint8)
        self.hex = np.empty((n, 40), dtype=np.uint8)
        self.hex[:, 0::2] = _HEX[raw >> 4]
        self.hex[:, 1::2] = _HEX[raw & 15]
        assert len(np.unique(self.hex.view("S40").ravel())) == n, "id collision"
        self.ext = rng.integers(0, 3, size=n)

    def strings(self, order):
        stems = self.hex[order].view("S40").ravel().astype("U40")
        return np.char.add(stems, np.array([e.decode() for e in _EXTS])[self.ext[order]])


def write_labels(path, ids, labels, order=None):
    n = len(labels)
    if order is None:
        order = np.arange(n)
    lab = labels[order]
    mat = np.empty((n, 49), dtype=np.uint8)
    keep = np.ones((n, 49), dtype=bool)
    mat[:, :40] = ids.hex[order]
    mat[:, 40:45] = _EXT_BYTES[ids.ext[order]]
    keep[:, 40:45] = _EXT_KEEP[ids.ext[order]]
    mat[:, 45] = ord(",")
    mat[:, 46:48] = _LAB_BYTES[lab]
    keep[:, 46:48] = _LAB_KEEP[lab]
    mat[:, 48] = ord("\n")
    with open(path, "wb") as f:
        f.write(b"ImageID,ans\n")
        f.write(mat[keep].tobytes())


def noisy(rng, truth, rate):
    out = truth.copy()
    m = rng.random(len(truth)) < rate
    out[m] = rng.integers(0, C, size=int(m.sum()))
    return out


def write_probs(rng, path, ids, truth, order):
    n = len(truth)
    alpha = np.full((n, C), 0.5)
    target = np.where(rng.random(n) < 0.7, truth, rng.integers(0, C, size=n))
    alpha[np.arange(n), target] += rng.uniform(2.0, 8.0, size=n)
    p = rng.gamma(alpha)
    p /= p.sum(axis=1, keepdims=True)
    p = p[order]
    # format with %.9g; each value carries <= 5e-10 relative rounding, so rows stay within 1e-6 of 1
    cells = np.char.mod("%.9g", p)
    rows = np.char.add(ids.strings(order), ",")
    joined = np.array([",".join(r) for r in cells.tolist()])
    body = "\n".join(np.char.add(rows, joined).tolist())
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("ImageID," + ",".join(str(k) for k in range(C)) + "\n")
        f.write(body)
        f.write("\n")
    back = cells.astype(np.float64)
    assert np.all(np.abs(back.sum(axis=1) - 1.0) <= 1e-6)


def main():
    t0 = time.perf_counter()
    os.makedirs(os.path.join(DATA, "many"), exist_ok=True)
    for n in SIZES:
        rng = np.random.default_rng(1000 + n)
        ids = Ids(rng, n)
        truth = rng.choice(C, size=n, p=CLASS_P)
        write_labels(os.path.join(DATA, f"truth_{n}.csv"), ids, truth)
        write_labels(os.path.join(DATA, f"labels_{n}.csv"), ids, noisy(rng, truth, 0.25), rng.permutation(n))
        write_labels(os.path.join(DATA, f"labels_b_{n}.csv"), ids, noisy(rng, truth, 0.35), rng.permutation(n))
        if n == 12600:
            write_probs(rng, os.path.join(DATA, f"probs_{n}.csv"), ids, truth, rng.permutation(n))
            rates = np.linspace(0.15, 0.60, N_MANY)
            for i in range(N_MANY):
                write_labels(os.path.join(DATA, "many", f"sub_{i:02}.csv"), ids,
                             noisy(rng, truth, rates[i]), rng.permutation(n))
        print(f"N={n}: done at {time.perf_counter() - t0:.2f}s", file=sys.stderr)
    total = 0
    for dirpath, _, files in os.walk(DATA):
        for fn in files:
            if fn.endswith(".csv"):
                total += os.path.getsize(os.path.join(dirpath, fn))
    print(f"wrote {os.path.relpath(DATA)} ({total / 1e6:.1f} MB of CSV) in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
