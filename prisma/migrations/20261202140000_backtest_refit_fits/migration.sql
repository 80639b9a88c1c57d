-- The walk-forward fits a later run can start from (the latest refit and its warm-start anchor).
ALTER TABLE "backtest_stores" ADD COLUMN "fits" JSONB;
