import { useState } from "react";
import { Link } from "wouter";
import { useMutation, useQuery } from "urql";
import { AcceptCompanyNoiseProposalDocument, CompanyNoiseDocument, CompanyNoiseQuery, UndoCompanyNoiseRuleDocument } from "../../generated/graphql";
import { ErrorBanner, errorMessage, Loading } from "../../components/query-state";
import { formatCount, formatDateTime } from "../../components/format";
import { NOISE_RULE_CHANGES } from "./rule-changes";

// Empty lists carry no typename for the cache to know the query by.
const CONTEXT = { additionalTypenames: ["NoiseRule", "NoiseProposal"] };

type Target = { domain: string | null; ipRange?: string | null; companyId: string | null };

/** What a rule or a proposal is about: a domain, an IP range or a company (linked). */
function TargetCell({ target }: { target: Target }) {
  if (target.domain) return <>Domain {target.domain}</>;
  if (target.ipRange) return <>IP range {target.ipRange}</>;
  if (target.companyId) return <Link href={`/${encodeURIComponent(target.companyId)}`}>Company {target.companyId.slice(0, 8)}…</Link>;
  return <>—</>;
}

function targetName(target: Target): string {
  return target.domain ?? target.ipRange ?? `company ${target.companyId}`;
}

/** The account's noise rules with what they dropped, and the rules the data proposes. */
export function NoiseSection() {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: CompanyNoiseDocument, context: CONTEXT });
  return (
    <section aria-labelledby="noise-rules-heading">
      <h2 id="noise-rules-heading">Noise</h2>
      <p className="hint">Events of a noise domain, IP range or company are dropped at ingestion (and counted as the rule's hits); a noise company leaves the ranking.</p>
      {error && <ErrorBanner error={error} onRetry={() => reexecute({ requestPolicy: "network-only" })} />}
      {!data && fetching && <Loading />}
      {data && (
        <>
          <NoiseRules rules={data.noiseRules} />
          <NoiseProposals proposals={data.noiseProposals} />
        </>
      )}
    </section>
  );
}

function NoiseRules({ rules }: { rules: CompanyNoiseQuery["noiseRules"] }) {
  const [reprocess, setReprocess] = useState(true);
  const [{ fetching, error }, undo] = useMutation(UndoCompanyNoiseRuleDocument);
  const [undone, setUndone] = useState<string | null>(null);
  if (rules.length === 0) return <p>No noise rules. Mark a company or domain as noise on its page, or accept a proposal below.</p>;
  return (
    <>
      <table className="noise-rules">
        <caption>Noise rules in force</caption>
        <thead>
          <tr>
            <th scope="col">Noise</th>
            <th scope="col">Reason</th>
            <th scope="col">Source</th>
            <th scope="col" className="number">
              Hits
            </th>
            <th scope="col">Since</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.id}>
              <td>
                <TargetCell target={rule} />
              </td>
              <td>{rule.reason}</td>
              <td>{rule.source}</td>
              <td className="number">{formatCount(rule.hits)}</td>
              <td>{formatDateTime(rule.createdAt)}</td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Undo noise rule on ${targetName(rule)}`}
                  disabled={fetching}
                  onClick={async () => {
                    const result = await undo({ id: rule.id, reprocess }, NOISE_RULE_CHANGES);
                    if (result.data) setUndone(`Undid the rule on ${targetName(rule)}${reprocess ? "; its events since it was made count again" : ""}.`);
                  }}
                >
                  Undo
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="noise-reprocess">
        <input type="checkbox" checked={reprocess} onChange={(e) => setReprocess(e.target.checked)} /> On undo, count the events the rule dropped again
        (reprocess)
      </label>
      {error && (
        <p className="field-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div role="status">{undone && <p className="notice">{undone}</p>}</div>
    </>
  );
}

function NoiseProposals({ proposals }: { proposals: CompanyNoiseQuery["noiseProposals"] }) {
  const [{ fetching, error }, accept] = useMutation(AcceptCompanyNoiseProposalDocument);
  return (
    <>
      <h3>Proposals</h3>
      {proposals.length === 0 ? (
        <p>No proposals: nothing across accounts looks like noise.</p>
      ) : (
        <table className="noise-proposals">
          <caption>Proposed from what every account sees</caption>
          <thead>
            <tr>
              <th scope="col">Noise</th>
              <th scope="col">Why</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {proposals.map((p) => (
              <tr key={`${p.domain}|${p.companyId}`}>
                <td>
                  <TargetCell target={p} />
                </td>
                <td>{p.reason}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`Accept proposal on ${targetName(p)}`}
                    disabled={fetching}
                    onClick={() => accept({ domain: p.domain, companyId: p.companyId, reason: p.reason }, NOISE_RULE_CHANGES)}
                  >
                    Accept
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p className="field-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
    </>
  );
}
