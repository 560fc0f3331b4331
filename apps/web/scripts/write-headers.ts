/**
 * Writes build/client/_headers, the security and caching headers Workers Static Assets put on the app's pages and
 * files. The app's Content-Security-Policy allows its own scripts and, by hash, exactly the inline scripts of the
 * built index.html (the theme boot script and React Router's SPA bootstrap), so no other inline script can run.
 * Run after `react-router build`; the hashes change whenever those scripts do.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const client = join(import.meta.dirname, "..", "build", "client");
const html = readFileSync(join(client, "index.html"), "utf8");

const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) =>
    `'sha256-${createHash("sha256")
      .update(body ?? "", "utf8")
      .digest("base64")}'`,
);
if (hashes.length === 0) throw new Error("index.html has no inline scripts: has the build changed shape?");

const APP_CSP = [
  "default-src 'self'",
  `script-src 'self' ${hashes.join(" ")}`,
  // Inline style attributes (highlighting colours, the virtualised feed's positions) and CodeMirror's <style>.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // 'self' covers the app's own ws:// and wss:// socket too.
  "connect-src 'self'",
  "worker-src 'self'",
  // Previews are the Worker's /preview/frame document, on this origin but sandboxed to an opaque one; a frame that
  // tries to navigate anywhere else is stopped here (and the app shows what it tried).
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

const PERMISSIONS = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "display-capture=()",
  "clipboard-read=()",
  "clipboard-write=(self)",
].join(", ");

const headers = `/*
  Content-Security-Policy: ${APP_CSP}
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
  Permissions-Policy: ${PERMISSIONS}
  X-Frame-Options: DENY
  Cross-Origin-Opener-Policy: same-origin

/assets/*
  Cache-Control: public, max-age=31536000, immutable
`;

writeFileSync(join(client, "_headers"), headers);
console.log(`_headers: ${hashes.length} inline script hashes`);
