import type { ReactNode } from "react";

/** A badge's colour (styles.css `.badge-*`). The word is always there; the colour only repeats it. */
export type BadgeTone = "ok" | "info" | "warn" | "danger" | "muted";

/** A short word for a state (a status, a health, a flag), coloured by its tone. */
export function Badge({ tone, title, testId, children }: { tone: BadgeTone; title?: string; testId?: string; children: ReactNode }) {
  return (
    <span className={`badge badge-${tone}`} title={title} data-testid={testId}>
      {children}
    </span>
  );
}
