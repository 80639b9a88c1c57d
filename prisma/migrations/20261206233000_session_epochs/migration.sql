-- A user's session epoch: revokeUserSessions (password reset or change) raises it, and every bearer token and
-- session cookie that carries a lower epoch is refused. A user without a row is at epoch 0.
-- CreateTable
CREATE TABLE "user_session_epochs" (
    "user_id" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "user_session_epochs_pkey" PRIMARY KEY ("user_id")
);
