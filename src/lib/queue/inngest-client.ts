// The one Inngest client, built on first use: importing this file reads no environment.
import { Inngest } from "inngest";
import { getEnv } from "@/env";

let client: Inngest | undefined;

export function getInngest(): Inngest {
  if (client) return client;
  const env = getEnv();
  client = new Inngest({
    id: "stock-hub",
    eventKey: env.INNGEST_EVENT_KEY,
    baseUrl: env.INNGEST_BASE_URL,
    isDev: env.INNGEST_DEV ? !["0", "false", "no"].includes(env.INNGEST_DEV.toLowerCase()) : undefined,
  });
  return client;
}
