import { defineConfig } from "@playwright/test";
import suite from "./playwright.config";

/** `pnpm screenshots`: redraws the README's screenshots (docs/screenshots) from the running app. */
export default defineConfig({
  ...suite,
  testDir: "screenshots",
  testMatch: "*.screens.ts",
  reporter: [["list"]],
  timeout: 60_000,
});
