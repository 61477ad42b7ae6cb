import { Foundation1764000000000 } from "./1764000000000-foundation";

/** Migrations in order. Listed explicitly so the same list runs from TypeScript (tests) and compiled JS. */
export const migrations = [Foundation1764000000000];
