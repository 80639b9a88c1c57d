#!/usr/bin/Rscript
# Golden values for the TypeScript GARCH(1,1) and GJR-GARCH(1,1) (src/server/forecast/volatility/garch.ts)
# from R's fGarch (Gaussian maximum likelihood, constant mean). Inputs: simulated GARCH and GJR series
# (fixed seed) and the last 2000 daily log returns (close) of AAPL and JPM from data/*.csv. Writes
# tests/fixtures/forecast/garch-golden.json.
#
#   apt-get install -y r-cran-fgarch && Rscript scripts/golden/garch_golden.R
# fGarch's APARCH with delta = 2 is GJR: sigma2 = omega + alpha (|e| - g e)^2 + beta sigma2, so the GJR
# parameters are alpha (1 - g)^2 for positive shocks and alpha (1 + g)^2 for negative ones.
suppressMessages(library(fGarch))

simulate <- function(n, omega, alpha, gamma, beta, seed) {
  set.seed(seed)
  z <- rnorm(n + 500)
  r <- numeric(n + 500)
  s2 <- omega / (1 - alpha - gamma / 2 - beta)
  for (i in seq_along(z)) {
    r[i] <- sqrt(s2) * z[i]
    s2 <- omega + (alpha + ifelse(r[i] < 0, gamma, 0)) * r[i]^2 + beta * s2
  }
  tail(r, n)
}

real <- function(sym) {
  d <- read.csv(file.path("data", paste0(sym, ".csv")))
  r <- diff(log(d$close))
  tail(r, 2000)
}

fit_case <- function(name, r) {
  g <- garchFit(~ garch(1, 1), data = r, include.mean = TRUE, cond.dist = "norm", trace = FALSE)
  a <- garchFit(~ aparch(1, 1), data = r, include.mean = TRUE, include.delta = FALSE, delta = 2, cond.dist = "norm", trace = FALSE)
  cg <- coef(g)
  ca <- coef(a)
  list(
    name = name,
    returns = round(r, 12),
    garch = list(mu = cg[["mu"]], omega = cg[["omega"]], alpha = cg[["alpha1"]], beta = cg[["beta1"]], logLik = -g@fit$value),
    gjr = list(
      mu = ca[["mu"]], omega = ca[["omega"]],
      alpha = ca[["alpha1"]] * (1 - ca[["gamma1"]])^2,
      gamma = ca[["alpha1"]] * (1 + ca[["gamma1"]])^2 - ca[["alpha1"]] * (1 - ca[["gamma1"]])^2,
      beta = ca[["beta1"]], logLik = -a@fit$value
    )
  )
}

cases <- list(
  fit_case("sim-garch", simulate(3000, 2e-6, 0.08, 0, 0.9, 11)),
  fit_case("sim-gjr", simulate(3000, 2e-6, 0.03, 0.1, 0.88, 12)),
  fit_case("AAPL", real("AAPL")),
  fit_case("JPM", real("JPM"))
)
out <- list(generator = paste("fGarch", packageVersion("fGarch"), R.version.string), cases = cases)
json <- function(x) {
  if (is.list(x)) {
    if (!is.null(names(x)) && all(names(x) != "")) {
      return(paste0("{", paste0('"', names(x), '":', sapply(x, json), collapse = ","), "}"))
    }
    return(paste0("[", paste(sapply(x, json), collapse = ","), "]"))
  }
  if (is.character(x)) return(paste0('"', x, '"'))
  if (length(x) == 1) return(format(x, digits = 15))
  paste0("[", paste(format(x, digits = 15, trim = TRUE), collapse = ","), "]")
}
writeLines(json(out), "tests/fixtures/forecast/garch-golden.json")
cat("wrote tests/fixtures/forecast/garch-golden.json\n")
