/** Previous and Next over keyset pages; the page number is where the cursor stack stands. */
export function CustomerPager({
  page,
  pages,
  hasPrevious,
  hasNext,
  loading,
  onPrevious,
  onNext,
}: {
  page: number;
  pages: number;
  hasPrevious: boolean;
  hasNext: boolean;
  loading: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  return (
    <nav className="pager" aria-label="Customer pages">
      <button type="button" className="secondary" onClick={onPrevious} disabled={!hasPrevious}>
        Previous
      </button>
      <span data-testid="customer-page-number">
        Page {page} of {Math.max(page, pages)}
      </span>
      <button type="button" className="secondary" onClick={onNext} disabled={!hasNext}>
        Next
      </button>
      {loading && <span className="hint">Loading…</span>}
    </nav>
  );
}
