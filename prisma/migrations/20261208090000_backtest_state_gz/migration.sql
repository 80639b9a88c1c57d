-- A model's stored walk-forward state as gzip-compressed JSON, written and read as bytes (made on the training
-- thread); rows written before keep their Json columns until their next write, which clears them.
-- AlterTable
ALTER TABLE "backtest_stores" ADD COLUMN "state_gz" BYTEA,
ALTER COLUMN "origins" DROP NOT NULL;
