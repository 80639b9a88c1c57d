-- Notifications that reach people (issue 20 item 5): alerts re-arm instead of switching off, carry their
-- channels, and every fired alert can land in the owner's in-app notification list; quiet hours per user.

-- Alerts: the channels a firing goes to, and whether a level alert is armed (it fires once per crossing and
-- re-arms when its condition goes false again). Existing alerts keep what they did (their webhooks) and gain
-- the in-app list; a level alert that fired and switched itself off is back on, waiting to re-arm.
ALTER TABLE "alerts" ADD COLUMN "channels" TEXT[] NOT NULL DEFAULT ARRAY['in_app', 'webhook']::TEXT[];
ALTER TABLE "alerts" ALTER COLUMN "channels" DROP DEFAULT;
ALTER TABLE "alerts" ADD COLUMN "armed" BOOLEAN NOT NULL DEFAULT true;
UPDATE "alerts" SET "active" = true, "armed" = false WHERE "active" = false AND "last_triggered_at" IS NOT NULL;

-- CreateTable
CREATE TABLE "notifications" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "symbol" TEXT,
    "link" TEXT,
    "alert_id" TEXT,
    "trigger_id" TEXT,
    "read_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_settings" (
    "user_id" TEXT NOT NULL,
    "quiet_start" INTEGER,
    "quiet_end" INTEGER,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "notification_settings_pkey" PRIMARY KEY ("user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "notifications_trigger_id_key" ON "notifications"("trigger_id");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "notifications_user_id_read_at_idx" ON "notifications"("user_id", "read_at");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
