// The docs pages (docs/*.md) as MCP resources, so an assistant can read how the API, the forecasts and the
// data work before it answers. Each read counts against the caller's rate limit like a REST request.
import "server-only";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { AppError } from "@/lib/errors";
import { consume, decideLimit, type Principal } from "@/server/auth";

/** Every page in docs/ (tests/integration/api/mcp-resources.test.ts fails when one is missing here). */
export const DOC_PAGES = [
  { file: "api.md", title: "REST API and MCP server", description: "Every API route: parameters, responses, errors, credentials, the OpenAPI document, this MCP server's tools and the typed TypeScript client." },
  { file: "forecasting.md", title: "Forecasting", description: "How forecasts are made, trained, scored and calibrated, with the measured walk-forward accuracy and interval coverage of each model and their known limitations. Read before explaining how good a forecast is." },
  { file: "market-data.md", title: "Market data", description: "Where quotes and daily history come from (providers, the shipped historical data set, the daily refresh) and what an as-of date means." },
  { file: "portfolios.md", title: "Portfolios and their risk", description: "How a portfolio's value, gains, benchmark comparison and risk (1-day and 1-week VaR and expected shortfall, with their walk-forward backtest) are computed, with measured figures." },
  { file: "security.md", title: "Security", description: "Accounts, API keys, key tiers and their rate limits, sessions and webhook signing." },
  { file: "operations.md", title: "Operations", description: "Running and configuring Stock Hub: embedded and hosted setups, database, jobs, cache, status, metrics and the CLI." },
  { file: "ui.md", title: "Web UI", description: "The web app's pages (quote, chart, forecast, watchlists, alerts, account), what each one shows, with screenshots." },
] as const;

export const docUri = (file: string) => `docs://stock-hub/${file}`;

export function registerDocResources({ server, req, principal }: { server: McpServer; req: Request; principal: Principal | null }): void {
  for (const page of DOC_PAGES) {
    const uri = docUri(page.file);
    server.registerResource(page.file.replace(/\.md$/, ""), uri, { title: page.title, description: page.description, mimeType: "text/markdown" }, async () => {
      try {
        await consume(decideLimit({ principal, headers: req.headers }));
      } catch (err) {
        // Worded like a tool's refusal; a JSON-RPC error code must be a number.
        if (err instanceof AppError) throw new McpError(ErrorCode.InvalidRequest, `${err.code}: ${err.message}`);
        throw err;
      }
      return { contents: [{ uri, mimeType: "text/markdown", text: await readFile(join(process.cwd(), "docs", page.file), "utf8") }] };
    });
  }
}
