// Sums the JSON reports every suite wrote (vitest: reports/vitest.json, Playwright: reports/playwright.json)
// and the summaries of script/test's turbo runs, prints how long each task and each run took, and prints
// "N passed, N failed" as the last line. A task that failed without a report of failed tests (a type error, a lint
// error, a crash) counts as one failure, so a red run is never summarised as green. Exits non-zero if any run's
// status (the arguments) was.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const statuses = process.argv.slice(2).map(Number);
const runStatus = statuses.length > 0 && statuses.every((status) => status === 0) ? 0 : 1;

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

// One summary per turbo run, oldest first: a task both runs needed (a build, a typecheck) is in both.
const runsDir = join(root, ".turbo", "runs");
const summaries = existsSync(runsDir)
  ? readdirSync(runsDir)
      .filter((name) => name.endsWith(".json"))
      .map((name) => JSON.parse(readFileSync(join(runsDir, name), "utf8")))
      .sort((a, b) => (a.execution?.startTime ?? 0) - (b.execution?.startTime ?? 0))
  : [];
const failedTasks = new Set();
for (const task of summaries.flatMap((summary) => summary.tasks ?? [])) {
  if ((task.execution?.exitCode ?? 0) === 0 || failedTasks.has(task.taskId)) continue;
  failedTasks.add(task.taskId);
  const dir = join(root, task.directory ?? "");
  const reportedFailures = byDir.get(dir.replace(/\/$/, ""))?.failed ?? 0;
  const isSuite = task.task === "test" || task.task === "e2e";
  if (!isSuite || reportedFailures === 0) {
    console.error(`failed: ${task.taskId}`);
    failed += 1;
  }
}
if (runStatus !== 0 && failed === 0) failed = 1;

// The time of every task that ran (a task's time includes waiting for the cores the other tasks of its run use),
// then of each run and of the whole.
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const minutes = (ms) => {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)} m ${String(total % 60).padStart(2, "0")} s`;
};
const took = ({ execution }) => (execution?.endTime ?? 0) - (execution?.startTime ?? 0);
let whole = 0;
for (const summary of summaries) {
  const ran = (summary.tasks ?? [])
    .filter((task) => task.cache?.status !== "HIT")
    .sort((a, b) => took(b) - took(a));
  const cached = (summary.tasks ?? []).length - ran.length;
  whole += took(summary);
  console.log(
    `${(summary.execution?.command ?? "turbo run").replace(/ --.*$/, "")}: ${minutes(took(summary))}${cached ? ` (${cached} cached)` : ""}`,
  );
  const width = Math.max(0, ...ran.map((task) => task.taskId.length));
  for (const task of ran) console.log(`  ${task.taskId.padEnd(width)}  ${seconds(took(task)).padStart(7)}`);
}
if (summaries.length > 1) console.log(`all runs: ${minutes(whole)}`);

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : runStatus);
