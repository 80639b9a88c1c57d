-- A symbol's stored volatility fits as gzip-compressed JSON, written and read as bytes (made on the training
-- thread); rows written before keep their Json columns until their next write, which clears them.
-- AlterTable
ALTER TABLE "volatility_stores" ADD COLUMN "state_gz" BYTEA,
ALTER COLUMN "fits" DROP NOT NULL,
ALTER COLUMN "finals" DROP NOT NULL;
