// The HTTP endpoint Inngest calls to run functions (mounted at /api/inngest).
import { serve } from "inngest/next";
import { inngest } from "./client";
import { inngestFunctions } from "./index";

export const inngestHandlers = serve({ client: inngest, functions: inngestFunctions });
