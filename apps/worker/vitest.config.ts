import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Tests run inside workerd, against the Worker and Session object as wrangler.jsonc defines them.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      // No pauses between the offline model's chunks: tests wait for frames, not for time.
      miniflare: { bindings: { OFFLINE_CHUNK_DELAY_MS: "0", OFFLINE_CHUNK_SIZE: "7" } },
    }),
  ],
  test: { reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]] },
});
