import { parseActivityLine, validateActivityObject } from "../../src/services/customers/activity-item";

const event = {
  data: { opticaldarkmagenta: "HopRodRye", pabstbluetooth: "connectQuality-focused" },
  id: "9b2fa8be-4ee7-4942-9ce0-9866c9a80141",
  name: "backuplime",
  timestamp: 1560073640,
  type: "event",
  user_id: "11",
};
const attributes = {
  data: { city: "Deangelofurt", "aston martinjazmyne": "OfficerGaylord", created_at: "1544911040" },
  id: "229c5003-d251-4173-b630-cf8b54b14670",
  timestamp: 1560073640,
  type: "attributes",
  user_id: "11",
};
const line = (o: unknown) => JSON.stringify(o);
const reasonOf = (text: string, lineNo = 7) => {
  const parsed = parseActivityLine(text, lineNo);
  if (parsed === null || parsed === "anonymous" || !("reason" in parsed)) throw new Error(`not an error: ${JSON.stringify(parsed)}`);
  expect(parsed.line).toBe(lineNo);
  return parsed.reason;
};

describe("parseActivityLine", () => {
  it("parses an event and an attributes line of the dataset", () => {
    expect(parseActivityLine(line(event), 1)).toEqual({
      kind: "event", eventId: event.id, userId: "11", name: "backuplime", data: event.data, timestamp: 1560073640,
    });
    expect(parseActivityLine(line(attributes), 2)).toEqual({
      kind: "attributes", eventId: attributes.id, userId: "11", data: attributes.data, timestamp: 1560073640,
    });
  });

  it("decodes \\u escapes and keeps raw UTF-8 as is", () => {
    const text = '{"data":{"beer":"Chimay Grande R\u00e9serve \\u0026 co \\u003cb\\u003e","😀 key":"東京"},"id":"a","timestamp":1,"type":"attributes","user_id":"5"}';
    expect(parseActivityLine(text, 1)).toMatchObject({ data: { beer: "Chimay Grande Réserve & co <b>", "😀 key": "東京" } });
  });

  it("returns null for blank lines, whatever the whitespace", () => {
    for (const blank of ["", " ", "\t", "  \t \r"]) expect(parseActivityLine(blank, 3)).toBeNull();
  });

  it("keeps user ids as strings: 42 and \"42\" are one customer", () => {
    expect(parseActivityLine(line({ ...event, user_id: 42 }), 1)).toMatchObject({ userId: "42" });
    expect(parseActivityLine(line({ ...event, user_id: "0042" }), 1)).toMatchObject({ userId: "0042" });
  });

  it("skips a valid event without user_id as anonymous, but reports a broken one", () => {
    const { user_id: _omitted, ...anonymous } = event;
    expect(parseActivityLine(line(anonymous), 1)).toBe("anonymous");
    expect(reasonOf(line({ ...anonymous, name: undefined }))).toBe("name is missing");
  });

  it("converts numbers and booleans in attribute data to strings and keeps null (a removal)", () => {
    const parsed = parseActivityLine(line({ ...attributes, data: { age: 42, ratio: 0.5, vip: true, churned: false, email: null } }), 1);
    expect(parsed).toMatchObject({ data: { age: "42", ratio: "0.5", vip: "true", churned: "false", email: null } });
  });

  it("drops fractions of seconds so every consumer sees the same ties", () => {
    expect(parseActivityLine(line({ ...event, timestamp: 1560073640.999 }), 1)).toMatchObject({ timestamp: 1560073640 });
  });

  it("ignores unknown top-level fields and keeps any JSON in event data", () => {
    const parsed = parseActivityLine(line({ ...event, context: { ip: "1.2.3.4" }, data: { items: [1, { a: null }], total: 9.5 } }), 1);
    expect(parsed).toMatchObject({ kind: "event", data: { items: [1, { a: null }], total: 9.5 } });
    expect(parsed).not.toHaveProperty("context");
  });

  it("keeps an attribute named __proto__ as an ordinary attribute", () => {
    for (const value of ["x", 5]) {
      const parsed = parseActivityLine(`{"data":{"__proto__":${JSON.stringify(value)}},"id":"a","timestamp":1,"type":"attributes","user_id":"1"}`, 1);
      if (parsed === null || parsed === "anonymous" || "reason" in parsed) throw new Error("expected an item");
      expect(Object.keys(parsed.data)).toEqual(["__proto__"]);
      expect(Object.getPrototypeOf(parsed.data)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(parsed.data, "__proto__")?.value).toBe(String(value));
    }
  });

  it("reports each kind of bad line with its line number and a reason", () => {
    expect(reasonOf('{"type":"event",', 12)).toMatch(/^malformed JSON: /);
    expect(reasonOf("[1,2]")).toBe("not a JSON object (got an array)");
    expect(reasonOf('"hello"')).toBe('not a JSON object (got "hello")');
    expect(reasonOf("42")).toBe("not a JSON object (got number 42)");
    expect(reasonOf("null")).toBe("not a JSON object (got null)");
    expect(reasonOf(line({ ...event, type: "page" }))).toBe('type must be "event" or "attributes" (got "page")');
    expect(reasonOf(line({ ...event, type: undefined }))).toBe("type is missing");
    expect(reasonOf(line({ ...attributes, user_id: undefined }))).toBe("user_id is missing");
    expect(reasonOf(line({ ...event, user_id: null }))).toBe("user_id must be a string or a number (got null)");
    expect(reasonOf(line({ ...event, user_id: { id: 1 } }))).toBe("user_id must be a string or a number (got an object)");
    expect(reasonOf(line({ ...event, user_id: true }))).toBe("user_id must be a string or a number (got boolean true)");
    expect(reasonOf(line({ ...event, user_id: "" }))).toBe("user_id must not be empty");
    expect(reasonOf(line({ ...event, id: undefined }))).toBe("id is missing");
    expect(reasonOf(line({ ...event, id: 17 }))).toBe("id must be a non-empty string (got number 17)");
    expect(reasonOf(line({ ...event, id: "" }))).toBe('id must be a non-empty string (got "")');
    expect(reasonOf(line({ ...event, timestamp: undefined }))).toBe("timestamp is missing");
    expect(reasonOf(line({ ...event, timestamp: "1560073640" }))).toBe('timestamp must be a number (got "1560073640")');
    expect(reasonOf('{"data":{},"id":"a","timestamp":1e400,"type":"event","name":"n","user_id":"1"}')).toBe(
      "timestamp must be a number (got number Infinity)",
    );
    expect(reasonOf(line({ ...event, timestamp: 1e19 }))).toBe("timestamp out of range (10000000000000000000)");
    expect(reasonOf(line({ ...event, data: null }))).toBe("data must be an object (got null)");
    expect(reasonOf(line({ ...event, data: ["a"] }))).toBe("data must be an object (got an array)");
    expect(reasonOf(line({ ...attributes, data: "x" }))).toBe('data must be an object (got "x")');
    expect(reasonOf(line({ ...attributes, data: undefined }))).toBe("data is missing");
    expect(reasonOf(line({ ...event, name: undefined }))).toBe("name is missing");
    expect(reasonOf(line({ ...event, name: 3 }))).toBe("name must be a non-empty string on an event (got number 3)");
    expect(reasonOf(line({ ...attributes, data: { city: { name: "x" } } }))).toBe(
      'attribute "city": value must be a string, number, boolean or null (got an object)',
    );
    expect(reasonOf(line({ ...attributes, data: { tags: ["a"] } }))).toMatch(/^attribute "tags": .*got an array/);
  });

  it("keeps reasons short even for huge values", () => {
    expect(reasonOf(line({ ...event, type: "x".repeat(70_000) })).length).toBeLessThan(120);
  });

  it("rejects strings the database cannot store: NUL and unpaired surrogates, wherever they are kept", () => {
    const unstorable = /NUL character or an unpaired surrogate/;
    expect(reasonOf(line({ ...event, name: "a\u0000b" }))).toMatch(unstorable);
    expect(reasonOf(line({ ...event, user_id: "\ud800" }))).toMatch(unstorable);
    expect(reasonOf(line({ ...event, data: { deep: [{ x: "half \udc00 pair" }] } }))).toMatch(unstorable);
    expect(reasonOf(line({ ...attributes, data: { "k\u0000": "v" } }))).toMatch(unstorable);
    expect(reasonOf('{"data":{"a":"\\uD83D"},"id":"a","timestamp":1,"type":"attributes","user_id":"1"}')).toMatch(unstorable);
    // Escaped surrogate pairs, a literal backslash-u text and fields that are not stored are fine.
    expect(parseActivityLine('{"data":{"a":"\\ud83d\\ude00","b":"\\\\u0000"},"id":"a","timestamp":1,"type":"attributes","user_id":"1"}', 1))
      .toMatchObject({ data: { a: "😀", b: "\\u0000" } });
    expect(parseActivityLine(line({ ...event, ignored: "\u0000" }), 1)).toMatchObject({ kind: "event" });
  });

  it("keeps the reason of a malformed line storable when V8 quotes a cut surrogate pair", () => {
    const reason = reasonOf(`{"a": ${"😀".repeat(30)}}`); // V8 says "Unexpected token '\ud83d'"
    expect(reason).toContain("\uFFFD");
    expect(reason).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});

describe("validateActivityObject", () => {
  it("validates parsed items like lines, numbering them as given", () => {
    expect(validateActivityObject(event, 1)).toMatchObject({ kind: "event", userId: "11" });
    expect(validateActivityObject({ ...event, user_id: undefined }, 2)).toBe("anonymous");
    expect(validateActivityObject({ ...event, type: "x" }, 3)).toEqual({ line: 3, reason: 'type must be "event" or "attributes" (got "x")' });
    expect(validateActivityObject(undefined, 4)).toEqual({ line: 4, reason: "not a JSON object (got undefined)" });
    expect(validateActivityObject({ ...event, name: "\u0000" }, 5)).toMatchObject({ line: 5, reason: expect.stringMatching(/NUL/) });
  });

  it("does not modify the caller's object when converting values", () => {
    const input = { ...attributes, data: { age: 42, gone: null } };
    const parsed = validateActivityObject(input, 1);
    expect(parsed).toMatchObject({ data: { age: "42", gone: null } });
    expect(input.data).toEqual({ age: 42, gone: null });
  });
});
