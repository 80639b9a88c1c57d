-- CreateTable
CREATE TABLE "backtest_origins" (
    "id" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "config_hash" TEXT NOT NULL,
    "origin_date" DATE NOT NULL,
    "origin_index" INTEGER NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "forecast_1d" DOUBLE PRECISION,
    "forecast_2d" DOUBLE PRECISION,
    "forecast_1w" DOUBLE PRECISION,
    "model_sd_1d" DOUBLE PRECISION,
    "model_sd_2d" DOUBLE PRECISION,
    "model_sd_1w" DOUBLE PRECISION,
    "fell_back" TEXT[] NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "backtest_origins_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "backtest_origins_symbol_model_origin_date_key" ON "backtest_origins"("symbol", "model", "origin_date");

-- CreateIndex
CREATE INDEX "backtest_origins_symbol_model_config_hash_idx" ON "backtest_origins"("symbol", "model", "config_hash");
