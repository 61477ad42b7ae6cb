import {
  EMAIL_FORMATS, EmailFormat, applyFormat, domainOf, formatsOf, inferFormat, normalizeName,
} from "../../src/connectors/enrichment/pattern/email-pattern";

const person = (firstName: string, lastName: string, email: string) => ({ firstName, lastName, email });

describe("applyFormat", () => {
  const janeDoe: Record<EmailFormat, string> = {
    "first.last": "jane.doe", firstlast: "janedoe", flast: "jdoe", "f.last": "j.doe", first_last: "jane_doe",
    "first-last": "jane-doe", first: "jane", last: "doe", firstl: "janed", "first.l": "jane.d", "last.first": "doe.jane",
    lastfirst: "doejane", lastf: "doej", last_first: "doe_jane", "last.f": "doe.j", f_last: "j_doe",
  };
  it("covers every format", () => {
    expect(Object.keys(janeDoe).sort()).toEqual([...EMAIL_FORMATS].sort());
    expect(new Set(EMAIL_FORMATS).size).toBe(EMAIL_FORMATS.length);
  });
  it.each(EMAIL_FORMATS.map((f) => [f]))("applies %s to Jane Doe with a lowercased, trimmed domain", (format) => {
    expect(applyFormat(format, "Jane", "Doe", "  ACME.com ")).toBe(`${janeDoe[format]}@acme.com`);
  });
  it("is null only when a part the format needs normalises to empty", () => {
    expect(applyFormat("first.last", "Jane", "", "acme.com")).toBeNull();
    expect(applyFormat("flast", "王", "Doe", "acme.com")).toBeNull();
    expect(applyFormat("first", "Jane", "", "acme.com")).toBe("jane@acme.com");
    expect(applyFormat("last", "", "Doe", "acme.com")).toBe("doe@acme.com");
    expect(applyFormat("first", "Jane", "Doe", "  ")).toBeNull();
  });
});

describe("normalizeName", () => {
  it("strips diacritics and lowercases", () => {
    expect(normalizeName("José Ñúñez")).toBe("josenunez");
    expect(applyFormat("first.last", "José", "Ñúñez", "acme.com")).toBe("jose.nunez@acme.com");
    expect(normalizeName("Straße")).toBe("strasse");
    expect(normalizeName("Øyvind")).toBe("oyvind");
  });
  it("drops apostrophes, hyphens and spaces, keeping the words joined", () => {
    expect(normalizeName("O'Brien")).toBe("obrien");
    expect(normalizeName("O’Brien")).toBe("obrien");
    expect(normalizeName("Anne-Marie")).toBe("annemarie");
    expect(normalizeName("Van der Berg")).toBe("vanderberg");
    expect(applyFormat("f.last", "Anne-Marie", "O'Brien", "acme.com")).toBe("a.obrien@acme.com");
  });
  it("keeps nothing of a name without latin letters", () => {
    expect(normalizeName("王伟")).toBe("");
  });
});

describe("formatsOf", () => {
  it("finds the one format that explains an address, case-insensitively", () => {
    expect(formatsOf("Jane", "Doe", "Jane.Doe@ACME.com")).toEqual(["first.last"]);
    expect(formatsOf("Jane", "Doe", "doej@acme.com")).toEqual(["lastf"]);
  });
  it("lists every format a one-letter first name cannot tell apart", () => {
    expect(formatsOf("J", "Doe", "jdoe@acme.com")).toEqual(["firstlast", "flast"]);
    expect(formatsOf("J", "Doe", "j.doe@acme.com")).toEqual(["first.last", "f.last"]);
    expect(formatsOf("J", "Doe", "doej@acme.com")).toEqual(["lastfirst", "lastf"]);
  });
  it("is empty when nothing matches or the address is malformed", () => {
    expect(formatsOf("Jane", "Doe", "jd2020@acme.com")).toEqual([]);
    expect(formatsOf("Jane", "Doe", "jane.doe")).toEqual([]);
  });
});

describe("domainOf", () => {
  it("returns the lowercased domain", () => {
    expect(domainOf(" Jane.Doe@Acme.COM ")).toBe("acme.com");
    expect(domainOf('"a@b"@acme.com')).toBe("acme.com");
  });
  it("is null for anything not shaped like an address", () => {
    for (const bad of ["jane.doe", "@acme.com", "jane@", "", "jane@acme .com"]) expect(domainOf(bad)).toBeNull();
  });
});

