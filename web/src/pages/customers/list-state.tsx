import { createContext, ReactNode, useContext, useMemo, useState } from "react";
import type { CustomerOrder } from "../../generated/graphql";
import { FIRST_PAGE, type CursorStack } from "../../components/keyset-pager";

export type MatchMode = "contains" | "equals";

export interface CustomerSearch {
  attribute: string;
  match: MatchMode;
  value: string;
}

/**
 * Where the list stands: the search, the order, the page size and the stack of `after` cursors that led to the
 * page shown (the last one is the current page's; Previous pops it). Held above the routes so that opening a
 * customer and coming back lands on the same page, which urql's cache then answers at once.
 */
export interface ListState {
  search: CustomerSearch | null;
  orderBy: CustomerOrder;
  first: number;
  cursors: CursorStack;
}

export const PAGE_SIZES = [10, 25, 50, 100];
export const INITIAL_LIST_STATE: ListState = { search: null, orderBy: "ID_ASC", first: 25, cursors: FIRST_PAGE };

interface ListContextValue {
  state: ListState;
  setState: (update: (state: ListState) => ListState) => void;
  /** A one-off message for the list, e.g. that a customer was deleted. */
  flash: string | null;
  setFlash: (message: string | null) => void;
}

const ListContext = createContext<ListContextValue | null>(null);

export function CustomerListStateProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState(INITIAL_LIST_STATE);
  const [flash, setFlash] = useState<string | null>(null);
  const value = useMemo(() => ({ state, setState, flash, setFlash }), [state, flash]);
  return <ListContext.Provider value={value}>{children}</ListContext.Provider>;
}

export function useCustomerListState(): ListContextValue {
  const value = useContext(ListContext);
  if (!value) throw new Error("useCustomerListState outside CustomerListStateProvider");
  return value;
}

/** The query's filter argument for a search (null when there is none). */
export function filterOf(search: CustomerSearch | null) {
  if (!search) return null;
  return search.match === "equals" ? { attribute: search.attribute, equals: search.value } : { attribute: search.attribute, contains: search.value };
}
