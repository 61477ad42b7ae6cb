import { FormEvent, useState } from "react";
import { useMutation } from "urql";
import { SaveCompanyScoreRuleDocument } from "../../generated/graphql";
import { errorMessage } from "../../components/query-state";
import { RULE_FIELDS } from "./labels";
import { SCORE_RULE_CHANGES } from "./rule-changes";
import { boostError, fieldOfError, valueError } from "./rule-validation";

type Errors = { value?: string | null; boostBy?: string | null };

/** A new boost or demotion: a field, the value it matches and the boost, checked inline before the API sees it. */
export function ScoreRuleForm() {
  const [field, setField] = useState<string>(RULE_FIELDS[0].value);
  const [value, setValue] = useState("");
  const [boostBy, setBoostBy] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [{ fetching, error }, save] = useMutation(SaveCompanyScoreRuleDocument);
  const refused = fieldOfError(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const found = { value: valueError(field, value), boostBy: boostError(boostBy) };
    setErrors(found);
    if (found.value || found.boostBy) return;
    const result = await save({ field, value: value.trim(), boostBy: Number(boostBy) }, SCORE_RULE_CHANGES);
    if (result.data) {
      const rule = result.data.setScoreRule;
      setSaved(`Saved the rule ${rule.field} = ${rule.value}; scores are recomputed.`);
      setValue("");
      setBoostBy("");
    }
  }

  const valueMessage = errors.value ?? (refused === "value" ? errorMessage(error!) : null);
  const boostMessage = errors.boostBy ?? (refused === "boostBy" ? errorMessage(error!) : null);
  return (
    <form className="inline rule-form" onSubmit={submit} noValidate aria-labelledby="new-rule-heading">
      <h3 id="new-rule-heading" className="form-title">
        Add a boost or demotion
      </h3>
      <div className="field">
        <label htmlFor="rule-field">Field</label>
        <select id="rule-field" value={field} onChange={(e) => setField(e.target.value)}>
          {RULE_FIELDS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="rule-value">Value</label>
        <input
          id="rule-value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={valueMessage ? true : undefined}
          aria-describedby={valueMessage ? "rule-value-error" : undefined}
        />
        {valueMessage && (
          <p id="rule-value-error" className="field-error">
            {valueMessage}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="rule-boost">Boost by</label>
        <input
          id="rule-boost"
          type="number"
          step="any"
          min={-1}
          max={100}
          className="narrow"
          value={boostBy}
          onChange={(e) => setBoostBy(e.target.value)}
          aria-invalid={boostMessage ? true : undefined}
          aria-describedby={boostMessage ? "rule-boost-hint rule-boost-error" : "rule-boost-hint"}
        />
        {boostMessage && (
          <p id="rule-boost-error" className="field-error">
            {boostMessage}
          </p>
        )}
      </div>
      <button type="submit" disabled={fetching}>
        {fetching ? "Saving…" : "Add rule"}
      </button>
      <p id="rule-boost-hint" className="hint form-hint">
        Boost by 0.5 for +50 %, -0.3 for −30 %, -1 to hide the companies. A rule for the same field and value replaces it.
      </p>
      {error && !refused && (
        <p className="field-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div role="status" className="form-status">
        {saved && <p className="notice">{saved}</p>}
      </div>
    </form>
  );
}
