import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { Line, openActivityFile, readLines } from "../../src/services/customers/line-reader";

async function* chunks(...parts: (Buffer | string)[]): AsyncGenerator<Buffer | string> {
  for (const part of parts) yield part;
}

/** The input cut into pieces of `size` bytes, so characters and CRLFs get split everywhere. */
async function* pieces(input: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < input.length; i += size) yield input.subarray(i, i + size);
}

async function collect(source: AsyncIterable<Buffer | string>, maxLineBytes?: number): Promise<Line[]> {
  const lines: Line[] = [];
  for await (const line of readLines(source, { maxLineBytes })) lines.push(line);
  return lines;
}

describe("readLines", () => {
  it("numbers every line, blank ones included, and accounts for every byte", async () => {
    const input = Buffer.from("a\n\nbc\r\n  \nlast");
    const lines = await collect(chunks(input));
    expect(lines).toEqual([
      { text: "a", lineNo: 1, bytes: 2 },
      { text: "", lineNo: 2, bytes: 1 },
      { text: "bc", lineNo: 3, bytes: 4 },
      { text: "  ", lineNo: 4, bytes: 3 },
      { text: "last", lineNo: 5, bytes: 4 },
    ]);
    expect(lines.reduce((sum, l) => sum + l.bytes, 0)).toBe(input.length);
  });

  it("yields nothing for empty input and no phantom line after a final newline", async () => {
    expect(await collect(chunks())).toEqual([]);
    expect(await collect(chunks(Buffer.alloc(0), Buffer.alloc(0)))).toEqual([]);
    expect(await collect(chunks("x\n"))).toEqual([{ text: "x", lineNo: 1, bytes: 2 }]);
    expect(await collect(chunks("\n"))).toEqual([{ text: "", lineNo: 1, bytes: 1 }]);
  });

  it("strips only the CR of a CRLF, not one inside a line", async () => {
    const lines = await collect(chunks("a\rb\r\nc\r"));
    expect(lines.map((l) => l.text)).toEqual(["a\rb", "c"]);
  });

  it("decodes multi-byte characters and CRLFs split across chunks at every possible point", async () => {
    const text = 'é東京😀👨‍👩‍👧 cafe\u0301\r\n{"k":"Ω≈ç√"}\n\r\nend😀';
    const input = Buffer.from(text, "utf8");
    const expected = text.split("\n").map((l) => l.replace(/\r$/, ""));
    for (let size = 1; size <= input.length; size++) {
      const lines = await collect(pieces(input, size));
      expect(lines.map((l) => l.text)).toEqual(expected);
      expect(lines.reduce((sum, l) => sum + l.bytes, 0)).toBe(input.length);
    }
  });

  it("joins a line spread over many chunks", async () => {
    const long = "x".repeat(10_000);
    const lines = await collect(pieces(Buffer.from(`${long}\nshort\n${long}`), 7));
    expect(lines.map((l) => l.text)).toEqual([long, "short", long]);
    expect(lines.map((l) => l.lineNo)).toEqual([1, 2, 3]);
  });

  it("accepts string chunks (a stream with an encoding set)", async () => {
    const lines = await collect(chunks("ab", "c\nd😀", "\n"));
    expect(lines).toEqual([
      { text: "abc", lineNo: 1, bytes: 4 },
      { text: "d😀", lineNo: 2, bytes: 6 },
    ]);
  });

  it("drops a UTF-8 byte order mark on the first line only, still counting its bytes", async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const lines = await collect(pieces(Buffer.concat([bom, Buffer.from("{}\n"), bom, Buffer.from("x")]), 2));
    expect(lines).toEqual([
      { text: "{}", lineNo: 1, bytes: 6 },
      { text: "\ufeffx", lineNo: 2, bytes: 4 },
    ]);
  });

  it("turns invalid UTF-8 into replacement characters instead of failing", async () => {
    const lines = await collect(chunks(Buffer.from([0x61, 0xff, 0x62, 0x0a])));
    expect(lines[0].text).toBe("a\ufffdb");
  });

  it("fails on a line longer than maxLineBytes, naming it, whether it arrives whole or in pieces", async () => {
    const input = Buffer.from(`ok\n${"y".repeat(50)}\nnever reached\n`);
    await expect(collect(chunks(input), 20)).rejects.toThrow("line 2 is longer than 20 bytes");
    await expect(collect(pieces(input, 4), 20)).rejects.toThrow("line 2 is longer than 20 bytes");
    await expect(collect(pieces(Buffer.from("z".repeat(50)), 4), 20)).rejects.toThrow("line 1 is longer than 20 bytes");
    expect((await collect(chunks(input), 50)).length).toBe(3);
  });
});

describe("openActivityFile", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-lines-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const content = '{"a":1}\n{"b":"東京😀"}\r\nlast';

  it("reads a plain file and gunzips a .gz one, same lines", async () => {
    fs.writeFileSync(path.join(dir, "a.ndjson"), content);
    fs.writeFileSync(path.join(dir, "a.ndjson.gz"), zlib.gzipSync(content));
    const plain = await collect(openActivityFile(path.join(dir, "a.ndjson")));
    const gzipped = await collect(openActivityFile(path.join(dir, "a.ndjson.gz")));
    expect(plain.map((l) => l.text)).toEqual(['{"a":1}', '{"b":"東京😀"}', "last"]);
    expect(gzipped).toEqual(plain);
  });

  it("reads concatenated gzip members (files joined with cat) as one stream", async () => {
    fs.writeFileSync(path.join(dir, "joined.gz"), Buffer.concat([zlib.gzipSync("one\n"), zlib.gzipSync("two\n")]));
    expect((await collect(openActivityFile(path.join(dir, "joined.gz")))).map((l) => l.text)).toEqual(["one", "two"]);
  });

  it("surfaces a missing file and a corrupt gzip as errors of the read", async () => {
    await expect(collect(openActivityFile(path.join(dir, "missing.gz")))).rejects.toThrow(/ENOENT/);
    fs.writeFileSync(path.join(dir, "corrupt.gz"), Buffer.from("this is not gzip at all"));
    await expect(collect(openActivityFile(path.join(dir, "corrupt.gz")))).rejects.toThrow(/incorrect header check/);
  });

  it("is destroyed when the reader stops early (the pipeline then closes the file)", async () => {
    fs.writeFileSync(path.join(dir, "many.gz"), zlib.gzipSync("line\n".repeat(100_000)));
    const stream = openActivityFile(path.join(dir, "many.gz"));
    for await (const line of readLines(stream)) {
      expect(line.lineNo).toBe(1);
      break;
    }
    expect(stream.destroyed).toBe(true);
  });
});
