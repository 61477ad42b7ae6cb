import pino from "pino";

export type Logger = pino.Logger;

/** One JSON line per event on stdout; children carry accountId/connectionId/runId. */
export function createLogger(level: pino.LevelWithSilent = "info"): Logger {
  return pino({ level, base: { service: "conflux" } });
}
