/**
 * What the Worker checks before any route runs: that the request is for one of its own hosts (a DNS-rebinding
 * page reaches a local server under a name of its own), and that a browser asking to change state or open a
 * socket is on the app's own origin (or an allowed one). Clients that send no `Origin` (scripts, other apps)
 * are not browsers acting for a page, so they pass.
 */
import { type Env, variablesOf } from "../env.js";
import { errorResponse } from "./responses.js";

const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function allowedHosts(env: Pick<Env, "ALLOWED_HOSTS">): string[] {
  const configured = variablesOf(env).ALLOWED_HOSTS;
  return configured.length > 0 ? configured : LOOPBACK_HOSTS;
}

/** A response refusing the request when its host is not one of ours, else null. */
export function refuseForeignHost(url: URL, env: Pick<Env, "ALLOWED_HOSTS">): Response | null {
  if (allowedHosts(env).includes(url.hostname.toLowerCase())) return null;
  return errorResponse("forbidden", `this server does not answer for ${url.hostname}`, 421);
}

/** Whether a request may change state or open a socket: no `Origin`, our own, or a listed one. */
export function isAllowedOrigin(request: Request, url: URL, env: Pick<Env, "ALLOWED_ORIGINS">): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const lower = origin.toLowerCase();
  return lower === url.origin.toLowerCase() || variablesOf(env).ALLOWED_ORIGINS.includes(lower);
}

/** A response refusing a cross-site state change or socket, else null. */
export function refuseCrossSite(
  request: Request,
  url: URL,
  env: Pick<Env, "ALLOWED_ORIGINS">,
): Response | null {
  const changes = !SAFE_METHODS.has(request.method) || request.headers.get("upgrade") !== null;
  if (!changes || isAllowedOrigin(request, url, env)) return null;
  return errorResponse(
    "forbidden",
    `requests from ${request.headers.get("origin")} may not change this app's data`,
  );
}

/** Who is asking, for per-client limits: the address Cloudflare (or wrangler dev) reports. */
export function clientAddress(request: Request): string {
  return request.headers.get("cf-connecting-ip") ?? "unknown";
}
