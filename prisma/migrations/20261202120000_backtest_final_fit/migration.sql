-- AlterTable
ALTER TABLE "backtest_stores" ADD COLUMN "final_fit" JSONB;
