// The operations of the caller's own resources and of the operator: accounts, sign-in, keys, watchlists,
// portfolios, webhooks, alerts, notifications, admin. operations.ts joins them with the rest.
import { z } from "zod";
import { alertListSchema, alertViewSchema } from "@/server/alerts";
import { account } from "@/server/auth";
import { jobAcceptedSchema } from "@/server/jobs";
import { markReadResultSchema, notificationListSchema, settingsViewSchema } from "@/server/notifications";
import { adminConfigSchema } from "@/server/operations";
import { importRefusedSchema, importResultSchema, portfolioListSchema, portfolioRiskSchema, portfolioViewSchema } from "@/server/portfolios";
import { watchlistListSchema, watchlistViewSchema } from "@/server/watchlists";
import { createdWebhookSchema, deliveryListSchema, webhookListSchema, webhookTestResultSchema, webhookViewSchema } from "@/server/webhooks";
import { json, type OperationDoc } from "./operation-doc";
import { externalJson } from "./schemas";

const deleted = z.object({ deleted: z.literal(true), id: z.string() });
const NEXT_AUTH_ERRORS = {
  400: "A body or parameter next-auth cannot use: not a form or JSON object, bad percent-encoding, a non-string field, an unknown error code or a non-ASCII callback address",
  404: "No sign-in endpoint at this path",
  405: "GET on callback/credentials or signout (POST only)",
  500: "Unexpected error (logged; the message is generic)",
} as const;

