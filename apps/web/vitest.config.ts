import tailwindcss from "@tailwindcss/vite";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { chromiumLaunchOptions } from "../../script/chromium";

// Pure logic (`*.test.ts`: the cache, the filters, the preview document, the session list) runs in Node; components
// (`*.test.tsx`) and the preview runtime, which runs inside the preview frame, run in a real Chromium: Debian's,
// since no browser can be downloaded here.
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
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["app/**/*.test.ts"],
          exclude: ["app/features/preview/runtime/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["app/**/*.test.tsx", "app/features/preview/runtime/**/*.test.ts"],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: chromiumLaunchOptions,
            }),
            instances: [{ browser: "chromium" }],
          },
        },
      },
    ],
  },
});
