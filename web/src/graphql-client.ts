import { Client, cacheExchange, fetchExchange, subscriptionExchange } from "urql";
import { createClient as createWsClient } from "graphql-ws";

/**
 * One urql client per API key: queries and mutations over HTTP, subscriptions over graphql-ws on the same path.
 * The document cache keeps every page already seen (going back to one answers at once) and refetches the
 * queries that show a type a mutation returned.
 */
export function createGraphQLClient(apiKey: string): Client {
  const wsUrl = new URL("graphql", window.location.href);
  wsUrl.protocol = wsUrl.protocol === "https:" ? "wss:" : "ws:";
  wsUrl.hash = "";
  const ws = createWsClient({
    url: wsUrl.toString(),
    connectionParams: { authorization: `Bearer ${apiKey}` },
    lazy: true,
    retryAttempts: Infinity,
  });
  return new Client({
    url: new URL("graphql", window.location.href).pathname,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${apiKey}` } }),
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? "" }, sink) }),
        }),
      }),
    ],
  });
}
