/**
 * The document every preview runs in, served by the Worker so that its network block is an HTTP header the
 * artifact never touches: nothing the artifact writes (a comment before its head, a meta tag of its own, a
 * script before <html>) can remove, move or outrun it. The app frames `/preview/frame` with
 * `sandbox="allow-scripts"` (an opaque origin), and hands it the artifact's page by `postMessage`; the frame's
 * bootstrap writes that page into itself. A page that navigates itself away is not stopped by this policy (no
 * policy can, today; the Navigation API's cancellable `navigate` event is not fired in opaque-origin documents):
 * the app's own `frame-src 'self'` blocks the navigation, and the app replaces the preview with a notice.
 */

/** The policy of every preview: its own inline code runs; scripts come only from the app's /preview/ folder. */
export function previewPolicy(origin: string): string {
  return [
    "default-src 'none'",
    `script-src 'unsafe-inline' ${origin}/preview/`,
    "style-src 'unsafe-inline'",
    "img-src data: blob:",
    "font-src data:",
    "media-src data: blob:",
    "form-action 'none'",
    "base-uri 'none'",
    // Only the app may frame a preview.
    "frame-ancestors 'self'",
  ].join("; ");
}

/** Messages between the app and a preview frame (the app's preview-frame.tsx speaks the other side). */
const READY = "folio-preview-ready";
const RENDER = "folio-preview-render";
const LEAVING = "folio-preview-leaving";

const BOOTSTRAP = `(() => {
  addEventListener("message", function render(event) {
    if (event.source !== parent || !event.data || event.data.type !== "${RENDER}") return;
    removeEventListener("message", render);
    const token = String(event.data.token);
    document.open();
    document.write(String(event.data.html));
    document.close();
    // Added after the page is written (opening the document dropped every listener before it): a page that
    // navigates away, even one that started to while it was being written, is unloaded, and the app hears of it.
    // An unloading page's messages arrive without a source, so the app's token says which preview this is.
    addEventListener("pagehide", () => parent.postMessage({ type: "${LEAVING}", token }, "*"));
  });
  addEventListener("load", () => parent.postMessage({ type: "${READY}" }, "*"));
})();
`;

const COMMON_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-cache",
};

export function previewFrameResponse(url: URL): Response {
  const html = `<!doctype html><html><head><meta charset="utf-8"><script src="${url.origin}/preview/frame.js"></script></head><body></body></html>`;
  return new Response(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": previewPolicy(url.origin),
      ...COMMON_HEADERS,
    },
  });
}

export function previewBootstrapResponse(): Response {
  return new Response(BOOTSTRAP, {
    headers: { "content-type": "text/javascript; charset=utf-8", ...COMMON_HEADERS },
  });
}
