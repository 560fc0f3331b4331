import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";

// Component tests run in a real Chromium: Debian's, since no browser can be downloaded here.
export default defineConfig({
  test: {
    include: ["app/**/*.test.{ts,tsx}"],
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      }),
      instances: [{ browser: "chromium" }],
    },
  },
});
