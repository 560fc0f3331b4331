import { expect, test } from "@playwright/test";
import { fence, openSession } from "./helpers";

/** A component long enough to take a few seconds to stream from the offline model (6 characters per 12 ms). */
function longComponent(name: string, lines: number): string {
  const rows = Array.from(
    { length: lines },
    (_, i) => `      <li key="${i}">Row number ${i + 1} of the list</li>`,
  );
  return `export default function ${name}() {\n  return (\n    <ul>\n${rows.join("\n")}\n    </ul>\n  );\n}`;
}

test("an answer streams in with a live card that becomes the saved artifact in place", async ({ page }) => {
  await openSession(page);
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(
    `/echo Here is the list:\n\n${fence}tsx title="List.tsx"\n${longComponent("List", 40)}\n${fence}\n\nDone.`,
  );
  await box.press("Enter");

  // While the block streams: a busy card with the code so far, the answer growing in the chat, a Stop button.
  const live = page.getByRole("article", { name: "Streaming tsx block" });
  await expect(live).toBeVisible();
  await expect(live).toHaveAttribute("aria-busy", "true");
  await expect(live).toContainText("Row number 5 of the list");
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
  const answer = page.getByRole("list", { name: "Messages" }).getByRole("listitem").last();
  await expect(answer).toContainText("Here is the list:");
  await expect(answer).not.toContainText("Done.");

  // Then the saved artifact takes its place, and the answer completes.
  const saved = page.getByRole("article", { name: "List.tsx" });
  await expect(saved).toBeVisible({ timeout: 20_000 });
  await expect(live).toHaveCount(0);
  await expect(saved).toContainText("react-component");
  await expect(answer).toContainText("Done.");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await expect(answer.getByRole("link", { name: "Open List.tsx" })).toBeVisible();
});

test("Stop cancels the answer, keeps what was written, and saves the unfinished block", async ({ page }) => {
  await openSession(page);
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(
    `/echo Long one:\n\n${fence}tsx title="Long.tsx"\n${longComponent("Long", 200)}\n${fence}\n\nThe end.`,
  );
  await box.press("Enter");
  const live = page.getByRole("article", { name: "Streaming tsx block" });
  await expect(live).toContainText("Row number 3 of the list");

  await page.getByRole("button", { name: "Stop" }).click();
  const answer = page.getByRole("list", { name: "Messages" }).getByRole("listitem").last();
  await expect(answer).toContainText("Stopped.");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  const saved = page.getByRole("article", { name: "Long.tsx" });
  await expect(saved).toContainText("unfinished");
  await expect(answer).not.toContainText("The end.");

  // All of it is still there after a reload.
  await page.reload();
  await expect(page.getByRole("article", { name: "Long.tsx" })).toContainText("unfinished");
  await expect(page.getByRole("list", { name: "Messages" }).getByRole("listitem").last()).toContainText(
    "Stopped.",
  );
});

test("a message sent while an answer streams waits in the box instead of being lost", async ({ page }) => {
  await openSession(page);
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(`/echo First:\n\n${fence}tsx title="Slow.tsx"\n${longComponent("Slow", 60)}\n${fence}`);
  await box.press("Enter");
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();

  await box.fill("/echo Second");
  await box.press("Enter");
  await expect(box).toHaveValue("/echo Second");
  await expect(page.getByText("An answer is still coming")).toBeVisible();

  await expect(page.getByRole("button", { name: "Send" })).toBeVisible({ timeout: 20_000 });
  await box.press("Enter");
  await expect(box).toHaveValue("");
  const messages = page.getByRole("list", { name: "Messages" }).locator(":scope > li");
  await expect(messages).toHaveCount(4);
  await expect(messages.last()).toHaveText(/Second/);
});

test("a message too large to send is refused with the reason, and kept", async ({ page }) => {
  await openSession(page);
  const box = page.getByRole("textbox", { name: "Message" });
  const huge = `/echo ${"x".repeat(1024 * 1024 + 10)}`;
  await box.fill(huge);
  await box.press("Enter");
  await expect(page.getByRole("alert")).toContainText("Not done (too_large)");
  expect(await box.inputValue()).toHaveLength(huge.length);
  await expect(page.getByRole("list", { name: "Messages" }).locator(":scope > li")).toHaveCount(0);
  await page.getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("a tab opened mid-answer shows the answer so far, then follows it to the same end", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  const path = await openSession(first);
  const box = first.getByRole("textbox", { name: "Message" });
  await box.fill(
    `/echo Watch this:\n\n${fence}tsx title="Joined.tsx"\n${longComponent("Joined", 60)}\n${fence}\n\nAll done.`,
  );
  await box.press("Enter");
  await expect(first.getByRole("article", { name: "Streaming tsx block" })).toContainText("Row number 4 ");

  const second = await context.newPage();
  await second.goto(path);
  const answer = second.getByRole("list", { name: "Messages" }).locator(":scope > li").last();
  await expect(answer).toContainText("Watch this:");
  await expect(second.getByRole("button", { name: "Stop" })).toBeVisible();
  // The answer so far holds the code from before the join, and the block still streaming has its live card. (The
  // card shows the tail of its code, so which rows it shows depends on how far the stream got meanwhile.)
  await expect(answer).toContainText("Row number 1 ");
  const live = second.getByRole("article", { name: "Streaming tsx block" });
  await expect(live).toBeVisible();
  await expect(live).toContainText("Row number");
  await expect(answer).toContainText("All done.", { timeout: 20_000 });
  await expect(second.getByRole("article", { name: "Joined.tsx" })).toBeVisible();
  const firstAnswer = first.getByRole("list", { name: "Messages" }).locator(":scope > li").last();
  await expect(firstAnswer).toContainText("All done.");
  expect(await answer.textContent()).toBe(await firstAnswer.textContent());
  await context.close();
});
