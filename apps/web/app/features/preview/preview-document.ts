/**
 * The document an artifact's preview runs: a complete HTML page for the sandboxed iframe, with a
 * Content-Security-Policy that forbids any network access (no fetch, no external scripts, styles, images or
 * fonts) while letting the artifact's own inline code run.
 */
import type { Artifact } from "@folio/protocol";
import { marked } from "marked";

export const PREVIEW_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
  "font-src data:",
  "media-src data: blob:",
  "form-action 'none'",
  "base-uri 'none'",
].join("; ");

const PREVIEWABLE = new Set(["html", "css", "svg", "javascript", "markdown"]);

export function canPreview(artifact: Pick<Artifact, "type">): boolean {
  return PREVIEWABLE.has(artifact.type);
}

const BASE_STYLE = `<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 16px; line-height: 1.5; }
  #console { font: 12px/1.5 ui-monospace, monospace; white-space: pre-wrap; margin: 0; }
  #console .error { color: #dc2626; }
</style>`;

function page(body: string, head = ""): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">${BASE_STYLE}${head}</head><body>${body}</body></html>`;
}

/** Code placed inside an inline <script> must not be able to end it early. */
function scriptSafe(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

const CONSOLE_CAPTURE = `<pre id="console" aria-label="Console output"></pre><script>
(() => {
  const out = document.getElementById("console");
  const show = (kind, args) => {
    const line = document.createElement("div");
    line.className = kind;
    line.textContent = args.map((a) => { try { return typeof a === "string" ? a : JSON.stringify(a); } catch { return String(a); } }).join(" ");
    out.appendChild(line);
  };
  for (const kind of ["log", "info", "warn", "error"]) {
    const original = console[kind].bind(console);
    console[kind] = (...args) => { show(kind, args); original(...args); };
  }
  addEventListener("error", (event) => show("error", [\`\${event.message} (line \${event.lineno})\`]));
  addEventListener("unhandledrejection", (event) => show("error", ["Unhandled rejection: " + String(event.reason)]));
})();
</script>`;

const SAMPLE_PAGE = `<main><h1>Heading</h1><p>A paragraph with <a href="#">a link</a> and <strong>bold</strong> text.</p>
<div class="card"><h2>Card</h2><p>Content inside a card.</p><button>Button</button></div>
<ul><li>First</li><li>Second</li></ul><form><label>Name <input placeholder="Type here"></label></form></main>`;

/** The preview page for an artifact, or null when its type has no preview. */
export function previewDocument(artifact: Pick<Artifact, "type" | "content">): string | null {
  const { content } = artifact;
  switch (artifact.type) {
    case "html":
      // A full document keeps its own structure; the CSP goes first in its head so it applies to everything.
      if (/<html[\s>]/i.test(content) || /<!doctype/i.test(content)) {
        const csp = `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">`;
        return /<head[^>]*>/i.test(content)
          ? content.replace(/<head[^>]*>/i, (head) => `${head}${csp}`)
          : content.replace(/<html[^>]*>/i, (html) => `${html}<head>${csp}</head>`);
      }
      return page(content);
    case "css":
      return page(SAMPLE_PAGE, `<style>${content.replace(/<\/style/gi, "<\\/style")}</style>`);
    case "svg":
      return page(content);
    case "javascript":
      return page(`${CONSOLE_CAPTURE}<script>${scriptSafe(content)}</script>`);
    case "markdown":
      return page(marked.parse(content, { async: false }));
    default:
      return null;
  }
}
