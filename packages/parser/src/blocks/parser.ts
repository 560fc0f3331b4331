/**
 * CommonMark block structure, line by line: a port of commonmark.js 0.31's block parser (blocks.js) that keeps
 * only what decides where fenced code blocks start, what they contain and where they end. Paragraph text,
 * headings and HTML are tracked as structure but their content is never kept.
 */
import { unescapeInfo } from "../info/unescape.js";
import { HTML_BLOCK_CLOSE, HTML_BLOCK_OPEN } from "./html.js";
import { parseReferenceDefinitions } from "./references.js";

const CODE_INDENT = 4;
const TAB = 9;
const SPACE = 32;
const GREATER_THAN = 62;
const LESS_THAN = 60;
const OPEN_BRACKET = 91;

const THEMATIC_BREAK = /^(?:\*[ \t]*){3,}$|^(?:_[ \t]*){3,}$|^(?:-[ \t]*){3,}$/;
/** The first characters that may start a block other than a paragraph, by character code. */
const MAYBE_SPECIAL: readonly boolean[] = Array.from({ length: 128 }, (_, code) =>
  /[#`~*+_=<>0-9-]/.test(String.fromCharCode(code)),
);
const NON_SPACE = /[^ \t\f\v\r\n]/;
const WHITESPACE = /\s/;
const BULLET_LIST_MARKER = /^[*+-]/;
const ORDERED_LIST_MARKER = /^(\d{1,9})([.)])/;
const ATX_HEADING_MARKER = /^#{1,6}(?:[ \t]+|$)/;
const CODE_FENCE = /^`{3,}(?!.*`)|^~{3,}/;
const BACKTICK = 96;
const TILDE = 126;
const CLOSING_CODE_FENCE = /^(?:`{3,}|~{3,})(?=[ \t]*$)/;
const SETEXT_HEADING_LINE = /^(?:=+|-+)[ \t]*$/;
// Unfinished lines that may still turn out blank, or a closing fence.
const UNDECIDED_WHITESPACE = /^[ \t]*$/;
const UNDECIDED_BACKTICK_FENCE = /^`*[ \t]*$/;
const UNDECIDED_TILDE_FENCE = /^~*[ \t]*$/;

type Kind =
  | "document"
  | "list"
  | "block_quote"
  | "item"
  | "heading"
  | "thematic_break"
  | "code_block"
  | "html_block"
  | "paragraph";

interface ListData {
  type: "bullet" | "ordered";
  bulletChar: string | null;
  delimiter: string | null;
  padding: number;
  markerOffset: number;
}

/** CommonMark replaces NUL with U+FFFD before parsing; offsets do not change (both are one UTF-16 unit). */
export function withoutNul(text: string): string {
  return text.includes("\0") ? text.replaceAll("\0", "\uFFFD") : text;
}

/** An unfinished line whose fate is not known yet: it stays so while `line.slice(from)` matches `pattern`. */
export interface Undecided {
  from: number;
  pattern: RegExp;
}

/** A fenced code block as the parser sees it while it is open. */
export interface OpenFence {
  index: number;
  info: string;
  lang: string | null;
  /** Offset of the opening fence line in the input. */
  start: number;
  fenceChar: number;
  fenceLength: number;
  fenceOffset: number;
  /** False until the opening line (and so the info string) has been read. */
  opened: boolean;
  /**
   * When the fence sits only in list items (or at the top level): the column its content lines must reach
   * to stay in those items, so that such a line, indented with spaces, is read without walking the containers.
   * -1 when a block quote holds it.
   */
  contentColumn: number;
}

/** Receives the fenced code blocks of a document as the parser meets them. */
export interface FenceSink {
  open(fence: OpenFence): void;
  /** One content line, without its line ending. */
  line(fence: OpenFence, text: string): void;
  close(fence: OpenFence, closed: boolean, end: number): void;
}

interface Block {
  kind: Kind;
  parent: Block | null;
  lastChild: Block | null;
  hasChildren: boolean;
  open: boolean;
  listData: ListData | null;
  fence: OpenFence | null;
  htmlType: number;
  /** A paragraph's text, kept only while it may still start with link reference definitions. */
  text: string | null;
}

function newBlock(kind: Kind): Block {
  return {
    kind,
    parent: null,
    lastChild: null,
    hasChildren: false,
    open: true,
    listData: null,
    fence: null,
    htmlType: 0,
    text: null,
  };
}

function canContain(parent: Kind, child: Kind): boolean {
  switch (parent) {
    case "document":
    case "block_quote":
    case "item":
      return child !== "item";
    case "list":
      return child === "item";
    default:
      return false;
  }
}

/** Leaves that take the text of the lines they contain. */
function acceptsLines(kind: Kind): boolean {
  return kind === "paragraph" || kind === "code_block" || kind === "html_block";
}

enum Continued {
  Matched = 0,
  NotMatched = 1,
  LineDone = 2,
}

enum Started {
  No = 0,
  Container = 1,
  Leaf = 2,
}

export function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}

