/**
 * How every browser test launches Chromium: Debian's (never a downloaded one; CHROMIUM_PATH to use another),
 * with nothing reaching out to the network. Shared by the web app's component tests and the Playwright suite.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};
