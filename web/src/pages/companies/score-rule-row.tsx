import { FormEvent, useState } from "react";
import { useMutation } from "urql";
import { RemoveCompanyScoreRuleDocument, SaveCompanyScoreRuleDocument } from "../../generated/graphql";
import { errorMessage } from "../../components/query-state";
import { formatBoost, ruleFieldLabel } from "./labels";
import { SCORE_RULE_CHANGES } from "./rule-changes";
import { boostError } from "./rule-validation";

type Rule = { id: string; field: string; value: string; boostBy: number };

/** One rule of the table: its boost can be changed in place (the rule for a field and value is replaced) or it can go. */
export function ScoreRuleRow({ rule }: { rule: Rule }) {
  const [editing, setEditing] = useState(false);
  const [boostBy, setBoostBy] = useState(String(rule.boostBy));
  const [invalid, setInvalid] = useState<string | null>(null);
  const [saveState, save] = useMutation(SaveCompanyScoreRuleDocument);
  const [removeState, remove] = useMutation(RemoveCompanyScoreRuleDocument);
  const name = `${ruleFieldLabel(rule.field)} = ${rule.value}`;
  const inputId = `rule-${rule.id}-boost`;
  const error = saveState.error ?? removeState.error;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = boostError(boostBy);
    setInvalid(problem);
    if (problem) return;
    const result = await save({ field: rule.field, value: rule.value, boostBy: Number(boostBy) }, SCORE_RULE_CHANGES);
    if (result.data) setEditing(false);
  }

  return (
    <tr>
      <td>{ruleFieldLabel(rule.field)}</td>
      <td>{rule.value}</td>
      <td className="number">
        {editing ? (
          <form className="inline row-form" onSubmit={submit} noValidate aria-label={`Boost of ${name}`}>
            <div className="field">
              <label htmlFor={inputId} className="visually-hidden">
                New boost for {name}
              </label>
              <input
                id={inputId}
                type="number"
                step="any"
                className="narrow"
                value={boostBy}
                autoFocus
                onChange={(e) => setBoostBy(e.target.value)}
                aria-invalid={invalid ? true : undefined}
                aria-describedby={invalid ? `${inputId}-error` : undefined}
              />
              {invalid && (
                <p id={`${inputId}-error`} className="field-error">
                  {invalid}
                </p>
              )}
            </div>
            <button type="submit" disabled={saveState.fetching}>
              Save
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setEditing(false);
                setInvalid(null);
                setBoostBy(String(rule.boostBy));
              }}
            >
              Cancel
            </button>
          </form>
        ) : (
          <span data-testid="rule-boost">
            {rule.boostBy} <span className="hint">({formatBoost(rule.boostBy)})</span>
          </span>
        )}
      </td>
      <td className="actions">
        {!editing && (
          <>
            <button
              type="button"
              className="secondary"
              aria-label={`Edit ${name}`}
              onClick={() => {
                setBoostBy(String(rule.boostBy));
                setEditing(true);
              }}
            >
              Edit
            </button>
            <button type="button" className="danger" aria-label={`Delete ${name}`} disabled={removeState.fetching} onClick={() => remove({ id: rule.id }, SCORE_RULE_CHANGES)}>
              Delete
            </button>
          </>
        )}
        {error && (
          <p className="field-error" role="alert">
            {errorMessage(error)}
          </p>
        )}
      </td>
    </tr>
  );
}
