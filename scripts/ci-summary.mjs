// Prints one closing line "N passed, N failed" over vitest and Playwright, and exits non-zero on any failure.
import { existsSync, readFileSync } from "node:fs";

const [vitestFile, e2eFile, e2eStatus] = process.argv.slice(2);
const v = JSON.parse(readFileSync(vitestFile, "utf8"));
let passed = v.numPassedTests ?? 0;
let failed = (v.numFailedTests ?? 0) + (v.numFailedTestSuites ?? 0);
let skipped = (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);

if (existsSync(e2eFile)) {
  const stats = JSON.parse(readFileSync(e2eFile, "utf8")).stats ?? {};
  passed += stats.expected ?? 0;
  failed += (stats.unexpected ?? 0) + (stats.flaky ?? 0);
  skipped += stats.skipped ?? 0;
}
if (e2eStatus !== "0" && failed === 0) failed = 1;
if (passed === 0) failed += 1; // a run that executed nothing is a failure
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
