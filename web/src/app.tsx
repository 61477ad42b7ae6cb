import { useMemo, useState } from "react";
import { Provider } from "urql";
import { createGraphQLClient } from "./graphql-client";
import { forgetApiKey, storedApiKey, storeApiKey } from "./session";
import { LoginPage } from "./pages/login-page";
import { SignedIn } from "./signed-in";

/** The login gate: without a key the login page, with one the console acting as that key. */
export function App() {
  const [apiKey, setApiKey] = useState<string | null>(storedApiKey);
  const client = useMemo(() => (apiKey ? createGraphQLClient(apiKey) : null), [apiKey]);

  if (!apiKey || !client) {
    return (
      <LoginPage
        onLogin={(key) => {
          storeApiKey(key);
          setApiKey(key);
        }}
      />
    );
  }
  return (
    <Provider value={client}>
      <SignedIn
        onLogout={() => {
          forgetApiKey();
          setApiKey(null);
        }}
      />
    </Provider>
  );
}
