-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'user',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tier" TEXT NOT NULL DEFAULT 'default',
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "usage_count" INTEGER NOT NULL DEFAULT 0,
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "message" TEXT,
    "input" JSONB NOT NULL,
    "result" JSONB,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_versions" (
    "id" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'candidate',
    "artifact_key" TEXT NOT NULL,
    "trained_at" TIMESTAMP(3) NOT NULL,
    "training_from" TIMESTAMP(3) NOT NULL,
    "training_to" TIMESTAMP(3) NOT NULL,
    "hyperparameters" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_metrics" (
    "id" TEXT NOT NULL,
    "model_version_id" TEXT NOT NULL,
    "horizon" INTEGER NOT NULL,
    "mae" DOUBLE PRECISION NOT NULL,
    "rmse" DOUBLE PRECISION NOT NULL,
    "mape" DOUBLE PRECISION NOT NULL,
    "mase" DOUBLE PRECISION NOT NULL,
    "direction_accuracy" DOUBLE PRECISION NOT NULL,
    "direction_p_value" DOUBLE PRECISION NOT NULL,
    "dm_stat" DOUBLE PRECISION,
    "dm_p_value" DOUBLE PRECISION,
    "coverage_80" DOUBLE PRECISION NOT NULL,
    "coverage_95" DOUBLE PRECISION NOT NULL,
    "coverage_99" DOUBLE PRECISION NOT NULL,
    "width_95" DOUBLE PRECISION,
    "n_origins" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_metrics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "predictions" (
    "id" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "model_version_id" TEXT,
    "horizon" INTEGER NOT NULL,
    "origin_date" DATE NOT NULL,
    "target_date" DATE NOT NULL,
    "predicted_price" DOUBLE PRECISION NOT NULL,
    "lower_80" DOUBLE PRECISION,
    "upper_80" DOUBLE PRECISION,
    "lower_95" DOUBLE PRECISION,
    "upper_95" DOUBLE PRECISION,
    "lower_99" DOUBLE PRECISION,
    "upper_99" DOUBLE PRECISION,
    "actual_price" DOUBLE PRECISION,
    "actual_filled_at" TIMESTAMP(3),
    "user_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "predictions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_user_id_idx" ON "api_keys"("user_id");

-- CreateIndex
CREATE INDEX "jobs_status_created_at_idx" ON "jobs"("status", "created_at");

-- CreateIndex
CREATE INDEX "model_versions_symbol_model_status_idx" ON "model_versions"("symbol", "model", "status");

-- CreateIndex
CREATE UNIQUE INDEX "model_versions_model_version_symbol_key" ON "model_versions"("model", "version", "symbol");

-- CreateIndex
CREATE INDEX "model_metrics_model_version_id_idx" ON "model_metrics"("model_version_id");

-- CreateIndex
CREATE INDEX "predictions_symbol_model_origin_date_idx" ON "predictions"("symbol", "model", "origin_date");

-- CreateIndex
CREATE INDEX "predictions_target_date_actual_price_idx" ON "predictions"("target_date", "actual_price");

-- CreateIndex
CREATE INDEX "predictions_model_version_id_idx" ON "predictions"("model_version_id");

-- CreateIndex
CREATE INDEX "predictions_user_id_idx" ON "predictions"("user_id");

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_metrics" ADD CONSTRAINT "model_metrics_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
