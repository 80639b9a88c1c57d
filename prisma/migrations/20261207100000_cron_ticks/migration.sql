-- CreateTable
CREATE TABLE "cron_ticks" (
    "name" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cron_ticks_pkey" PRIMARY KEY ("name","at")
);
