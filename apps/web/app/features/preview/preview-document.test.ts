import { expect, it } from "vitest";
import { canPreview, PREVIEW_CSP, previewDocument } from "./preview-document";

it("puts a no-network CSP first in every preview document", () => {
  for (const [type, content] of [
    ["html", "<h1>Hi</h1>"],
    ["html", "<!doctype html><html><head><title>T</title></head><body></body></html>"],
    ["css", "h1 { color: red }"],
    ["svg", "<svg></svg>"],
    ["javascript", "console.log(1)"],
    ["markdown", "# Hi"],
  ] as const) {
    const document = previewDocument({ type, content }) ?? "";
    expect(document).toContain(`content="${PREVIEW_CSP}"`);
    expect(document.indexOf("Content-Security-Policy")).toBeLessThan(
      document.indexOf("<title>T") === -1 ? Infinity : document.indexOf("<title>T"),
    );
  }
  expect(PREVIEW_CSP).toContain("default-src 'none'");
  expect(PREVIEW_CSP).not.toContain("connect-src");
});

it("keeps a script's code from closing its script element early", () => {
  const document = previewDocument({ type: "javascript", content: 'console.log("</script><b>x</b>")' }) ?? "";
  expect(document).toContain("<\\/script><b>x</b>");
});

it("offers previews only for the types it can run", () => {
  expect(canPreview({ type: "html" })).toBe(true);
  expect(canPreview({ type: "python" })).toBe(false);
  expect(previewDocument({ type: "sql", content: "SELECT 1" })).toBeNull();
});