/**
 * Feeds lines (without their endings) to the block algorithm. The caller says where each line starts and
 * where the next one starts, so blocks can report their offsets in the original input.
 */
export class BlockParser {
  private readonly doc = newBlock("document");
  private tip: Block = this.doc;
  private oldTip: Block = this.doc;
  private lastMatchedContainer: Block = this.doc;
  private allClosed = true;
  private currentLine = "";
  private offset = 0;
  private column = 0;
  private nextNonspace = 0;
  private nextNonspaceColumn = 0;
  private indent = 0;
  private indented = false;
  private blank = false;
  private partiallyConsumedTab = false;
  private lineStart = 0;
  private lineEnd = 0;
  private fenceCount = 0;
  /** Where findNextNonspace last looked from, on the current line (-1: not yet). */
  private foundFromOffset = -1;
  private foundFromColumn = -1;

  constructor(private readonly sink: FenceSink) {}

  /** The innermost open fenced code block, when the document's deepest open block is one. */
  openFence(): OpenFence | null {
    const fence = this.tip.fence;
    return fence?.opened ? fence : null;
  }

  /**
   * Whether the text of a line whose first character other than a space or tab is `first` (a character code)
   * can matter beyond that character, given the blocks open before it. When it cannot, `addLine` may be given
   * the line cut short after that character with the same result: such a line (a letter, say, in prose) starts
   * no block and marks no container, and only an HTML block's end condition, a paragraph that may hold link
   * reference definitions, or a fenced code block would read the rest of it.
   */
  restOfLineMatters(first: number): boolean {
    const tip = this.tip;
    return (
      MAYBE_SPECIAL[first] === true ||
      first === OPEN_BRACKET ||
      tip.kind === "html_block" ||
      tip.text !== null ||
      tip.fence !== null
    );
  }

  /**
   * Reads the start of an unfinished line while a fenced code block is the deepest open block, and decides
   * whether it is already certain to be a content line of that block whatever follows. Returns the content
   * so far when it is; `false` when it is certain not to be (it closes the block, or leaves its container);
   * or, when it cannot be known yet, `{ from, pattern }`: while `partial.slice(from)` matches `pattern`, the
   * answer stays undecided. Changes nothing a later line depends on.
   */
  lookAhead(partial: string): string | false | Undecided {
    const fenceBlock = this.tip;
    const fence = fenceBlock.fence;
    if (fence === null || !fence.opened) return false;
    const text = plainCodeLine(fence, partial);
    if (text !== null) return text;
    // The cursor is per line (every line sets it afresh), so reading the partial line with it disturbs nothing.
    this.currentLine = partial;
    this.foundFromOffset = -1;
    this.offset = 0;
    this.column = 0;
    this.partiallyConsumedTab = false;
    let block = this.doc.lastChild;
    while (block !== null && block !== fenceBlock) {
      this.findNextNonspace();
      if (this.nextNonspace === partial.length) return { from: this.offset, pattern: UNDECIDED_WHITESPACE };
      if (this.continueBlock(block) !== Continued.Matched) return false;
      block = block.lastChild;
    }
    this.findNextNonspace();
    if (this.nextNonspace === partial.length) return { from: this.offset, pattern: UNDECIDED_WHITESPACE };
    if (this.indent <= 3 && partial.charCodeAt(this.nextNonspace) === fence.fenceChar) {
      const pattern = fence.fenceChar === 96 ? UNDECIDED_BACKTICK_FENCE : UNDECIDED_TILDE_FENCE;
      const from = this.nextNonspace;
      if (pattern.test(partial.slice(from))) return { from, pattern };
    }
    this.skipFenceOffset(fence);
    return this.lineText();
  }

