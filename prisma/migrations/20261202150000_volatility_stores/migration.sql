-- Stored volatility fits per symbol: a cache of recomputable fits (dropping it costs one full volatility plan).
-- CreateTable
CREATE TABLE "volatility_stores" (
    "id" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "config_hash" TEXT NOT NULL,
    "fits" JSONB NOT NULL,
    "finals" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "volatility_stores_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "volatility_stores_symbol_key" ON "volatility_stores"("symbol");
