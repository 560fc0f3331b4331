/**
 * The `data` of each server-sent event in a response body, until `[DONE]` or the end of the body. Parsing (split
 * frames, multi-line data, comments, CRLF) is eventsource-parser's; this only stops at the end marker and says
 * whether the stream ended properly.
 */
import { EventSourceParserStream } from "eventsource-parser/stream";

/**
 * Yields each event's data; returns true when the stream ended with `[DONE]`, false when the body just ended.
 * Aborting `signal` ends it at once, even while a read waits on a stream that has stalled.
 */
export async function* sseData(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<string, boolean> {
  const events = body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  const reader = events.getReader();
  const stop = () => void reader.cancel().catch(() => {});
  signal?.addEventListener("abort", stop, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      if (value.data === "[DONE]") return true;
      yield value.data;
    }
  } finally {
    signal?.removeEventListener("abort", stop);
    reader.cancel().catch(() => {});
  }
}