  /**
   * Processes one line; `start` is its offset in the input and `next` the offset of the following line.
   * The caller has replaced any NUL character with U+FFFD, as CommonMark requires (see `withoutNul`).
   */
  addLine(line: string, start: number, next: number): void {
    this.lineStart = start;
    this.lineEnd = next;
    const fence = this.tip.fence;
    if (fence?.opened) {
      const text = plainCodeLine(fence, line);
      if (text !== null) return this.sink.line(fence, text);
    }
    this.incorporateLine(line);
  }

  /**
   * Processes a line that `lookAhead` found to be a content line of the open fence, without its text: the
   * caller already holds that text, and such a line changes nothing else. Its containers all continue (that
   * is what lookAhead checked), no block can start inside a fence, and nothing closes, so the block structure
   * stays as it is; only the position moves on, for the offsets of what follows.
   */
  addContentLine(start: number, next: number): void {
    this.lineStart = start;
    this.lineEnd = next;
  }

  /**
   * Opens a fenced code block with a line that starts with its fence, when nothing at all is open before it
   * (the previous block closed): then the block algorithm has nothing to continue or close, and no other block
   * start can begin with a fence character, so the line is read here directly. Returns false, changing
   * nothing, when that is not the case and `addLine` must read the line.
   */
  openTopLevelFence(line: string, start: number, next: number): boolean {
    if (this.tip !== this.doc || this.doc.lastChild?.open === true) return false;
    const first = line.charCodeAt(0);
    if (first !== BACKTICK && first !== TILDE) return false;
    const match = CODE_FENCE.exec(line);
    if (!match) return false;
    this.lineStart = start;
    this.lineEnd = next;
    this.currentLine = line;
    const fenceLength = match[0].length;
    const block = this.addChild("code_block");
    const info = unescapeInfo(line.slice(fenceLength).trim());
    const space = info.search(WHITESPACE);
    const fence: OpenFence = {
      index: this.fenceCount++,
      info,
      lang: info === "" ? null : space === -1 ? info : info.slice(0, space),
      start,
      fenceChar: first,
      fenceLength,
      fenceOffset: 0,
      opened: true,
      contentColumn: 0,
    };
    block.fence = fence;
    this.sink.open(fence);
    return true;
  }

  /**
   * Closes the open fenced code block with the line from `start` to `next`, which the caller has found to be its
   * closing fence without reading the lines before it (see fence-end.ts: a block at the top level, whose
   * content is then one slice of the input). Nothing else is open, so nothing else changes.
   */
  closeFence(start: number, next: number): void {
    this.lineStart = start;
    this.lineEnd = next;
    this.finalize(this.tip, true);
  }

  /** Ends the document: every block still open is closed where the input ends. */
  finish(end: number): void {
    this.lineStart = end;
    while (this.tip !== this.doc) this.finalize(this.tip, false);
    this.finalize(this.doc, false);
  }

