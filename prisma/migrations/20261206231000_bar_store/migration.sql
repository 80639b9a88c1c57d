-- The bar store: every daily bar a live provider served, one consistent series per symbol, with the source
-- and fetch time of the accepted fetch that wrote it; and the symbols the daily refresh follows.
-- CreateTable
CREATE TABLE "market_bars" (
    "symbol" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "open" DOUBLE PRECISION NOT NULL,
    "high" DOUBLE PRECISION NOT NULL,
    "low" DOUBLE PRECISION NOT NULL,
    "close" DOUBLE PRECISION NOT NULL,
    "adj_close" DOUBLE PRECISION,
    "volume" DOUBLE PRECISION NOT NULL,
    "source" TEXT NOT NULL,
    "fetched_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "market_bars_pkey" PRIMARY KEY ("symbol","date")
);

-- CreateTable
CREATE TABLE "symbol_interests" (
    "symbol" TEXT NOT NULL,
    "last_viewed_at" TIMESTAMP(3),
    "last_trained_at" TIMESTAMP(3),

    CONSTRAINT "symbol_interests_pkey" PRIMARY KEY ("symbol")
);
