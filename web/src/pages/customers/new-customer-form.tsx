import { FormEvent, useEffect, useRef, useState } from "react";
import { useMutation } from "urql";
import { useLocation } from "wouter";
import { CustomerCreateDocument } from "../../generated/graphql";
import { errorMessage } from "../../components/query-state";
import { customerHref } from "./customer-path";

interface Errors {
  id?: string;
  email?: string;
}

function validate(id: string, email: string): Errors {
  const errors: Errors = {};
  if (!id.trim()) errors.id = "Enter the customer's id.";
  if (!email.trim()) errors.email = "Enter the customer's email.";
  else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errors.email = "Enter an email address like ann@example.com.";
  return errors;
}

/** A new customer from an id and an email (both required); on success the console opens it. */
export function NewCustomerForm({ onCancel }: { onCancel: () => void }) {
  const [id, setId] = useState("");
  const [email, setEmail] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [{ fetching }, createCustomer] = useMutation(CustomerCreateDocument);
  const [, navigate] = useLocation();
  const idInput = useRef<HTMLInputElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);

  useEffect(() => idInput.current?.focus(), []);

  // Errors show once a submit was tried, then follow the typing.
  const errors = submitted ? validate(id, email) : {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const found = validate(id, email);
    if (found.id) return idInput.current?.focus();
    if (found.email) return emailInput.current?.focus();
    setServerError(null);
    const result = await createCustomer({ id: id.trim(), attributes: { email: email.trim() } });
    if (result.error || !result.data) {
      setServerError(result.error ? errorMessage(result.error) : "The customer was not created.");
      return;
    }
    navigate(customerHref(result.data.createCustomer.id));
  }

  return (
    <form className="panel" aria-labelledby="new-customer-heading" onSubmit={submit} noValidate>
      <h2 id="new-customer-heading">New customer</h2>
      <label htmlFor="new-customer-id">Id</label>
      <input
        id="new-customer-id"
        ref={idInput}
        value={id}
        required
        autoComplete="off"
        onChange={(e) => setId(e.target.value)}
        aria-invalid={errors.id ? true : undefined}
        aria-describedby={errors.id ? "new-customer-id-error" : "new-customer-id-hint"}
      />
      {errors.id ? (
        <p id="new-customer-id-error" className="field-error">
          {errors.id}
        </p>
      ) : (
        <p id="new-customer-id-hint" className="hint">
          The id your systems know the customer by (user_id); it cannot change later.
        </p>
      )}
      <label htmlFor="new-customer-email">Email</label>
      <input
        id="new-customer-email"
        ref={emailInput}
        type="email"
        value={email}
        required
        autoComplete="off"
        onChange={(e) => setEmail(e.target.value)}
        aria-invalid={errors.email ? true : undefined}
        aria-describedby={errors.email ? "new-customer-email-error" : undefined}
      />
      {errors.email && (
        <p id="new-customer-email-error" className="field-error">
          {errors.email}
        </p>
      )}
      {serverError && (
        <div className="error-banner" role="alert">
          <p>{serverError}</p>
        </div>
      )}
      <div className="customer-buttons">
        <button type="submit" disabled={fetching}>
          {fetching ? "Creating…" : "Create customer"}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
