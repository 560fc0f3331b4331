/**
 * Export and import: `GET /api/export` streams a zip of the workspace, a session, a collection or the artifacts
 * named (archive/export-archive.ts); `POST /api/import` reads a Folio export, a ChatGPT `conversations.json` or a
 * markdown transcript into new sessions (archive/run-import.ts), answering a summary, or with
 * `Accept: application/x-ndjson` one line per session as it goes.
 */

import {
  ExportQuery,
  type ImportEvent,
  ImportQuery,
  type ImportSummary,
  type Validated,
  validate,
} from "@folio/protocol";
import { readChatGptExport } from "../archive/chatgpt-import.js";
import { sha256Hex } from "../archive/digest.js";
import { exportArchive, exportScope } from "../archive/export-archive.js";
import { readFolioExport } from "../archive/folio-import.js";
import type { ImportBatch } from "../archive/import-source.js";
import { readMarkdownTranscript } from "../archive/markdown-import.js";
import { runImport } from "../archive/run-import.js";
import { idempotencyOf } from "../idempotency/key.js";
import { errorText, log } from "../observability/log.js";
import { readBytes } from "./body.js";
import { queryOf, type Route } from "./context.js";
import { clientAddress } from "./request-guards.js";
import { API_HEADERS, errorResponse, json, protocolErrorResponse } from "./responses.js";

/** What a streamed import that fails part way ends with (the exception goes to the log only). */
const IMPORT_STOPPED = "the import stopped part way: the sessions reported before this are imported";

/** The largest body an import reads. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const ACCEPTED_TYPES = [
  "application/zip",
  "application/json",
  "text/markdown",
  "text/plain",
  "application/octet-stream",
];

export const ARCHIVE_ROUTES: Route[] = [
  {
    pattern: /^\/api\/export$/,
    methods: {
      GET: async ({ env, url, caller }) => {
        const { artifactId: _, ...rest } = queryOf(url);
        const named = url.searchParams.getAll("artifactId");
        const scope = validate(ExportQuery, named.length > 0 ? { ...rest, artifactId: named } : rest);
        if (!scope.ok) return protocolErrorResponse(scope.error);
        const plan = await env.WORKSPACE.getByName(caller.workspaceId).exportPlan(scope.value);
        if (!plan.ok) return protocolErrorResponse(plan.error);
        const kind = exportScope(scope.value);
        const name = `folio-${kind}-${new Date().toISOString().slice(0, 10)}.zip`;
        return new Response(exportArchive(env, caller.workspaceId, plan.value, kind), {
          headers: {
            ...API_HEADERS,
            "content-type": "application/zip",
            "content-disposition": `attachment; filename="${name}"`,
          },
        });
      },
    },
  },
  {
    pattern: /^\/api\/import$/,
    methods: {
      POST: async ({ env, request, url, caller }) => {
        const query = validate(ImportQuery, queryOf(url));
        if (!query.ok) return protocolErrorResponse(query.error);
        const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
        if (!ACCEPTED_TYPES.includes(type)) {
          return errorResponse(
            "invalid_message",
            `send the file as one of ${ACCEPTED_TYPES.join(", ")}`,
            415,
          );
        }
        const body = await readBytes(
          request,
          MAX_IMPORT_BYTES,
          `an import is at most ${MAX_IMPORT_BYTES} bytes`,
        );
        if (!body.ok) return protocolErrorResponse(body.error);
        const batch = await readBatch(body.value, query.value);
        if (!batch.ok) return protocolErrorResponse(batch.error);
        // An import makes many sessions; it counts once against the address's limit on new ones.
        if (!(await env.CREATE_SESSION_LIMITER.limit({ key: clientAddress(request) })).success) {
          return errorResponse("rate_limited", "too many new sessions from this address; retry in 10 s");
        }
        const idempotency = await idempotencyOf(request, {
          file: await sha256Hex(body.value),
          ...query.value,
        });
        if (!idempotency.ok) return protocolErrorResponse(idempotency.error);
        const workspace = env.WORKSPACE.getByName(caller.workspaceId);
        // Under an Idempotency-Key, a retry is answered the first import's summary (sealed-results.ts); without
        // one, a repeat is still written once (each origin is reserved first), and reported as skipped.
        const key = idempotency.value;
        const begun = key ? await workspace.beginImport(key) : { kind: "claimed" as const };
        const run = async (emit?: (event: ImportEvent) => void): Promise<ImportSummary> => {
          if (begun.kind === "answered") {
            if (!begun.result.ok) throw new Error(begun.result.error.message);
            emit?.({ type: "done", summary: begun.result.value });
            return begun.result.value;
          }
          try {
            const summary = await runImport(env, caller.workspaceId, batch.value, emit);
            if (key) await workspace.finishImport(key, summary);
            return summary;
          } catch (error) {
            if (key) await workspace.abandonImport(key);
            throw error;
          }
        };
        if (begun.kind === "answered" && !begun.result.ok) return protocolErrorResponse(begun.result.error);
        if (!request.headers.get("accept")?.includes("application/x-ndjson")) return json(await run());
        const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
        const writer = writable.getWriter();
        const encoder = new TextEncoder();
        const send = (event: ImportEvent) => void writer.write(encoder.encode(`${JSON.stringify(event)}\n`));
        run(send)
          .catch((error: unknown) => {
            log({ event: "import.failed", workspace: caller.workspaceId, error: errorText(error) });
            send({ type: "error", code: "internal", message: IMPORT_STOPPED });
          })
          .finally(() => void writer.close());
        return new Response(readable, {
          headers: { ...API_HEADERS, "content-type": "application/x-ndjson; charset=utf-8" },
        });
      },
    },
  },
];

/** Which importer reads the body: the `format` asked for, else what the body is. */
async function readBatch(bytes: Uint8Array, query: ImportQuery): Promise<Validated<ImportBatch>> {
  const isZip = ZIP_MAGIC.every((byte, i) => bytes[i] === byte);
  const format = query.format ?? (isZip ? "folio" : looksLikeJsonArray(bytes) ? "chatgpt" : "markdown");
  if (format === "folio") return readFolioExport(bytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, error: { code: "invalid_message", message: "the file is not UTF-8 text" } };
  }
  if (format === "markdown") return readMarkdownTranscript(text, query.title);
  try {
    return readChatGptExport(JSON.parse(text));
  } catch {
    return { ok: false, error: { code: "invalid_message", message: "the file is not valid JSON" } };
  }
}

function looksLikeJsonArray(bytes: Uint8Array): boolean {
  for (const byte of bytes.subarray(0, 64)) {
    if (
      byte === 0x20 ||
      byte === 0x0a ||
      byte === 0x0d ||
      byte === 0x09 ||
      byte === 0xef ||
      byte === 0xbb ||
      byte === 0xbf
    )
      continue;
    return byte === 0x5b;
  }
  return false;
}
