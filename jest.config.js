/** Jest runs the TypeScript sources through ts-jest (decorator metadata kept); each file gets its own database. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true, diagnostics: false }] },
  setupFiles: ["reflect-metadata"],
  testTimeout: 60000,
  maxWorkers: process.env.CI ? 2 : "50%",
};
