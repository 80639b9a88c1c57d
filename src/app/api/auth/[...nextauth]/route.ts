// next-auth's own endpoints (/api/auth/signin, /callback/credentials, /session, /csrf, /signout, ...).
// The static folders beside this one (register, login, me, verify, logout) take precedence over the catch-all.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/server/auth/next-auth-options";

type Ctx = { params: Promise<{ nextauth: string[] }> };
const handler = (req: NextRequest, ctx: Ctx) => NextAuth(req, ctx, getAuthOptions());

export { handler as GET, handler as POST };
