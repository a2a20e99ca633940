# Run from the repo root: /usr/bin/python3 tools/trust_reference.py   (needs Debian's python3-numpy, python3-sklearn, python3-scipy)
"""Reference numbers for the trust features (issue 12): board intervals, tiers and the label audit.

Usage (from the repository root):

    /usr/bin/python3 tools/trust_reference.py

Output: tests/Portal.Core.Tests/Fixtures/Trust/board/
    truth.csv             ImageID,ans   the recorded truth (with planted label errors), truth order
    sub_0.csv .. sub_4.csv ImageID,ans  labels submissions, each in its own shuffled order
    sub_5.csv             ImageID,0..17 a probabilities submission (label = argmax)
    expected.json         the numbers below (camelCase keys)

What it computes, independently of the C# code but on the same resamples:
  * the portal's random numbers: xoshiro256** seeded through SplitMix64, stream r of a seed as
    DeterministicRandom.ForStream, and NextInt(n) as Lemire's multiply-shift (high 64 bits of x * n);
  * resample r of the paired bootstrap = the M indices NextInt(M) drawn from stream r (as PairedBootstrap);
  * every submission's macro F1 on every resample with scikit-learn's
    f1_score(average='macro', labels=range(18), zero_division=0) on (truth[idx], pred[idx]);
  * numpy's default (linear) percentiles: each row's 95 % interval, and the interval of the difference
    F1(row above) - F1(row) per resample; the share of resamples where the row above is higher;
  * tiers, "tied with the tier's leader": walking the board (macro F1 descending, ties to the lower file
    number) a row starts a new tier when the interval of F1(leader) - F1(row) excludes 0;
  * the label audit: images where more than half of the six submissions agree on one label other than the
    recorded truth; agreement, mean probability of that label over the probabilities submissions, the
    attributes that differ; ordered by votes, then mean probability, then truth position;
  * Kendall's tau-b (scipy.stats.kendalltau) between the rows' macro F1 on the first and second half of the images.

Because the resamples are the same draws, the C# numbers must equal these up to floating-point rounding
(scikit-learn forms F1 from precision and recall, the portal from counts): the tests compare at 1e-12,
not at a sampling tolerance. The script is deterministic; re-running it rewrites byte-identical files.
"""

import json
import os

import numpy as np
import scipy.stats
import sklearn
from sklearn.metrics import f1_score

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO_ROOT, "tests", "Portal.Core.Tests", "Fixtures", "Trust", "board")

