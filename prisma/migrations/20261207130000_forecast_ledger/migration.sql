-- CreateTable
CREATE TABLE "forecast_ledger" (
    "seq" INTEGER NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL,
    "symbol" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "horizon" INTEGER NOT NULL,
    "origin_date" DATE NOT NULL,
    "target_date" DATE NOT NULL,
    "origin_close" DOUBLE PRECISION NOT NULL,
    "price" DOUBLE PRECISION NOT NULL,
    "lower_80" DOUBLE PRECISION,
    "upper_80" DOUBLE PRECISION,
    "lower_95" DOUBLE PRECISION,
    "upper_95" DOUBLE PRECISION,
    "lower_99" DOUBLE PRECISION,
    "upper_99" DOUBLE PRECISION,
    "quantiles" DOUBLE PRECISION[] NOT NULL,
    "source" TEXT NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "forecast_ledger_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "forecast_ledger_head" (
    "id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "forecast_ledger_head_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forecast_ledger_scores" (
    "seq" INTEGER NOT NULL,
    "actual_date" DATE NOT NULL,
    "actual_close" DOUBLE PRECISION NOT NULL,
    "inside_80" BOOLEAN,
    "inside_95" BOOLEAN,
    "winkler_80" DOUBLE PRECISION,
    "winkler_95" DOUBLE PRECISION,
    "crps" DOUBLE PRECISION,
    "abs_error" DOUBLE PRECISION NOT NULL,
    "naive_abs_error" DOUBLE PRECISION NOT NULL,
    "scored_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "forecast_ledger_scores_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "forecast_ledger_prev_hash_key" ON "forecast_ledger"("prev_hash");

-- CreateIndex
CREATE UNIQUE INDEX "forecast_ledger_hash_key" ON "forecast_ledger"("hash");

-- CreateIndex
CREATE INDEX "forecast_ledger_model_horizon_idx" ON "forecast_ledger"("model", "horizon");

-- CreateIndex
CREATE INDEX "forecast_ledger_target_date_idx" ON "forecast_ledger"("target_date");

-- CreateIndex
CREATE UNIQUE INDEX "forecast_ledger_symbol_model_version_horizon_origin_date_key" ON "forecast_ledger"("symbol", "model", "version", "horizon", "origin_date");

-- AddForeignKey
ALTER TABLE "forecast_ledger_scores" ADD CONSTRAINT "forecast_ledger_scores_seq_fkey" FOREIGN KEY ("seq") REFERENCES "forecast_ledger"("seq") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The genesis head: seq 0, 64 zeros (the prev_hash of entry 1).
INSERT INTO "forecast_ledger_head" ("id", "seq", "hash", "updated_at") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', CURRENT_TIMESTAMP);

-- Append-only: the chained rows are never changed or removed (scores live in forecast_ledger_scores).
CREATE FUNCTION "forecast_ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'forecast_ledger is append-only (% refused)', TG_OP;
END;
$$;

CREATE TRIGGER "forecast_ledger_no_change" BEFORE UPDATE OR DELETE ON "forecast_ledger"
  FOR EACH ROW EXECUTE FUNCTION "forecast_ledger_append_only"();
