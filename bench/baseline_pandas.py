"""Python comparison baseline for the Portal benchmarks (pandas + numpy + scikit-learn).

Usage (from the repository root, after generating the inputs):

    /usr/bin/python3 bench/make_bench_data.py
    /usr/bin/python3 bench/baseline_pandas.py

Uses Debian's python3 with python3-numpy, python3-pandas, python3-sklearn. Prints a markdown table and
writes bench/data/baseline_pandas.json (all times in milliseconds).

Timed workloads (time.perf_counter; one warm-up, then best and median of 5 repeats unless noted):
  score_full_{N}     read truth + read submission (pandas.read_csv), validate (no duplicate ids, ids are
                     exactly the truth set, labels are integers in [0,18)), align by ImageID, then sklearn
                     f1_score macro + weighted, accuracy_score, precision_recall_fscore_support, confusion_matrix
  score_sub_{N}      the same with the truth already loaded (submission read + validate + align + metrics)
  metrics_only_{N}   just the five sklearn calls on aligned arrays (for reference)
  pairwise_50        50x50 matrix of mean(a != b) over the 50 aligned submissions in bench/data/many
                     (numpy, after loading; two variants: broadcasting loop and one-hot matmul)
  bootstrap_1000     paired bootstrap, 1000 resamples x 12600, macro F1(a) - macro F1(b) for labels_12600 vs
                     labels_b_12600, vectorised bincount macro F1 (per-resample loop and batched variants);
                     plus sklearn f1_score per resample timed on 10 resamples and extrapolated to 1000
"""

import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import pandas as pd
import scipy
import sklearn
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

ROOT = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(ROOT, "data")
C = 18
LABELS = list(range(C))
SIZES = (12600, 1000000)
REPEATS = 5


# ----------------------------------------------------------------------------
# timing
# ----------------------------------------------------------------------------

def bench(fn, repeats=REPEATS, warmup=1):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return {"bestMs": min(times), "medianMs": statistics.median(times), "repeats": repeats, "allMs": times}


# ----------------------------------------------------------------------------
# the scoring pipeline
# ----------------------------------------------------------------------------

class ValidationError(Exception):
    pass


def read_labels(path):
    return pd.read_csv(path, dtype={"ImageID": str})


def load_truth(path):
    df = read_labels(path)
    ids = df["ImageID"]
    if ids.duplicated().any():
        raise ValidationError("duplicate ids in truth")
    return {"ids": pd.Index(ids), "y": df["ans"].to_numpy(dtype=np.int64)}


def validate_and_align(truth, sub):
    if list(sub.columns) != ["ImageID", "ans"]:
        raise ValidationError(f"bad header {list(sub.columns)}")
    if len(sub) != len(truth["ids"]):
        raise ValidationError("row count differs from truth")
    ids = sub["ImageID"]
    if ids.duplicated().any():
        raise ValidationError("duplicate ImageID")
    ans = sub["ans"]
    if not pd.api.types.is_integer_dtype(ans.dtype):
        raise ValidationError("labels are not integers")
    a = ans.to_numpy()
    if a.min() < 0 or a.max() >= C:
        raise ValidationError("label out of range")
    # exact id-set match + alignment in one step: positions of truth ids in the submission
    pos = pd.Index(ids).get_indexer(truth["ids"])
    if (pos < 0).any():
        raise ValidationError("ids do not match the truth set")
    return a[pos].astype(np.int64)


def metrics(y, p):
    return {
        "macroF1": f1_score(y, p, labels=LABELS, average="macro", zero_division=0),
        "weightedF1": f1_score(y, p, labels=LABELS, average="weighted", zero_division=0),
        "accuracy": accuracy_score(y, p),
        "prfs": precision_recall_fscore_support(y, p, labels=LABELS, zero_division=0),
        "confusion": confusion_matrix(y, p, labels=LABELS),
    }


def score_full(truth_path, sub_path):
    truth = load_truth(truth_path)
    return metrics(truth["y"], validate_and_align(truth, read_labels(sub_path)))


def score_sub(truth, sub_path):
    return metrics(truth["y"], validate_and_align(truth, read_labels(sub_path)))


# ----------------------------------------------------------------------------
# pairwise disagreement
# ----------------------------------------------------------------------------

def pairwise_loop(m):
    k = m.shape[0]
    out = np.empty((k, k))
    for i in range(k):
        out[i] = (m[i] != m).mean(axis=1)
    return out


