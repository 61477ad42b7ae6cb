import { FormEvent, useState } from "react";
import { useMutation } from "urql";
import { MarkCompanyNoiseDocument } from "../../generated/graphql";
import { errorMessage } from "../../components/query-state";
import { NOISE_RULE_CHANGES } from "./rule-changes";

/** Admin: drop this company's (or one of its domains') events from now on, with the reason why. */
export function MarkNoiseForm({ company }: { company: { id: string; name: string; domains: string[]; noise: boolean } }) {
  const [target, setTarget] = useState<string>(company.noise && company.domains[0] ? `domain:${company.domains[0]}` : "company");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [{ fetching, error }, mark] = useMutation(MarkCompanyNoiseDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (!reason.trim()) {
      setReasonError("Say why, so others can judge the rule later.");
      return;
    }
    setReasonError(null);
    const domain = target.startsWith("domain:") ? target.slice("domain:".length) : null;
    const result = await mark({ reason: reason.trim(), ...(domain ? { domain } : { companyId: company.id }) }, NOISE_RULE_CHANGES);
    if (result.data) {
      setReason("");
      setDone(domain ? `Events of ${domain} are dropped from now on.` : `${company.name} is noise now: left out of the ranking, its events dropped.`);
    }
  }

  return (
    <section aria-labelledby="noise-heading" className="panel">
      <h2 id="noise-heading">Mark as noise</h2>
      <form onSubmit={submit} noValidate>
        <fieldset className="noise-target">
          <legend>What is noise</legend>
          <label>
            <input type="radio" name="noise-target" value="company" checked={target === "company"} onChange={() => setTarget("company")} disabled={company.noise} />{" "}
            This company{company.noise ? " (already noise)" : ""}
          </label>
          {company.domains.map((d) => (
            <label key={d}>
              <input type="radio" name="noise-target" value={`domain:${d}`} checked={target === `domain:${d}`} onChange={() => setTarget(`domain:${d}`)} /> The domain {d}
            </label>
          ))}
        </fieldset>
        <label htmlFor="noise-reason">Reason</label>
        <input
          id="noise-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? "noise-reason-error" : "noise-reason-hint"}
        />
        <p id="noise-reason-hint" className="hint">
          e.g. bot traffic, a competitor, our own staff. Undo it on the Rules page.
        </p>
        {reasonError && (
          <p id="noise-reason-error" className="field-error">
            {reasonError}
          </p>
        )}
        {error && (
          <p className="field-error" role="alert">
            {errorMessage(error)}
          </p>
        )}
        <div>
          <button type="submit" className="danger" disabled={fetching || (company.noise && target === "company")}>
            {fetching ? "Marking…" : "Mark as noise"}
          </button>
        </div>
      </form>
      <div role="status">{done && <p className="notice">{done}</p>}</div>
    </section>
  );
}
