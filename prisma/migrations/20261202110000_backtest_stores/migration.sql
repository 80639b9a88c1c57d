-- One row per symbol and model instead of one per origin (writes on the embedded database blocked the server).
-- The stored origins are a cache of recomputable forecasts: dropping them costs one full backtest per model.
DROP TABLE "backtest_origins";

-- CreateTable
CREATE TABLE "backtest_stores" (
    "id" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "config_hash" TEXT NOT NULL,
    "origins" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "backtest_stores_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "backtest_stores_symbol_model_key" ON "backtest_stores"("symbol", "model");
