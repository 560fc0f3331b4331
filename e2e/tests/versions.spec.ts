import { expect, test } from "@playwright/test";
import { echo, fence, openSession } from "./helpers";

test("an artifact's history shows every version, the difference from the current one, and restores an old one as new", async ({
  page,
}) => {
  const path = await openSession(page);
  await echo(page, `${fence}js title="greet.js"\nconst name = "Ada";\nconsole.log(name);\n${fence}`);
  await expect(page.getByRole("article", { name: "greet.js" })).toBeVisible();
  const api = `/api/${path.replace(/^\/s\//, "sessions/")}`;
  const { artifacts } = await (await page.request.get(`${api}/artifacts`)).json();
  const artifact = artifacts[0];
  for (const content of [
    'const name = "Grace";\nconsole.log(name);\n',
    'const name = "Grace";\nconsole.info(name);\n',
  ]) {
    const edited = await page.request.patch(`${api}/artifacts/${artifact.id}`, { data: { content } });
    expect(edited.status()).toBe(200);
  }

  await page.goto(`${path}/a/${artifact.id}`);
  const versions = page.getByRole("list", { name: "Versions" });
  await expect(versions.getByRole("listitem")).toHaveCount(3);
  await expect(versions.getByRole("listitem").first()).toContainText("Version 3");
  await expect(versions.getByRole("listitem").first()).toContainText("(current)");
  await expect(versions.getByRole("listitem").last()).toContainText("written by the model");

  // Version 1 against the current one: its own URL, the changed lines marked.
  await versions.getByRole("link", { name: "Version 1" }).click();
  await expect(page).toHaveURL(new RegExp(`/a/${artifact.id}/v/1$`));
  const differences = page.getByRole("table", { name: "Differences" });
  await expect(
    differences.getByRole("row").filter({ has: page.getByRole("cell", { name: "removed" }) }),
  ).toHaveText(['-const name = "Ada";', "-console.log(name);"]);
  await expect(
    differences.getByRole("row").filter({ has: page.getByRole("cell", { name: "added" }) }),
  ).toHaveText(['+const name = "Grace";', "+console.info(name);"]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Version 1 → version 3 (current)" })).toBeVisible();

  await page.getByRole("button", { name: "Restore version 1" }).click();
  await expect(page).toHaveURL(new RegExp(`/a/${artifact.id}$`));
  await expect(versions.getByRole("listitem")).toHaveCount(4);
  await expect(versions.getByRole("listitem").first()).toContainText("restored from version 1");
  await expect(page.getByRole("region", { name: "Code" })).toContainText('const name = "Ada";');
  // Nothing was overwritten: version 2 is still there as it was.
  await versions.getByRole("link", { name: "Version 2" }).click();
  await expect(page.getByRole("heading", { name: "Version 2 → version 4 (current)" })).toBeVisible();
});
