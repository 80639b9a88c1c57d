// The fields our callbacks add to next-auth's session and token.
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string | null; name: string | null; role: "user" | "admin" };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: "user" | "admin";
    username?: string;
    /** The user's session epoch at sign-in (session-epochs.ts); absent on cookies from before epochs. */
    sv?: number;
  }
}
