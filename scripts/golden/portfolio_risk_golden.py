#!/usr/bin/env python3
"""Golden values for the portfolio risk maths (src/server/forecast/portfolio-risk/), computed independently.

Ledoit-Wolf shrinkage toward constant correlation: the matrix form of the authors' covCor.m (Ledoit & Wolf
2004, "Honey, I shrunk the sample covariance matrix"), in numpy, against the element-by-element TypeScript.
Kupiec's POF p-value (scipy.stats.chi2) and the binomial distribution function (scipy.stats.binom) for the
Basel traffic light.

Inputs: daily log returns of the last 250 closes of five shipped symbols (data/*.csv, read here and in the
test alike), and a synthetic 3 x 40 matrix (numpy seed 7) written into the fixture with its results.

    python3 scripts/golden/portfolio_risk_golden.py     # needs numpy and scipy (pip, or apt python3-scipy)

Writes tests/fixtures/portfolios/risk-golden.json.
"""
import csv
import json
import math
import os

import numpy as np
import scipy
from scipy.stats import binom, chi2

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "portfolios", "risk-golden.json")
SYMBOLS = ["AAPL", "MSFT", "JPM", "JNJ", "NVDA"]
DAYS = 250


def closes(symbol):
    with open(os.path.join(ROOT, "data", f"{symbol}.csv")) as f:
        return [float(r["close"]) for r in csv.DictReader(f)]


def cov_cor(x):
    """covCor.m, line by line: x is t x n."""
    t, n = x.shape
    x = x - x.mean(axis=0)
    sample = (x.T @ x) / t
    var = np.diag(sample).copy()
    sqrtvar = np.sqrt(var)
    r_bar = (np.sum(sample / np.outer(sqrtvar, sqrtvar)) - n) / (n * (n - 1))
    prior = r_bar * np.outer(sqrtvar, sqrtvar)
    np.fill_diagonal(prior, var)
    y = x**2
    phi_mat = (y.T @ y) / t - 2 * (x.T @ x) * sample / t + sample**2
    phi = phi_mat.sum()
    term1 = ((x**3).T @ x) / t
    help_ = (x.T @ x) / t
    help_diag = np.diag(help_)
    term2 = help_diag[:, None] * sample
    term3 = help_ * var[:, None]
    term4 = var[:, None] * sample
    theta_mat = term1 - term2 - term3 + term4
    np.fill_diagonal(theta_mat, 0)
    rho = np.sum(np.diag(phi_mat)) + r_bar * np.sum(np.outer(1 / sqrtvar, sqrtvar) * theta_mat)
    gamma = np.linalg.norm(sample - prior, "fro") ** 2
    kappa = (phi - rho) / gamma
    shrinkage = max(0.0, min(1.0, kappa / t))
    sigma = shrinkage * prior + (1 - shrinkage) * sample
    corr = sigma / np.outer(sqrtvar, sqrtvar)
    np.fill_diagonal(corr, 1.0)
    return {"shrinkage": shrinkage, "meanCorrelation": r_bar, "covariance": sigma.tolist(), "correlation": corr.tolist()}


def main():
    real = []
    for s in SYMBOLS:
        c = closes(s)[-(DAYS + 1):]
        real.append([math.log(c[i + 1] / c[i]) for i in range(DAYS)])
    real_x = np.array(real).T
    rng = np.random.default_rng(7)
    mix = np.array([[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [0.2, -0.3, 0.93]])
    synth = (rng.standard_t(df=4, size=(40, 3)) @ mix.T) * np.array([0.01, 0.02, 0.015])
    kupiec = []
    for x, n, level in [(0, 250, 0.99), (2, 250, 0.99), (4, 250, 0.99), (10, 250, 0.99), (12, 250, 0.95), (25, 500, 0.95), (40, 500, 0.95), (3, 100, 0.95), (7, 1000, 0.99)]:
        p = 1 - level
        ph = x / n
        ll0 = (n - x) * math.log(1 - p) + (x * math.log(p) if x else 0)
        ll1 = ((n - x) * math.log(1 - ph) if x < n else 0) + (x * math.log(ph) if x else 0)
        lr = -2 * (ll0 - ll1)
        kupiec.append({"exceptions": x, "n": n, "level": level, "lr": lr, "pValue": float(chi2.sf(lr, 1))})
    binomial = [{"x": x, "n": n, "p": p, "cdf": float(binom.cdf(x, n, p))} for x, n, p in [(4, 250, 0.01), (5, 250, 0.01), (9, 250, 0.01), (10, 250, 0.01), (17, 250, 0.05), (18, 250, 0.05), (20, 250, 0.05), (2, 50, 0.05)]]
    out = {
        "generatedBy": "scripts/golden/portfolio_risk_golden.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "real": {"symbols": SYMBOLS, "days": DAYS, **cov_cor(real_x)},
        "synthetic": {"x": synth.T.tolist(), **cov_cor(synth)},
        "kupiec": kupiec,
        "binomial": binomial,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}: real shrinkage {out['real']['shrinkage']:.6f}, synthetic {out['synthetic']['shrinkage']:.6f}")


if __name__ == "__main__":
    main()
