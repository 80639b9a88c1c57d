-- Logged-out bearer tokens, kept until they would have expired so a logout survives a restart.
-- CreateTable
CREATE TABLE "token_revocations" (
    "jti" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "token_revocations_pkey" PRIMARY KEY ("jti")
);

-- CreateIndex
CREATE INDEX "token_revocations_expires_at_idx" ON "token_revocations"("expires_at");