  private incorporateLine(ln: string): void {
    let container = this.doc;
    this.oldTip = this.tip;
    this.offset = 0;
    this.column = 0;
    this.blank = false;
    this.partiallyConsumedTab = false;
    this.currentLine = ln;
    this.foundFromOffset = -1;

    let lastChild = container.lastChild;
    while (lastChild?.open) {
      container = lastChild;
      this.findNextNonspace();
      const result = this.continueBlock(container);
      if (result === Continued.LineDone) return;
      if (result === Continued.NotMatched) {
        container = container.parent as Block;
        break;
      }
      lastChild = container.lastChild;
    }

    this.allClosed = container === this.oldTip;
    this.lastMatchedContainer = container;

    let matchedLeaf = container.kind === "code_block" || container.kind === "html_block";
    while (!matchedLeaf) {
      this.findNextNonspace();
      if (!this.indented && !MAYBE_SPECIAL[ln.charCodeAt(this.nextNonspace)]) {
        this.advanceNextNonspace();
        break;
      }
      const started = this.startBlock(container);
      if (started === Started.No) {
        this.advanceNextNonspace();
        break;
      }
      container = this.tip;
      if (started === Started.Leaf) matchedLeaf = true;
    }

    if (!this.allClosed && !this.blank && this.tip.kind === "paragraph") {
      this.addText(); // lazy paragraph continuation
      return;
    }
    this.closeUnmatchedBlocks();
    if (acceptsLines(container.kind)) {
      this.addText();
      if (
        container.kind === "html_block" &&
        container.htmlType >= 1 &&
        container.htmlType <= 5 &&
        (HTML_BLOCK_CLOSE[container.htmlType] as RegExp).test(ln.slice(this.offset))
      ) {
        this.finalize(container, true);
      }
    } else if (this.offset < ln.length && !this.blank) {
      this.addChild("paragraph");
      this.advanceNextNonspace();
      this.addText();
    }
  }

  private continueBlock(container: Block): Continued {
    switch (container.kind) {
      case "document":
      case "list":
        return Continued.Matched;
      case "block_quote": {
        const ln = this.currentLine;
        if (this.indented || ln.charCodeAt(this.nextNonspace) !== GREATER_THAN) return Continued.NotMatched;
        this.advanceNextNonspace();
        this.advanceOffset(1, false);
        if (isSpaceOrTab(ln.charCodeAt(this.offset))) this.advanceOffset(1, true);
        return Continued.Matched;
      }
      case "item": {
        const data = container.listData as ListData;
        if (this.blank) {
          if (!container.hasChildren) return Continued.NotMatched; // blank line after an empty item
          this.advanceNextNonspace();
        } else if (this.indent >= data.markerOffset + data.padding) {
          this.advanceOffset(data.markerOffset + data.padding, true);
        } else {
          return Continued.NotMatched;
        }
        return Continued.Matched;
      }
      case "heading":
      case "thematic_break":
        return Continued.NotMatched;
      case "code_block":
        return this.continueCodeBlock(container);
      case "html_block":
        return this.blank && (container.htmlType === 6 || container.htmlType === 7)
          ? Continued.NotMatched
          : Continued.Matched;
      case "paragraph":
        return this.blank ? Continued.NotMatched : Continued.Matched;
    }
  }

  private continueCodeBlock(container: Block): Continued {
    const ln = this.currentLine;
    const fence = container.fence;
    if (fence === null) {
      if (this.indent >= CODE_INDENT) this.advanceOffset(CODE_INDENT, true);
      else if (this.blank) this.advanceNextNonspace();
      else return Continued.NotMatched;
      return Continued.Matched;
    }
    if (this.indent <= 3 && ln.charCodeAt(this.nextNonspace) === fence.fenceChar) {
      const match = CLOSING_CODE_FENCE.exec(ln.slice(this.nextNonspace));
      if (match && match[0].length >= fence.fenceLength) {
        this.finalize(container, true);
        return Continued.LineDone;
      }
    }
    this.skipFenceOffset(fence);
    return Continued.Matched;
  }

  /** Content lines lose up to as many spaces of indentation as the opening fence had. */
  private skipFenceOffset(fence: OpenFence): void {
    let skip = fence.fenceOffset;
    while (skip > 0 && isSpaceOrTab(this.currentLine.charCodeAt(this.offset))) {
      this.advanceOffset(1, true);
      skip--;
    }
  }

