import { useEffect, useRef } from "react";
import { useMutation } from "urql";
import { useLocation } from "wouter";
import { CustomerDeleteDocument } from "../../generated/graphql";
import { ErrorBanner } from "../../components/query-state";
import { useCustomerListState } from "./list-state";

/** Asks before deleting a customer with its events and history; once deleted, back to the list. */
export function DeleteCustomerConfirm({ id, onCancel }: { id: string; onCancel: () => void }) {
  const [{ fetching, error }, deleteCustomer] = useMutation(CustomerDeleteDocument);
  const [, navigate] = useLocation();
  const { setFlash } = useCustomerListState();
  const question = useRef<HTMLParagraphElement>(null);

  useEffect(() => question.current?.focus(), []);

  async function confirm() {
    const result = await deleteCustomer({ id });
    if (result.error) return;
    setFlash(`Customer ${id} was deleted.`);
    navigate("/");
  }

  return (
    <div className="panel customer-delete-confirm" role="group" aria-labelledby="delete-question">
      <p id="delete-question" tabIndex={-1} ref={question}>
        <strong>Delete customer {id}?</strong> Its attributes, events and history are deleted too. This cannot be undone.
      </p>
      {error && <ErrorBanner error={error} />}
      <div className="customer-buttons">
        <button type="button" className="danger" onClick={confirm} disabled={fetching}>
          {fetching ? "Deleting…" : `Yes, delete ${id}`}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={fetching}>
          Cancel
        </button>
      </div>
    </div>
  );
}
