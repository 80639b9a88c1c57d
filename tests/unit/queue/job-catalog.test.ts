// The job catalog (src/server/jobs/catalog.ts) is the one place an event name is written, and the one list
// of jobs; the queue is chosen once (src/lib/queue/index.ts), and the rest of the code asks it or the
// training executor.
import { describe, expect, it } from "vitest";
import { Visitor } from "rolldown/utils";
import { jobHandlers } from "@/handlers";
import { queue } from "@/server/jobs";
import { FORECAST_EVENT, jobCatalog, payloads } from "@/server/jobs/catalog";
import { lineAt, parse, sourceFiles, type SourceFile } from "../../support/source-files";

const CATALOG = "src/server/jobs/catalog.ts";

/** String literals (and template pieces) of a file that are a catalog event name, with their line. */
function eventLiterals(file: SourceFile): string[] {
  const names = new Set(Object.keys(payloads));
  const found: string[] = [];
  new Visitor({
    Literal(node) {
      if (typeof node.value === "string" && names.has(node.value)) found.push(`${file.path}:${lineAt(file.source, node.start)} "${node.value}"`);
    },
    TemplateElement(node) {
      if (names.has(node.value.cooked ?? "")) found.push(`${file.path}:${lineAt(file.source, node.start)} \`${node.value.cooked}\``);
    },
  }).visit(parse(file).program);
  return found;
}

describe("job catalog", () => {
  const files = sourceFiles("src");

  it("writes every event name once; the rest of src/ names events through its constants", () => {
    expect(files.find((f) => f.path === CATALOG)).toBeDefined();
    expect(files.filter((f) => f.path !== CATALOG).flatMap(eventLiterals)).toEqual([]);
    // The check sees a literal where there is one.
    expect(eventLiterals({ path: "src/server/x.ts", source: 'const e = "predictions/forecast.requested";\n// "models/warm.requested" in a comment\n' })).toEqual([
      'src/server/x.ts:1 "predictions/forecast.requested"',
    ]);
  });

  it("lists each event's job once, with a handler bound to each job", () => {
    expect(new Set(jobCatalog.map((j) => j.event)).size).toBe(jobCatalog.length);
    expect(jobCatalog.map((j) => j.event).sort()).toEqual(Object.keys(payloads).sort());
    expect(Object.keys(jobHandlers).sort()).toEqual(jobCatalog.map((j) => j.id).sort());
  });

  it("checks each payload against its event's schema, when compiling and before anything is stored", async () => {
    // The in-process queue rejects these before it opens the database (no Job row is written).
    // @ts-expect-error the forecast payload needs a symbol
    await expect(queue.enqueue(FORECAST_EVENT, {})).rejects.toMatchObject({ code: "bad_request", message: "Invalid predictions/forecast.requested payload: symbol: Invalid input: expected string, received undefined" });
    // @ts-expect-error an event the catalog does not list
    await expect(queue.enqueue("market/nothing.happen", {})).rejects.toMatchObject({ code: "bad_request", message: "Unknown event market/nothing.happen" });
  });

  it("reads the Inngest settings only where the backend is chosen and where its client is built", () => {
    const readers = files.filter((f) => f.path !== "src/env.ts" && /\benv\.INNGEST_(EVENT_KEY|DEV)\b/.test(f.source)).map((f) => f.path);
    expect(readers.sort()).toEqual(["src/lib/queue/index.ts", "src/lib/queue/inngest-client.ts"]);
    expect(files.filter((f) => /\busesInngest\b/.test(f.source)).map((f) => f.path)).toEqual([]);
  });
});
