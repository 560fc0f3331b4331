/**
 * One assistant answer being generated: streams the model's text to every socket, extracts code blocks as they
 * close and saves each as an artifact at once, checkpoints the partial answer, and ends it as complete,
 * cancelled or error, never losing what was already shown.
 */
import { type CodeBlock, type CodeBlockEvent, createCodeBlockStream, inferArtifact } from "@folio/parser";
import type { Artifact, Message, ServerFrame } from "@folio/protocol";
import type { ChatModel, ModelMessage } from "../providers/model.js";
import type { SessionStore } from "./store.js";

const CHECKPOINT_MS = 1000;

export interface GenerationOptions {
  store: SessionStore;
  model: ChatModel;
  history: readonly ModelMessage[];
  broadcast: (frame: ServerFrame) => void;
}

export class Generation {
  readonly message: Message;
  private content = "";
  private readonly artifacts: Artifact[] = [];
  private readonly controller = new AbortController();
  private readonly blocks = createCodeBlockStream();
  private lastCheckpoint = Date.now();

  constructor(private readonly options: GenerationOptions) {
    this.message = options.store.insertMessage("assistant", "", "streaming");
  }

  /** The answer so far, as a message (for sockets that join mid-answer). */
  snapshot(): Message {
    return { ...this.message, content: this.content };
  }

  cancel(): void {
    this.controller.abort();
  }

  async run(): Promise<void> {
    const { model, history, broadcast } = this.options;
    broadcast({ type: "message_start", message: this.message });
    try {
      for await (const text of model.stream(history, this.controller.signal)) {
        if (this.controller.signal.aborted) break;
        this.content += text;
        broadcast({ type: "message_delta", messageId: this.message.id, delta: text });
        this.handle(this.blocks.write(text));
        this.checkpointIfDue();
      }
      this.handle(this.blocks.end());
      this.finish(this.controller.signal.aborted ? "cancelled" : "complete");
    } catch (error) {
      this.handle(this.blocks.end());
      this.finish("error");
      broadcast({ type: "error", code: "internal", message: `the model failed: ${describe(error)}` });
    }
  }

  private handle(events: CodeBlockEvent[]): void {
    const { broadcast } = this.options;
    const messageId = this.message.id;
    for (const event of events) {
      if (event.type === "open") {
        broadcast({
          type: "artifact_open",
          messageId,
          index: event.index,
          info: event.info,
          lang: event.lang,
        });
      } else if (event.type === "delta") {
        broadcast({ type: "artifact_delta", messageId, index: event.index, delta: event.text });
      } else {
        const artifact = this.save(event.block);
        broadcast({ type: "artifact_created", artifact });
      }
    }
  }

  private save(block: CodeBlock): Artifact {
    const inferred = inferArtifact(block, { message: this.content });
    const { store } = this.options;
    // The artifact and the answer that contains it are stored together.
    const artifact = store.transaction(() => {
      store.updateMessage(this.message.id, this.content, "streaming");
      return store.insertArtifact({ messageId: this.message.id, content: block.code, ...inferred });
    });
    this.lastCheckpoint = Date.now();
    this.artifacts.push(artifact);
    return artifact;
  }

  private checkpointIfDue(): void {
    if (Date.now() - this.lastCheckpoint < CHECKPOINT_MS) return;
    this.options.store.updateMessage(this.message.id, this.content, "streaming");
    this.lastCheckpoint = Date.now();
  }

  private finish(status: "complete" | "cancelled" | "error"): void {
    const message = this.options.store.updateMessage(this.message.id, this.content, status);
    this.options.broadcast({ type: "message_done", message, artifacts: this.artifacts });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
