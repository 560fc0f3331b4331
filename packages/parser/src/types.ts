/** A fenced code block of a markdown document, as CommonMark defines it. */
export interface CodeBlock {
  /** 0-based order of the block in the document. */
  index: number;
  /** The whole info string: escapes and entities decoded, trimmed. */
  info: string;
  /** First word of `info`, or null when there is none. */
  lang: string | null;
  /** The content exactly as CommonMark defines it (container indentation removed), each line ending in "\n". */
  code: string;
  /** False when the document (or the block's container) ended before a closing fence. */
  closed: boolean;
  /** Offset of the opening fence line in the input. */
  start: number;
  /** Offset just past the closing fence line (or the end of the block's last line when unclosed). */
  end: number;
}

/** What a streaming parse reports, in document order. */
export type CodeBlockEvent =
  | { type: "open"; index: number; info: string; lang: string | null }
  | { type: "delta"; index: number; text: string }
  | { type: "close"; index: number; block: CodeBlock };

export interface CodeBlockStream {
  /** Feeds the next piece of the document; returns what it revealed. */
  write(chunk: string): CodeBlockEvent[];
  /** Ends the document; unclosed blocks close here. The stream cannot be written to afterwards. */
  end(): CodeBlockEvent[];
}
