// MCP tools over the caller's own data and work (a key or token is needed): watchlists, alerts, and training
// a symbol's models, which is long work: it answers with a job id that get_job polls.
import "server-only";
import { z } from "zod";
import * as alerts from "@/app/api/alerts/route";
import * as alertsId from "@/app/api/alerts/[id]/route";
import * as jobsId from "@/app/api/jobs/[id]/route";
import * as predictionsSymbol from "@/app/api/predictions/[symbol]/route";
import * as watchlists from "@/app/api/watchlists/route";
import * as watchlistsId from "@/app/api/watchlists/[id]/route";
import { handlerOf, symbolArg as symbol, type McpTool } from "./mcp-tool";

const symbols = z.array(z.string()).describe("Ticker symbols in the order the user wants them, each at most once, up to 50");
const watchlistId = z.string().describe("The watchlist's id, from list_watchlists");

export const ACCOUNT_TOOLS: McpTool[] = [
  {
    name: "list_watchlists",
    title: "My watchlists",
    description: "The user's watchlists in their order, each with its id, name and symbols. Call this before changing a list, to get its id and current symbols.",
    method: "GET",
    path: "/api/watchlists",
    handler: handlerOf(watchlists),
    input: {},
  },
  {
    name: "create_watchlist",
    title: "Create a watchlist",
    description: "Create a named watchlist for the user (at most 20 lists). Returns the new list with its id.",
    method: "POST",
    path: "/api/watchlists",
    handler: handlerOf(watchlists, "POST"),
    input: { name: z.string().describe("The list's name, 1-40 characters: letters, digits, spaces and . _ & ' ( ) -"), symbols: symbols.optional() },
  },
  {
    name: "update_watchlist",
    title: "Change a watchlist",
    description:
      "Rename a watchlist, or replace its symbols. To add or remove one symbol, send the whole new list (read it with list_watchlists first): symbols replaces the list, it does not append.",
    method: "PATCH",
    path: "/api/watchlists/{id}",
    handler: handlerOf(watchlistsId, "PATCH"),
    input: { id: watchlistId, name: z.string().optional().describe("New name, 1-40 characters"), symbols: symbols.optional() },
  },
  {
    name: "delete_watchlist",
    title: "Delete a watchlist",
    description: "Delete one of the user's watchlists. This cannot be undone: confirm with the user first.",
    method: "DELETE",
    path: "/api/watchlists/{id}",
    handler: handlerOf(watchlistsId, "DELETE"),
    input: { id: watchlistId },
  },
  {
    name: "list_alerts",
    title: "My alerts",
    description:
      "The user's alerts (id, symbol, type, threshold, where it reaches them, whether it is on and armed, when it last fired) and the recent times they fired. Alerts are checked whenever new prices arrive: each session's close, and live prices during the session when a live provider is configured.",
    method: "GET",
    path: "/api/alerts",
    handler: handlerOf(alerts),
    input: {},
  },
  {
    name: "create_alert",
    title: "Create an alert",
    description:
      "Create an alert on a symbol, checked whenever new prices arrive. type 'above' or 'below' needs price (fires once per crossing, again after the price has gone back); 'move_pct' needs percent (a one-day move of at least that many percent either way); 'high_52w' / 'low_52w' need neither (a new 52-week high or low); 'outside_interval' needs neither (the close fell outside the 95% range of the forecast served for that session). channels: where a firing goes, any of 'in_app' (the user's notification list, the default), 'email', 'webhook'. At most 50 alerts per user.",
    method: "POST",
    path: "/api/alerts",
    handler: handlerOf(alerts, "POST"),
    input: {
      symbol,
      type: z.enum(["above", "below", "move_pct", "high_52w", "low_52w", "outside_interval"]).describe("When the alert fires"),
      price: z.number().optional().describe("Price level, for 'above' and 'below'"),
      percent: z.number().optional().describe("Percent move, 0-100, for 'move_pct'"),
      channels: z.array(z.enum(["in_app", "email", "webhook"])).optional().describe("Where a firing goes (default ['in_app'])"),
    },
  },
  {
    name: "delete_alert",
    title: "Delete an alert",
    description: "Delete one of the user's alerts, by its id from list_alerts.",
    method: "DELETE",
    path: "/api/alerts/{id}",
    handler: handlerOf(alertsId, "DELETE"),
    input: { id: z.string().describe("The alert's id, from list_alerts") },
  },
  {
    name: "train_models",
    title: "Train a symbol's models",
    description:
      "Ask for the full model set's forecast for one symbol (ARIMA, gradient-boosted trees, LSTM and the others). If the models are trained already the forecast comes back at once; otherwise training starts (or joins the training already running for that symbol) and the answer is a job_id: call get_job with it every few seconds until its status is 'done', then get_forecast. Training takes from seconds to a few minutes and counts against the user's training quota.",
    method: "POST",
    path: "/api/predictions/{symbol}",
    handler: handlerOf(predictionsSymbol, "POST"),
    input: { symbol },
  },
  {
    name: "get_job",
    title: "Job status",
    description:
      "Status of a background job the user started (e.g. from train_models): status is queued, running, done, failed, timeout, cancelled or interrupted; progress is 0-1 with a message in words. Poll every few seconds while it is queued or running.",
    method: "GET",
    path: "/api/jobs/{id}",
    handler: handlerOf(jobsId),
    input: { id: z.string().describe("The job_id returned by train_models or get_forecast") },
  },
];
