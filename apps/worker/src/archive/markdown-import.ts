/**
 * Reading a markdown transcript: turns start at a line naming who speaks — a heading (`## User`), a bold label
 * (`**Assistant:**`, text may follow) or a plain one (`You:`) — never inside a fenced code block. A transcript
 * with no such line is one answer; what comes before the first turn (a title, say) is not a message. The answers' code blocks become artifacts, as a model's would.
 */
import { type ExportedMessage, LIMITS, utf8Length, type Validated } from "@folio/protocol";
import { sha256Hex } from "./digest.js";
import type { ImportBatch } from "./import-source.js";

const USER = ["user", "you", "human", "me", "question"];
const ASSISTANT = [
  "assistant",
  "ai",
  "chatgpt",
  "claude",
  "gemini",
  "gpt",
  "model",
  "bot",
  "answer",
  "copilot",
];
const ROLE = [...USER, ...ASSISTANT].join("|");
/** `## User`, `**User:**`, `**User**:`, `User:`; the text after a bold or plain label starts the turn. */
const LABEL = new RegExp(
  `^(?:#{1,6}[ \\t]+(${ROLE})[ \\t]*:?[ \\t]*#*|\\*\\*(${ROLE})(?::\\*\\*|\\*\\*:?)[ \\t]*(.*)|(${ROLE}):[ \\t]*(.*))$`,
  "i",
);
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^#{1,6}[ \t]+(.+?)[ \t]*#*$/;

export async function readMarkdownTranscript(text: string, title?: string): Promise<Validated<ImportBatch>> {
  if (utf8Length(text) > LIMITS.messageContentBytes * 16) {
    return { ok: false, error: { code: "too_large", message: "a transcript is at most 16 MiB" } };
  }
  const messages = turnsOf(text);
  if (messages.length === 0)
    return { ok: false, error: { code: "invalid_message", message: "the transcript is empty" } };
  const tooLong = messages.find((message) => utf8Length(message.content) > LIMITS.messageContentBytes);
  if (tooLong)
    return { ok: false, error: { code: "too_large", message: "a turn of the transcript is over 1 MiB" } };
  const digest = await sha256Hex(text);
  return {
    ok: true,
    value: {
      sources: [
        {
          origin: `markdown:${digest}`,
          exportedSessionId: null,
          title: title ?? titleOf(text),
          digest,
          artifactIds: [],
          read: async () => ({ ok: true, value: { messages, artifacts: [], extractBlocks: true } }),
        },
      ],
      collections: [],
    },
  };
}

function turnsOf(text: string): ExportedMessage[] {
  const turns: { role: "user" | "assistant"; lines: string[] }[] = [];
  const preamble: string[] = [];
  let fence: string | null = null;
  const now = Date.now();
  for (const line of text.split(/\r?\n/)) {
    const fenced = FENCE.exec(line)?.[1];
    if (fence === null) {
      const label = LABEL.exec(line);
      if (label) {
        const name = (label[1] ?? label[2] ?? label[4] ?? "").toLowerCase();
        const rest = label[3] ?? label[5] ?? "";
        turns.push({ role: USER.includes(name) ? "user" : "assistant", lines: rest ? [rest] : [] });
        continue;
      }
      if (fenced) fence = fenced;
    } else if (fenced && fenced[0] === fence[0] && fenced.length >= fence.length && line.trim() === fenced) {
      fence = null;
    }
    (turns.at(-1)?.lines ?? preamble).push(line);
  }
  // Before the first turn is a title or a note; a transcript with no turns is one answer.
  if (turns.length === 0) turns.push({ role: "assistant", lines: preamble });
  return turns
    .map((turn) => ({ role: turn.role, content: turn.lines.join("\n").trim() }))
    .filter((turn) => turn.content !== "")
    .map((turn, i) => ({ id: String(i + 1), ...turn, status: "complete" as const, createdAt: now }));
}

/** The first heading that names no speaker, else the first line, cut to a title's length. */
function titleOf(text: string): string {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const heading = lines
    .map((line) => HEADING.exec(line)?.[1])
    .find((line) => line && !LABEL.test(`## ${line}`));
  const first = heading ?? lines.find((line) => line !== "" && !LABEL.test(line)) ?? "Imported transcript";
  return (
    first
      .replace(/[*_`#]/g, "")
      .trim()
      .slice(0, 120) || "Imported transcript"
  );
}
