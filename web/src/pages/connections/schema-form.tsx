import type { ReactNode } from "react";
import { constraintHint, FieldDescription, FieldErrors, FieldValue, FormValues } from "./schema-fields";

/** A DOM id for a field key (`config.listId` → `field-config-listId`). */
export const fieldId = (key: string) => `field-${key.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/** A label with its required mark; the mark is for the eye, `aria-required` tells assistive technology. */
export function FieldLabel({ htmlFor, required, children }: { htmlFor?: string; required: boolean; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor}>
      {children}
      {required && (
        <span className="required-mark" aria-hidden="true">
          {" "}
          *
        </span>
      )}
    </label>
  );
}

/** The hint and error paragraphs under a control, and the ids that describe it. */
export function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

export function FieldMessages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}

/**
 * One group of fields described from a JSON Schema (see schema-fields.ts), as a fieldset: inputs, selects,
 * checkboxes, password inputs for secrets and JSON text areas, each with its hint and its inline error.
 */
export function SchemaForm({
  legend,
  intro,
  fields,
  values,
  errors,
  onChange,
  empty,
}: {
  legend: string;
  intro?: string;
  fields: readonly FieldDescription[];
  values: FormValues;
  errors: FieldErrors;
  onChange: (key: string, value: FieldValue) => void;
  /** Shown when the schema has no fields. */
  empty: string;
}) {
  return (
    <fieldset className="schema-form">
      <legend>{legend}</legend>
      {intro && <p className="hint">{intro}</p>}
      {fields.length === 0 && <p className="hint">{empty}</p>}
      {fields.map((field) => (
        <SchemaField key={field.key} field={field} value={values[field.key]} error={errors[field.key]} onChange={(v) => onChange(field.key, v)} />
      ))}
    </fieldset>
  );
}

function hintOf(field: FieldDescription): string | undefined {
  const parts = [field.description, constraintHint(field), field.secret ? "Write-only: stored encrypted and never shown again." : undefined];
  return parts.filter(Boolean).join(" ") || undefined;
}

export function SchemaField({
  field,
  value,
  error,
  onChange,
}: {
  field: FieldDescription;
  value: FieldValue | undefined;
  error?: string;
  onChange: (value: FieldValue) => void;
}) {
  const id = fieldId(field.key);
  const hint = hintOf(field);
  const common = {
    id,
    name: field.key,
    "aria-invalid": error ? (true as const) : undefined,
    "aria-describedby": describedBy(id, hint, error),
    "aria-required": field.required || undefined,
  };

  if (field.kind === "boolean") {
    return (
      <div className="field field-checkbox">
        <div className="checkbox-row">
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          <FieldLabel htmlFor={id} required={false}>
            {field.label}
          </FieldLabel>
        </div>
        <FieldMessages id={id} hint={hint} error={error} />
      </div>
    );
  }

  if (field.kind === "multi-enum") {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="field field-set" aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
        <legend id={id}>
          {field.label}
          {(field.required || !!field.minItems) && (
            <span className="required-mark" aria-hidden="true">
              {" "}
              *
            </span>
          )}
        </legend>
        {field.options?.map((option) => (
          <div className="checkbox-row" key={option}>
            <input
              type="checkbox"
              id={`${id}-${option}`}
              name={field.key}
              value={option}
              checked={chosen.includes(option)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))}
            />
            <label htmlFor={`${id}-${option}`}>{option}</label>
          </div>
        ))}
        <FieldMessages id={id} hint={hint} error={error} />
      </fieldset>
    );
  }

  const text = typeof value === "string" ? value : "";
  let control: ReactNode;
  if (field.kind === "enum") {
    control = (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        {(!field.required || field.default === undefined) && <option value="">{field.required ? "Choose…" : "(not set)"}</option>}
        {field.options?.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === "json") {
    control = <textarea {...common} className="json-input" rows={4} spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} />;
  } else {
    const numeric = field.kind === "integer" || field.kind === "number";
    control = (
      <input
        {...common}
        type={field.secret ? "password" : "text"}
        inputMode={numeric ? (field.kind === "integer" ? "numeric" : "decimal") : field.format === "uri" ? "url" : undefined}
        autoComplete={field.secret ? "new-password" : "off"}
        spellCheck={field.secret || numeric || field.format === "uri" ? false : undefined}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className="field">
      <FieldLabel htmlFor={id} required={field.required}>
        {field.label}
      </FieldLabel>
      {control}
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  );
}
