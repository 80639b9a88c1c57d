# Golden values for scripts/bench/crps-ceiling.ts's theory part (tests/unit/forecast/crps-ceiling.test.ts), by closed
# form instead of the script's grids: for y ~ N(0, 1) the expected pinball loss of quantile q at level tau is
# q (Phi(q) - tau) + phi(q); the quantile CRPS of the seven levels weights them by the stretch between midpoints.
# The forecast sd errs by k = exp(s x), x ~ N(0, 1), integrated by Gauss-Hermite quadrature (120 nodes).
#   /usr/bin/python3 scripts/golden/crps_ceiling_golden.py > tests/fixtures/forecast/crps-ceiling-golden.json
# (Debian's python3-numpy and python3-scipy; run 2026-12-07 with numpy 1.24.2, scipy 1.10.1.)
import json
import numpy as np
from scipy import stats

L = np.array([0.005, 0.025, 0.1, 0.5, 0.9, 0.975, 0.995])
mid = np.concatenate([[0.0], (L[:-1] + L[1:]) / 2, [1.0]])
w = np.diff(mid)
z = stats.norm.ppf(L)


def crps(k):
    q = k * z
    return 2 * float(np.sum(w * (q * (stats.norm.cdf(q) - L) + stats.norm.pdf(q))))


x, wx = np.polynomial.hermite_e.hermegauss(120)
wx = wx / wx.sum()
out = {
    "generator": "scripts/golden/crps_ceiling_golden.py (numpy %s, scipy %s)" % (np.__version__, __import__("scipy").__version__),
    "levels": L.tolist(),
    "exactSdCrps": crps(1.0),
    "medianShareExactSd": 2 * w[3] * stats.norm.pdf(0.0) / crps(1.0),
    "exactOverErring": {str(s): crps(1.0) / float(np.sum(wx * np.array([crps(np.exp(s * xi)) for xi in x]))) for s in [0.1, 0.2, 0.3, 0.4, 0.5]},
}
print(json.dumps(out, indent=2))
