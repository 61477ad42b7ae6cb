import fs from "node:fs";
import zlib from "node:zlib";
import { pipeline, Readable } from "node:stream";

/** One line of a byte stream, without its line terminator. */
export interface Line {
  text: string;
  /** 1-based; blank lines are numbered (and yielded) too, so numbers match what an editor shows. */
  lineNo: number;
  /** Bytes this line took in the stream, terminator included: the sum over all lines is the stream's size. */
  bytes: number;
}

export interface ReadLinesOptions {
  /** A longer line fails the read instead of growing memory without bound (a file with no newlines). */
  maxLineBytes?: number;
}

const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a byte stream into UTF-8 lines as it arrives, holding at most one partial line besides the current
 * chunk. Splitting happens on the newline byte before decoding, so a multi-byte character cut between two chunks
 * is decoded whole. Handles LF and CRLF, a last line without a newline, and a UTF-8 byte order mark.
 * String chunks (a stream with an encoding set) are accepted and re-encoded.
 */
export async function* readLines(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer | string>,
  options: ReadLinesOptions = {},
): AsyncGenerator<Line> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let pending: Buffer[] = []; // the start of a line that continues in a later chunk
  let pendingBytes = 0;
  let lineNo = 0;
  for await (const raw of input as AsyncIterable<Buffer | string>) {
    const chunk = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline !== -1) {
      lineNo++;
      if (pendingBytes === 0) {
        if (newline - start > maxLineBytes) throw tooLong(lineNo, maxLineBytes);
        yield { text: decodeLine(chunk, start, newline, lineNo), lineNo, bytes: newline + 1 - start };
      } else {
        pending.push(chunk.subarray(start, newline));
        const whole = Buffer.concat(pending, pendingBytes + newline - start);
        pending = [];
        pendingBytes = 0;
        if (whole.length > maxLineBytes) throw tooLong(lineNo, maxLineBytes);
        yield { text: decodeLine(whole, 0, whole.length, lineNo), lineNo, bytes: whole.length + 1 };
      }
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      pending.push(start === 0 ? chunk : chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxLineBytes) throw tooLong(lineNo + 1, maxLineBytes);
    }
  }
  if (pendingBytes > 0) {
    lineNo++;
    const whole = Buffer.concat(pending, pendingBytes);
    yield { text: decodeLine(whole, 0, whole.length, lineNo), lineNo, bytes: whole.length };
  }
}

/** Decodes buf[start, end) without a trailing CR (CRLF files) or, on line 1, a byte order mark. */
function decodeLine(buf: Buffer, start: number, end: number, lineNo: number): string {
  if (end > start && buf[end - 1] === CARRIAGE_RETURN) end--;
  if (lineNo === 1 && end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) {
    start += 3;
  }
  return buf.toString("utf8", start, end);
}

function tooLong(lineNo: number, maxLineBytes: number): Error {
  return new Error(`line ${lineNo} is longer than ${maxLineBytes} bytes`);
}

/**
 * A byte stream of an activity file, gunzipped when the name ends in `.gz`. Read errors (missing file, corrupt
 * gzip) surface through the returned stream, and destroying it (leaving a `for await` early) closes the file.
 */
export function openActivityFile(path: string): Readable {
  const file = fs.createReadStream(path, { highWaterMark: 1 << 20 });
  if (!/\.gz$/i.test(path)) return file;
  // The callback is required by pipeline; its error already reaches the reader through the gunzip stream.
  return pipeline(file, zlib.createGunzip(), () => undefined);
}
