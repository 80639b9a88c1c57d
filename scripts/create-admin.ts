// `npm run admin:create -- --email a@b.co --username admin --password '...'`
// Creates the first admin, or promotes the account with that email (and sets its password).
// ADMIN_EMAIL / ADMIN_PASSWORD (and ADMIN_USERNAME via --username) may stand in for the flags.
import { parseArgs } from "node:util";
import { getEnv } from "@/env";
import { closeDb } from "@/lib/db";
import { emailSchema, ensureAdmin, passwordSchema, usernameSchema } from "@/server/auth";

const USAGE = `usage: npm run admin:create -- --email <email> [--username <name>] [--password <password>]
  (or set ADMIN_EMAIL and ADMIN_PASSWORD; the username defaults to the part of the email before "@")`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: "string" }, username: { type: "string" }, password: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const env = getEnv();
  const email = emailSchema.safeParse(values.email ?? env.ADMIN_EMAIL);
  const password = passwordSchema.safeParse(values.password ?? env.ADMIN_PASSWORD);
  if (!email.success) throw new Error(`--email / ADMIN_EMAIL: ${email.error.issues[0]?.message ?? "required"}\n${USAGE}`);
  if (!password.success) throw new Error(`--password / ADMIN_PASSWORD: ${password.error.issues[0]?.message ?? "required"}\n${USAGE}`);
  const fallbackName = email.data.split("@")[0].replace(/[^a-z0-9_-]/g, "").slice(0, 32).padEnd(3, "_");
  const username = usernameSchema.safeParse(values.username ?? fallbackName);
  if (!username.success) throw new Error(`--username: ${username.error.issues[0]?.message}`);

  const { user, created } = await ensureAdmin({ email: email.data, username: username.data, password: password.data });
  console.log(`${created ? "created" : "promoted"} admin ${user.username} <${user.email}> (id ${user.id})`);
}

main()
  .catch((err: unknown) => {
    console.error(`admin:create failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