describe("inferFormat", () => {
  const firstDotLast = [
    person("Jane", "Doe", "jane.doe@acme.com"), person("John", "Smith", "John.Smith@ACME.com"),
    person("Maria", "García", "maria.garcia@acme.com"), person("Ahmed", "Khan", "ahmed.khan@acme.com"),
  ];

  it("finds a clear majority and reports its share", () => {
    const samples = [...firstDotLast, person("Lisa", "Wong", "lwong@acme.com")];
    expect(inferFormat(samples, "acme.com")).toEqual({ format: "first.last", confidence: 0.8, samples: 5, matching: 4 });
  });

  it("is null when no format reaches the minimum share", () => {
    const samples = [
      firstDotLast[0], firstDotLast[1], person("Lisa", "Wong", "lwong@acme.com"), person("Tom", "Berg", "tberg@acme.com"),
      person("Sam", "Ray", "sam@acme.com"),
    ];
    expect(inferFormat(samples, "acme.com")).toBeNull();
    expect(inferFormat(samples, "acme.com", { minShare: 0.4 })).toEqual({ format: "first.last", confidence: 0.4, samples: 5, matching: 2 });
  });

  it("is null with too few matching samples", () => {
    expect(inferFormat([firstDotLast[0]], "acme.com")).toBeNull();
    expect(inferFormat([firstDotLast[0], firstDotLast[0]], "acme.com")).toBeNull(); // one person listed twice
    expect(inferFormat([firstDotLast[0]], "acme.com", { minSamples: 1 })).toEqual({ format: "first.last", confidence: 1, samples: 1, matching: 1 });
    expect(inferFormat([], "acme.com")).toBeNull();
  });

  it("ignores samples at other domains, subdomains included", () => {
    const elsewhere = ["other.com", "gmail.com", "eu.acme.com", "acme.co"].map((d, i) =>
      person(["Lisa", "Tom", "Sam", "Eve"][i], "Wong", `${"ltse"[i]}wong@${d}`));
    const result = inferFormat([...elsewhere, ...firstDotLast.slice(0, 2), ...elsewhere], " ACME.com ");
    expect(result).toEqual({ format: "first.last", confidence: 1, samples: 2, matching: 2 });
  });

  it("ignores generic mailboxes even when filed under a person-like name", () => {
    const generic = [
      person("Info", "Desk", "info@acme.com"), person("Sales", "Team", "sales@acme.com"),
      person("No", "Reply", "no-reply@acme.com"), person("Support", "EU", "Support+eu@acme.com"),
    ];
    expect(inferFormat([...generic, ...firstDotLast.slice(0, 2)], "acme.com"))
      .toEqual({ format: "first.last", confidence: 1, samples: 2, matching: 2 });
  });

  it("skips people without a usable first or last name", () => {
    const samples = [...firstDotLast.slice(0, 2), person("Jane", "", "jane@acme.com"), person("王", "伟", "wang.wei@acme.com")];
    expect(inferFormat(samples, "acme.com")).toEqual({ format: "first.last", confidence: 1, samples: 2, matching: 2 });
  });

  it("breaks a tie towards the format with more unambiguous support", () => {
    // jdoe fits firstlast and flast; annann fits firstlast and lastfirst; alee fits flast alone.
    const samples = [person("J", "Doe", "jdoe@acme.com"), person("Ann", "Ann", "annann@acme.com"), person("Anna", "Lee", "alee@acme.com")];
    expect(EMAIL_FORMATS.indexOf("firstlast")).toBeLessThan(EMAIL_FORMATS.indexOf("flast"));
    expect(inferFormat(samples, "acme.com")).toEqual({ format: "flast", confidence: 2 / 3, samples: 3, matching: 2 });
  });

  it("breaks a full tie by the order of EMAIL_FORMATS", () => {
    const samples = [person("J", "Doe", "jdoe@acme.com"), person("K", "Roe", "kroe@acme.com")];
    expect(inferFormat(samples, "acme.com")).toEqual({ format: "firstlast", confidence: 1, samples: 2, matching: 2 });
  });

  describe("round trip", () => {
    // Seeded, so a failure reproduces.
    let seed = 0x2f6b3c1d;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const letters = "abcdefghijklmnopqrstuvwxyzéüñçå";
    const name = () => {
      const length = 3 + Math.floor(random() * 6);
      const word = Array.from({ length }, () => letters[Math.floor(random() * letters.length)]).join("");
      return word[0].toUpperCase() + word.slice(1);
    };
    const people = (count: number) => Array.from({ length: count }, () => {
      let first = name(), last = name();
      while (normalizeName(first) === normalizeName(last)) last = name();
      return { first, last };
    });

    it.each(EMAIL_FORMATS.map((f) => [f]))("recovers %s from five people formatted with it", (format) => {
      for (let round = 0; round < 20; round++) {
        const samples = people(5).map(({ first, last }) => {
          expect(normalizeName(first).length).toBeGreaterThanOrEqual(3);
          expect(normalizeName(last).length).toBeGreaterThanOrEqual(3);
          return person(first, last, applyFormat(format, first, last, "acme.com")!);
        });
        expect({ samples, result: inferFormat(samples, "acme.com") })
          .toEqual({ samples, result: { format, confidence: 1, samples: 5, matching: 5 } });
      }
    });
  });
});