C = 18
M = 360
RESAMPLES = 1000
SEED = 42
CONFIDENCE = 0.95
NOISE = [0.20, 0.22, 0.30, 0.31, 0.50, 0.21]  # sub_5 is the probabilities submission
PLANTED = 8
AXES = [("mask", lambda c: c // 6), ("gender", lambda c: (c // 3) % 2), ("age", lambda c: c % 3)]
EXTENSIONS = [".jpg", ".jpeg", ".png"]

MASK64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


# ----------------------------------------------------------------------------
# the portal's random numbers (src/Portal.Core/Randomness/DeterministicRandom.cs)
# ----------------------------------------------------------------------------

def splitmix64(x):
    """One SplitMix64 step: (next state, output)."""
    x = (x + GOLDEN) & MASK64
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return x, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK64


class Xoshiro256StarStar:
    def __init__(self, seed):
        x = seed & MASK64
        x, self.s0 = splitmix64(x)
        x, self.s1 = splitmix64(x)
        x, self.s2 = splitmix64(x)
        x, self.s3 = splitmix64(x)

    @staticmethod
    def for_stream(seed, stream):
        x = (seed ^ ((GOLDEN * (stream + 1)) & MASK64)) & MASK64
        _, z = splitmix64(x)
        return Xoshiro256StarStar(z)

    def next_u64(self):
        result = (rotl((self.s1 * 5) & MASK64, 7) * 9) & MASK64
        t = (self.s1 << 17) & MASK64
        self.s2 ^= self.s0
        self.s3 ^= self.s1
        self.s1 ^= self.s2
        self.s0 ^= self.s3
        self.s2 ^= t
        self.s3 = rotl(self.s3, 45)
        return result

    def next_int(self, bound):
        return (self.next_u64() * bound) >> 64


def resample_indices(seed, r, m):
    rng = Xoshiro256StarStar.for_stream(seed, r)
    return np.array([rng.next_int(m) for _ in range(m)], dtype=np.int64)


# ----------------------------------------------------------------------------
# fixture
# ----------------------------------------------------------------------------

def make_ids(rng, n):
    ids, seen = [], set()
    while len(ids) < n:
        h = rng.bytes(20).hex()
        if h not in seen:
            seen.add(h)
            ids.append(h + EXTENSIONS[rng.integers(0, len(EXTENSIONS))])
    return ids


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def macro_f1(t, p):
    return float(f1_score(t, p, labels=list(range(C)), average="macro", zero_division=0))


def percentile(values, q):
    return float(np.percentile(values, q * 100))


def main():
    rng = np.random.default_rng(20261201)
    weights = np.array([20, 16, 3, 24, 18, 4, 4, 3.2, 0.6, 4.8, 3.6, 0.8, 4, 3.2, 0.6, 4.8, 3.6, 0.8])
    real = rng.choice(C, size=M, p=weights / weights.sum())
    ids = make_ids(rng, M)

    # The recorded truth: real labels with errors planted on one attribute each (gender, age, mask in turn).
    truth = real.copy()
    planted = sorted(rng.choice(M, size=PLANTED, replace=False).tolist())
    for n, i in enumerate(planted):
        axis = n % 3
        mask, gender, age = real[i] // 6, (real[i] // 3) % 2, real[i] % 3
        if axis == 0:
            gender = 1 - gender
        elif axis == 1:
            age = (age + 1) % 3
        else:
            mask = (mask + 1) % 3
        truth[i] = mask * 6 + gender * 3 + age

    # Submissions: the real labels with random mistakes; the planted images get one extra protection so the
    # audit has a clear answer (at most one submission errs on each).
    preds = []
    for s, noise in enumerate(NOISE):
        p = real.copy()
        wrong = rng.random(M) < noise
        p[wrong] = rng.integers(0, C, size=int(wrong.sum()))
        for n, i in enumerate(planted):
            p[i] = real[i] if s != n % len(NOISE) else truth[i]
        preds.append(p)

    # sub_5 as probabilities: its label gets 0.40 to 0.90, the rest share the remainder.
    top = rng.uniform(0.40, 0.90, size=M)
    probs = np.tile(((1 - top) / (C - 1))[:, None], (1, C))
    probs[np.arange(M), preds[5]] = top
    prob_text = [["%.9g" % v for v in row] for row in probs]
    probs = np.array([[float(v) for v in row] for row in prob_text])  # what a reader of the file sees
    assert np.array_equal(probs.argmax(axis=1), preds[5])

    os.makedirs(OUT, exist_ok=True)
    write_lines(os.path.join(OUT, "truth.csv"), ["ImageID,ans"] + [f"{ids[i]},{truth[i]}" for i in range(M)])
    for s in range(5):
        order = rng.permutation(M)
        write_lines(os.path.join(OUT, f"sub_{s}.csv"), ["ImageID,ans"] + [f"{ids[i]},{preds[s][i]}" for i in order])
    order = rng.permutation(M)
    write_lines(os.path.join(OUT, "sub_5.csv"),
                ["ImageID," + ",".join(str(k) for k in range(C))] + [ids[i] + "," + ",".join(prob_text[i]) for i in order])
    files = [f"sub_{s}.csv" for s in range(6)]

    # ---------------------------------------------------------------- board
    observed = [macro_f1(truth, p) for p in preds]
    board = sorted(range(6), key=lambda s: (-observed[s], s))
    replicates = np.zeros((6, RESAMPLES))
    for r in range(RESAMPLES):
        idx = resample_indices(SEED, r, M)
        for s in range(6):
            replicates[s, r] = macro_f1(truth[idx], preds[s][idx])

    tail = (1 - CONFIDENCE) / 2
    rows, leader, tier = [], board[0], 1
    for position, s in enumerate(board):
        row = {
            "file": files[s],
            "macroF1": observed[s],
            "lower": percentile(replicates[s], tail),
            "upper": percentile(replicates[s], 1 - tail),
        }
        if position > 0:
            above = board[position - 1]
            d = replicates[above] - replicates[s]
            row["toAbove"] = {
                "observed": observed[above] - observed[s],
                "lower": percentile(d, tail),
                "upper": percentile(d, 1 - tail),
                "fractionAboveBetter": float(np.mean(d > 0)),
            }
            dl = replicates[leader] - replicates[s]
            lo, hi = percentile(dl, tail), percentile(dl, 1 - tail)
            if lo > 0 or hi < 0:
                tier += 1
                leader = s
        row["tier"] = tier
        rows.append(row)

    # ---------------------------------------------------------------- audit
    votes = np.zeros((M, C), dtype=np.int64)
    for p in preds:
        votes[np.arange(M), p] += 1
    consensus = votes.argmax(axis=1)  # ties to the lowest class, as the portal
    top_votes = votes[np.arange(M), consensus]
    suspects = []
    for i in range(M):
        if consensus[i] != truth[i] and top_votes[i] > len(preds) / 2:
            suspects.append({
                "position": i,
                "imageId": ids[i],
                "truth": int(truth[i]),
                "consensus": int(consensus[i]),
                "votes": int(top_votes[i]),
                "agreement": float(top_votes[i] / len(preds)),
                "meanConfidence": float(probs[i, consensus[i]]),
                "differingAttributes": [name for name, f in AXES if f(truth[i]) != f(consensus[i])],
            })
    suspects.sort(key=lambda x: (-x["votes"], -x["meanConfidence"], x["position"]))
    found = {x["position"] for x in suspects}
    assert set(planted) <= found, (planted, sorted(found))

    # ---------------------------------------------------------------- Kendall's tau
    half = M // 2
    first = [macro_f1(truth[:half], p[:half]) for p in preds]
    second = [macro_f1(truth[half:], p[half:]) for p in preds]
    tau = scipy.stats.kendalltau(first, second)

    rng0 = Xoshiro256StarStar.for_stream(SEED, 0)
    expected = {
        "generator": "tools/trust_reference.py",
        "versions": {"numpy": np.__version__, "scikit-learn": sklearn.__version__, "scipy": scipy.__version__},
        "classes": C,
        "images": M,
        "resamples": RESAMPLES,
        "seed": SEED,
        "confidence": CONFIDENCE,
        "stream0FirstOutputs": [str(rng0.next_u64()) for _ in range(4)],
        "stream0FirstDraws": resample_indices(SEED, 0, M)[:8].tolist(),
        "board": rows,
        "planted": [ids[i] for i in planted],
        "audit": suspects,
        "halves": {"first": first, "second": second, "kendallTau": float(tau.correlation)},
    }
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}: {len(rows)} rows in {tier} tiers, {len(suspects)} audit suspects ({PLANTED} planted)")


if __name__ == "__main__":
    main()
