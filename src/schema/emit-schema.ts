import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildConfluxSchema } from "./build-schema";
import { createLocalPubSub } from "../events/pubsub";

/** The schema as SDL, sorted so the committed file only changes when the schema does. */
export async function printConfluxSchema(): Promise<string> {
  const schema = await buildConfluxSchema(createLocalPubSub());
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export const SCHEMA_FILE = path.resolve(__dirname, "../../../src/schema/schema.graphql");

if (require.main === module) {
  printConfluxSchema().then((sdl) => {
    fs.writeFileSync(SCHEMA_FILE, sdl);
    console.log(`wrote ${SCHEMA_FILE}`);
  });
}
