import { FormEvent, useState } from "react";
import { ViewerDocument } from "../generated/graphql";
import { createGraphQLClient } from "../graphql-client";
import { errorMessage } from "../components/query-state";

/** Asks for an API key and checks it against the API before the console uses it. */
export function LoginPage({ onLogin }: { onLogin: (key: string) => void }) {
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError("Paste an API key (it starts with cfx_).");
      return;
    }
    setChecking(true);
    setError(null);
    const result = await createGraphQLClient(trimmed).query(ViewerDocument, {}, { requestPolicy: "network-only" }).toPromise();
    setChecking(false);
    if (result.data?.viewer) onLogin(trimmed);
    else setError(result.error ? errorMessage(result.error) : "This key was not accepted.");
  }

  return (
    <main className="login" id="main">
      <h1>Conflux console</h1>
      <form onSubmit={submit} noValidate aria-describedby="login-help">
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          autoFocus
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "login-error" : undefined}
        />
        <p id="login-help" className="hint">
          The key is kept in this tab's session storage only. The first start of Conflux prints an admin key; <code>conflux keys create</code> makes more.
        </p>
        {error && (
          <p id="login-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={checking}>
          {checking ? "Checking…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
