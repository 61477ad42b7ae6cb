import { useState } from "react";
import { useMutation } from "urql";
import { CustomerDetailFieldsFragment, CustomerUpdateAttributesDocument } from "../../generated/graphql";
import { errorMessage } from "../../components/query-state";
import type { Attribute, DraftRow } from "./attribute-validation";

type Customer = CustomerDetailFieldsFragment;

interface Optimistic {
  /** The customer as the query had it when the save began. */
  base: Customer;
  /** What the page shows meanwhile: the expected result, then the mutation's own answer. */
  shown: Customer;
  done: boolean;
}

export type SaveStatus = "idle" | "saving" | "saved" | "failed";

/**
 * Optimistic attribute saves. The page shows the new values as soon as Save is pressed; if the mutation fails
 * they roll back to the query's (unchanged) values, the server's message is kept for an alert, and the editor's
 * draft that was being saved is kept (`draft`) so the editor can re-open with it for the user to correct and
 * retry. After a success the mutation's answer is shown until the query refetches (urql's document cache
 * refetches every query that shows a Customer once the mutation returns one), so the old values never flash back
 * in between.
 */
export function useAttributeSave(customer: Customer) {
  const [optimistic, setOptimistic] = useState<Optimistic | null>(null);
  const [status, setStatus] = useState<SaveStatus>("idle");
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<DraftRow[] | null>(null);
  const [, update] = useMutation(CustomerUpdateAttributesDocument);

  const shown = optimistic && (!optimistic.done || optimistic.base === customer) ? optimistic.shown : customer;

  /**
   * Saves the changes; `rows` is the editor's draft they came from, handed back as `draft` if the save fails.
   * Resolves to whether the save succeeded.
   */
  async function save(changes: Record<string, string | null>, attributes: Attribute[], rows?: DraftRow[]): Promise<boolean> {
    const base = customer;
    const byName = new Map(attributes.map((a) => [a.name, a.value]));
    const expected: Customer = {
      ...shown,
      attributes: attributes.map((a) => ({ __typename: "CustomerAttribute", ...a })),
      email: byName.get("email") ?? null,
      createdAt: byName.get("created_at") ?? null,
    };
    setOptimistic({ base, shown: expected, done: false });
    setStatus("saving");
    setError(null);
    setDraft(null);
    const result = await update({ id: customer.id, attributes: changes });
    if (result.error || !result.data) {
      setOptimistic(null);
      setStatus("failed");
      setError(result.error ? errorMessage(result.error) : "The server did not answer.");
      setDraft(rows ?? null);
      return false;
    }
    setOptimistic({ base, shown: result.data.updateCustomer, done: true });
    setStatus("saved");
    return true;
  }

  /** Forgets the draft of a failed save (the user cancelled it); the error stays until the next save. */
  const discardDraft = () => setDraft(null);

  return { shown, status, error, draft, save, discardDraft };
}
