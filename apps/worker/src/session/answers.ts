/**
 * The session's assistant answers: at most one is generated at a time (generation.ts), started by a socket's chat
 * frame and streamed to every socket; an answer written elsewhere is imported whole. Reads of the messages see the
 * answer being generated as it stands.
 */
import type {
  ImportMessageRequest,
  ImportMessageResponse,
  Message,
  ServerFrame,
  Validated,
} from "@folio/protocol";
import { type Env, variablesOf } from "../env.js";
import type { Idempotency } from "../idempotency/key.js";
import { bytesOf, log, since } from "../observability/log.js";
import type { Page, PageQuery } from "../paging/page.js";
import { selectModel } from "../providers/select.js";
import { SYSTEM_PROMPT } from "../providers/system-prompt.js";
import { answerPage } from "./answer-page.js";
import { DEFAULT_IDLE_TIMEOUT_MS, Generation } from "./generation.js";
import { modelHistory } from "./history.js";
import { IdempotentAnswers } from "./idempotent-answers.js";
import { type Broadcast, type Echo, sendError } from "./replies.js";
import type { SessionStore } from "./store.js";
import { storeAnswer } from "./stored-answer.js";

export interface AnswersOptions {
  env: Env;
  ctx: DurableObjectState;
  broadcast: Broadcast;
}

export class Answers {
  private generation: Generation | null = null;

  constructor(private readonly options: AnswersOptions) {}

  /** Stores the user's message and starts the answer to it; refused while another answer is streaming. */
  start(socket: WebSocket, content: string, store: SessionStore, echo: Echo): void {
    const { env, ctx, broadcast } = this.options;
    if (this.generation) {
      return sendError(socket, { code: "busy", message: "an answer is already streaming", ...echo });
    }
    let model: ReturnType<typeof selectModel>;
    try {
      model = selectModel(env);
    } catch (error) {
      return sendError(socket, { code: "internal", message: (error as Error).message, ...echo });
    }
    const userMessage = store.messages.insert("user", content, "complete");
    broadcast({ type: "message", message: userMessage }, socket, echo);
    const history = modelHistory(store.messages.newest(), SYSTEM_PROMPT);
    const generation = new Generation({
      store,
      model,
      history,
      broadcast: (frame) => broadcast(frame),
      idleTimeoutMs: variablesOf(env).MODEL_IDLE_TIMEOUT_MS ?? DEFAULT_IDLE_TIMEOUT_MS,
    });
    this.generation = generation;
    const running = generation.run().finally(() => {
      if (this.generation === generation) this.generation = null;
    });
    ctx.waitUntil(running);
  }

  /** Stops the answer of this message; false when no answer is streaming with that id. */
  cancel(messageId: string): boolean {
    if (this.generation?.message.id !== messageId) return false;
    this.generation.cancel();
    return true;
  }

  /** Stops whatever answer is streaming (the session is being deleted). */
  stop(): void {
    this.generation?.cancel();
  }

  /** What a socket that joins mid-answer is sent first: the answer and its open blocks so far. */
  joinFrames(): ServerFrame[] {
    return this.generation?.joinFrames() ?? [];
  }

  /**
   * The session's messages, with the one being answered as it stands in memory: SQLite holds its last
   * checkpoint, so a listing plus the deltas that follow it adds up to the answer.
   */
  liveMessages(store: SessionStore, query: PageQuery): Validated<Page<Message>> {
    const page = store.messages.page(query);
    const live = this.generation?.snapshot();
    if (!page.ok || !live) return page;
    const items = page.value.items.map((message) => (message.id === live.id ? live : message));
    return { ok: true, value: { ...page.value, items } };
  }

  /**
   * An assistant answer written elsewhere: stored with an artifact per code block (stored-answer.ts), all in one
   * transaction. The answer is bounded whatever the answer holds (a 1 MiB answer of empty blocks is 131,072
   * artifacts, 39 MB as JSON, past workerd's 32 MiB for an RPC value): its message, the first page of its
   * artifacts, their count and the cursor of the rest (answer-page.ts). Under an Idempotency-Key, a retry answers
   * the first response again and stores nothing (idempotent-answers.ts).
   */
  importAnswer(
    store: SessionStore,
    workspaceId: string,
    request: ImportMessageRequest,
    idempotency?: Idempotency,
  ): Validated<ImportMessageResponse> {
    const { ctx, broadcast } = this.options;
    const answers = new IdempotentAnswers(ctx.storage.sql, store);
    const earlier = idempotency && answers.replay(idempotency);
    if (earlier) return earlier;
    const { content } = request;
    const start = Date.now();
    const { response, saved } = store.transaction(() => {
      const { message, saved } = storeAnswer(store, content);
      const response = answerPage(store, message, saved);
      if (idempotency) answers.remember(idempotency, response);
      return { response, saved };
    });
    const { message } = response;
    log({
      event: "import.answer",
      session: store.sessionId,
      workspace: workspaceId,
      message: message.id,
      count: saved.length,
      bytes: bytesOf(content),
      ms: since(start),
    });
    broadcast({ type: "message", message });
    saved.forEach(({ artifact, revised }, index) => {
      broadcast(
        revised
          ? { type: "artifact_updated", artifact, messageId: message.id, index }
          : { type: "artifact_created", artifact },
      );
    });
    return { ok: true, value: response };
  }
}
