"""Golden values for the histogram tree builder: scikit-learn's exact CART regression tree.

Features sit on small integer grids (<= 256 distinct values), where one bin per value makes the
histogram split search exact, so src/server/forecast/trees must reproduce sklearn's splits and leaf
means. Run: /usr/bin/python3 scripts/golden/decision-tree.py  (needs python3-sklearn)
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.tree import DecisionTreeRegressor

rng = np.random.default_rng(20261122)
n_train, n_test, n_feat = 400, 0, 5
grid = [50, 20, 100, 7, 200]
X = np.column_stack([rng.integers(0, g, size=n_train + n_test) for g in grid]).astype(float)
y = (
    np.where(X[:, 0] > 24, 2.0, -1.0)
    + 0.05 * X[:, 2]
    + np.where(X[:, 3] >= 4, 0.5 * X[:, 1] / 20, 0.0)
    + rng.normal(0, 0.3, size=n_train + n_test)
)
cases = []
for max_depth, min_leaf in [(3, 1), (5, 5), (8, 10)]:
    tree = DecisionTreeRegressor(max_depth=max_depth, min_samples_leaf=min_leaf, random_state=0)
    tree.fit(X[:n_train], y[:n_train])
    cases.append(
        {
            "maxDepth": max_depth,
            "minLeaf": min_leaf,
            "nodeCount": int(tree.tree_.node_count),
            # Training rows: split thresholds may sit anywhere in the gap between neighbouring values
            # (sklearn: node-local midpoint, histogram: bin edge), so unseen values can differ.
            "predictions": tree.predict(X[:n_train]).tolist(),
            "depth": int(tree.get_depth()),
        }
    )
out = {
    "generator": f"scripts/golden/decision-tree.py (scikit-learn {sklearn.__version__})",
    "features": n_feat,
    "trainRows": n_train,
    "X": X.tolist(),
    "y": y.tolist(),
    "cases": cases,
}
path = pathlib.Path(__file__).resolve().parents[2] / "tests/fixtures/forecast/decision-tree-golden.json"
path.write_text(json.dumps(out) + "\n")
print(f"wrote {path}")
