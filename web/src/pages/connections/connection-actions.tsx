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

/**
 * An admin's actions on one connection: Test (its result shown), Sync now (the queued run, or the one already active, handed to `onQueued`),
 * Pause / Resume, and Delete after a confirmation. `buttons` go in the page header, `feedback` (outcomes, the
 * delete confirmation) below it. Used only for admins; the API refuses these to members.
 */
export function useConnectionActions({
  connection,
  onQueued,
}: {
  connection: { id: string; name: string; paused: boolean } | undefined;
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
  const buttons = (
    <div className="action-buttons">
      <button type="button" className="secondary" onClick={onTest} disabled={busy}>
        {test.fetching ? "Testing…" : "Test"}
      </button>
      <button type="button" onClick={onSync} disabled={busy}>
        {sync.fetching ? "Queueing…" : "Sync now"}
      </button>
      <button type="button" className="secondary" onClick={onPause} disabled={busy}>
        {connection.paused ? "Resume" : "Pause"}
      </button>
      <button type="button" className="danger" ref={deleteButton} onClick={() => setConfirming(true)} disabled={busy || confirming}>
        Delete
      </button>
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
