import { isDatabaseUnavailable } from "../../src/db/unavailable";

describe("isDatabaseUnavailable", () => {
  it("is true of a database that cannot be reached now, and of nothing it refused", () => {
    const unavailable = [
      { code: "57P01", message: "terminating connection due to administrator command" },
      { code: "57P03", message: "the database system is starting up" },
      { code: "08006", message: "connection failure" },
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      new Error("Connection terminated unexpectedly"),
      new Error("Client has encountered a connection error and is not queryable"),
    ];
    const refused = [
      { code: "23505", message: "duplicate key value violates unique constraint" },
      { code: "42P01", message: 'relation "x" does not exist' },
      { code: "57014", message: "canceling statement due to statement timeout" },
      new Error("Cannot use a pool after calling end on the pool"),
      undefined,
      "a string",
    ];
    expect(unavailable.filter((e) => !isDatabaseUnavailable(e))).toEqual([]);
    expect(refused.filter((e) => isDatabaseUnavailable(e))).toEqual([]);
  });
});
