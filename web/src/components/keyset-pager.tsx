import { ReactNode, useMemo, useState } from "react";

/**
 * Keyset pages as the stack of `after` cursors that led to the page shown: the first page's is null, the last
 * one is the current page's, Next pushes the page's `endCursor` and Previous pops. The page number is the
 * stack's height. Plain functions, so a list that keeps its place above the routes can hold the stack in its
 * own state; `useCursorStack` for a list that does not.
 */
export type CursorStack = readonly (string | null)[];

export const FIRST_PAGE: CursorStack = [null];

/** The `after` argument of the page shown. */
export const afterOf = (stack: CursorStack): string | null => stack[stack.length - 1] ?? null;

/** The stack for the page after the one shown (unchanged without a cursor to go on from). */
export const nextPage = (stack: CursorStack, endCursor: string | null | undefined): CursorStack =>
  endCursor ? [...stack, endCursor] : stack;

/** The stack for the page before the one shown (unchanged on the first page). */
export const previousPage = (stack: CursorStack): CursorStack => (stack.length > 1 ? stack.slice(0, -1) : stack);

export interface CursorPaging {
  /** The `after` variable of the page shown. */
  after: string | null;
  /** The page shown, from 1. */
  page: number;
  reset: () => void;
  next: (endCursor: string | null | undefined) => void;
  previous: () => void;
}

/** A cursor stack held by the component that lists (its place is lost when it unmounts). */
export function useCursorStack(): CursorPaging {
  const [stack, setStack] = useState<CursorStack>(FIRST_PAGE);
  return useMemo(
    () => ({
      after: afterOf(stack),
      page: stack.length,
      reset: () => setStack(FIRST_PAGE),
      next: (endCursor) => setStack((s) => nextPage(s, endCursor)),
      previous: () => setStack(previousPage),
    }),
    [stack],
  );
}

/**
 * Previous, "Page n of m" and Next under a keyset-paginated list (m only when the total is known). While
 * `loading`, the page info is the previous page's: Next waits and a hint says so.
 */
export function KeysetPager({
  label,
  page,
  pageInfo,
  totalCount,
  pageSize,
  detail,
  loading = false,
  positionTestId,
  onPrevious,
  onNext,
}: {
  /** The navigation's accessible name, distinct per list, e.g. "Customer pages". */
  label: string;
  page: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount?: number;
  pageSize?: number;
  /** Said after the position, in parentheses, e.g. "57 records". */
  detail?: ReactNode;
  loading?: boolean;
  positionTestId?: string;
  onPrevious: () => void;
  onNext: (endCursor: string) => void;
}) {
  const pages = totalCount !== undefined && pageSize ? Math.max(page, Math.ceil(totalCount / pageSize)) : null;
  const endCursor = pageInfo.endCursor;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="secondary" onClick={onPrevious} disabled={page <= 1}>
        Previous
      </button>
      <span>
        <span data-testid={positionTestId}>
          Page {page}
          {pages !== null && ` of ${pages}`}
        </span>
        {detail && <> ({detail})</>}
      </span>
      <button
        type="button"
        className="secondary"
        onClick={() => endCursor && onNext(endCursor)}
        disabled={loading || !pageInfo.hasNextPage || !endCursor}
      >
        Next
      </button>
      {loading && <span className="hint">Loading…</span>}
    </nav>
  );
}
