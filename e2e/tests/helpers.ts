import { expect, type Page } from "@playwright/test";

/** Opens a new session and waits until its socket is connected; returns the session's URL path. */
export async function openSession(page: Page): Promise<string> {
  await page.goto("/");
  await expect(page).toHaveURL(/\/s\/[A-Za-z0-9_-]{22}$/);
  await expect(page.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Sends `/echo <markdown>` and waits for the answer to finish streaming. */
export async function echo(page: Page, markdown: string): Promise<void> {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(`/echo ${markdown}`);
  await box.press("Enter");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
}

export const fence = "```";
