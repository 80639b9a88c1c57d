// The first attempt of a queued email, right after it was stored. A mail server's failure is recorded on the
// message and retried by the sweep on the backoff schedule, not by job retries.
import { attemptMail } from "@/server/mail";
import type { MAIL_SEND_EVENT, HandlerOf } from "@/server/jobs";

export const sendMail: HandlerOf<typeof MAIL_SEND_EVENT> = async ({ step, data }) => {
  const outcome = await step.run("attempt", () => attemptMail({ id: data.messageId }));
  return outcome ?? { skipped: "not due or already taken" };
};
