import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// The benchmarks that must run inside workerd (bench/*.workerd.ts), by `pnpm bench`; never part of `pnpm test`.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: { bindings: { ALLOWED_HOSTS: "folio.test" } },
    }),
  ],
  test: {
    include: ["bench/**/*.workerd.ts"],
    testTimeout: 600_000,
    reporters: ["default"],
    onConsoleLog: (log) => !log.startsWith('{"level":'),
  },
});
