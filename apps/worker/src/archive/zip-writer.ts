/**
 * A zip written as it goes, for exports: each file deflated (by fflate) and written at once, or streamed when its
 * size is not known beforehand (the manifest). Until the end it keeps only each entry's central-directory record,
 * 46 bytes and its name, in one buffer: fflate's own `Zip` keeps about 1.3 KB an entry (27 MB for the 20,000
 * files of a 500-session export), which was most of what an export's memory grew with.
 */
import { Deflate, deflateSync } from "fflate";

const encoder = new TextEncoder();

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const DIRECTORY_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
/** Names are UTF-8 (bit 11); a streamed file's sizes and CRC follow its data (bit 3). */
const FLAG_UTF8 = 0x0800;
const FLAG_SIZES_AFTER = 0x0008;
const DEFLATED = 8;
/** Zip 2.0 (deflate) for entries; 4.5 for the zip64 records past 65,535 entries or 4 GiB. */
const VERSION = 20;
const VERSION_ZIP64 = 45;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;

interface Entry {
  name: Uint8Array;
  flags: number;
  time: number;
  crc: number;
  packedSize: number;
  size: number;
  offset: number;
}

export interface StreamedFile {
  push(data: Uint8Array): void;
  close(): void;
}

export class ZipWriter {
  private written = 0;
  private entries = 0;
  private directory = new Uint8Array(16 * 1024);
  private directoryLength = 0;
  private open = false;

  /** `emit` receives the zip's bytes in order, as they are made. */
  constructor(private readonly emit: (chunk: Uint8Array) => void) {}

  /** Adds a whole file, deflated. */
  file(path: string, data: Uint8Array, mtime: number): void {
    this.mustBeIdle();
    const packed = deflateSync(data, { level: 6 });
    const entry: Entry = {
      name: encoder.encode(path),
      flags: FLAG_UTF8,
      time: dosTime(mtime),
      crc: crc32(data),
      packedSize: packed.length,
      size: data.length,
      offset: this.written,
    };
    this.write(localHeader(entry));
    this.write(packed);
    this.record(entry);
  }

  /** Opens a file written as its bytes come, deflated; nothing else is added until it is closed. */
  stream(path: string, mtime: number): StreamedFile {
    this.mustBeIdle();
    this.open = true;
    const entry: Entry = {
      name: encoder.encode(path),
      flags: FLAG_UTF8 | FLAG_SIZES_AFTER,
      time: dosTime(mtime),
      crc: 0,
      packedSize: 0,
      size: 0,
      offset: this.written,
    };
    this.write(localHeader(entry));
    let crc = 0;
    const deflate = new Deflate({ level: 6 }, (chunk) => {
      entry.packedSize += chunk.length;
      this.write(chunk);
    });
    return {
      push: (data) => {
        crc = crc32(data, crc);
        entry.size += data.length;
        deflate.push(data);
      },
      close: () => {
        deflate.push(new Uint8Array(0), true);
        entry.crc = crc;
        if (entry.size > MAX_32 || entry.packedSize > MAX_32) throw new Error("a streamed file over 4 GiB");
        const descriptor = new Bytes(16);
        descriptor.u32(DATA_DESCRIPTOR).u32(entry.crc).u32(entry.packedSize).u32(entry.size);
        this.write(descriptor.bytes);
        this.record(entry);
        this.open = false;
      },
    };
  }