def pairwise_onehot(m):
    k, n = m.shape
    oh = np.zeros((k, n * C), dtype=np.float32)
    oh[np.repeat(np.arange(k), n), (np.arange(n) * C)[None, :].repeat(k, 0).ravel() + m.ravel()] = 1.0
    agree = oh @ oh.T  # counts of equal labels, exact in float32 for n < 2**24
    return 1.0 - agree.astype(np.float64) / n


# ----------------------------------------------------------------------------
# bootstrap
# ----------------------------------------------------------------------------

def macro_f1_bincount(y, p):
    tp = np.bincount(y[y == p], minlength=C)
    denom = np.bincount(y, minlength=C) + np.bincount(p, minlength=C)
    f1 = np.zeros(C)
    nz = denom > 0
    f1[nz] = 2.0 * tp[nz] / denom[nz]
    return f1.mean()


def bootstrap_loop(y, a, b, resamples, seed):
    rng = np.random.default_rng(seed)
    n = len(y)
    diffs = np.empty(resamples)
    for r in range(resamples):
        idx = rng.integers(0, n, size=n)
        yy = y[idx]
        diffs[r] = macro_f1_bincount(yy, a[idx]) - macro_f1_bincount(yy, b[idx])
    return diffs


def _macro_f1_batched(yy, pp, offs, bsz):
    tp = np.bincount((offs + yy)[yy == pp], minlength=bsz * C).reshape(bsz, C)
    denom = (np.bincount((offs + yy).ravel(), minlength=bsz * C)
             + np.bincount((offs + pp).ravel(), minlength=bsz * C)).reshape(bsz, C)
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(denom > 0, 2.0 * tp / denom, 0.0)
    return f1.mean(axis=1)


def bootstrap_batched(y, a, b, resamples, seed, batch=100):
    """Same resamples as bootstrap_loop (same rng stream), many resamples per bincount call."""
    rng = np.random.default_rng(seed)
    n = len(y)
    diffs = np.empty(resamples)
    for start in range(0, resamples, batch):
        bsz = min(batch, resamples - start)
        idx = np.stack([rng.integers(0, n, size=n) for _ in range(bsz)])
        offs = (np.arange(bsz) * C)[:, None]
        yy = y[idx]
        diffs[start:start + bsz] = (_macro_f1_batched(yy, a[idx], offs, bsz)
                                    - _macro_f1_batched(yy, b[idx], offs, bsz))
    return diffs


def bootstrap_sklearn(y, a, b, resamples, seed):
    rng = np.random.default_rng(seed)
    n = len(y)
    diffs = np.empty(resamples)
    for r in range(resamples):
        idx = rng.integers(0, n, size=n)
        yy = y[idx]
        diffs[r] = (f1_score(yy, a[idx], labels=LABELS, average="macro", zero_division=0)
                    - f1_score(yy, b[idx], labels=LABELS, average="macro", zero_division=0))
    return diffs


# ----------------------------------------------------------------------------

def fmt(x):
    return f"{x:,.2f}" if x < 100 else f"{x:,.0f}"


