-- Honest metric columns: "missing" is NULL (not NaN in a NOT NULL column), the MAE ratio is named for what it
-- is, and the distribution scores of forecast engine v2 get columns of their own.
ALTER TABLE "model_metrics" RENAME COLUMN "mase" TO "mae_ratio";

ALTER TABLE "model_metrics"
    ALTER COLUMN "mae" DROP NOT NULL,
    ALTER COLUMN "rmse" DROP NOT NULL,
    ALTER COLUMN "mape" DROP NOT NULL,
    ALTER COLUMN "mae_ratio" DROP NOT NULL,
    ALTER COLUMN "direction_accuracy" DROP NOT NULL,
    ALTER COLUMN "direction_p_value" DROP NOT NULL,
    ALTER COLUMN "coverage_80" DROP NOT NULL,
    ALTER COLUMN "coverage_95" DROP NOT NULL,
    ALTER COLUMN "coverage_99" DROP NOT NULL;

UPDATE "model_metrics" SET "mae" = NULL WHERE "mae" = 'NaN';
UPDATE "model_metrics" SET "rmse" = NULL WHERE "rmse" = 'NaN';
UPDATE "model_metrics" SET "mape" = NULL WHERE "mape" = 'NaN';
UPDATE "model_metrics" SET "mae_ratio" = NULL WHERE "mae_ratio" = 'NaN';
UPDATE "model_metrics" SET "direction_accuracy" = NULL WHERE "direction_accuracy" = 'NaN';
UPDATE "model_metrics" SET "direction_p_value" = NULL WHERE "direction_p_value" = 'NaN';
UPDATE "model_metrics" SET "coverage_80" = NULL WHERE "coverage_80" = 'NaN';
UPDATE "model_metrics" SET "coverage_95" = NULL WHERE "coverage_95" = 'NaN';
UPDATE "model_metrics" SET "coverage_99" = NULL WHERE "coverage_99" = 'NaN';
UPDATE "model_metrics" SET "dm_stat" = NULL WHERE "dm_stat" = 'NaN';
UPDATE "model_metrics" SET "dm_p_value" = NULL WHERE "dm_p_value" = 'NaN';
-- width_95 was a fraction of the price; every width and score is now in % of price.
UPDATE "model_metrics" SET "width_95" = CASE WHEN "width_95" = 'NaN' THEN NULL ELSE "width_95" * 100 END;

ALTER TABLE "model_metrics"
    ADD COLUMN "mae_ratio_noise" DOUBLE PRECISION,
    ADD COLUMN "direction_baseline" DOUBLE PRECISION,
    ADD COLUMN "call_rate" DOUBLE PRECISION,
    ADD COLUMN "winkler_80" DOUBLE PRECISION,
    ADD COLUMN "winkler_95" DOUBLE PRECISION,
    ADD COLUMN "winkler_99" DOUBLE PRECISION,
    ADD COLUMN "crps" DOUBLE PRECISION,
    ADD COLUMN "coverage_95_low" DOUBLE PRECISION,
    ADD COLUMN "coverage_95_mid" DOUBLE PRECISION,
    ADD COLUMN "coverage_95_high" DOUBLE PRECISION,
    ADD COLUMN "kupiec_95_p" DOUBLE PRECISION,
    ADD COLUMN "kupiec_99_p" DOUBLE PRECISION,
    ADD COLUMN "christoffersen_95_p" DOUBLE PRECISION,
    ADD COLUMN "christoffersen_99_p" DOUBLE PRECISION,
    ADD COLUMN "basel_zone" TEXT,
    ADD COLUMN "basel_exceptions" INTEGER,
    ADD COLUMN "vol_model" TEXT,
    ADD COLUMN "fell_back_share" DOUBLE PRECISION;
