import { MemoryRouter } from "react-router";
import { expect, it } from "vitest";
import { page } from "vitest/browser";
import { render } from "vitest-browser-react";
import { renderMarkdown } from "../preview/runtime/markdown-runtime";
import { MessageMarkdown } from "./message-markdown";

/** Every element's tag, in document order: the structure a rendering gives a text. */
function structure(root: Element): string[] {
  return [...root.querySelectorAll("*")].map((element) => element.tagName.toLowerCase());
}

const TEXT = [
  "# Plan",
  "Some *emphasis*, **strength**, ~~a strike~~, `code` and https://example.com, bare.",
  "| Step | Done |\n| --- | :-: |\n| Parse | yes |\n| Render | no |",
  "- [x] first\n- [ ] second\n  1. nested\n  2. list",
  "> quoted, with [a link](https://example.com 'title')",
  "---",
  "Line  \nbreak",
].join("\n\n");

it("renders a message's markdown as a markdown artifact's preview renders it: tables, strikes and task lists alike", async () => {
  await render(
    <MemoryRouter>
      <div data-testid="chat">
        <MessageMarkdown content={TEXT} />
      </div>
    </MemoryRouter>,
  );
  const chat = page.getByTestId("chat");
  await expect.element(chat.getByRole("heading", { name: "Plan" })).toBeVisible();
  const preview = document.createElement("main");
  preview.innerHTML = renderMarkdown(TEXT);
  // The chat's own wrapper aside, the elements are the preview's, one for one.
  expect(structure(chat.element().firstElementChild as Element)).toEqual(structure(preview));
  await expect.element(chat.getByRole("table")).toBeVisible();
  await expect.element(chat.getByRole("checkbox").first()).toBeChecked();
});
