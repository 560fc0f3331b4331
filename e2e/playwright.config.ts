import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "../script/chromium";

/**
 * The suite runs in Debian's Chromium (never a downloaded browser) against the app exactly as
 * `script/start` serves it, on its own port and with a fresh state directory.
 */
const port = Number(process.env.E2E_PORT ?? 8790);
const stateDir = process.env.E2E_STATE_DIR ?? mkdtempSync(join(tmpdir(), "folio-e2e-"));
// The built-in offline model whatever apps/worker/.dev.vars says, so the suite never calls a real model.
const envFile = join(mkdtempSync(join(tmpdir(), "folio-e2e-env-")), "worker.env");
writeFileSync(envFile, "AI_PROVIDER=offline\n");

export default defineConfig({
  testDir: "tests",
  fullyParallel: false,
  // Two spec files at once: the suite waits on paced answers as much as on the cores (3.6 min with one worker,
  // 3.1 with two here; four contend for the two cores and time out).
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "bash ../script/start",
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(port),
      FOLIO_PREBUILT: "1",
      FOLIO_STATE_DIR: stateDir,
      FOLIO_ENV_FILE: envFile,
      FOLIO_LOG_LEVEL: "warn",
    },
  },
});
