/**
 * One assistant answer being generated: streams the model's text to every socket, extracts code blocks as they
 * close and saves each as an artifact at once, checkpoints the partial answer, and ends it as complete,
 * cancelled or error, never losing what was already shown.
 */
import {
  type CodeBlock,
  type CodeBlockEvent,
  createCodeBlockStream,
  DESCRIPTION_LOOK_BACK,
  inferArtifact,
} from "@folio/parser";
import { type Artifact, LIMITS, type Message, type ProtocolError, type ServerFrame } from "@folio/protocol";
import { Lineage, reviseArtifact } from "../lineage/lineage.js";
import { bytesOf, errorText, log, since } from "../observability/log.js";
import type { ChatModel, ModelMessage } from "../providers/model.js";
import { ProviderError } from "../providers/provider-error.js";
import { AnswerText } from "./answer-text.js";
import type { SessionStore } from "./store.js";

const CHECKPOINT_MS = 1000;
/**
 * Saves an answer logs a line each for; the rest are counted in its `answer.done` line, so an answer of 75,000
 * tiny blocks does not write 75,000 lines.
 */
const LOGGED_SAVES = 100;
/**
 * An answer is cut at this many bytes of UTF-8, the part before kept and the answer ended `error`: its message and
 * every block in it then fit a Durable Object's SQLite row (2 MB), the REST import's and the Folio importer's
 * limits (1 MiB each), so whatever a model writes, Folio's own export imports again.
 */
export const MAX_ANSWER_BYTES = LIMITS.messageContentBytes;
/** How long the model may go without sending text before the answer fails, unless told otherwise. */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

export interface GenerationOptions {
  store: SessionStore;
  model: ChatModel;
  history: readonly ModelMessage[];
  broadcast: (frame: ServerFrame) => void;
  /**
   * The longest wait for the model's next text: a provider that hangs mid-answer fails it (closed blocks kept)
   * instead of holding the session busy for ever. The Session always gives one (DEFAULT_IDLE_TIMEOUT_MS unless
   * configured); without it nothing is watched, as in tests that run an answer inside `runInDurableObject` with
   * timers of their own, which a pending watch kept from firing on time there.
   */
  idleTimeoutMs?: number;
}

export class Generation {
  readonly message: Message;
  private readonly text = new AnswerText();
  /** Where the last closed block ended: the text after it is what may introduce the next one. */
  private previousBlockEnd = 0;
  private readonly artifacts: Artifact[] = [];
  private readonly controller = new AbortController();
  private readonly blocks = createCodeBlockStream();
  private readonly started = Date.now();
  private lastCheckpoint = Date.now();
  /** Blocks open right now, with their code so far, for sockets that join mid-block. */
  private readonly openBlocks = new Map<number, { info: string; lang: string | null; code: string }>();
  private readonly lineage: Lineage;

  constructor(private readonly options: GenerationOptions) {
    this.message = options.store.messages.insert("assistant", "", "streaming");
    this.lineage = new Lineage(options.store, this.message.id);
  }

  /** The answer so far, as a message (for sockets that join mid-answer). */
  snapshot(): Message {
    return { ...this.message, content: this.text.toString() };
  }

  /** What a socket joining now needs to catch up: the answer so far, then each open block with its code so far. */
  joinFrames(): ServerFrame[] {
    const messageId = this.message.id;
    const frames: ServerFrame[] = [{ type: "message_start", message: this.snapshot() }];
    for (const [index, { info, lang, code }] of this.openBlocks) {
      frames.push({ type: "artifact_open", messageId, index, info, lang });
      if (code !== "") frames.push({ type: "artifact_delta", messageId, index, delta: code });
    }
    return frames;
  }

  cancel(): void {
    this.controller.abort();
  }

  /**
   * Streams the answer to its end. Whatever throws on the way (the model, a save, the final write, a session
   * deleted under it), the answer ends exactly once: one terminal status, one `message_done`.
   */
  async run(): Promise<void> {
    const { broadcast } = this.options;
    broadcast({ type: "message_start", message: this.message });
    let failure: unknown = null;
    try {
      await this.stream();
    } catch (thrown) {
      failure = thrown;
    }
    try {
      // An unclosed block is kept as it stands.
      this.handle(this.blocks.end());
    } catch (thrown) {
      failure ??= thrown;
    }
    const status = failure !== null ? "error" : this.controller.signal.aborted ? "cancelled" : "complete";
    this.finish(status);
    if (failure === null) return;
    // Clients hear what failed in a few words; the detail (a provider's own words, an exception) is for the log.
    log({
      event: "answer.failed",
      session: this.options.store.sessionId,
      message: this.message.id,
      type: this.options.model.name,
      error: errorText(failure),
      ms: since(this.started),
    });
    broadcast({ type: "error", ...failureOf(failure) });
  }