  private startBlock(container: Block): Started {
    const ln = this.currentLine;
    const first = ln.charCodeAt(this.nextNonspace);

    // Block quote.
    if (!this.indented && first === GREATER_THAN) {
      this.advanceNextNonspace();
      this.advanceOffset(1, false);
      if (isSpaceOrTab(ln.charCodeAt(this.offset))) this.advanceOffset(1, true);
      this.closeUnmatchedBlocks();
      this.addChild("block_quote");
      return Started.Container;
    }

    const rest = this.indented ? "" : ln.slice(this.nextNonspace);

    // ATX heading.
    if (!this.indented) {
      const match = ATX_HEADING_MARKER.exec(rest);
      if (match) {
        this.advanceNextNonspace();
        this.advanceOffset(match[0].length, false);
        this.closeUnmatchedBlocks();
        this.addChild("heading");
        this.advanceOffset(ln.length - this.offset, false);
        return Started.Leaf;
      }
    }

    // Fenced code block.
    if (!this.indented) {
      const match = CODE_FENCE.exec(rest);
      if (match) {
        const fenceLength = match[0].length;
        this.closeUnmatchedBlocks();
        const block = this.addChild("code_block");
        block.fence = {
          index: this.fenceCount++,
          info: "",
          lang: null,
          start: this.lineStart,
          fenceChar: match[0].charCodeAt(0),
          fenceLength,
          fenceOffset: this.indent,
          opened: false,
          contentColumn: -1,
        };
        this.advanceNextNonspace();
        this.advanceOffset(fenceLength, false);
        return Started.Leaf;
      }
    }

    // HTML block.
    if (!this.indented && first === LESS_THAN) {
      for (let htmlType = 1; htmlType <= 7; htmlType++) {
        if (
          (HTML_BLOCK_OPEN[htmlType] as RegExp).test(rest) &&
          (htmlType < 7 ||
            (container.kind !== "paragraph" &&
              !(!this.allClosed && !this.blank && this.tip.kind === "paragraph")))
        ) {
          this.closeUnmatchedBlocks();
          const block = this.addChild("html_block");
          block.htmlType = htmlType;
          return Started.Leaf;
        }
      }
    }

    // Setext heading underline.
    if (!this.indented && container.kind === "paragraph" && SETEXT_HEADING_LINE.test(rest)) {
      this.closeUnmatchedBlocks();
      if (this.paragraphHasText(container)) {
        const heading = newBlock("heading");
        this.replaceLastChild(container, heading);
        this.tip = heading;
        this.advanceOffset(ln.length - this.offset, false);
        return Started.Leaf;
      }
    }

    // Thematic break.
    if (!this.indented && THEMATIC_BREAK.test(rest)) {
      this.closeUnmatchedBlocks();
      this.addChild("thematic_break");
      this.advanceOffset(ln.length - this.offset, false);
      return Started.Leaf;
    }

    // List item.
    if (!this.indented || container.kind === "list") {
      const data = this.parseListMarker(container);
      if (data) {
        this.closeUnmatchedBlocks();
        if (this.tip.kind !== "list" || !listsMatch(container.listData, data)) {
          const list = this.addChild("list");
          list.listData = data;
        }
        const item = this.addChild("item");
        item.listData = data;
        return Started.Container;
      }
    }

    // Indented code block.
    if (this.indented && this.tip.kind !== "paragraph" && !this.blank) {
      this.advanceOffset(CODE_INDENT, true);
      this.closeUnmatchedBlocks();
      this.addChild("code_block");
      return Started.Leaf;
    }

    return Started.No;
  }

  /** Whether a paragraph keeps any text once its leading link reference definitions are taken out. */
  private paragraphHasText(paragraph: Block): boolean {
    if (paragraph.text === null) return true;
    paragraph.text = parseReferenceDefinitions(paragraph.text);
    return paragraph.text.length > 0;
  }

