import { useRef, useState } from "react";
import { Link } from "wouter";
import type { CustomerDetailFieldsFragment } from "../../generated/graphql";
import { Page } from "../../components/page";
import { formatCount, formatDateTime } from "../../components/format";
import { AttributeEditor } from "./attribute-editor";
import { AttributeTable } from "./attribute-table";
import { EventCounts } from "./event-counts";
import { DeleteCustomerConfirm } from "./delete-customer";
import { useAttributeSave } from "./use-attribute-save";
import { createdAtValue } from "./customer-path";

const SAVE_STATUS = { idle: "", saving: "Saving…", saved: "Saved.", failed: "" } as const;

/** A customer: its facts, its attributes (shown or edited), its event counts, and deletion. */
export function CustomerDetails({ customer }: { customer: CustomerDetailFieldsFragment }) {
  const { shown, status, error, draft, save, discardDraft } = useAttributeSave(customer);
  const [editing, setEditing] = useState(false);
  // A save that failed re-opens the editor with its draft, the saved values shown above it.
  const editorOpen = editing || draft !== null;
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const attributesHeading = useRef<HTMLHeadingElement>(null);

  const refocus = (element: { current: HTMLElement | null }) => requestAnimationFrame(() => element.current?.focus());

  return (
    <Page
      title={`Customer ${customer.id}`}
      actions={
        <button
          type="button"
          className="danger"
          ref={deleteButton}
          aria-expanded={confirmingDelete}
          aria-controls="delete-customer"
          onClick={() => setConfirmingDelete(true)}
        >
          Delete customer
        </button>
      }
    >
      <p>
        <Link href="/">← All customers</Link>
      </p>
      <div id="delete-customer">
        {confirmingDelete && (
          <DeleteCustomerConfirm
            id={customer.id}
            onCancel={() => {
              setConfirmingDelete(false);
              refocus(deleteButton);
            }}
          />
        )}
      </div>

      <dl className="facts">
        <dt>Id</dt>
        <dd data-testid="customer-id">{shown.id}</dd>
        <dt>Email</dt>
        <dd data-testid="customer-email">{shown.email ?? "—"}</dd>
        <dt>Created</dt>
        <dd data-testid="customer-created">{formatDateTime(createdAtValue(shown.createdAt))}</dd>
        <dt>Last updated</dt>
        <dd data-testid="customer-last-updated">{formatDateTime(shown.lastUpdated)}</dd>
      </dl>

      <section aria-labelledby="attributes-heading">
        <div className="customer-section-header">
          <h2 id="attributes-heading" tabIndex={-1} ref={attributesHeading}>
            Attributes <span className="hint">({formatCount(shown.attributes.length)})</span>
          </h2>
          {!editorOpen && (
            <button type="button" className="secondary" ref={editButton} disabled={status === "saving"} onClick={() => setEditing(true)}>
              Edit attributes
            </button>
          )}
        </div>
        <p className="customer-save-status" role="status" data-testid="save-status">
          {SAVE_STATUS[status]}
        </p>
        {error && (
          <div className="error-banner" role="alert">
            <p>Could not save the attributes: {error}</p>
            <p>Nothing was changed; the values shown are the saved ones.</p>
          </div>
        )}
        {(!editorOpen || draft) && <AttributeTable attributes={shown.attributes} />}
        {editorOpen && (
          <AttributeEditor
            attributes={shown.attributes}
            draft={draft}
            onCancel={() => {
              setEditing(false);
              discardDraft();
              refocus(editButton);
            }}
            onSave={(changes, result, rows) => {
              setEditing(false);
              void save(changes, result, rows);
              refocus(attributesHeading);
            }}
          />
        )}
      </section>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading">Events</h2>
        <EventCounts events={shown.events} />
      </section>
    </Page>
  );
}
