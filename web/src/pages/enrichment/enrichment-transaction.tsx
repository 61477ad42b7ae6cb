import { useEffect, useRef } from "react";
import { Link } from "wouter";
import { useQuery } from "urql";
import {
  EnrichmentTransactionDetailDocument,
  type EnrichmentRecordStatus,
  type EnrichmentTransactionDetailQuery,
} from "../../generated/graphql";
import { Page } from "../../components/page";
import { ErrorBanner, Loading } from "../../components/query-state";
import { formatCount, formatDateTime } from "../../components/format";
import { KeysetPager, useCursorStack } from "../../components/keyset-pager";
import { Badge, type BadgeTone } from "../../components/badge";
import { doneOf, fieldLabel, ProgressBar, StatusBadge, useLiveProgress } from "./enrichment-progress";

const PAGE_SIZE = 25;

type Transaction = EnrichmentTransactionDetailQuery["enrichmentTransaction"];
type RecordNode = Transaction["records"]["edges"][number]["node"];

const RECORD_TONE: Record<EnrichmentRecordStatus, BadgeTone> = {
  ENRICHED: "ok",
  NOT_FOUND: "muted",
  FAILED: "danger",
  PENDING: "warn",
};

/** One transaction: its counters and progress, live until it completes, and its records page by page. */
export function EnrichmentTransactionPage({ erid }: { erid: string }) {
  const paging = useCursorStack();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: EnrichmentTransactionDetailDocument,
    variables: { erid, first: PAGE_SIZE, after: paging.after },
  });
  const tx = data?.enrichmentTransaction;

  return (
    <Page title={`Enrichment ${erid}`}>
      <p>
        <Link href="/">All transactions</Link>
      </p>
      {error && <ErrorBanner error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />}
      {!tx && fetching && <Loading label="Loading the transaction…" />}
      {tx && tx.status === "INEXISTENT" && <p>No transaction has the erid “{erid}”. It is created by its first request.</p>}
      {tx && tx.status !== "INEXISTENT" && (
        <TransactionBody
          tx={tx}
          page={paging.page}
          onRefetch={() => refetch({ requestPolicy: "network-only" })}
          onPrevious={paging.previous}
          onNext={paging.next}
        />
      )}
    </Page>
  );
}

