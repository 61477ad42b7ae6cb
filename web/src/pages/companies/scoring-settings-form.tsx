import { FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { CompanyScoringSettingsDocument, SaveCompanyScoringSettingsDocument } from "../../generated/graphql";
import { ErrorBanner, errorMessage, Loading } from "../../components/query-state";
import { signalLabel, WEIGHT_KEYS, WeightKey } from "./labels";
import { SCORING_CHANGES } from "./rule-changes";

type Fields = Record<WeightKey | "halfLifeDays", string>;
type Errors = Partial<Record<keyof Fields, string>>;

function validate(fields: Fields): Errors {
  const errors: Errors = {};
  for (const key of WEIGHT_KEYS) {
    const n = Number(fields[key]);
    if (!fields[key].trim() || !Number.isFinite(n) || n < 0) errors[key] = "A number, 0 or more.";
  }
  const h = Number(fields.halfLifeDays);
  if (!fields.halfLifeDays.trim() || !(h >= 7 && h <= 3650)) errors.halfLifeDays = "Between 7 and 3650 days.";
  return errors;
}

/** The signal weights and the half-life of the decay, loaded then edited. */
export function ScoringSettingsSection() {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: CompanyScoringSettingsDocument });
  return (
    <section aria-labelledby="scoring-heading">
      <h2 id="scoring-heading">Scoring settings</h2>
      <p className="hint">A score is Σ weight × count of each day's signals, halved every half-life, then multiplied by the rules.</p>
      {error && <ErrorBanner error={error} onRetry={() => reexecute({ requestPolicy: "network-only" })} />}
      {!data && fetching && <Loading />}
      {/* Filled once from what was loaded; after a save the fields already hold what the API keeps. */}
      {data && <SettingsForm settings={data.scoringSettings} />}
    </section>
  );
}

function SettingsForm({ settings }: { settings: { halfLifeDays: number; weights: Record<string, number> } }) {
  const [fields, setFields] = useState<Fields>(() => ({
    ...(Object.fromEntries(WEIGHT_KEYS.map((k) => [k, String(settings.weights[k] ?? 0)])) as Record<WeightKey, string>),
    halfLifeDays: String(settings.halfLifeDays),
  }));
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const [{ fetching, error }, save] = useMutation(SaveCompanyScoringSettingsDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const found = validate(fields);
    setErrors(found);
    if (Object.keys(found).length) return;
    const weights = Object.fromEntries(WEIGHT_KEYS.map((k) => [k, Number(fields[k])]));
    const result = await save({ weights, halfLifeDays: Number(fields.halfLifeDays) }, SCORING_CHANGES);
    if (result.data) setSaved(true);
  }

  const input = (key: keyof Fields, label: string, hint?: string) => {
    const id = `scoring-${key}`;
    const describedBy = [hint && `${id}-hint`, errors[key] && `${id}-error`].filter(Boolean).join(" ") || undefined;
    return (
      <div className="field" key={key}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="number"
          step="any"
          min={key === "halfLifeDays" ? 7 : 0}
          className="narrow"
          value={fields[key]}
          onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
          aria-invalid={errors[key] ? true : undefined}
          aria-describedby={describedBy}
        />
        {hint && (
          <span id={`${id}-hint`} className="hint">
            {hint}
          </span>
        )}
        {errors[key] && (
          <p id={`${id}-error`} className="field-error">
            {errors[key]}
          </p>
        )}
      </div>
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Scoring settings" className="scoring-form">
      <fieldset>
        <legend>Weight per signal</legend>
        <div className="inline-fields">{WEIGHT_KEYS.map((k) => input(k, signalLabel(k)))}</div>
      </fieldset>
      {input("halfLifeDays", "Half-life (days)", "A signal counts half after this many days")}
      {error && (
        <p className="field-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div>
        <button type="submit" disabled={fetching}>
          {fetching ? "Saving…" : "Save settings"}
        </button>
      </div>
      <div role="status">{saved && <p className="notice">Settings saved; every score is recomputed.</p>}</div>
    </form>
  );
}
