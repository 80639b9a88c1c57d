-- 80% coverage in each volatility tercile of the scored origins (beside the 95% ones).
ALTER TABLE "model_metrics"
    ADD COLUMN "coverage_80_low" DOUBLE PRECISION,
    ADD COLUMN "coverage_80_mid" DOUBLE PRECISION,
    ADD COLUMN "coverage_80_high" DOUBLE PRECISION;
