/** Turns untrusted input (socket frames, HTTP bodies) into typed values or typed errors, never exceptions. */
import type { z } from "zod";
import { type ClientFrame, ClientFrame as ClientFrameSchema, type ErrorCode } from "./frames.js";
import { LIMITS, TOO_LARGE, utf8Length } from "./limits.js";

export interface ProtocolError {
  code: ErrorCode;
  message: string;
  requestId?: string;
  /** With `conflict`: the artifact's current version. */
  currentVersion?: number;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };
export type ParsedClientFrame = { ok: true; frame: ClientFrame } | { ok: false; error: ProtocolError };

/**
 * Validates an already-decoded value against a schema; size violations become `too_large`. Strings must be
 * well-formed Unicode: JSON can spell a lone surrogate (`"\ud800"`), which no UTF-8 store can keep as it was.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown): Validated<z.infer<S>> {
  const malformed = findLoneSurrogate(value);
  if (malformed !== null) {
    return {
      ok: false,
      error: {
        code: "invalid_message",
        message: `${malformed === "" ? "" : `${malformed}: `}text must be well-formed Unicode (it holds a lone surrogate)`,
      },
    };
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: describeIssues(result.error.issues) };
}

/**
 * Parses one WebSocket frame from a client. Accepts the raw `message` of a socket event: binary frames,
 * oversized frames, malformed JSON and frames that fail the schema all give a typed error, which carries
 * the frame's `requestId` whenever one could be read.
 */
export function parseClientFrame(raw: unknown): ParsedClientFrame {
  if (typeof raw !== "string") {
    return fail("invalid_message", "binary frames are not supported; send JSON text");
  }
  if (raw.length > LIMITS.frameBytes || utf8Length(raw) > LIMITS.frameBytes) {
    return fail("too_large", `frames must be at most ${LIMITS.frameBytes} bytes`);
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(raw);
  } catch {
    return fail("invalid_message", "frame is not valid JSON");
  }
  if (decoded === null || typeof decoded !== "object" || Array.isArray(decoded)) {
    return fail("invalid_message", "frame must be a JSON object");
  }
  const requestId = readRequestId(decoded);
  const result = validate(ClientFrameSchema, decoded);
  if (result.ok) return { ok: true, frame: result.value };
  return { ok: false, error: withRequestId(result.error, requestId) };
}

/** The path of the first string (or key) holding a lone surrogate, "" for the value itself, or null. */
function findLoneSurrogate(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === "string") {
      if (!current.isWellFormed()) return path;
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    for (const [key, child] of Object.entries(current)) {
      const childPath = path === "" ? key : `${path}.${key}`;
      if (!key.isWellFormed()) return childPath;
      stack.push([child, childPath]);
    }
  }
  return null;
}

function readRequestId(frame: object): string | undefined {
  const value = (frame as { requestId?: unknown }).requestId;
  return typeof value === "string" && value.length > 0 && value.length <= 128 ? value : undefined;
}

function fail(code: ErrorCode, message: string): ParsedClientFrame {
  return { ok: false, error: { code, message } };
}

function withRequestId(error: ProtocolError, requestId: string | undefined): ProtocolError {
  return requestId === undefined ? error : { ...error, requestId };
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): ProtocolError {
  const tooLarge = issues.find(
    (issue) =>
      // A number past its maximum (a page size, say) is a bad value, not a large body.
      (issue.code === "too_big" && issue.origin !== "number" && issue.origin !== "int") ||
      (issue.code === "custom" && issue.params?.folioCode === TOO_LARGE.folioCode),
  );
  const first = tooLarge ?? issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
  const message = first ? `${where}${describeIssue(first)}` : "invalid input";
  return { code: tooLarge ? "too_large" : "invalid_message", message };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys")
    return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_union" && issue.path.length === 0) return "unknown frame type";
  return issue.message;
}