  /** Writes the central directory and its end; the zip is complete. */
  end(): void {
    this.mustBeIdle();
    const start = this.written;
    this.write(this.directory.subarray(0, this.directoryLength));
    const size = this.directoryLength;
    if (this.entries > MAX_16 || start > MAX_32 || size > MAX_32) {
      const at = this.written;
      const record = new Bytes(56 + 20);
      record.u32(ZIP64_END_OF_DIRECTORY).u64(44).u16(VERSION_ZIP64).u16(VERSION_ZIP64).u32(0).u32(0);
      record.u64(this.entries).u64(this.entries).u64(size).u64(start);
      record.u32(ZIP64_LOCATOR).u32(0).u64(at).u32(1);
      this.write(record.bytes);
    }
    const last = new Bytes(22);
    last.u32(END_OF_DIRECTORY).u16(0).u16(0);
    last.u16(Math.min(this.entries, MAX_16)).u16(Math.min(this.entries, MAX_16));
    last.u32(Math.min(size, MAX_32)).u32(Math.min(start, MAX_32)).u16(0);
    this.write(last.bytes);
  }

  private mustBeIdle(): void {
    if (this.open) throw new Error("a streamed file is still open");
  }

  private write(chunk: Uint8Array): void {
    this.written += chunk.length;
    this.emit(chunk);
  }

  /** The entry's central-directory record, kept until the end (its offset in a zip64 field past 4 GiB). */
  private record(entry: Entry): void {
    const far = entry.offset > MAX_32;
    const record = new Bytes(46 + entry.name.length + (far ? 12 : 0));
    record
      .u32(DIRECTORY_HEADER)
      .u16(far ? VERSION_ZIP64 : VERSION)
      .u16(far ? VERSION_ZIP64 : VERSION);
    record.u16(entry.flags).u16(DEFLATED).u32(entry.time).u32(entry.crc);
    record
      .u32(entry.packedSize)
      .u32(entry.size)
      .u16(entry.name.length)
      .u16(far ? 12 : 0)
      .u16(0);
    record
      .u16(0)
      .u16(0)
      .u32(0)
      .u32(far ? MAX_32 : entry.offset)
      .raw(entry.name);
    if (far) record.u16(1).u16(8).u64(entry.offset);
    if (this.directoryLength + record.bytes.length > this.directory.length) {
      const grown = new Uint8Array(
        Math.max(this.directory.length * 2, this.directoryLength + record.bytes.length),
      );
      grown.set(this.directory.subarray(0, this.directoryLength));
      this.directory = grown;
    }
    this.directory.set(record.bytes, this.directoryLength);
    this.directoryLength += record.bytes.length;
    this.entries++;
  }
}

function localHeader(entry: Entry): Uint8Array {
  const header = new Bytes(30 + entry.name.length);
  header.u32(LOCAL_HEADER).u16(VERSION).u16(entry.flags).u16(DEFLATED).u32(entry.time);
  header.u32(entry.crc).u32(entry.packedSize).u32(entry.size).u16(entry.name.length).u16(0).raw(entry.name);
  return header.bytes;
}

/** A time as a zip's directory holds it (MS-DOS date and time, two-second steps), in UTC, from 1980 to 2107. */
function dosTime(ms: number): number {
  const date = new Date(Math.min(Math.max(ms, Date.UTC(1980, 0, 1)), Date.UTC(2107, 11, 31, 23, 59, 58)));
  return (
    (((date.getUTCFullYear() - 1980) << 25) |
      ((date.getUTCMonth() + 1) << 21) |
      (date.getUTCDate() << 16) |
      (date.getUTCHours() << 11) |
      (date.getUTCMinutes() << 5) |
      (date.getUTCSeconds() >> 1)) >>>
    0
  );
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (the zip's), continuing from `crc` for data that comes in parts. */
function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++)
    c = (CRC_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** Little-endian fields written in order into a buffer of known size. */
class Bytes {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  private at = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  u16(value: number): this {
    this.view.setUint16(this.at, value, true);
    this.at += 2;
    return this;
  }

  u32(value: number): this {
    this.view.setUint32(this.at, value, true);
    this.at += 4;
    return this;
  }

  u64(value: number): this {
    this.view.setBigUint64(this.at, BigInt(value), true);
    this.at += 8;
    return this;
  }

  raw(data: Uint8Array): this {
    this.bytes.set(data, this.at);
    this.at += data.length;
    return this;
  }
}
