// Prisma CLI configuration (Prisma 7 reads the connection URL from here, not from schema.prisma).
// The app never reads this file; it exists for `prisma generate` and, where the schema engine can be
// downloaded, `prisma migrate deploy` / `prisma studio`. CLI config is outside src/, so it reads the
// variable itself rather than through src/env.ts (which would demand app secrets in production builds).
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(url ? { datasource: { url } } : {}),
});
