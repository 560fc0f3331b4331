/** Decodes backslash escapes and HTML entities in an info string, exactly as commonmark.js does. */
import { NAMED_ENTITIES } from "./entities.gen.js";

const ESCAPABLE = "[!\"#$%&'()*+,./:;<=>?@[\\\\\\]^_`{|}~-]";
const ENTITY = "&(?:#x[a-f0-9]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});";
const ENTITY_OR_ESCAPE = new RegExp(`\\\\${ESCAPABLE}|${ENTITY}`, "gi");

// Numeric references to C1 controls decode as Windows-1252, as browsers (and the `entities` package) do.
const WINDOWS_1252: ReadonlyMap<number, number> = new Map([
  [0, 0xfffd],
  [128, 8364],
  [130, 8218],
  [131, 402],
  [132, 8222],
  [133, 8230],
  [134, 8224],
  [135, 8225],
  [136, 710],
  [137, 8240],
  [138, 352],
  [139, 8249],
  [140, 338],
  [142, 381],
  [145, 8216],
  [146, 8217],
  [147, 8220],
  [148, 8221],
  [149, 8226],
  [150, 8211],
  [151, 8212],
  [152, 732],
  [153, 8482],
  [154, 353],
  [155, 8250],
  [156, 339],
  [158, 382],
  [159, 376],
]);

export function unescapeInfo(text: string): string {
  if (!text.includes("\\") && !text.includes("&")) return text;
  return text.replace(ENTITY_OR_ESCAPE, decodeOne);
}

function decodeOne(match: string): string {
  if (match.charCodeAt(0) === 92 /* \ */) return match.charAt(1);
  if (match.charCodeAt(1) === 35 /* # */) return decodeNumeric(match);
  const name = match.slice(1, -1);
  return Object.hasOwn(NAMED_ENTITIES, name) ? (NAMED_ENTITIES[name] as string) : match;
}

function decodeNumeric(match: string): string {
  const hex = (match.charCodeAt(2) | 32) === 120; /* x or X */
  const codePoint = Number.parseInt(match.slice(hex ? 3 : 2, -1), hex ? 16 : 10);
  if ((codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) return "\uFFFD";
  return String.fromCodePoint(WINDOWS_1252.get(codePoint) ?? codePoint);
}
