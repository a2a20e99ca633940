# Run from the repo root: /usr/bin/python3 tools/make_parity_fixtures.py   (needs Debian's python3-sklearn, python3-scipy, python3-pandas)
"""Write scikit-learn reference numbers for the C# parity tests.

Usage (from the repository root):

    /usr/bin/python3 tools/make_parity_fixtures.py

Output: tests/Portal.Core.Tests/Fixtures/Parity/<case>/
    truth.csv            ImageID,ans          (truth order)
    a.csv, b.csv         ImageID,ans          (labels submissions, each in its own shuffled order)
    a_probs.csv, b_probs.csv                  (probabilities case only; ImageID,0,...,17)
    expected.json        sklearn / scipy / numpy reference values (camelCase keys)

The script is deterministic (numpy default_rng with fixed seeds); re-running it
rewrites byte-identical files.

Class layout (18 classes): class = mask*6 + gender*3 + age, so
mask = c // 6, gender = (c // 3) % 2, age = c % 3.
"""

import json
import math
import os
import sys

import numpy as np
import pandas as pd
import scipy
import scipy.stats
import sklearn
from sklearn.metrics import (
    accuracy_score,
    cohen_kappa_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_ROOT = os.path.join(REPO_ROOT, "tests", "Portal.Core.Tests", "Fixtures", "Parity")

EXTENSIONS = np.array([".jpg", ".jpeg", ".png"])
AXES = {  # name -> (number of values, function of class)
    "mask": (3, lambda c: c // 6),
    "gender": (2, lambda c: (c // 3) % 2),
    "age": (3, lambda c: c % 3),
}
GMEAN_EPS = 1e-7


# ----------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------

def make_ids(rng, n):
    """n unique ids: 40 lowercase hex digits + one of .jpg/.jpeg/.png."""
    ids = []
    seen = set()
    while len(ids) < n:
        h = rng.bytes(20).hex()
        if h in seen:
            continue
        seen.add(h)
        ids.append(h + EXTENSIONS[rng.integers(0, len(EXTENSIONS))])
    return ids


def write_text(path, lines):
    data = "\n".join(lines) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)


def write_labels_csv(path, ids, labels, order):
    lines = ["ImageID,ans"]
    for i in order:
        lines.append(f"{ids[i]},{int(labels[i])}")
    write_text(path, lines)


def format_prob_row(row):
    return [("%.9g" % v) for v in row]


def write_probs_csv(path, ids, prob_strings, order, n_classes):
    lines = ["ImageID," + ",".join(str(k) for k in range(n_classes))]
    for i in order:
        lines.append(ids[i] + "," + ",".join(prob_strings[i]))
    write_text(path, lines)


def read_labels_aligned(path, truth_ids):
    """Read a labels CSV back and align to truth order (like the C# side will)."""
    df = pd.read_csv(path, dtype={"ImageID": str, "ans": np.int64})
    assert list(df.columns) == ["ImageID", "ans"]
    assert not df["ImageID"].duplicated().any()
    assert set(df["ImageID"]) == set(truth_ids)
    s = df.set_index("ImageID")["ans"]
    return s.loc[list(truth_ids)].to_numpy()


def read_probs_aligned(path, truth_ids, n_classes):
    """Read a probabilities CSV back as float64 parsed from the CSV strings, aligned to truth order."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    assert lines[-1] == ""
    header = lines[0].split(",")
    assert header == ["ImageID"] + [str(k) for k in range(n_classes)]
    rows = {}
    for line in lines[1:-1]:
        parts = line.split(",")
        rows[parts[0]] = np.array([float(x) for x in parts[1:]], dtype=np.float64)
    assert len(rows) == len(truth_ids)
    return np.stack([rows[i] for i in truth_ids])


def shuffled_order(rng, n, avoid=()):
    """A permutation of range(n) different from identity and from every order in `avoid`."""
    while True:
        p = rng.permutation(n)
        if np.array_equal(p, np.arange(n)):
            continue
        if any(np.array_equal(p, q) for q in avoid):
            continue
        return p


def fl(x):
    x = float(x)
    assert math.isfinite(x), x
    return x


def matrix_float(m):
    return [[fl(v) for v in row] for row in np.asarray(m)]


def matrix_int(m):
    return [[int(v) for v in row] for row in np.asarray(m)]


# ----------------------------------------------------------------------------
# reference metrics
# ----------------------------------------------------------------------------

def labels_metrics(y_true, y_pred, n_classes, axes):
    labels = list(range(n_classes))
    p, r, f, s = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0)
    out = {
        "macroF1": fl(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)),
        "weightedF1": fl(f1_score(y_true, y_pred, labels=labels, average="weighted", zero_division=0)),
        "accuracy": fl(accuracy_score(y_true, y_pred)),
        "perClass": [
            {"class": k, "precision": fl(p[k]), "recall": fl(r[k]), "f1": fl(f[k]), "support": int(s[k])}
            for k in range(n_classes)
        ],
        "confusion": matrix_int(confusion_matrix(y_true, y_pred, labels=labels)),
        "confusionNormalizedTrue": matrix_float(confusion_matrix(y_true, y_pred, labels=labels, normalize="true")),
        "confusionNormalizedPred": matrix_float(confusion_matrix(y_true, y_pred, labels=labels, normalize="pred")),
        "confusionNormalizedAll": matrix_float(confusion_matrix(y_true, y_pred, labels=labels, normalize="all")),
    }
    if axes:
        attrs = {}
        for name, (k, fn) in AXES.items():
            t = fn(y_true)
            q = fn(y_pred)
            attrs[name] = {
                "accuracy": fl(accuracy_score(t, q)),
                "macroF1": fl(f1_score(t, q, labels=list(range(k)), average="macro", zero_division=0)),
            }
        out["attributes"] = attrs
    return out


def pair_metrics(y_true, a, b, n_classes, axes):
    ca = a == y_true
    cb = b == y_true
    both = int(np.sum(ca & cb))
    only_a = int(np.sum(ca & ~cb))
    only_b = int(np.sum(~ca & cb))
    neither = int(np.sum(~ca & ~cb))
    if only_a + only_b == 0:
        pval = 1.0
    else:
        pval = scipy.stats.binomtest(min(only_a, only_b), only_a + only_b, 0.5).pvalue
    transition = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(transition, (a, b), 1)
    out = {
        "agreement": fl(np.mean(a == b)),
        "kappa": fl(cohen_kappa_score(a, b)),
        "transition": matrix_int(transition),
        "mcnemar": {
            "bothCorrect": both,
            "onlyACorrect": only_a,
            "onlyBCorrect": only_b,
            "bothWrong": neither,
            "pValue": fl(pval),
        },
    }
    if axes:
        out["attributeDisagreement"] = {
            name: int(np.sum(fn(a) != fn(b))) for name, (_, fn) in AXES.items()
        }
    return out


def write_case(name, n_classes, axes, ids, truth, a, b, rng, extra=None, probs=None):
    """Write truth/a/b CSVs (and probability CSVs if given), read them back, compute expected.json."""
    d = os.path.join(OUT_ROOT, name)
    os.makedirs(d, exist_ok=True)
    n = len(ids)
    ident = np.arange(n)
    order_a = shuffled_order(rng, n)
    order_b = shuffled_order(rng, n, avoid=[order_a])
    write_labels_csv(os.path.join(d, "truth.csv"), ids, truth, ident)
    write_labels_csv(os.path.join(d, "a.csv"), ids, a, order_a)
    write_labels_csv(os.path.join(d, "b.csv"), ids, b, order_b)
    if probs is not None:
        order_pa = shuffled_order(rng, n, avoid=[order_a, order_b])
        order_pb = shuffled_order(rng, n, avoid=[order_a, order_b, order_pa])
        write_probs_csv(os.path.join(d, "a_probs.csv"), ids, probs["a"], order_pa, n_classes)
        write_probs_csv(os.path.join(d, "b_probs.csv"), ids, probs["b"], order_pb, n_classes)

    # Read everything back so the numbers are computed from exactly what is on disk.
    t_back = read_labels_aligned(os.path.join(d, "truth.csv"), ids)
    a_back = read_labels_aligned(os.path.join(d, "a.csv"), ids)
    b_back = read_labels_aligned(os.path.join(d, "b.csv"), ids)
    assert np.array_equal(t_back, truth) and np.array_equal(a_back, a) and np.array_equal(b_back, b)

    expected = {
        "classes": n_classes,
        "axes": bool(axes),
        "n": n,
        "a": labels_metrics(t_back, a_back, n_classes, axes),
        "b": labels_metrics(t_back, b_back, n_classes, axes),
        "pair": pair_metrics(t_back, a_back, b_back, n_classes, axes),
    }
    if extra is not None:
        expected.update(extra(d, t_back, a_back, b_back))
    with open(os.path.join(d, "expected.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(expected, separators=(",", ":")))
        f.write("\n")
    return expected


# ----------------------------------------------------------------------------
# cases
# ----------------------------------------------------------------------------

def attr_flip(rng, c, kind):
    """Change the age (kind 0) or gender (kind 1) of class c, keeping the other attributes."""
    mask, gender, age = c // 6, (c // 3) % 2, c % 3
    if kind == 0:
        age = (age + rng.integers(1, 3)) % 3
    else:
        gender = 1 - gender
    return mask * 6 + gender * 3 + age


def case_mask_random():
    rng = np.random.default_rng(20240601)
    n, c = 600, 18
    ids = make_ids(rng, n)
    # skewed class distribution, class 17 absent
    w = np.array([30, 22, 8, 26, 18, 6, 12, 9, 3, 11, 7, 2, 10, 7, 3, 8, 5, 0], dtype=float)
    truth = rng.choice(c, size=n, p=w / w.sum())
    assert not np.any(truth == 17)

    # A: ~30% replaced by random classes, never predicting 16
    a = truth.copy()
    replace = rng.random(n) < 0.30
    replace |= truth == 16  # A never predicts 16, so rows whose truth is 16 must be wrong in A
    allowed = np.array([k for k in range(c) if k != 16])
    a[replace] = rng.choice(allowed, size=int(replace.sum()))
    assert not np.any(a == 16)

    # B: ~40% replaced, mostly age / gender flips of the true class (mask kept)
    b = truth.copy()
    replace_b = np.flatnonzero(rng.random(n) < 0.40)
    for i in replace_b:
        u = rng.random()
        if u < 0.50:
            b[i] = attr_flip(rng, truth[i], 0)  # age
        elif u < 0.85:
            b[i] = attr_flip(rng, truth[i], 1)  # gender
        else:
            b[i] = rng.integers(0, c)  # anything (may change mask, may even be correct)
    return write_case("mask_random", c, True, ids, truth, a, b, rng)


def case_tiny_zero_division():
    rng = np.random.default_rng(20240602)
    ids = make_ids(rng, 12)
    # truth uses only 4 classes; A predicts classes absent from truth (precision 0, recall undefined);
    # B misses truth class 9 entirely (recall 0, precision undefined) and predicts 15/16.
    truth = np.array([0, 0, 0, 4, 4, 4, 4, 9, 9, 13, 13, 13])
    a = np.array([0, 0, 5, 4, 4, 7, 4, 9, 2, 13, 13, 17])
    b = np.array([0, 4, 0, 4, 15, 4, 4, 16, 0, 13, 16, 13])
    return write_case("tiny_zero_division", 18, True, ids, truth, a, b, rng)


def case_three_classes():
    rng = np.random.default_rng(20240603)
    n, c = 200, 3
    ids = make_ids(rng, n)
    truth = rng.choice(c, size=n, p=[0.55, 0.30, 0.15])
    a = truth.copy()
    ra = rng.random(n) < 0.25
    a[ra] = rng.integers(0, c, size=int(ra.sum()))
    b = truth.copy()
    rb = rng.random(n) < 0.35
    b[rb] = (truth[rb] + rng.integers(1, c, size=int(rb.sum()))) % c
    return write_case("three_classes", c, False, ids, truth, a, b, rng)


PROB_UNITS = 10000  # probabilities are whole multiples of 1/10000: short, exact-as-written CSV strings


def make_prob_rows(rng, truth, c, strength):
    """Random probability rows correlated with truth (Dirichlet with a boost on the true class,
    a same-mask neighbour, or a random class), as integer units of 1/PROB_UNITS summing to PROB_UNITS."""
    n = len(truth)
    alpha = np.full((n, c), 0.6)
    hit = rng.random(n)
    target = truth.copy()
    neighbour = hit > strength
    target[neighbour] = np.array([attr_flip(rng, t, int(rng.integers(0, 2))) for t in truth[neighbour]])
    wild = hit > strength + (1 - strength) * 0.5
    target[wild] = rng.integers(0, c, size=int(wild.sum()))
    alpha[np.arange(n), target] += rng.uniform(2.0, 6.0, size=n)
    p = rng.gamma(alpha)
    p /= p.sum(axis=1, keepdims=True)
    # a few rows with several exact zeros (the quantisation makes more; exercises the 1e-7 gmean clamp)
    for i in rng.choice(n, size=max(3, n // 20), replace=False):
        cols = rng.choice(c, size=3, replace=False)
        cols = cols[cols != np.argmax(p[i])]
        p[i, cols] = 0.0
        p[i] /= p[i].sum()
    # quantise: floor, then hand the remaining units to the largest fractional parts
    scaled = p * PROB_UNITS
    units = np.floor(scaled).astype(np.int64)
    rest = PROB_UNITS - units.sum(axis=1)
    frac_order = np.argsort(-(scaled - units), axis=1, kind="stable")
    for i in range(n):
        units[i, frac_order[i, :rest[i]]] += 1
    assert np.all(units.sum(axis=1) == PROB_UNITS)
    return units


def units_to_strings(units):
    """Format with %.9g (exact for these values) and check each row sums to 1 within 1e-6 as parsed."""
    strings = []
    for row in units:
        s = format_prob_row(row / PROB_UNITS)
        back = np.array([float(x) for x in s])
        assert abs(back.sum() - 1.0) <= 1e-6, back.sum()
        assert not any("e" in x for x in s), s
        strings.append(s)
    return strings


def parse_rows(strings):
    return np.array([[float(x) for x in r] for r in strings], dtype=np.float64)


def compute_ensembles(PA, PB, a_lab, b_lab, c):
    """soft / gmean / hard (a,b,a) ensembles with weights [1,2] ([1,2,1] for hard).
    Returns (soft, gmean, hard, hard_tied_rows, near_tie_rows). A near tie is a row whose decision
    depends on a gap below 1e-9 (including exact float ties), so the C# operation order could flip it."""
    n = len(a_lab)
    wa, wb = 1.0, 2.0
    near = set()

    def margin(score):
        srt = np.sort(score, axis=1)
        near.update(np.flatnonzero(srt[:, -1] - srt[:, -2] < 1e-9).tolist())

    soft_score = (wa * PA + wb * PB) / (wa + wb)
    margin(soft_score)
    soft = np.argmax(soft_score, axis=1)

    la = np.log(np.maximum(PA, GMEAN_EPS))
    lb = np.log(np.maximum(PB, GMEAN_EPS))
    gscore = np.exp((wa * la + wb * lb) / (wa + wb))
    margin(gscore)
    gmean = np.argmax(gscore, axis=1)

    members = [(a_lab, PA, 1.0), (b_lab, PB, 2.0), (a_lab, PA, 1.0)]
    hard = np.empty(n, dtype=np.int64)
    tied = 0
    for i in range(n):
        votes = np.zeros(c)
        psum = np.zeros(c)
        for lab, P, wt in members:
            votes[lab[i]] += wt
            psum += wt * P[i]
        top = np.flatnonzero(votes == votes.max())
        if len(top) > 1:
            tied += 1
            tp = psum[top]
            srt = np.sort(tp)
            if srt[-1] - srt[-2] < 1e-9:
                near.add(i)
            best = top[tp == tp.max()]
            hard[i] = best.min()
        else:
            hard[i] = top[0]
    return soft, gmean, hard, tied, near


def case_probabilities():
    rng = np.random.default_rng(20240604)
    n, c = 300, 18
    ids = make_ids(rng, n)
    w = np.array([20, 16, 6, 18, 14, 5, 9, 7, 3, 8, 6, 2, 8, 6, 3, 7, 4, 2], dtype=float)
    truth = rng.choice(c, size=n, p=w / w.sum())
    ua = make_prob_rows(rng, truth, c, 0.62)
    ub = make_prob_rows(rng, truth, c, 0.72)

    # Hand-built rows (exact binary fractions, exact sums), deliberately exactly tied:
    # row 0: a and b both tie between classes 2 and 11 -> a = b = 2; soft / gmean tie exactly -> 2.
    # row 1: a = 7 (0.375 vs 0.25 at 13), b = 13 (0.375 vs 0.25 at 7) -> hard vote a,b,a ties 2:2 and the
    #        tie-break sums (2*0.375 + 2*0.25) tie exactly too -> lowest index, 7.
    special = {}
    r = np.full(c, 0.5 / 16); r[2] = r[11] = 0.25; special[("a", 0)] = r
    r = np.full(c, 0.25 / 16); r[2] = r[11] = 0.375; special[("b", 0)] = r
    r = np.full(c, 0.375 / 16); r[7] = 0.375; r[13] = 0.25; special[("a", 1)] = r
    r = np.full(c, 0.375 / 16); r[13] = 0.375; r[7] = 0.25; special[("b", 1)] = r
    exact_tie_rows = {0, 1}

    def build():
        sa, sb = units_to_strings(ua), units_to_strings(ub)
        for (which, i), row in special.items():
            assert row.sum() == 1.0
            (sa if which == "a" else sb)[i] = format_prob_row(row)
        return sa, sb

    # Re-draw rows that would be decided by a near tie (other than the deliberate exact ones).
    for _ in range(50):
        sa, sb = build()
        PA, PB = parse_rows(sa), parse_rows(sb)
        _, _, _, _, near = compute_ensembles(PA, PB, np.argmax(PA, axis=1), np.argmax(PB, axis=1), c)
        near -= exact_tie_rows
        if not near:
            break
        idx = np.array(sorted(near))
        ua[idx] = make_prob_rows(rng, truth[idx], c, 0.62)
        ub[idx] = make_prob_rows(rng, truth[idx], c, 0.72)
    else:
        raise RuntimeError("could not remove near ties")
    a_lab = np.argmax(PA, axis=1)  # ties go to the lowest index
    b_lab = np.argmax(PB, axis=1)

    def ensembles(d, t, a_back, b_back):
        PA2 = read_probs_aligned(os.path.join(d, "a_probs.csv"), ids, c)
        PB2 = read_probs_aligned(os.path.join(d, "b_probs.csv"), ids, c)
        assert np.array_equal(PA2, PA) and np.array_equal(PB2, PB)
        assert np.array_equal(np.argmax(PA2, axis=1), a_back)
        assert np.array_equal(np.argmax(PB2, axis=1), b_back)
        assert np.all(np.abs(PA2.sum(axis=1) - 1) <= 1e-6) and np.all(np.abs(PB2.sum(axis=1) - 1) <= 1e-6)
        soft, gmean, hard, tied, near = compute_ensembles(PA2, PB2, a_back, b_back, c)
        assert near == exact_tie_rows, near
        assert soft[0] == 2 and gmean[0] == 2 and hard[0] == 2
        assert a_back[1] == 7 and b_back[1] == 13 and hard[1] == 7
        labels = list(range(c))

        def pack(pred, **kw):
            out = dict(kw)
            out["macroF1"] = fl(f1_score(t, pred, labels=labels, average="macro", zero_division=0))
            out["labels"] = [[ids[i], int(pred[i])] for i in range(len(ids))]
            return out

        return {
            "ensembles": {
                "soft": pack(soft, members=["a", "b"], weights=[1, 2]),
                "gmean": pack(gmean, members=["a", "b"], weights=[1, 2], epsilon=GMEAN_EPS),
                "hard": pack(hard, members=["a", "b", "a"], weights=[1, 2, 1], tiedRows=tied),
            }
        }

    return write_case("probabilities", c, True, ids, truth, a_lab, b_lab, rng,
                      extra=ensembles, probs={"a": sa, "b": sb})


def main():
    if not hasattr(scipy.stats, "binomtest"):
        sys.exit("scipy >= 1.7 needed (scipy.stats.binomtest)")
    os.makedirs(OUT_ROOT, exist_ok=True)
    results = {
        "mask_random": case_mask_random(),
        "tiny_zero_division": case_tiny_zero_division(),
        "three_classes": case_three_classes(),
        "probabilities": case_probabilities(),
    }
    print(f"numpy {np.__version__}, pandas {pd.__version__}, scikit-learn {sklearn.__version__}, scipy {scipy.__version__}")
    for name, e in results.items():
        line = (f"{name:20s} n={e['n']:4d} C={e['classes']:2d}  "
                f"A macroF1={e['a']['macroF1']:.4f} acc={e['a']['accuracy']:.4f}  "
                f"B macroF1={e['b']['macroF1']:.4f} acc={e['b']['accuracy']:.4f}  "
                f"agree={e['pair']['agreement']:.3f} kappa={e['pair']['kappa']:.3f} "
                f"mcnemar p={e['pair']['mcnemar']['pValue']:.4g}")
        print(line)
        if "ensembles" in e:
            for k, v in e["ensembles"].items():
                print(f"{'':20s} ensemble {k:5s} macroF1={v['macroF1']:.4f}")
    print("wrote", os.path.relpath(OUT_ROOT, REPO_ROOT))


if __name__ == "__main__":
    main()
