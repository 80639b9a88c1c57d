-- Earnings-release dates per symbol (SEC EDGAR 8-K filings with item 2.02, "Results of Operations and
-- Financial Condition"), one row per symbol and date, for the forecast engine.
-- CreateTable
CREATE TABLE "earnings_dates" (
    "symbol" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "source" TEXT NOT NULL,
    "filed_at" TIMESTAMP(3) NOT NULL,
    "accession" TEXT NOT NULL,

    CONSTRAINT "earnings_dates_pkey" PRIMARY KEY ("symbol","date")
);
