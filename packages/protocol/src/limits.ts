/** Size limits every Folio endpoint enforces; clients can check them before sending. */
export const LIMITS = {
  /** A WebSocket frame, in UTF-8 bytes (production Workers close sockets over 1 MiB with 1009). */
  frameBytes: 1024 * 1024,
  /** A chat or imported message's content, in UTF-8 bytes. */
  messageContentBytes: 1024 * 1024,
  /** An artifact's content, in UTF-8 bytes. */
  artifactContentBytes: 1024 * 1024,
  /** An artifact's title, in characters. */
  titleChars: 500,
  /** An artifact's description, in characters. */
  descriptionChars: 4000,
  /** How deeply an artifact's metadata object may nest. */
  metadataDepth: 16,
  /** An artifact's metadata, serialised, in UTF-8 bytes. */
  metadataBytes: 64 * 1024,
} as const;

/** Marks a validation issue as a size violation, so it is reported as `too_large`. */
export const TOO_LARGE = { folioCode: "too_large" } as const;

/** UTF-8 length of a string, counted without encoding it (a lone surrogate counts as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The longest start of `text` of at most `maxBytes` bytes of UTF-8, counted as `utf8Length` counts them, never
 * cut inside a surrogate pair. Costs the length of what it keeps.
 */
export function utf8Prefix(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  while (end < text.length) {
    const code = text.codePointAt(end) as number;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += code >= 0x10000 ? 2 : 1;
  }
  return text.slice(0, end);
}

/** Depth of the deepest nested object or array in a JSON value (a scalar is depth 0), without recursion. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== "object") continue;
    const childDepth = depth + 1;
    if (childDepth > deepest) deepest = childDepth;
    for (const child of Object.values(current)) stack.push([child, childDepth]);
  }
  return deepest;
}
