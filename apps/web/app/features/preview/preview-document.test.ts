import { expect, it } from "vitest";
import { canPreview, PREVIEW_CSP, previewCsp, previewDocument } from "./preview-document";

const RUNTIMES = "http://app.test/preview/";

it("puts a no-network CSP first in every preview document", () => {
  for (const [type, content] of [
    ["html", "<h1>Hi</h1>"],
    ["html", "<!doctype html><html><head><title>T</title></head><body></body></html>"],
    ["css", "h1 { color: red }"],
    ["svg", "<svg></svg>"],
    ["javascript", "console.log(1)"],
  ] as const) {
    const document = previewDocument({ type, content }, RUNTIMES) ?? "";
    expect(document).toContain(`content="${PREVIEW_CSP}"`);
    expect(document.indexOf("Content-Security-Policy")).toBeLessThan(
      document.indexOf("<title>T") === -1 ? Infinity : document.indexOf("<title>T"),
    );
  }
  expect(PREVIEW_CSP).toContain("default-src 'none'");
  expect(PREVIEW_CSP).not.toContain("connect-src");
});

it("lets markdown, React and mermaid previews load scripts from the runtime folder and nothing else", () => {
  for (const type of ["markdown", "react-component", "mermaid"] as const) {
    const document = previewDocument({ type, content: "x" }, RUNTIMES) ?? "";
    expect(document).toContain(`content="${previewCsp(RUNTIMES)}"`);
    expect(document).toMatch(/<script src="http:\/\/app\.test\/preview\/[\w-]+\.js"><\/script>/);
  }
  expect(previewCsp(RUNTIMES)).toContain(`script-src 'unsafe-inline' ${RUNTIMES};`);
  expect(previewCsp(RUNTIMES)).not.toContain("connect-src");
});

it("keeps a script's code from closing its script element early", () => {
  const script = previewDocument(
    { type: "javascript", content: 'console.log("</script><b>x</b>")' },
    RUNTIMES,
  );
  expect(script).toContain("<\\/script><b>x</b>");
  const component = previewDocument({ type: "react-component", content: "const s = '</script>';" }, RUNTIMES);
  expect(component).not.toContain("'</script>'");
  expect(component).toContain("\\u003c/script>");
});

it("offers previews only for the types it can run", () => {
  expect(canPreview({ type: "html" })).toBe(true);
  expect(canPreview({ type: "react-component" })).toBe(true);
  expect(canPreview({ type: "mermaid" })).toBe(true);
  expect(canPreview({ type: "python" })).toBe(false);
  expect(previewDocument({ type: "sql", content: "SELECT 1" }, RUNTIMES)).toBeNull();
});
