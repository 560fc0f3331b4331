/**
 * Text stored compressed when that saves space: deflate (fflate, synchronous, as SQLite writes are) for text of
 * at least 4 KiB that shrinks by at least a tenth. Earlier versions of an artifact are stored so; a current
 * version stays plain, because the full-text index reads it from its row (external content).
 */
import { deflateSync, inflateSync } from "fflate";

export const COMPRESS_MIN_CHARS = 4096;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The text deflated, or null when it is too short to bother or would not shrink by a tenth. */
export function compressText(text: string): Uint8Array | null {
  if (text.length < COMPRESS_MIN_CHARS) return null;
  const plain = encoder.encode(text);
  const packed = deflateSync(plain, { level: 6 });
  return packed.length <= plain.length * 0.9 ? packed : null;
}

export function decompressText(packed: Uint8Array | ArrayBuffer): string {
  return decoder.decode(inflateSync(packed instanceof Uint8Array ? packed : new Uint8Array(packed)));
}
