import { expect, test } from "@playwright/test";
import { fence, openSession } from "./helpers";

test("the stats page charts the workspace's artifacts and usage, with the same figures in tables", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const path = await openSession(page);
  const api = `/api/${path.replace(/^\/s\//, "sessions/")}`;
  const content = `${fence}js app.js\nconsole.log("app");\n${fence}\n${fence}js util.js\nexport const u = 1;\n${fence}\n${fence}css site.css\nbody { margin: 0; }\n${fence}\n`;
  const { artifacts } = await (
    await page.request.post(`${api}/messages`, { data: { role: "assistant", content } })
  ).json();

  // A copy and a download from the gallery, and a view of an artifact's page.
  const gallery = page.getByRole("region", { name: "Artifacts" });
  await gallery.getByRole("article", { name: "util.js" }).getByRole("button", { name: "Copy" }).click();
  await expect(
    gallery.getByRole("article", { name: "util.js" }).getByRole("button", { name: "Copied" }),
  ).toBeVisible();
  const downloading = page.waitForEvent("download");
  await gallery.getByRole("article", { name: "util.js" }).getByRole("button", { name: "Download" }).click();
  await downloading;
  await page.goto(`${path}/a/${artifacts[0].id}`);
  await expect(page.getByRole("heading", { name: "app.js" })).toBeVisible();

  // Counts are sent within a second; the page reads them when opened.
  await expect
    .poll(async () => (await (await page.request.get("/api/stats")).json()).mostReused.length)
    .toBe(2);
  await page.goto("/stats");
  await expect(page.getByRole("heading", { name: "Stats" })).toBeVisible();
  const byType = page.getByRole("region", { name: "By type" });
  await expect(byType.getByRole("row", { name: "javascript 2" })).toBeVisible();
  await expect(byType.getByRole("row", { name: "css 1" })).toBeVisible();
  // The chart is drawn (hidden from screen readers, who have the table).
  await expect(byType.locator("[data-chart] svg .recharts-bar-rectangle")).toHaveCount(2);
  const reused = page.getByRole("region", { name: "Most reused" });
  await expect(reused.getByRole("row").nth(1)).toContainText("util.js");
  await expect(reused.getByRole("row").nth(1).getByRole("cell").nth(0)).toHaveText("1");
  await expect(reused.getByRole("row").nth(1).getByRole("cell").nth(1)).toHaveText("1");
  await expect(reused.getByRole("row").nth(2)).toContainText("app.js");
  await expect(page.getByRole("region", { name: "Workspace" })).toContainText("Artifacts3");
  await expect(page.getByRole("region", { name: /Artifacts made per day/ }).getByRole("row")).toHaveCount(2);
});

test("the charting library loads with the stats page only", async ({ page }) => {
  const scripts: string[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.url());
  });
  await openSession(page);
  const before = scripts.length;
  const sources = await Promise.all(
    scripts.map(async (url) => (await (await page.request.get(url)).text()).includes("recharts-bar")),
  );
  expect(sources.some(Boolean)).toBe(false);
  await page.getByRole("link", { name: "Stats" }).click();
  await expect(page.getByRole("heading", { name: "Stats" })).toBeVisible();
  const later = await Promise.all(
    scripts
      .slice(before)
      .map(async (url) => (await (await page.request.get(url)).text()).includes("recharts-bar")),
  );
  expect(later.some(Boolean)).toBe(true);
});
