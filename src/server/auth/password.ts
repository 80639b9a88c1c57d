// Password hashing (bcrypt, cost 12) and the password policy shared by every form and API body.
import "server-only";
import bcrypt from "bcryptjs";
import { z } from "zod";
import { isCommonPassword } from "./common-passwords";

export const BCRYPT_COST = 12;
export const PASSWORD_MIN_LENGTH = 10;
// bcrypt only looks at the first 72 bytes; longer secrets would silently lose entropy.
export const PASSWORD_MAX_BYTES = 72;

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .refine((p) => Buffer.byteLength(p, "utf8") <= PASSWORD_MAX_BYTES, `Password must be at most ${PASSWORD_MAX_BYTES} bytes`)
  .refine((p) => !isCommonPassword(p), "Password is too common; choose another");

export async function hashPassword({ password }: { password: string }): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export async function verifyPassword({ password, hash }: { password: string; hash: string }): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;
/** Spends the same bcrypt work as a real check so unknown accounts are not told apart by timing. */
export async function burnPasswordCheck({ password }: { password: string }): Promise<void> {
  dummyHash ??= bcrypt.hash("stock-hub-timing-equalizer", BCRYPT_COST);
  await bcrypt.compare(password, await dummyHash);
}
