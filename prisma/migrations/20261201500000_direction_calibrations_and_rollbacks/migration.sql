-- CreateTable
CREATE TABLE "direction_calibrations" (
    "id" TEXT NOT NULL,
    "model_version_id" TEXT NOT NULL,
    "horizon" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    "brier" DOUBLE PRECISION NOT NULL,
    "brier_baseline" DOUBLE PRECISION NOT NULL,
    "hit_rate" DOUBLE PRECISION NOT NULL,
    "always_up_rate" DOUBLE PRECISION NOT NULL,
    "disagreements" INTEGER NOT NULL,
    "wins" INTEGER NOT NULL,
    "p_value" DOUBLE PRECISION NOT NULL,
    "reliability" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "direction_calibrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_rollbacks" (
    "id" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "from_version_id" TEXT NOT NULL,
    "to_version_id" TEXT NOT NULL,
    "user_id" TEXT,
    "reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_rollbacks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "direction_calibrations_model_version_id_horizon_key" ON "direction_calibrations"("model_version_id", "horizon");

-- CreateIndex
CREATE INDEX "model_rollbacks_symbol_model_created_at_idx" ON "model_rollbacks"("symbol", "model", "created_at");

-- AddForeignKey
ALTER TABLE "direction_calibrations" ADD CONSTRAINT "direction_calibrations_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