  /** Feeds the model's text through until it ends, is stopped, goes quiet or runs past MAX_ANSWER_BYTES. */
  private async stream(): Promise<void> {
    const { model, history, broadcast, idleTimeoutMs } = this.options;
    /** Why the answer was stopped from here (the idle timer, the size cap), once it has been. */
    let stopped: Error | null = null;
    let lastText = Date.now();
    // One timer, re-armed only when it fires (resetting one at every chunk held back the object's other timers
    // in workerd), and none when no timeout is given.
    let idle: ReturnType<typeof setTimeout> | null = null;
    const watch = (timeout: number, wait: number) => {
      idle = setTimeout(() => {
        const quiet = Date.now() - lastText;
        if (quiet < timeout) return watch(timeout, timeout - quiet);
        stopped = stalledError(model.name, timeout);
        this.controller.abort();
      }, wait);
    };
    try {
      if (idleTimeoutMs !== undefined) watch(idleTimeoutMs, idleTimeoutMs);
      for await (const chunk of model.stream(history, this.controller.signal)) {
        if (this.controller.signal.aborted) break;
        lastText = Date.now();
        const text = this.text.fitting(chunk, MAX_ANSWER_BYTES);
        if (text !== "") {
          this.text.append(text);
          broadcast({ type: "message_delta", messageId: this.message.id, delta: text });
          this.handle(this.blocks.write(text));
          this.checkpointIfDue();
        }
        if (text.length < chunk.length) {
          stopped = new AnswerTooLarge();
          this.controller.abort();
          break;
        }
      }
    } catch (thrown) {
      // A stream cut short from here may throw its abort: the reason it was stopped is the one to tell.
      throw stopped ?? thrown;
    } finally {
      clearTimeout(idle);
    }
    if (stopped) throw stopped;
  }

  private handle(events: CodeBlockEvent[]): void {
    const { broadcast } = this.options;
    const messageId = this.message.id;
    for (const event of events) {
      if (event.type === "open") {
        this.openBlocks.set(event.index, { info: event.info, lang: event.lang, code: "" });
        broadcast({
          type: "artifact_open",
          messageId,
          index: event.index,
          info: event.info,
          lang: event.lang,
        });
      } else if (event.type === "delta") {
        const open = this.openBlocks.get(event.index);
        if (open) open.code += event.text;
        broadcast({ type: "artifact_delta", messageId, index: event.index, delta: event.text });
      } else {
        this.openBlocks.delete(event.index);
        const { artifact, revised } = this.save(event.block);
        broadcast(
          revised
            ? { type: "artifact_updated", artifact, messageId, index: event.index }
            : { type: "artifact_created", artifact },
        );
      }
    }
  }

  /**
   * Saves a closed block at once. Only the text since the previous block is read to describe it, and the answer
   * is checkpointed with it only when a checkpoint is due, so an answer of many blocks costs linear time: writing
   * the whole answer at every close made a megabyte of tiny blocks quadratic. A block that revises an artifact of
   * an earlier answer (lineage.ts) becomes its next version.
   */
  private save(block: CodeBlock): { artifact: Artifact; revised: boolean } {
    const textBefore = this.text.slice(
      Math.max(this.previousBlockEnd, block.start - DESCRIPTION_LOOK_BACK),
      block.start,
    );
    const inferred = inferArtifact(block, { textBefore });
    this.previousBlockEnd = block.end;
    const { store } = this.options;
    const start = Date.now();
    const saved = store.transaction(() => {
      this.checkpointIfDue();
      const fields = { messageId: this.message.id, content: block.code, ...inferred };
      const revises = this.lineage.revises(fields);
      const revised = revises === null ? null : reviseArtifact(store, revises, fields, this.message.id);
      return revised
        ? { artifact: revised, revised: true }
        : { artifact: store.artifacts.insert(fields), revised: false };
    });
    this.artifacts.push(saved.artifact);
    if (this.artifacts.length > LOGGED_SAVES) return saved;
    const { id, title, type, version } = saved.artifact;
    log({
      event: saved.revised ? "artifact.revised" : "artifact.created",
      session: store.sessionId,
      message: this.message.id,
      artifact: id,
      title,
      type,
      version,
      bytes: bytesOf(block.code),
      ms: since(start),
    });
    return saved;
  }

  private checkpointIfDue(): void {
    if (Date.now() - this.lastCheckpoint < CHECKPOINT_MS) return;
    this.options.store.messages.update(this.message.id, this.text.toString(), "streaming");
    this.lastCheckpoint = Date.now();
  }

  /**
   * Ends the answer with its status and tells every socket, once. When the answer cannot be written (the session
   * was deleted under it, storage failed), its status alone is tried, and the sockets still hear that it ended.
   */
  private finish(status: "complete" | "cancelled" | "error"): void {
    const { store, broadcast } = this.options;
    const content = this.text.toString();
    let message: Message;
    try {
      message = store.messages.update(this.message.id, content, status);
    } catch (thrown) {
      log({
        event: "answer.unsaved",
        session: store.sessionId,
        message: this.message.id,
        error: errorText(thrown),
      });
      message = { ...this.message, content, status: "error" };
      try {
        store.messages.setStatus(this.message.id, "error");
      } catch {
        // Nothing of the session is left to mark: it was deleted.
      }
    }
    log({
      event: "answer.done",
      session: store.sessionId,
      message: message.id,
      status: message.status,
      count: this.artifacts.length,
      bytes: bytesOf(content),
      ms: since(this.started),
    });
    broadcast({ type: "message_done", message, artifacts: this.artifacts });
  }
}

/** The answer ran past MAX_ANSWER_BYTES: it is cut there. */
class AnswerTooLarge extends Error {
  constructor() {
    super(`the answer passed ${MAX_ANSWER_BYTES} bytes`);
  }
}

/** What clients hear of a failed answer: the provider's summary, the size cap, or nothing of the detail. */
function failureOf(error: unknown): ProtocolError {
  if (error instanceof AnswerTooLarge) {
    return {
      code: "too_large",
      message: "the answer passed 1 MiB and was cut there; what came before is kept",
    };
  }
  const summary = error instanceof ProviderError ? error.summary : "an unexpected error";
  return { code: "internal", message: `the model failed: ${summary}` };
}

function stalledError(model: string, ms: number): ProviderError {
  const wait = ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
  return new ProviderError(`${model}: no text for ${wait} mid-answer`, `${model} sent nothing for ${wait}`);
}