function TransactionBody({
  tx,
  page,
  onRefetch,
  onPrevious,
  onNext,
}: {
  tx: Transaction;
  page: number;
  onRefetch: () => void;
  onPrevious: () => void;
  onNext: (endCursor: string) => void;
}) {
  const progress = useLiveProgress(tx.erid, { status: tx.status, numberOfRecords: tx.numberOfRecords, ...tx.counts });
  const done = doneOf(progress);
  // When the live counters move past what the page read, read the records again (the server sends at most two
  // events a second), so outcomes appear in the table as they arrive.
  const moved = progress.status !== tx.status || done !== doneOf({ ...tx.counts, status: tx.status, numberOfRecords: tx.numberOfRecords }) || progress.received !== tx.counts.received;
  const refetchRef = useRef(onRefetch);
  refetchRef.current = onRefetch;
  useEffect(() => {
    if (moved) refetchRef.current();
  }, [moved, progress.status, done, progress.received]);

  const pending = progress.received - done;
  const records = tx.records;
  return (
    <>
      <div className="panel enrichment-summary">
        <p className="enrichment-summary-status">
          <StatusBadge status={progress.status} /> <ProgressBar erid={tx.erid} progress={progress} />
        </p>
        <p className="visually-hidden" role="status" aria-live="polite">
          {progress.status === "COMPLETED" ? "The transaction is complete." : ""}
        </p>
        <dl className="facts enrichment-counters" aria-label="Counters">
          <dt>Records expected</dt>
          <dd data-testid="count-expected">{formatCount(progress.numberOfRecords)}</dd>
          <dt>Received</dt>
          <dd data-testid="count-received">{formatCount(progress.received)}</dd>
          <dt>Enriched</dt>
          <dd data-testid="count-enriched">{formatCount(progress.enriched)}</dd>
          <dt>Not found</dt>
          <dd data-testid="count-not-found">{formatCount(progress.notFound)}</dd>
          <dt>Failed</dt>
          <dd data-testid="count-failed">{formatCount(progress.failed)}</dd>
          <dt>Pending</dt>
          <dd data-testid="count-pending">{formatCount(pending)}</dd>
          <dt>Provider calls</dt>
          <dd data-testid="count-vendor-calls">{formatCount(tx.vendorCalls)}</dd>
          <dt>Cache hits</dt>
          <dd data-testid="count-cache-hits">{formatCount(tx.cacheHits)}</dd>
        </dl>
        <dl className="facts">
          <dt>Requested fields</dt>
          <dd>{tx.fields.map(fieldLabel).join(", ")}</dd>
          <dt>Requested</dt>
          <dd>{formatDateTime(tx.requestDate)}</dd>
          <dt>Completed</dt>
          <dd>{formatDateTime(tx.completedAt)}</dd>
          <dt>Write-back</dt>
          <dd>{tx.writeBack ? "Enriched fields are written to the customers named" : "No"}</dd>
        </dl>
      </div>

      <h2 id="results-heading">Results</h2>
      {records.edges.length === 0 ? (
        <p>No records on this page.</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="results-heading" tabIndex={0}>
          <table className="enrichment-results">
            <caption className="visually-hidden">Records in the order they arrived, page {page}</caption>
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col">Input</th>
                {tx.fields.map((f) => (
                  <th scope="col" key={f}>
                    {fieldLabel(f)}
                  </th>
                ))}
                <th scope="col">Provider</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {records.edges.map(({ node }) => (
                <RecordRow key={node.key} record={node} fields={tx.fields} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <KeysetPager
        label="Pages of results"
        page={page}
        pageInfo={records.pageInfo}
        totalCount={records.totalCount}
        pageSize={PAGE_SIZE}
        detail={`${formatCount(records.totalCount)} records`}
        onPrevious={onPrevious}
        onNext={onNext}
      />
    </>
  );
}

/** Contact fields in the order a person reads them; any other keys after, alphabetically. */
const INPUT_ORDER = ["first_name", "last_name", "email", "company_name", "company_domain", "linkedin_url", "customer_id", "record_id"];
const inputOrder = (key: string): number => {
  const i = INPUT_ORDER.indexOf(key);
  return i < 0 ? INPUT_ORDER.length : i;
};

function RecordRow({ record, fields }: { record: RecordNode; fields: string[] }) {
  const input = (record.input ?? {}) as Record<string, unknown>;
  const output = (record.output ?? {}) as Record<string, unknown>;
  const providers = (record.providers ?? {}) as Record<string, unknown>;
  const names = [...new Set(Object.values(providers).map(String))];
  return (
    <tr data-testid="record-row" data-key={record.key}>
      <td className="record-key">{record.key}</td>
      <td>
        <ul className="record-input">
          {Object.entries(input)
            .filter(([, v]) => v !== null && v !== undefined && v !== "")
            .sort(([a], [b]) => inputOrder(a) - inputOrder(b) || a.localeCompare(b))
            .map(([k, v]) => (
              <li key={k}>
                <span className="record-input-name">{k}</span> {typeof v === "string" ? v : JSON.stringify(v)}
              </li>
            ))}
        </ul>
      </td>
      {fields.map((f) => (
        <td key={f} data-field={f}>
          {output[f] === null || output[f] === undefined ? "—" : String(output[f])}
        </td>
      ))}
      <td data-testid="record-provider">
        {names.length <= 1
          ? (names[0] ?? "—")
          : Object.entries(providers)
              .map(([field, name]) => `${fieldLabel(field)}: ${String(name)}`)
              .join("; ")}
      </td>
      <td>
        <Badge tone={RECORD_TONE[record.status]} testId="record-status">
          {record.status}
        </Badge>
        {record.error && <p className="field-error">{record.error}</p>}
      </td>
    </tr>
  );
}
