import tailwindcss from "@tailwindcss/vite";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { chromiumLaunchOptions } from "../../script/chromium";

// Component tests run in a real Chromium: Debian's, since no browser can be downloaded here.
export default defineConfig({
  // The app's stylesheet, so components are laid out (and scroll) as in the app.
  plugins: [tailwindcss()],
  // Modules imported only at run time (shiki, in the highlight worker) are pre-bundled up front: found mid-run,
  // Vite would re-optimise and reload the page under a running test.
  optimizeDeps: {
    include: [
      "@tanstack/react-query",
      "shiki/core",
      "shiki/engine/javascript",
      "shiki/langs",
      "shiki/themes/github-dark.mjs",
      "shiki/themes/github-light.mjs",
    ],
  },
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
