import fs from "node:fs";
import path from "node:path";
import { printConfluxSchema } from "../../src/schema/emit-schema";

describe("committed schema", () => {
  it("matches the schema the resolvers build (run `npm run codegen` when this fails)", async () => {
    const committed = fs.readFileSync(path.resolve(__dirname, "../../src/schema/schema.graphql"), "utf8");
    expect(await printConfluxSchema()).toBe(committed);
  });
});
