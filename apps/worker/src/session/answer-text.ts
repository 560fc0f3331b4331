/**
 * The text of an answer as it streams, kept as the pieces it arrived in. Appending is constant time, and a slice
 * near the end (the text before a block that just closed) costs its own length, never the answer's: a string
 * grown by `+=` is joined into one flat copy whenever it is read, so reading it at every block was quadratic.
 */
import { utf8Length, utf8Prefix } from "@folio/protocol";

export class AnswerText {
  private pieces: string[] = [];
  /** Offset of each piece in the whole text. */
  private starts: number[] = [];
  private length = 0;
  /** The text's size in UTF-8 bytes. */
  private bytes = 0;
  /** The whole text, joined at most once per growth. */
  private joined: string | null = "";

  append(piece: string): void {
    if (piece === "") return;
    this.pieces.push(piece);
    this.starts.push(this.length);
    this.length += piece.length;
    this.bytes += utf8Length(piece);
    this.joined = null;
  }

  /**
   * The start of `piece` that keeps the whole text within `maxBytes` of UTF-8: all of it when it fits, else cut
   * before the first character that would not (never inside a surrogate pair). Costs the piece's length.
   */
  fitting(piece: string, maxBytes: number): string {
    const room = maxBytes - this.bytes;
    return utf8Length(piece) <= room ? piece : utf8Prefix(piece, room);
  }

  /** The text from `start` to `end` (offsets in the whole text). */
  slice(start: number, end: number): string {
    if (end <= start) return "";
    let i = this.pieceAt(start);
    let text = "";
    while (i < this.pieces.length && (this.starts[i] as number) < end) {
      const pieceStart = this.starts[i] as number;
      const piece = this.pieces[i] as string;
      text += piece.slice(Math.max(0, start - pieceStart), Math.min(piece.length, end - pieceStart));
      i++;
    }
    return text;
  }

  toString(): string {
    if (this.joined === null) {
      this.joined = this.pieces.join("");
      // Later slices search one piece instead of every chunk so far.
      this.pieces = [this.joined];
      this.starts = [0];
    }
    return this.joined;
  }

  /** Index of the piece holding `offset` (binary search over the starts). */
  private pieceAt(offset: number): number {
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
