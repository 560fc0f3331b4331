/** What a route handler is given: the request, already matched, decoded and (unless public) authenticated. */
import type { Validated } from "@folio/protocol";
import type { Caller } from "../auth/authenticate.js";
import type { Env } from "../env.js";
import { readJsonBody, saysJson } from "./body.js";

export interface RouteContext {
  request: Request;
  env: Env;
  url: URL;
  /** The path's captured segments, %-decoded. */
  params: string[];
  caller: Caller;
}

export type Handler = (context: RouteContext) => Promise<Response>;
export type PublicHandler = (context: Omit<RouteContext, "caller">) => Promise<Response>;

export type Route =
  | { pattern: RegExp; public?: false; methods: Partial<Record<string, Handler>> }
  | { pattern: RegExp; public: true; methods: Partial<Record<string, PublicHandler>> };

/** A JSON body; one that does not say it is JSON is refused before it is read. */
export async function readBody(request: Request): Promise<Validated<unknown>> {
  if (!saysJson(request)) {
    return {
      ok: false,
      error: { code: "invalid_message", message: "send JSON bodies with content-type: application/json" },
    };
  }
  return readJsonBody(request);
}

/** The query string as an object, for a schema to check (a repeated key keeps its last value). */
export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}