  private parseListMarker(container: Block): ListData | null {
    if (this.indent >= 4) return null;
    const ln = this.currentLine;
    const rest = ln.slice(this.nextNonspace);
    let markerLength: number;
    let data: ListData;
    const bullet = BULLET_LIST_MARKER.exec(rest);
    if (bullet) {
      markerLength = 1;
      data = {
        type: "bullet",
        bulletChar: bullet[0],
        delimiter: null,
        padding: 0,
        markerOffset: this.indent,
      };
    } else {
      const ordered = ORDERED_LIST_MARKER.exec(rest);
      if (!ordered || (container.kind === "paragraph" && ordered[1] !== "1")) return null;
      markerLength = ordered[0].length;
      data = {
        type: "ordered",
        bulletChar: null,
        delimiter: ordered[2] as string,
        padding: 0,
        markerOffset: this.indent,
      };
    }
    const after = ln.charCodeAt(this.nextNonspace + markerLength);
    if (!(Number.isNaN(after) || after === TAB || after === SPACE)) return null;
    if (container.kind === "paragraph" && !NON_SPACE.test(ln.slice(this.nextNonspace + markerLength))) {
      return null; // an empty item cannot interrupt a paragraph
    }

    this.advanceNextNonspace();
    this.advanceOffset(markerLength, true);
    const spacesStartColumn = this.column;
    const spacesStartOffset = this.offset;
    let next: number;
    do {
      this.advanceOffset(1, true);
      next = ln.charCodeAt(this.offset);
    } while (this.column - spacesStartColumn < 5 && isSpaceOrTab(next));
    const blankItem = Number.isNaN(ln.charCodeAt(this.offset));
    const spacesAfterMarker = this.column - spacesStartColumn;
    if (spacesAfterMarker >= 5 || spacesAfterMarker < 1 || blankItem) {
      data.padding = markerLength + 1;
      this.column = spacesStartColumn;
      this.offset = spacesStartOffset;
      if (isSpaceOrTab(ln.charCodeAt(this.offset))) this.advanceOffset(1, true);
    } else {
      data.padding = markerLength + spacesAfterMarker;
    }
    return data;
  }

  /** The rest of the current line from the cursor, a partly consumed tab counting as its remaining spaces. */
  private lineText(): string {
    if (!this.partiallyConsumedTab) return this.currentLine.slice(this.offset);
    return " ".repeat(4 - (this.column % 4)) + this.currentLine.slice(this.offset + 1);
  }

  private addText(): void {
    const tip = this.tip;
    const fence = tip.fence;
    if (fence === null && tip.text === null) return;
    const text = this.lineText();
    if (fence === null) {
      tip.text += `${text}\n`;
      return;
    }
    if (fence.opened) {
      this.sink.line(fence, text);
      return;
    }
    fence.info = unescapeInfo(text.trim());
    const space = fence.info.search(WHITESPACE);
    fence.lang = fence.info === "" ? null : space === -1 ? fence.info : fence.info.slice(0, space);
    fence.opened = true;
    fence.contentColumn = contentColumn(tip);
    this.sink.open(fence);
  }

  private addChild(kind: Kind): Block {
    while (!canContain(this.tip.kind, kind)) this.finalize(this.tip, false);
    const block = newBlock(kind);
    if (kind === "paragraph" && this.currentLine.charCodeAt(this.nextNonspace) === OPEN_BRACKET) {
      block.text = "";
    }
    block.parent = this.tip;
    this.tip.lastChild = block;
    this.tip.hasChildren = true;
    this.tip = block;
    return block;
  }

  private replaceLastChild(old: Block, replacement: Block): void {
    const parent = old.parent as Block;
    replacement.parent = parent;
    parent.lastChild = replacement;
    old.open = false;
  }