export const accountOperations: Record<string, OperationDoc> = {
  "POST /api/auth/register": { summary: "Create an account", tags: ["Accounts"], responses: { 201: json("The user and a bearer token", account.tokenSchema) }, errors: { 409: "Email or username taken" } },
  "POST /api/auth/login": { summary: "Exchange credentials for a bearer token", tags: ["Accounts"], responses: { 200: json("Token", account.tokenSchema) } },
  "POST /api/auth/logout": { summary: "Revoke the bearer token and clear the session cookie", tags: ["Accounts"], responses: { 200: json("Done", account.logoutSchema) } },
  "GET /api/auth/me": { summary: "The caller's account and how it authenticated", tags: ["Accounts"], responses: { 200: json("Caller", account.meSchema) } },
  "DELETE /api/auth/me": {
    summary: "Delete the account (password required) and everything it owned: keys, webhooks, alerts, watchlists, portfolios",
    tags: ["Accounts"],
    responses: { 200: json("Deleted, with the rows removed", account.accountDeletedSchema) },
    errors: { 400: "Wrong password", 403: "An API key cannot delete the account" },
  },
  "GET /api/auth/me/export": { summary: "Everything the account holds, as one JSON file", tags: ["Accounts"], responses: { 200: json("Export", account.accountExportSchema) }, errors: { 403: "Not with an API key" } },
  "POST /api/auth/refresh": {
    summary: "Exchange a refresh token for a new access token and the next refresh token",
    description: "Refresh tokens are single use: each answer carries the next one. A spent token presented again revokes every token of that sign-in (reuse detection).",
    tags: ["Accounts"],
    responses: { 200: json("Tokens", account.refreshedTokenSchema) },
  },
  "POST /api/auth/password": {
    summary: "Change the password; every other session and token is signed out",
    tags: ["Accounts"],
    responses: { 200: json("Changed, with fresh tokens for the caller", account.passwordChangedSchema) },
    errors: { 400: "Wrong current password or a weak new one", 403: "Not with an API key" },
  },
  "POST /api/auth/password/reset": {
    summary: "Mail a single-use reset link (1 hour); always 202, whether or not the address has an account",
    tags: ["Accounts"],
    responses: { 202: json("Accepted", account.resetAcceptedSchema) },
  },
  "POST /api/auth/password/reset/confirm": {
    summary: "Set a new password with the token from the reset link; signs the account out everywhere",
    tags: ["Accounts"],
    responses: { 200: json("Reset", account.resetDoneSchema) },
    errors: { 400: "Link expired or used, or a weak password" },
  },
  "POST /api/auth/email": {
    summary: "Change the email address (password required); it moves when the new address opens its link (24 hours)",
    tags: ["Accounts"],
    responses: { 202: json("Confirmation mailed to the new address", account.emailChangeSchema) },
    errors: { 400: "Wrong password or the same address", 403: "Not with an API key", 409: "Address taken" },
  },
  "POST /api/auth/email/confirm": {
    summary: "Confirm a new email address with the token from its link",
    tags: ["Accounts"],
    responses: { 200: json("The account's address", account.emailConfirmedSchema) },
    errors: { 400: "Link expired or used", 409: "Address taken in the meantime" },
  },
  "GET /api/auth/verify": { summary: "Whether the credentials are valid", tags: ["Accounts"], responses: { 200: json("Valid", account.verifySchema) } },
  "GET /api/keys": { summary: "The caller's API keys (never the keys themselves)", tags: ["Accounts"], responses: { 200: json("Keys", account.keyListSchema) } },
  "POST /api/keys": { summary: "Create an API key; the full key is in this response only", tags: ["Accounts"], responses: { 201: json("Key", account.createdKeySchema) } },
  "DELETE /api/keys/{id}": { summary: "Revoke an API key", tags: ["Accounts"], responses: { 200: json("Revoked", account.revokedKeySchema) }, errors: { 404: "Unknown key" } },
  "GET /api/auth/{nextauth}": {
    summary: "next-auth endpoints (session, csrf, providers, signin, error)",
    description: "The browser sign-in's own endpoints; API clients use POST /api/auth/login. Errors use this API's error body.",
    tags: ["Accounts"],
    external: true,
    responses: { 200: json("next-auth's own response (session, csrf, providers)", externalJson), 302: { description: "Redirect to the sign-in page (signin, error)" } },
    errors: NEXT_AUTH_ERRORS,
  },
  "POST /api/auth/{nextauth}": {
    summary: "next-auth endpoints (signin, callback/credentials, signout)",
    description: "A form (application/x-www-form-urlencoded, or a JSON object of string fields) with the CSRF token from GET /api/auth/csrf.",
    tags: ["Accounts"],
    external: true,
    responses: { 200: json("With json=true: the address to go to", externalJson), 302: { description: "Signed in or out: redirect to the callback address (or the sign-in page with an error)" } },
    errors: { ...NEXT_AUTH_ERRORS, 403: "The form's CSRF token is missing or wrong", 405: undefined, 413: "Body too large (16 KB)" },
  },

  "POST /api/admin/refresh": {
    summary: "Run the daily market refresh now: new bars, actuals, alerts on the new closes, incremental retrains (admin)",
    description: "The job the weekday cron runs at 22:15 UTC. Poll the job for its progress and result; with no live market data provider it ends at once and says there was nothing to refresh.",
    tags: ["Admin"],
    responses: { 202: json("Queued; poll the job", jobAcceptedSchema) },
    errors: { 503: "Queue or database unavailable" },
  },
  "GET /api/admin/config": { summary: "Effective settings; secrets only as set or unset (admin)", tags: ["Admin"], responses: { 200: json("Settings", adminConfigSchema) } },
  "GET /api/admin/keys": { summary: "An account's API keys, for granting tiers (admin)", tags: ["Admin"], responses: { 200: json("The account and its keys", account.accountKeysSchema) }, errors: { 404: "Unknown account" } },
  "PATCH /api/admin/keys/{id}": { summary: "Set a key's tier; applies from its next request (admin)", tags: ["Admin"], responses: { 200: json("Key", account.revokedKeySchema) }, errors: { 404: "Unknown key" } },
  "GET /api/watchlists": { summary: "The caller's watchlists, in their order (the first is the home page's)", tags: ["Watchlists"], responses: { 200: json("Lists", watchlistListSchema) } },
  "POST /api/watchlists": {
    summary: "Create a named watchlist",
    tags: ["Watchlists"],
    responses: { 201: json("The list", watchlistViewSchema) },
    errors: { 400: "Bad name or symbols (at most 50, each once)", 409: "Name taken, or 20 lists already" },
  },
  "GET /api/watchlists/{id}": { summary: "One watchlist", tags: ["Watchlists"], responses: { 200: json("The list", watchlistViewSchema) }, errors: { 404: "Unknown watchlist" } },
  "PATCH /api/watchlists/{id}": {
    summary: "Rename a list or replace its symbols (add, remove and reorder send the whole new list)",
    tags: ["Watchlists"],
    responses: { 200: json("The list", watchlistViewSchema) },
    errors: { 404: "Unknown watchlist", 409: "Name taken" },
  },
  "DELETE /api/watchlists/{id}": { summary: "Delete a watchlist", tags: ["Watchlists"], responses: { 200: json("Deleted", deleted) }, errors: { 404: "Unknown watchlist" } },
  "GET /api/portfolios": { summary: "The caller's portfolios", tags: ["Portfolios"], responses: { 200: json("Portfolios", portfolioListSchema) } },
  "POST /api/portfolios": {
    summary: "Create a portfolio, optionally with its transactions entered by hand",
    description: "Each transaction is a buy (quantity > 0) or a sale (quantity < 0) of a symbol Stock Hub has prices for, dated inside its prices; no sale may sell more than is held then. All are kept or none.",
    tags: ["Portfolios"],
    responses: { 201: json("The portfolio with its figures", portfolioViewSchema) },
    errors: { 400: "Bad name or a transaction that cannot be kept (unknown symbol, date outside the prices, selling more than is held)", 409: "Name taken, or 20 portfolios already" },
  },
  "GET /api/portfolios/{id}": {
    summary: "Holdings, value, gains (realised and unrealised, fees counted), weights, sector mix and the equal-weight benchmark",
    tags: ["Portfolios"],
    responses: { 200: json("The portfolio with its figures", portfolioViewSchema) },
    errors: { 404: "Unknown portfolio" },
  },
  "PATCH /api/portfolios/{id}": {
    summary: "Rename a portfolio or replace its transactions (entering holdings by hand sends the whole new list)",
    tags: ["Portfolios"],
    responses: { 200: json("The portfolio with its figures", portfolioViewSchema) },
    errors: { 400: "A transaction that cannot be kept (nothing is saved)", 404: "Unknown portfolio", 409: "Name taken" },
  },
  "DELETE /api/portfolios/{id}": { summary: "Delete a portfolio and its transactions", tags: ["Portfolios"], responses: { 200: json("Deleted", deleted) }, errors: { 404: "Unknown portfolio" } },
  "POST /api/portfolios/{id}/import": {
    summary: "Add the transactions of a CSV file (date, symbol, quantity, price, fees): all of them, or none",
    description:
      "Send the file itself as the body (Content-Type: text/csv), a header row first. Quantity is negative for a sale; fees are optional. Every row is checked (format, a symbol Stock Hub has prices for, a date inside its prices, no sale beyond what is held) and the rows are written in one database transaction: one bad row and nothing is imported, with each bad row's line and reason in `error.rows`.",
    tags: ["Portfolios"],
    responses: { 200: json("Imported, with the portfolio's new figures", importResultSchema), 400: json("Rows that cannot be imported, each with its line; nothing was imported", importRefusedSchema) },
    errors: { 404: "Unknown portfolio" },
  },
  "GET /api/portfolios/{id}/risk": {
    summary: "1-day and 1-week value at risk and expected shortfall (95%, 99%), each with its walk-forward backtest",
    description:
      "Each holding's distribution is its calibrated baseline forecast (volatility model sd x the standardized outcomes of its last 500 forecasts); they are joined by a Gaussian copula with the Ledoit–Wolf shrunk correlation. The same figure is made at every earlier origin from data known by then, with the current weights: `backtest` gives the coverage, Kupiec's p-value and the Basel traffic light (last 250 origins). A horizon without enough held-out origins has no figure and says why. The first answer for new holdings takes seconds (their volatility models are fitted); it is cached until the holdings or the closes change.",
    tags: ["Portfolios"],
    responses: { 200: json("VaR and ES beside their backtest", portfolioRiskSchema) },
    errors: { 404: "Unknown portfolio", 409: "The portfolio holds nothing, or its holdings share too little history", 503: "Market data unavailable" },
  },
  "GET /api/webhooks": { summary: "The caller's webhook endpoints", tags: ["Webhook endpoints"], responses: { 200: json("Endpoints", webhookListSchema) } },
  "POST /api/webhooks": {
    summary: "Register a webhook endpoint",
    description: "Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the whsec_ secret returned here once. Targets must be https and resolve to public addresses.",
    tags: ["Webhook endpoints"],
    responses: { 201: json("Endpoint with its signing secret", createdWebhookSchema) },
    errors: { 400: "Bad url, a private/loopback/metadata target, or unknown events", 403: "job.failed is for admins", 409: "Too many endpoints" },
  },
  "GET /api/webhooks/{id}": { summary: "One webhook endpoint", tags: ["Webhook endpoints"], responses: { 200: json("Endpoint", webhookViewSchema) }, errors: { 404: "Unknown webhook" } },
  "PATCH /api/webhooks/{id}": { summary: "Change url or events, or switch the endpoint off and on", tags: ["Webhook endpoints"], responses: { 200: json("Endpoint", webhookViewSchema) }, errors: { 404: "Unknown webhook" } },
  "DELETE /api/webhooks/{id}": { summary: "Remove an endpoint and its delivery log", tags: ["Webhook endpoints"], responses: { 200: json("Deleted", deleted) }, errors: { 404: "Unknown webhook" } },
  "POST /api/webhooks/{id}/test": { summary: "Send a signed webhook.test event now", tags: ["Webhook endpoints"], responses: { 200: json("The first attempt (failures retry like any delivery)", webhookTestResultSchema) }, errors: { 400: "Endpoint switched off", 404: "Unknown webhook" } },
  "GET /api/webhooks/{id}/deliveries": { summary: "Recent deliveries with every attempt", tags: ["Webhook endpoints"], responses: { 200: json("Deliveries", deliveryListSchema) }, errors: { 404: "Unknown webhook" } },
  "GET /api/alerts": { summary: "The caller's alerts and recent triggers", tags: ["Alerts"], responses: { 200: json("Alerts", alertListSchema) } },
  "POST /api/alerts": {
    summary: "Create an alert: a price level, a one-day move, a new 52-week high or low, or a close outside the served forecast's 95% range",
    description:
      "Alerts are judged whenever new prices arrive: on each session's close by the daily refresh (weekdays 22:15 UTC) and, with a live provider, on live prices every 15 minutes of the US session (the forecast range on closes only). A level alert (`above`, `below`) fires once per crossing: it waits until the price is back on the other side before it can fire again. The others fire at most once a session. `channels` say where a firing goes; quiet hours (PUT /api/notifications/settings) hold email and webhook deliveries until they end.",
    tags: ["Alerts"],
    responses: { 201: json("Alert", alertViewSchema) },
    errors: { 400: "Unknown symbol, bad threshold, unknown type or channel", 409: "The account holds the most alerts allowed (50); the message says so" },
  },
  "PATCH /api/alerts/{id}": { summary: "Change where an alert goes, or pause it", tags: ["Alerts"], responses: { 200: json("Alert", alertViewSchema) }, errors: { 404: "Unknown alert" } },
  "DELETE /api/alerts/{id}": { summary: "Remove an alert", tags: ["Alerts"], responses: { 200: json("Deleted", deleted) }, errors: { 404: "Unknown alert" } },

  "GET /api/notifications": {
    summary: "The caller's in-app notifications, newest first, a page at a time",
    description: "`unread=true` lists only unread entries. `unread` in the answer is the count of all unread entries (the bell's number). Pass `next` as `before` for the next page; it is null on the last.",
    tags: ["Notifications"],
    responses: { 200: json("A page", notificationListSchema) },
  },
  "POST /api/notifications/read": {
    summary: "Mark notifications read: `{ ids }` for some, `{ all: true }` for every unread one",
    description: "Ids of other accounts' entries are ignored (not an error). Open notification streams receive `notifications.read` with the new unread count.",
    tags: ["Notifications"],
    responses: { 200: json("How many were marked, and what is left unread", markReadResultSchema) },
  },
  "GET /api/notifications/settings": { summary: "The caller's quiet hours", tags: ["Notifications"], responses: { 200: json("Settings", settingsViewSchema) } },
  "PUT /api/notifications/settings": {
    summary: "Set quiet hours (or switch them off with null)",
    description: "During quiet hours, email and webhook deliveries of fired alerts are held and go out when the window ends; the in-app entry is made at once.",
    tags: ["Notifications"],
    responses: { 200: json("Settings", settingsViewSchema) },
  },
};
