-- When the daily refresh or a training last read a symbol's SEC EDGAR filings for its earnings-release dates
-- (at most once a UTC day per symbol).
-- CreateTable
CREATE TABLE "earnings_checks" (
    "symbol" TEXT NOT NULL,
    "checked_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "earnings_checks_pkey" PRIMARY KEY ("symbol")
);
