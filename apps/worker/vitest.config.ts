import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Tests run inside workerd, against the Worker and Session object as wrangler.jsonc defines them.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      // A short pause between chunks keeps an answer in flight long enough to be joined, cancelled or raced.
      // The test client calls https://folio.test, so that is the one host the Worker answers here.
      miniflare: {
        bindings: { OFFLINE_CHUNK_DELAY_MS: "2", OFFLINE_CHUNK_SIZE: "7", ALLOWED_HOSTS: "folio.test" },
      },
    }),
  ],
  test: {
    globalSetup: ["./test/global-setup.ts"],
    // script/test runs this suite beside the other unit suites on two cores, where a test of 2 s alone can take 5.
    testTimeout: 20_000,
    // A workerd reused across files (each test names fresh objects, so none shares state): one per file spent 40
    // of the suite's 100 s here starting and transforming.
    isolate: false,
    // Two of them, one a core: 62 s to 40 s for the suite alone here.
    maxWorkers: 2,
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
    // The Worker's JSON log lines (observability/log.ts), one per save, would bury the report.
    onConsoleLog: (log) => !log.startsWith('{"level":'),
  },
});
