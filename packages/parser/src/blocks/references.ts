/**
 * Link reference definitions at the start of a paragraph (CommonMark §4.7), ported from commonmark.js's
 * `parseReference`. They matter here for one reason: a paragraph made only of definitions cannot become a
 * setext heading, and that changes which lines later belong to it.
 */
const ESCAPABLE = "[!\"#$%&'()*+,./:;<=>?@[\\\\\\]^_`{|}~-]";
const ESCAPED_CHAR = `\\\\${ESCAPABLE}`;
const LINK_TITLE = new RegExp(
  `^(?:"(${ESCAPED_CHAR}|\\\\[^\\\\]|[^\\\\"\\x00])*"|'(${ESCAPED_CHAR}|\\\\[^\\\\]|[^\\\\'\\x00])*'|\\((${ESCAPED_CHAR}|\\\\[^\\\\]|[^\\\\()\\x00])*\\))`,
);
// biome-ignore lint/suspicious/noControlCharactersInRegex: CommonMark excludes NUL from link destinations.
const LINK_DESTINATION_BRACES = /^(?:<(?:[^<>\n\\\x00]|\\.)*>)/;
const ESCAPABLE_HERE = new RegExp(`^${ESCAPABLE}`);
const SPNL = /^ *(?:\n *)?/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the CommonMark whitespace characters.
const WHITESPACE_CHAR = /^[ \t\n\x0b\x0c\x0d]/;
const SPACE_AT_END_OF_LINE = /^ *(?:\n|$)/;
const LINK_LABEL = /^\[(?:[^\\[\]]|\\.){0,1000}\]/s;

/** Removes the link reference definitions a paragraph's text starts with; returns what is left. */
export function parseReferenceDefinitions(text: string): string {
  let rest = text;
  while (rest.charCodeAt(0) === 91 /* [ */) {
    const length = referenceLength(rest);
    if (length === 0) break;
    rest = rest.slice(length);
  }
  return rest;
}

/** Length of the link reference definition at the start of `subject`, or 0 when there is none. */
function referenceLength(subject: string): number {
  let pos = 0;
  const match = (re: RegExp): string | null => {
    const m = re.exec(subject.slice(pos));
    if (m === null) return null;
    pos += m.index + m[0].length;
    return m[0];
  };

  const label = match(LINK_LABEL);
  if (label === null || label.length > 1001) return 0;
  if (subject.charCodeAt(pos) !== 58 /* : */) return 0;
  pos++;
  match(SPNL);
  if (!matchDestination()) return 0;

  const beforeTitle = pos;
  match(SPNL);
  let title: string | null = null;
  if (pos !== beforeTitle) title = match(LINK_TITLE);
  if (title === null) pos = beforeTitle;

  if (match(SPACE_AT_END_OF_LINE) === null) {
    if (title === null) return 0;
    pos = beforeTitle; // the title is not at the end of its line: try the definition without it
    if (match(SPACE_AT_END_OF_LINE) === null) return 0;
  }
  const normalized = label
    .slice(1, -1)
    .trim()
    .replace(/[ \t\r\n]+/g, " ");
  return normalized === "" ? 0 : pos;

  function matchDestination(): boolean {
    if (match(LINK_DESTINATION_BRACES) !== null) return true;
    if (subject.charCodeAt(pos) === 60 /* < */) return false;
    const start = pos;
    let parens = 0;
    let code = subject.charCodeAt(pos);
    while (!Number.isNaN(code)) {
      if (code === 92 /* \ */ && ESCAPABLE_HERE.test(subject.charAt(pos + 1))) {
        pos += 1;
        if (pos < subject.length) pos += 1;
      } else if (code === 40 /* ( */) {
        pos += 1;
        parens += 1;
      } else if (code === 41 /* ) */) {
        if (parens < 1) break;
        pos += 1;
        parens -= 1;
      } else if (WHITESPACE_CHAR.test(String.fromCodePoint(code))) {
        break;
      } else {
        pos += 1;
      }
      code = subject.charCodeAt(pos);
    }
    if (pos === start && code !== 41) return false;
    return parens === 0;
  }
}
