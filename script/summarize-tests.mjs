// Sums the JSON reports every suite wrote (vitest: reports/vitest.json, Playwright: reports/playwright.json)
// and the turbo run summary, and prints "N passed, N failed" as the last line. A task that failed without a
// report of failed tests (a type error, a lint error, a crash) counts as one failure, so a red run is never
// summarised as green. Exits with the run's status.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const runStatus = Number(process.argv[2] ?? 1);

function reportsOf(dir) {
  const reports = join(dir, "reports");
  if (!existsSync(reports)) return [];
  return readdirSync(reports)
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(readFileSync(join(reports, name), "utf8")));
}

function count(report) {
  if (report.stats) {
    // Playwright
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
    return { passed: expected, failed: unexpected + flaky + skipped };
  }
  // vitest
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

const packages = ["apps", "packages"].flatMap((group) =>
  readdirSync(join(root, group)).map((name) => join(root, group, name)),
);
packages.push(join(root, "e2e"));

const byDir = new Map();
let passed = 0;
let failed = 0;
for (const dir of packages) {
  const totals = { passed: 0, failed: 0 };
  for (const report of reportsOf(dir)) {
    const c = count(report);
    totals.passed += c.passed;
    totals.failed += c.failed;
  }
  byDir.set(dir, totals);
  passed += totals.passed;
  failed += totals.failed;
}

const runsDir = join(root, ".turbo", "runs");
const summaryFile = existsSync(runsDir)
  ? readdirSync(runsDir)
      .filter((name) => name.endsWith(".json"))
      .sort()
      .at(-1)
  : undefined;
if (summaryFile) {
  const summary = JSON.parse(readFileSync(join(runsDir, summaryFile), "utf8"));
  for (const task of summary.tasks ?? []) {
    if ((task.execution?.exitCode ?? 0) === 0) continue;
    const dir = join(root, task.directory ?? "");
    const reportedFailures = byDir.get(dir.replace(/\/$/, ""))?.failed ?? 0;
    const isSuite = task.task === "test" || task.task === "e2e";
    if (!isSuite || reportedFailures === 0) {
      console.error(`failed: ${task.taskId}`);
      failed += 1;
    }
  }
}
if (runStatus !== 0 && failed === 0) failed = 1;

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : runStatus);
