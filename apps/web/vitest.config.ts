import tailwindcss from "@tailwindcss/vite";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { chromiumLaunchOptions } from "../../script/chromium";

// Component tests run in a real Chromium: Debian's, since no browser can be downloaded here.
export default defineConfig({
  // The app's stylesheet, so components are laid out (and scroll) as in the app.
  plugins: [tailwindcss()],
  test: {
    include: ["app/**/*.test.{ts,tsx}"],
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: chromiumLaunchOptions,
      }),
      instances: [{ browser: "chromium" }],
    },
  },
});
