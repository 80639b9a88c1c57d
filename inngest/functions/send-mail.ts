// The first attempt of a queued email, right after it was stored. A mail server's failure is recorded on the
// message and retried by the sweep on the backoff schedule, not by job retries.
import type { z } from "zod";
import type { JobHandler } from "@/lib/queue/types";
import { attemptMail } from "@/server/mail/outbox";
import type { events } from "../events";

export const sendMail: JobHandler<z.output<(typeof events)["mail/message.send"]>> = async ({ step, data }) => {
  const outcome = await step.run("attempt", () => attemptMail({ id: data.messageId }));
  return outcome ?? { skipped: "not due or already taken" };
};
