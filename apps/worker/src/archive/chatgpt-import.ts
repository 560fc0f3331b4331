/**
 * Reading ChatGPT's data export (`conversations.json`): an array of conversations, each a tree of messages
 * (`mapping`) whose branch last shown ends at `current_node`. Each conversation becomes a session of that branch's
 * visible user and assistant messages, and its answers' code blocks become artifacts, as a model's would.
 */
import { type ExportedMessage, LIMITS, utf8Length, type Validated } from "@folio/protocol";
import { z } from "zod";
import { sha256Hex } from "./digest.js";
import { type ImportBatch, type ImportSource, MAX_IMPORT_SESSIONS, refused } from "./import-source.js";

const Seconds = z.number().nonnegative().nullish();

const ChatGptMessage = z.looseObject({
  author: z.looseObject({ role: z.string() }),
  create_time: Seconds,
  content: z.looseObject({
    content_type: z.string(),
    parts: z.array(z.unknown()).optional(),
  }),
  metadata: z.looseObject({ is_visually_hidden_from_conversation: z.boolean().optional() }).nullish(),
});

const Conversation = z.looseObject({
  title: z.string().nullish(),
  create_time: Seconds,
  conversation_id: z.string().nullish(),
  id: z.string().nullish(),
  current_node: z.string().nullish(),
  mapping: z.record(
    z.string(),
    z.looseObject({ message: ChatGptMessage.nullish(), parent: z.string().nullish() }),
  ),
});
type Conversation = z.infer<typeof Conversation>;

export async function readChatGptExport(body: unknown): Promise<Validated<ImportBatch>> {
  if (!Array.isArray(body))
    return refused("a ChatGPT export's conversations.json is an array of conversations");
  if (body.length > MAX_IMPORT_SESSIONS)
    return refused(`at most ${MAX_IMPORT_SESSIONS} sessions in one import`);
  const sources = await Promise.all(body.map((value, index) => conversationSource(value, index)));
  return { ok: true, value: { sources, collections: [] } };
}

async function conversationSource(value: unknown, index: number): Promise<ImportSource> {
  const parsed = Conversation.safeParse(value);
  const title =
    parsed.success && parsed.data.title?.trim()
      ? parsed.data.title.trim().slice(0, 500)
      : `Conversation ${index + 1}`;
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const error = refused(
      `conversation ${index + 1} is not a ChatGPT conversation (${issue?.path.join(".")}: ${issue?.message})`,
    );
    return {
      origin: `chatgpt:#${index}`,
      exportedSessionId: null,
      title,
      digest: "",
      artifactIds: [],
      read: async () => error,
    };
  }
  const conversation = parsed.data;
  const messages = branchOf(conversation);
  const key = conversation.conversation_id ?? conversation.id ?? (await sha256Hex(JSON.stringify(value)));
  return {
    origin: `chatgpt:${key}`,
    exportedSessionId: null,
    title,
    digest: await sha256Hex(JSON.stringify(messages)),
    artifactIds: [],
    read: async () => {
      const tooLong = messages.find((message) => utf8Length(message.content) > LIMITS.messageContentBytes);
      if (tooLong) return { ok: false, error: { code: "too_large", message: "a message is over 1 MiB" } };
      return { ok: true, value: { messages, artifacts: [], extractBlocks: true } };
    },
  };
}

/** The shown branch, root first: from `current_node` up through the parents (a cycle ends the walk). */
function branchOf(conversation: Conversation): ExportedMessage[] {
  const { mapping } = conversation;
  let nodeId = conversation.current_node ?? latestLeaf(conversation);
  const seen = new Set<string>();
  const branch: ExportedMessage[] = [];
  const fallback = Math.round((conversation.create_time ?? 0) * 1000);
  // Node ids come from the file: only the mapping's own entries are nodes (not `constructor`, say).
  while (nodeId && !seen.has(nodeId) && Object.hasOwn(mapping, nodeId)) {
    seen.add(nodeId);
    const node = mapping[nodeId];
    const message = node?.message;
    const text = message ? visibleText(message) : null;
    if (message && text !== null) {
      branch.push({
        id: nodeId,
        role: message.author.role === "user" ? "user" : "assistant",
        content: text,
        status: "complete",
        createdAt: message.create_time ? Math.round(message.create_time * 1000) : fallback,
      });
    }
    nodeId = node?.parent ?? null;
  }
  return branch.reverse();
}

/** Without `current_node`, the node no other names as its parent, latest first. */
function latestLeaf({ mapping }: Conversation): string | null {
  const parents = new Set(Object.values(mapping).map((node) => node.parent));
  const leaves = Object.entries(mapping).filter(([id]) => !parents.has(id));
  leaves.sort(([, a], [, b]) => (b.message?.create_time ?? 0) - (a.message?.create_time ?? 0));
  return leaves[0]?.[0] ?? null;
}

/** A user's or assistant's text, when shown; null for system and tool messages, hidden ones and empty ones. */
function visibleText(message: z.infer<typeof ChatGptMessage>): string | null {
  if (message.author.role !== "user" && message.author.role !== "assistant") return null;
  if (message.metadata?.is_visually_hidden_from_conversation) return null;
  const { content } = message;
  // Other kinds (a tool call's code, its output, browsing) are not shown as the conversation's text.
  if (content.content_type !== "text" && content.content_type !== "multimodal_text") return null;
  const text = (content.parts ?? []).filter((part): part is string => typeof part === "string").join("\n");
  return text.trim() === "" ? null : text;
}
