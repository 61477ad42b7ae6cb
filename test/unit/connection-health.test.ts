import { healthOf, lagSecondsOf } from "../../src/services/connections/connection-health";
import { Connection } from "../../src/entities/connection";
import { SyncRun } from "../../src/entities/sync-run";

const now = new Date("2026-06-01T12:00:00Z");
function connection(patch: Partial<Connection>): Connection {
  return Object.assign(new Connection(), { paused: false, lagThresholdSeconds: 3600, createdAt: new Date("2026-06-01T00:00:00Z"), syncedThrough: null }, patch);
}
const failed = Object.assign(new SyncRun(), { status: "FAILED" });
const succeeded = Object.assign(new SyncRun(), { status: "SUCCEEDED" });

describe("connection health", () => {
  it("is HEALTHY when synced within the threshold", () => {
    expect(healthOf(connection({ syncedThrough: new Date("2026-06-01T11:30:00Z") }), succeeded, now)).toBe("HEALTHY");
  });
  it("is LAGGING past the threshold, counting from creation when never synced", () => {
    expect(healthOf(connection({ syncedThrough: new Date("2026-06-01T10:59:59Z") }), succeeded, now)).toBe("LAGGING");
    expect(healthOf(connection({}), undefined, now)).toBe("LAGGING");
    expect(healthOf(connection({ createdAt: new Date("2026-06-01T11:59:00Z") }), undefined, now)).toBe("HEALTHY");
  });
  it("is FAILING after a failed run and PAUSED above all", () => {
    expect(healthOf(connection({ syncedThrough: now }), failed, now)).toBe("FAILING");
    expect(healthOf(connection({ paused: true }), failed, now)).toBe("PAUSED");
  });
  it("measures lag in whole seconds", () => {
    expect(lagSecondsOf(connection({ syncedThrough: new Date("2026-06-01T11:59:30.500Z") }), now)).toBe(29);
  });
});
