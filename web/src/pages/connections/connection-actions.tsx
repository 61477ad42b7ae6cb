import { ReactNode, useEffect, useRef, useState } from "react";
import { useLocation } from "wouter";
import { useMutation } from "urql";
import {
  ConnectionsDeleteDocument,
  ConnectionsSetPausedDocument,
  ConnectionsTestDocument,
  ConnectionsTriggerSyncDocument,
} from "../../generated/graphql";
import { errorMessage } from "../../components/query-state";
import type { Run } from "./live-runs";

type Outcome = { ok: boolean; message: string } | null;

/** An action on one connection; `pause` is the Pause / Resume toggle. */
export type ConnectionAction = "test" | "sync" | "pause" | "delete";

/**
 * What a role may do to a connection, as the API allows it: any role may sync (refreshing data is not
 * administration), only an ADMIN may test, pause / resume or delete.
 */
export const MEMBER_ACTIONS: readonly ConnectionAction[] = ["sync"];
export const ADMIN_ACTIONS: readonly ConnectionAction[] = ["test", "sync", "pause", "delete"];

/**
 * The actions on one connection that the caller may use (`allowed`, e.g. MEMBER_ACTIONS or ADMIN_ACTIONS):
 * Test (its result shown), Sync now (the queued run, or the one already active, handed to `onQueued`),
 * Pause / Resume, and Delete after a confirmation. Only the allowed ones get a button. `buttons` go in the page
 * header (null when none is allowed), `feedback` (outcomes, the delete confirmation) below it.
 */
export function useConnectionActions({
  connection,
  allowed,
  onQueued,
}: {
  connection: { id: string; name: string; paused: boolean } | undefined;
  allowed: readonly ConnectionAction[];
  onQueued: (run: Run) => void;
}): { buttons: ReactNode; feedback: ReactNode } {
  const [, navigate] = useLocation();
  const [test, runTest] = useMutation(ConnectionsTestDocument);
  const [sync, triggerSync] = useMutation(ConnectionsTriggerSyncDocument);
  const [pause, setPaused] = useMutation(ConnectionsSetPausedDocument);
  const [remove, deleteConnection] = useMutation(ConnectionsDeleteDocument);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  if (!connection) return { buttons: null, feedback: null };
  const id = connection.id;
  const may = (action: ConnectionAction) => allowed.includes(action);

  async function onTest() {
    setOutcome(null);
    const result = await runTest({ id });
    if (result.data) {
      const { ok, message } = result.data.testConnection;
      setOutcome({ ok, message: ok ? `Test passed: ${message}` : `Test failed: ${message}` });
    } else if (result.error) setOutcome({ ok: false, message: `Test could not run: ${errorMessage(result.error)}` });
  }

  async function onSync() {
    setOutcome(null);
    const result = await triggerSync({ id });
    if (result.data) {
      onQueued(result.data.triggerSync);
      setOutcome({ ok: true, message: "Sync requested: its progress shows under Latest run." });
    } else if (result.error) setOutcome({ ok: false, message: `Sync could not be queued: ${errorMessage(result.error)}` });
  }

  async function onPause() {
    setOutcome(null);
    const result = await setPaused({ id, paused: !connection!.paused });
    if (result.data) {
      setOutcome({ ok: true, message: result.data.updateConnection.paused ? "Paused: scheduled syncs stop until resumed." : "Resumed: scheduled syncs run again." });
    } else if (result.error) setOutcome({ ok: false, message: errorMessage(result.error) });
  }

  async function onDelete() {
    const result = await deleteConnection({ id });
    if (result.data) navigate("/");
    else if (result.error) {
      setConfirming(false);
      setOutcome({ ok: false, message: `Could not delete: ${errorMessage(result.error)}` });
    }
  }

  const busy = test.fetching || sync.fetching || pause.fetching || remove.fetching;
  const buttons = allowed.length === 0 ? null : (
    <div className="action-buttons">
      {may("test") && (
        <button type="button" className="secondary" onClick={onTest} disabled={busy}>
          {test.fetching ? "Testing…" : "Test"}
        </button>
      )}
      {may("sync") && (
        <button type="button" onClick={onSync} disabled={busy}>
          {sync.fetching ? "Queueing…" : "Sync now"}
        </button>
      )}
      {may("pause") && (
        <button type="button" className="secondary" onClick={onPause} disabled={busy}>
          {connection.paused ? "Resume" : "Pause"}
        </button>
      )}
      {may("delete") && (
        <button type="button" className="danger" ref={deleteButton} onClick={() => setConfirming(true)} disabled={busy || confirming}>
          Delete
        </button>
      )}
    </div>
  );
  const feedback = (
    <>
      <div aria-live="polite" className="action-outcome" data-testid="action-outcome">
        {outcome && <p className={outcome.ok ? "notice" : "error-banner"}>{outcome.message}</p>}
      </div>
      {confirming && (
        <div className="panel confirm" role="group" aria-labelledby="confirm-delete-title">
          <p id="confirm-delete-title">
            <strong>Delete {connection.name}?</strong> Its runs, sync records and alerts go with it. Customers already synced stay.
          </p>
          <div className="action-buttons">
            <button type="button" className="danger" ref={confirmButton} onClick={onDelete} disabled={remove.fetching}>
              {remove.fetching ? "Deleting…" : "Delete connection"}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setConfirming(false);
                deleteButton.current?.focus();
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
    </>
  );
  return { buttons, feedback };
}
