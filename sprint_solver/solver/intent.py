"""The intent classifier: which calculation (or none) a question asks for.

A TF-IDF + multinomial logistic-regression model (scikit-learn) trained on the
generated paraphrases of :mod:`.paraphrase`. Features are the question's words and
word pairs, with every number replaced by a token naming its kind and unit
(``Q_time``, ``Q_speed``, ``Q_length_ft``...), so the model learns the shape of a
question, not particular values.

The weights are stored as JSON (``intent_model.json``; no pickle) and inference is
a few numpy operations on them, run only when the hand-written rules of
:mod:`.parse` are not decisive.

Train (deterministic: fixed seed, single-threaded solver)::

    python -m sprint_solver.solver.intent --train
"""
from __future__ import annotations

import argparse
import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .extract import Extraction, extract

MODEL_PATH = Path(__file__).resolve().parent / "data" / "intent_model.json"
NONE = "none"
FORMAT = 1
SEED = 20240601
_WORD = re.compile(r"[a-z]+|[?]")


def features(ex: Extraction) -> list[str]:
    """Unigrams and bigrams of the question with quantities replaced by their kind."""
    t = ex.text
    parts: list[str] = []
    pos = 0
    for x in ex.qtys:
        parts.append(t[pos:x.start])
        tag = f" q{x.kind}{('x' + x.unit) if x.kind in ('length', 'distance', 'pace', 'time') and x.unit else ''}"
        parts.append(tag.replace("/", "").replace(" ", " ") + ("s" if x.signed else "") + " ")
        pos = x.end
    parts.append(t[pos:])
    toks = _WORD.findall("".join(parts))
    feats = toks[:]
    feats += [a + "_" + b for a, b in zip(toks, toks[1:])]
    return feats


# --- inference -------------------------------------------------------------------------------
class _Model:
    __slots__ = ("vocab", "idf", "coef", "intercept", "classes", "sublinear")

    def __init__(self, d: dict[str, Any]):
        self.vocab: dict[str, int] = d["vocabulary"]
        self.idf = np.asarray(d["idf"], dtype=float)
        self.coef = np.asarray(d["coef"], dtype=float)          # (n_classes, n_features)
        self.intercept = np.asarray(d["intercept"], dtype=float)
        self.classes: list[str] = d["classes"]
        self.sublinear: bool = d.get("sublinear_tf", True)

    def proba(self, feats: list[str]) -> np.ndarray:
        counts: dict[int, int] = {}
        v = self.vocab
        for f in feats:
            j = v.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            z = self.intercept
        else:
            idx = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=float, count=len(counts))
            if self.sublinear:
                tf = 1.0 + np.log(tf)
            vals = tf * self.idf[idx]
            vals /= math.sqrt(float(vals @ vals))
            z = self.coef[:, idx] @ vals + self.intercept
        z = z - z.max()
        e = np.exp(z)
        return e / e.sum()


@lru_cache(maxsize=1)
def _load() -> _Model | None:
    if not MODEL_PATH.is_file():
        return None
    d = json.loads(MODEL_PATH.read_text("utf-8"))
    if d.get("format") != FORMAT:
        return None
    return _Model(d)


def predict_proba(ex: Extraction | str) -> dict[str, float] | None:
    """Class probabilities for a question (None when no model is shipped)."""
    m = _load()
    if m is None:
        return None
    if isinstance(ex, str):
        ex = extract(ex)
    p = m.proba(features(ex))
    return dict(zip(m.classes, p.tolist()))


def predict(text: str) -> tuple[str, float]:
    probs = predict_proba(text) or {NONE: 1.0}
    k = max(probs, key=probs.__getitem__)
    return k, probs[k]


# --- training -------------------------------------------------------------------------------
def training_data(seed: int = SEED, per_template: int = 12) -> tuple[list[list[str]], list[str]]:
    from .paraphrase import generate

    X, y = [], []
    for text, label in generate(seed, per_template):
        try:
            ex = extract(text)
        except ValueError:
            continue
        X.append(features(ex))
        y.append(label)
    return X, y


def train(seed: int = SEED, per_template: int = 12, C: float = 8.0) -> dict[str, Any]:
    """Fit the classifier and return the JSON-ready weights (see module docstring)."""
    import sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    X, y = training_data(seed, per_template)
    vec = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, min_df=2, norm="l2")
    A = vec.fit_transform(X)
    clf = LogisticRegression(C=C, max_iter=3000, solver="lbfgs", random_state=seed)
    clf.fit(A, y)
    vocab = {k: int(v) for k, v in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])}
    coef = clf.coef_
    return {
        "format": FORMAT,
        "description": "intent classifier for sprint-solver questions: tf-idf (words + bigrams, numbers "
                       "replaced by their kind) + multinomial logistic regression, trained on generated "
                       "paraphrases (sprint_solver/solver/paraphrase.py)",
        "trained_with": {"command": "python -m sprint_solver.solver.intent --train", "seed": seed,
                         "per_template": per_template, "C": C, "n_examples": len(y),
                         "sklearn": sklearn.__version__},
        "classes": [str(c) for c in clf.classes_],
        "sublinear_tf": True,
        "vocabulary": vocab,
        "idf": [round(float(x), 6) for x in vec.idf_],
        "coef": [[round(float(x), 5) for x in row] for row in coef],
        "intercept": [round(float(x), 5) for x in clf.intercept_],
    }


def evaluate(seed: int = SEED + 1, per_template: int = 4) -> dict[str, Any]:
    """Accuracy of the stored model on fresh paraphrases (a different seed)."""
    from .paraphrase import generate

    ok = total = 0
    wrong: list[tuple[str, str, str]] = []
    for text, label in generate(seed, per_template):
        k, _ = predict(text)
        total += 1
        ok += k == label
        if k != label and len(wrong) < 20:
            wrong.append((text, label, k))
    return {"accuracy": ok / max(total, 1), "n": total, "examples_wrong": wrong}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Train or evaluate the intent classifier.")
    ap.add_argument("--train", action="store_true", help=f"train and write {MODEL_PATH.name}")
    ap.add_argument("--evaluate", action="store_true", help="accuracy on held-out paraphrases")
    a = ap.parse_args(argv)
    if a.train:
        d = train()
        MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        MODEL_PATH.write_text(json.dumps(d, separators=(",", ":"), sort_keys=False) + "\n", "utf-8")
        _load.cache_clear()
        print(f"wrote {MODEL_PATH} ({len(d['vocabulary'])} features, {len(d['classes'])} classes, "
              f"{d['trained_with']['n_examples']} examples)")
    if a.evaluate or a.train:
        r = evaluate()
        print(f"held-out accuracy {r['accuracy']:.3f} on {r['n']} paraphrases")
        for w in r["examples_wrong"]:
            print("  ", w)


if __name__ == "__main__":
    main()
