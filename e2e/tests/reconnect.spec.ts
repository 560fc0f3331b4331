import { expect, test } from "../support/own-server";
import { fence } from "./helpers";

// This spec stops and restarts a server of its own.
test("the app reconnects after the server restarts, sends what waited, and has lost nothing", async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  await page.goto(`${server.url}/`);
  const status = page
    .getByRole("status")
    .filter({ hasText: /^(Connected|Connecting…|Reconnecting…|Offline)$/ });
  await expect(status).toHaveText("Connected");
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(`/echo Before:\n\n${fence}sql title="before.sql"\nSELECT 'before';\n${fence}`);
  await box.press("Enter");
  await expect(page.getByRole("article", { name: "before.sql" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();

  await server.stop();
  await expect(status).toHaveText(/^(Reconnecting…|Offline)$/);
  // A message sent while the server is down waits, visibly, instead of vanishing.
  await box.fill(`/echo After:\n\n${fence}sql title="after.sql"\nSELECT 'after';\n${fence}`);
  await box.press("Enter");
  await expect(page.getByText("1 change waits to be sent when the connection is back.")).toBeVisible();

  await server.start();
  await expect(status).toHaveText("Connected", { timeout: 30_000 });
  await expect(page.getByText(/waits? to be sent/)).toHaveCount(0);
  await expect(page.getByRole("article", { name: "after.sql" })).toBeVisible();
  await expect(page.getByRole("article", { name: "before.sql" })).toBeVisible();
  const messages = page.getByRole("list", { name: "Messages" }).getByRole("listitem");
  await expect(messages).toHaveCount(4);

  await page.reload();
  await expect(page.getByRole("article", { name: "after.sql" })).toBeVisible();
  await expect(page.getByRole("article", { name: "before.sql" })).toBeVisible();
});
