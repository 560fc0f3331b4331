import { expect, type Page, test } from "@playwright/test";

const OUT = "../docs/screenshots";

async function ask(page: Page, prompt: string): Promise<void> {
  const messages = page.locator('ol[aria-label="Messages"] > li');
  const before = await messages.count();
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(prompt);
  await box.press("Enter");
  await expect(messages).toHaveCount(before + 2);
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible({ timeout: 30_000 });
}

/** Waits until the cards in view are highlighted, so the picture shows the finished page. */
async function settle(page: Page): Promise<void> {
  await expect(page.locator("[role=feed] article [data-highlighted]").first()).toBeVisible();
  const chat = page.locator('ol[aria-label="Messages"]');
  if (await chat.isVisible())
    await expect(chat.locator("li").last().locator("[data-highlighted]").last()).toBeVisible();
  await page.waitForTimeout(500);
}

test("chat, gallery and previews, light and dark, desktop and phone", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await expect(page.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();
  await ask(page, "Draw a diagram of how an answer becomes an artifact");
  await ask(page, "Write a Python script that counts words");
  await ask(page, "Build me a React counter component");
  await settle(page);
  await page.screenshot({ path: `${OUT}/chat-and-gallery.png` });

  const card = page.locator("[role=feed] article").first();
  await card.getByRole("button", { name: "Preview" }).click();
  await expect(card.locator("iframe").contentFrame().getByRole("button").first()).toBeVisible();
  await card.screenshot({ path: `${OUT}/react-preview.png` });

  const diagram = page.getByRole("article", { name: "Artifact flow" });
  await diagram.getByRole("button", { name: "Preview" }).click();
  await expect(diagram.locator("iframe").contentFrame().locator("svg").first()).toBeVisible();
  await diagram.scrollIntoViewIfNeeded();
  await diagram.screenshot({ path: `${OUT}/mermaid-preview.png` });

  await page.getByRole("combobox", { name: "Theme" }).selectOption("dark");
  await page.reload();
  await settle(page);
  await page.screenshot({ path: `${OUT}/dark.png` });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("combobox", { name: "Theme" }).selectOption("light");
  await page.getByRole("button", { name: /^Artifacts/ }).click();
  await page.locator("[role=feed]").evaluate((feed) => feed.parentElement?.scrollTo(0, 0));
  await settle(page);
  await page.screenshot({ path: `${OUT}/phone-gallery.png` });
});
