-- Jobs remember who asked for them (owner checks, per-user training limit) and what they are about.
ALTER TABLE "jobs" ADD COLUMN "user_id" TEXT;
ALTER TABLE "jobs" ADD COLUMN "subject" TEXT;

CREATE INDEX "jobs_user_id_created_at_idx" ON "jobs"("user_id", "created_at");
