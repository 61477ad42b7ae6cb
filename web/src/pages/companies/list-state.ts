import { useCallback, useState } from "react";
import { FIRST_PAGE, type CursorStack } from "../../components/keyset-pager";
import { FilterFields, NO_FILTERS } from "./list-filters";

/** Where the ranked list was: its filters and the cursors of the pages before the one shown. */
export interface ListState {
  filters: FilterFields;
  /** `after` of every page up to the current one; the first page's is null. */
  cursors: CursorStack;
}

const INITIAL: ListState = { filters: NO_FILTERS, cursors: FIRST_PAGE };

// Kept for the tab's life, so coming back from a company finds the list as it was left.
let remembered: ListState = INITIAL;

export function useListState(): [ListState, (next: ListState) => void] {
  const [state, setState] = useState(remembered);
  const update = useCallback((next: ListState) => {
    remembered = next;
    setState(next);
  }, []);
  return [state, update];
}
