/** Reads `key="value"`, `key=value` and bare file paths from the words after the language in an info string. */
export interface InfoAttributes {
  attributes: Record<string, string>;
  /** A bare word that looks like a file path (`src/App.tsx`), if any. */
  path: string | null;
}

const ATTRIBUTE = /([A-Za-z_][\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))/y;
const FILE_PATH = /^[\w@~.\-/]*[\w-]\.[A-Za-z0-9]{1,10}$/;

export function readInfoAttributes(info: string): InfoAttributes {
  // A Map first: a key such as `__proto__` set on a plain object would be lost (or change its prototype).
  const attributes = new Map<string, string>();
  let path: string | null = null;
  const rest = info.replace(/^\S*\s*/, ""); // the first word is the language
  let at = 0;
  while (at < rest.length) {
    while (at < rest.length && /\s/.test(rest.charAt(at))) at++;
    if (at >= rest.length) break;
    ATTRIBUTE.lastIndex = at;
    const match = ATTRIBUTE.exec(rest);
    if (match) {
      attributes.set((match[1] as string).toLowerCase(), match[2] ?? match[3] ?? match[4] ?? "");
      at = ATTRIBUTE.lastIndex;
      continue;
    }
    const end = rest.slice(at).search(/\s|$/) + at;
    const word = rest.slice(at, end).replace(/^\{|\}$/g, "");
    if (path === null && FILE_PATH.test(word)) path = word;
    at = end;
  }
  return { attributes: Object.fromEntries(attributes), path };
}