  private closeUnmatchedBlocks(): void {
    if (this.allClosed) return;
    while (this.oldTip !== this.lastMatchedContainer) {
      const parent = this.oldTip.parent as Block;
      this.finalize(this.oldTip, false);
      this.oldTip = parent;
    }
    this.allClosed = true;
  }

  /** Closes a block; `onThisLine` means the current line is its last (a closing fence or an HTML end). */
  private finalize(block: Block, onThisLine: boolean): void {
    block.open = false;
    block.text = null;
    const fence = block.fence;
    if (fence?.opened) this.sink.close(fence, onThisLine, onThisLine ? this.lineEnd : this.lineStart);
    this.tip = block.parent as Block;
  }

  private advanceOffset(count: number, columns: boolean): void {
    const ln = this.currentLine;
    while (count > 0 && this.offset < ln.length) {
      if (ln.charCodeAt(this.offset) === TAB) {
        const charsToTab = 4 - (this.column % 4);
        if (columns) {
          this.partiallyConsumedTab = charsToTab > count;
          const charsToAdvance = Math.min(charsToTab, count);
          this.column += charsToAdvance;
          this.offset += this.partiallyConsumedTab ? 0 : 1;
          count -= charsToAdvance;
        } else {
          this.partiallyConsumedTab = false;
          this.column += charsToTab;
          this.offset += 1;
          count -= 1;
        }
      } else {
        this.partiallyConsumedTab = false;
        this.offset += 1;
        this.column += 1;
        count -= 1;
      }
    }
  }

  private advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
    this.partiallyConsumedTab = false;
  }

  private findNextNonspace(): void {
    // Often asked twice at the same place (a paragraph's continuation line): the answer is already there.
    if (this.foundFromOffset === this.offset && this.foundFromColumn === this.column) return;
    this.foundFromOffset = this.offset;
    this.foundFromColumn = this.column;
    const ln = this.currentLine;
    let i = this.offset;
    let columns = this.column;
    let code = ln.charCodeAt(i);
    while (code === SPACE || code === TAB) {
      columns += code === SPACE ? 1 : 4 - (columns % 4);
      code = ln.charCodeAt(++i);
    }
    this.blank = Number.isNaN(code) || code === 10 || code === 13;
    this.nextNonspace = i;
    this.nextNonspaceColumn = columns;
    this.indent = columns - this.column;
    this.indented = this.indent >= CODE_INDENT;
  }
}

/** See `OpenFence.contentColumn`: the sum of the indentation its list items ask of their lines. */
function contentColumn(fenceBlock: Block): number {
  let column = 0;
  for (let block = fenceBlock.parent; block !== null; block = block.parent) {
    if (block.kind === "item") {
      const data = block.listData as ListData;
      column += data.markerOffset + data.padding;
    } else if (block.kind !== "list" && block.kind !== "document") {
      return -1;
    }
  }
  return column;
}

/**
 * The common case of a line (or the start of one) in an open fenced code block, read without the block
 * algorithm: the fence sits only in list items and the line is indented with spaces at least as far as they
 * ask, and does not start with the fence character within three spaces of that. Then it is certainly a
 * content line, and its text is what is left once the items' indentation and at most as many spaces as the
 * opening fence had are taken off. Returns null when it is not that case, and the block algorithm must decide.
 */
function plainCodeLine(fence: OpenFence, line: string): string | null {
  const column = fence.contentColumn;
  if (column === -1) return null;
  let at = 0;
  let char = line.charCodeAt(0);
  while (char === SPACE) char = line.charCodeAt(++at);
  // A tab, a blank line (or start of one), or too little indentation: the block algorithm decides.
  if (char === TAB || at === line.length || at < column) return null;
  const indent = at - column;
  if (indent <= 3 && char === fence.fenceChar) return null; // may close the block
  return line.slice(column + Math.min(indent, fence.fenceOffset));
}

function listsMatch(list: ListData | null, item: ListData): boolean {
  return (
    list !== null &&
    list.type === item.type &&
    list.delimiter === item.delimiter &&
    list.bulletChar === item.bulletChar
  );
}
