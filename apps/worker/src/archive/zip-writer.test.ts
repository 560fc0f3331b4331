import { strToU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ZipWriter } from "./zip-writer.js";

function written(write: (zip: ZipWriter) => void): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new ZipWriter((chunk) => chunks.push(chunk.slice()));
  write(zip);
  const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

describe("a zip written as it goes", () => {
  it("holds whole files and a streamed one, byte for byte, under UTF-8 names", () => {
    const big = strToU8("export const value = 42;\n".repeat(40_000));
    const zip = written((zip) => {
      const manifest = zip.stream("folio.json", Date.UTC(2026, 0, 2));
      for (const part of ["{", '"a": 1', "}\n"]) manifest.push(strToU8(part));
      manifest.close();
      zip.file("Café — 你好/App.tsx", strToU8("héllo 🎉\n"), Date.UTC(2026, 0, 2));
      zip.file("big/values.ts", big, 0);
      zip.file("empty.txt", new Uint8Array(0), Date.now());
      zip.end();
    });
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(["folio.json", "Café — 你好/App.tsx", "big/values.ts", "empty.txt"]);
    expect(new TextDecoder().decode(files["folio.json"])).toBe('{"a": 1}\n');
    expect(new TextDecoder().decode(files["Café — 你好/App.tsx"])).toBe("héllo 🎉\n");
    expect(files["big/values.ts"]).toEqual(big);
    expect(files["empty.txt"]).toEqual(new Uint8Array(0));
    // Deflated: a million bytes of one line repeated take a few kilobytes.
    expect(zip.length).toBeLessThan(20_000);
  });

  it("lists more than 65,535 files, in a zip64 end of directory", () => {
    const count = 66_000;
    const zip = written((zip) => {
      const empty = new Uint8Array(0);
      for (let i = 0; i < count; i++) zip.file(`f${i}`, empty, 0);
      zip.end();
    });
    const files = unzipSync(zip);
    expect(Object.keys(files)).toHaveLength(count);
    expect(Object.keys(files).at(-1)).toBe(`f${count - 1}`);
  });

  it("refuses another file while a streamed one is open", () => {
    written((zip) => {
      zip.stream("folio.json", 0);
      expect(() => zip.file("a.txt", new Uint8Array(1), 0)).toThrow(/still open/);
    });
  });
});
