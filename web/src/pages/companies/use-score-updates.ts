import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import { CompanyScoreMovedDocument } from "../../generated/graphql";

/**
 * Calls `onUpdate` when companies' scores move (the companyScoreChanged subscription). Ingestion announces a
 * batch one company at a time, so messages are gathered: `onUpdate` runs once the stream is quiet for `quietMs`,
 * and at least every `maxWaitMs` while it keeps on.
 */
export function useScoreUpdates(onUpdate: () => void, { quietMs = 400, maxWaitMs = 2000 } = {}): void {
  const [{ data: received = 0 }] = useSubscription({ query: CompanyScoreMovedDocument, variables: {} }, (count: number = 0) => count + 1);
  const latest = useRef(onUpdate);
  latest.current = onUpdate;
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const firstPending = useRef<number | null>(null);

  useEffect(() => {
    if (received === 0) return;
    const now = Date.now();
    firstPending.current ??= now;
    const wait = Math.max(0, Math.min(quietMs, firstPending.current + maxWaitMs - now));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      firstPending.current = null;
      latest.current();
    }, wait);
  }, [received, quietMs, maxWaitMs]);

  useEffect(() => () => clearTimeout(timer.current), []);
}