def main():
    for n in SIZES:
        for name in (f"truth_{n}.csv", f"labels_{n}.csv", f"labels_b_{n}.csv"):
            if not os.path.exists(os.path.join(DATA, name)):
                sys.exit(f"missing {name}: run /usr/bin/python3 bench/make_bench_data.py first")

    env = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "sklearn": sklearn.__version__,
        "scipy": scipy.__version__,
        "platform": platform.platform(),
        "cpuCount": os.cpu_count(),
    }
    print(f"Python {env['python']}, numpy {env['numpy']}, pandas {env['pandas']}, "
          f"scikit-learn {env['sklearn']}, scipy {env['scipy']}")
    print(f"{env['platform']}, {env['cpuCount']} CPUs")
    results = {}
    rows = []

    for n in SIZES:
        tp = os.path.join(DATA, f"truth_{n}.csv")
        sp = os.path.join(DATA, f"labels_{n}.csv")
        truth = load_truth(tp)
        p = validate_and_align(truth, read_labels(sp))
        ref = metrics(truth["y"], p)
        # sanity: bincount macro F1 equals sklearn
        assert abs(macro_f1_bincount(truth["y"], p) - ref["macroF1"]) < 1e-12
        r_full = bench(lambda: score_full(tp, sp))
        r_sub = bench(lambda: score_sub(truth, sp))
        r_read = bench(lambda: read_labels(sp))
        r_met = bench(lambda: metrics(truth["y"], p))
        results[f"score_full_{n}"] = r_full
        results[f"score_sub_{n}"] = r_sub
        results[f"read_csv_sub_{n}"] = r_read
        results[f"metrics_only_{n}"] = r_met
        results[f"macroF1_{n}"] = ref["macroF1"]
        rows += [
            (f"score, truth read included (N={n:,})", r_full),
            (f"score, truth preloaded (N={n:,})", r_sub),
            (f"  of which read_csv of submission (N={n:,})", r_read),
            (f"  of which 5 sklearn metric calls (N={n:,})", r_met),
        ]
        print(f"N={n}: macroF1={ref['macroF1']:.6f} accuracy={ref['accuracy']:.6f}", file=sys.stderr)

    # pairwise 50x50
    truth = load_truth(os.path.join(DATA, "truth_12600.csv"))
    many_dir = os.path.join(DATA, "many")
    files = sorted(f for f in os.listdir(many_dir) if f.startswith("sub_") and f.endswith(".csv"))
    t0 = time.perf_counter()
    m = np.stack([validate_and_align(truth, read_labels(os.path.join(many_dir, f))) for f in files])
    load_ms = (time.perf_counter() - t0) * 1000.0
    d1, d2 = pairwise_loop(m), pairwise_onehot(m)
    assert np.allclose(d1, d2, atol=1e-12, rtol=0)
    r_pl = bench(lambda: pairwise_loop(m))
    r_po = bench(lambda: pairwise_onehot(m))
    results["pairwise_load_align_50_ms"] = load_ms
    results["pairwise_50_loop"] = r_pl
    results["pairwise_50_onehot"] = r_po
    rows += [
        (f"pairwise {len(files)}x{len(files)} disagreement, numpy broadcast loop", r_pl),
        (f"pairwise {len(files)}x{len(files)} disagreement, numpy one-hot matmul", r_po),
    ]

    # bootstrap
    y = truth["y"]
    a = validate_and_align(truth, read_labels(os.path.join(DATA, "labels_12600.csv")))
    b = validate_and_align(truth, read_labels(os.path.join(DATA, "labels_b_12600.csv")))
    seed = 12345
    dl = bootstrap_loop(y, a, b, 1000, seed)
    db = bootstrap_batched(y, a, b, 1000, seed)
    ds = bootstrap_sklearn(y, a, b, 10, seed)
    assert np.allclose(dl, db, atol=1e-12) and np.allclose(dl[:10], ds, atol=1e-12)
    r_bl = bench(lambda: bootstrap_loop(y, a, b, 1000, seed))
    r_bb = bench(lambda: bootstrap_batched(y, a, b, 1000, seed))
    r_bs = bench(lambda: bootstrap_sklearn(y, a, b, 10, seed), repeats=3)
    extrap = {"bestMs": r_bs["bestMs"] * 100, "medianMs": r_bs["medianMs"] * 100,
              "note": "10 resamples timed (best/median of 3), x100"}
    results["bootstrap_1000_loop"] = r_bl
    results["bootstrap_1000_batched"] = r_bb
    results["bootstrap_10_sklearn"] = r_bs
    results["bootstrap_1000_sklearn_extrapolated"] = extrap
    results["bootstrap_stats"] = {
        "observedDiff": macro_f1_bincount(y, a) - macro_f1_bincount(y, b),
        "meanDiff": float(dl.mean()),
        "ci95": [float(np.percentile(dl, 2.5)), float(np.percentile(dl, 97.5))],
    }
    rows += [
        ("bootstrap 1000x12600 macro-F1 diff, bincount per resample", r_bl),
        ("bootstrap 1000x12600 macro-F1 diff, bincount batched x100", r_bb),
        ("bootstrap via sklearn f1_score (10 resamples x100, extrapolated)", extrap),
    ]

    print()
    print("| workload | best ms | median ms |")
    print("|---|---:|---:|")
    for name, r in rows:
        print(f"| {name} | {fmt(r['bestMs'])} | {fmt(r['medianMs'])} |")
    print()
    print(f"(loading + validating + aligning the 50 submissions for the pairwise matrix: {load_ms:,.0f} ms, once)")
    bs = results["bootstrap_stats"]
    print(f"(bootstrap: observed diff {bs['observedDiff']:.5f}, 95% CI [{bs['ci95'][0]:.5f}, {bs['ci95'][1]:.5f}])")

    out = {"environment": env, "unit": "ms", "results": results}
    with open(os.path.join(DATA, "baseline_pandas.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print(f"wrote {os.path.relpath(os.path.join(DATA, 'baseline_pandas.json'))}")


if __name__ == "__main__":
    main()
