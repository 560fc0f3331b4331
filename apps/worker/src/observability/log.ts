/**
 * Structured logs: one JSON line per save, update, delete, import and failure, which Workers Logs indexes in
 * production (wrangler.jsonc turns observability on) and `script/start` prints readably. A line names what
 * happened and to what, with sizes and durations; it never carries an artifact's content, a prompt, a
 * credential or a share link's secret, only the fields below.
 */

export type LogEventName =
  | "artifact.created"
  | "artifact.revised"
  | "artifact.updated"
  | "artifact.restored"
  | "artifact.deleted"
  | "artifact.copied"
  | "answer.done"
  | "answer.failed"
  | "answer.unsaved"
  | "answer.interrupted"
  | "import.answer"
  | "import.session"
  | "import.failed"
  | "export.failed"
  | "index.retry"
  | "frame.failed"
  | "request.failed";

export interface LogFields {
  event: LogEventName;
  session?: string;
  workspace?: string;
  artifact?: string;
  message?: string;
  title?: string;
  /** An artifact's type; on a failure, what failed: the model, the frame's type, or the request. */
  type?: string;
  version?: number;
  /** UTF-8 bytes of what was written (content only, never the content itself). */
  bytes?: number;
  /** How many artifacts (or messages) one line stands for. */
  count?: number;
  /** The operation's duration. Workers' clocks advance only across I/O, so a write alone often shows 0. */
  ms?: number;
  status?: string;
  /** A failure's cause in a few words: an error's message, never a request body. */
  error?: string;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a text, as the log reports sizes. */
export function bytesOf(text: string): number {
  return encoder.encode(text).byteLength;
}

/** Writes one log line: errors and failures at error level, the rest at info. */
export function log(fields: LogFields): void {
  const level = levelOf(fields.event);
  const line = JSON.stringify({ level, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/** The duration since `start` (a `Date.now()`), for a line's `ms`. */
export function since(start: number): number {
  return Date.now() - start;
}

/** A request's path as a line may name it: a share link's token is a credential, so it is replaced. */
export function loggedPath(path: string): string {
  return path.replace(/^\/api\/share\/[^/]+/, "/api/share/:token");
}

/** An error's message, cut short: enough to say what failed, never a whole response body. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function levelOf(event: LogEventName): "info" | "warn" | "error" {
  if (event === "index.retry" || event === "answer.interrupted") return "warn";
  if (event.endsWith(".failed")) return "error";
  return "info";
}
