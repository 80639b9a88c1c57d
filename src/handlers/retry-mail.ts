// Every minute: retries the queued emails whose backoff has elapsed (8 attempts over about 13 hours).
import type { JobHandler } from "@/lib/queue/types";
import { retryDueMail } from "@/server/mail";

export const retryMail: JobHandler = async ({ step }) => step.run("retry-due", () => retryDueMail());
