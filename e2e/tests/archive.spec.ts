import { readFile } from "node:fs/promises";
import type { FolioExport } from "@folio/protocol";
import { expect, test } from "@playwright/test";
import { unzipSync } from "fflate";
import { fence, openSession } from "./helpers";

test("a session exported as a zip imports into another workspace with a progress bar and a summary", async ({
  browser,
  page,
}) => {
  const path = await openSession(page);
  const api = `/api/${path.replace(/^\/s\//, "sessions/")}`;
  const content = `${fence}html index.html\n<h1>Exported</h1>\n${fence}\n${fence}css site.css\nh1 { color: teal; }\n${fence}\n`;
  const { artifacts } = await (
    await page.request.post(`${api}/messages`, { data: { role: "assistant", content } })
  ).json();
  await page.request.patch(`${api}/artifacts/${artifacts[0].id}`, { data: { content: "<h1>Edited</h1>\n" } });
  await page.request.patch(`/api/${path.replace(/^\/s\//, "sessions/")}`, { data: { title: "Site" } });

  // The session's own Export button downloads a zip of it.
  await page.reload();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^folio-session-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = await readFile((await download.path()) as string);
  const files = unzipSync(new Uint8Array(zip));
  expect(Object.keys(files).sort()).toEqual([
    "Site/index.html",
    "Site/site.css",
    "Site/versions/index.v1.html",
    "folio.json",
  ]);
  const manifest = JSON.parse(new TextDecoder().decode(files["folio.json"])) as FolioExport;
  expect(manifest.sessions[0]?.artifacts[0]?.versions).toHaveLength(2);

  // Someone else, in a browser of their own, imports it from the library.
  const other = await (await browser.newContext()).newPage();
  await other.goto("/library");
  await other.getByRole("button", { name: "Import…" }).click();
  const dialog = other.getByRole("dialog", { name: "Import" });
  await dialog.getByLabel(/A Folio export/).setInputFiles({
    name: "export.zip",
    mimeType: "application/zip",
    buffer: zip,
  });
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByRole("progressbar", { name: "Import progress" })).toBeVisible();
  await expect(dialog.getByText("1 of 1 sessions — Site")).toBeVisible();
  const summary = dialog.getByRole("region", { name: "Import summary" });
  await expect(summary).toContainText("Added 1 session with 2 artifacts.");
  await expect(summary.getByRole("listitem")).toContainText("added");

  // The library holds the artifacts as they were, and the session opens from the summary.
  const rows = other.getByRole("list", { name: "Artifacts" }).getByRole("link");
  await expect(rows).toHaveCount(2);
  await summary.getByRole("link", { name: "Site" }).click();
  await expect(other).toHaveURL(/\/s\/[A-Za-z0-9_-]{22}$/);
  await expect(other.getByRole("region", { name: "Artifacts" }).getByRole("article")).toHaveCount(2);

  // Importing it again adds nothing.
  await other.goto("/library");
  await other.getByRole("button", { name: "Import…" }).click();
  await dialog
    .getByLabel(/A Folio export/)
    .setInputFiles({ name: "export.zip", mimeType: "application/zip", buffer: zip });
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(summary).toContainText("Added 0 sessions");
  await expect(summary.getByRole("listitem")).toContainText("already here");
});

test("a pasted markdown transcript becomes a session whose answers' code blocks are artifacts", async ({
  page,
}) => {
  await page.goto("/library");
  await page.getByRole("button", { name: "Import…" }).click();
  const dialog = page.getByRole("dialog", { name: "Import" });
  await dialog
    .getByRole("textbox", { name: /paste a transcript/ })
    .fill(
      `# Greeting\n\n## User\nSay hi in Python\n\n## Assistant\n${fence}python hi.py\nprint("hi")\n${fence}\n`,
    );
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByRole("region", { name: "Import summary" })).toContainText(
    "Added 1 session with 1 artifacts.",
  );
  await expect(
    page.getByRole("list", { name: "Artifacts" }).getByRole("link", { name: /hi\.py/ }),
  ).toBeVisible();
});
