import { FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { Link, useLocation } from "wouter";
import { useMutation, useQuery } from "urql";
import { ConnectionsConnectorKindsDocument, ConnectionsConnectorKindsQuery, ConnectionsRegisterDocument } from "../../generated/graphql";
import { Page } from "../../components/page";
import { ErrorBanner, Loading } from "../../components/query-state";
import { useIsAdmin } from "../../viewer";
import { collectValues, describeFields, FieldErrors, FieldValue, FormValues, initialValues } from "./schema-fields";
import { describedBy, FieldLabel, FieldMessages, fieldId, SchemaForm } from "./schema-form";
import { splitServerErrors } from "./server-errors";

type Kind = ConnectionsConnectorKindsQuery["connectorKinds"][number];

/** Register (admin only): choose a connector kind, then fill the form its JSON Schemas describe. */
export function RegisterConnectionPage() {
  const isAdmin = useIsAdmin();
  const [result, refetch] = useQuery({ query: ConnectionsConnectorKindsDocument, pause: !isAdmin });
  const [kindName, setKindName] = useState("");
  const kinds = result.data?.connectorKinds ?? [];
  const kind = kinds.find((k) => k.kind === kindName);

  if (!isAdmin) {
    return (
      <Page title="Register a connection">
        <p className="notice">Only an admin of this account can register connections.</p>
        <p>
          <Link href="/">All connections</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title="Register a connection">
      {result.fetching && !result.data && <Loading />}
      {result.error && !result.data && <ErrorBanner error={result.error} onRetry={() => refetch({ requestPolicy: "network-only" })} />}
      {result.data && (
        <>
          <div className="field kind-choice">
            <FieldLabel htmlFor="connector-kind" required>
              Connector kind
            </FieldLabel>
            <select id="connector-kind" value={kindName} onChange={(e) => setKindName(e.target.value)} aria-describedby="connector-kind-hint" aria-required>
              <option value="">Choose a kind…</option>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.displayName} ({k.kind})
                </option>
              ))}
            </select>
            <p id="connector-kind-hint" className="hint">
              {kind ? kind.description : "What to connect: the form below asks for what that kind needs."}
            </p>
          </div>
          {kind && <RegisterForm key={kind.kind} kind={kind} />}
        </>
      )}
    </Page>
  );
}

const CRON = /^\s*\S+(\s+\S+){4,5}\s*$/;

function RegisterForm({ kind }: { kind: Kind }) {
  const [, navigate] = useLocation();
  const [registration, register] = useMutation(ConnectionsRegisterDocument);
  const configFields = useMemo(() => describeFields(kind.configSchema, "config"), [kind]);
  const secretFields = useMemo(() => describeFields(kind.secretSchema, "secret", { secret: true }), [kind]);
  const [values, setValues] = useState<FormValues>(() => ({ name: "", schedule: "", ...initialValues(configFields), ...initialValues(secretFields) }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [focusFirstError, setFocusFirstError] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  const keys = useMemo(() => ["name", "schedule", ...configFields.map((f) => f.key), ...secretFields.map((f) => f.key)], [configFields, secretFields]);
  const labels = useMemo(
    () => new Map<string, string>([["name", "Name"], ["schedule", "Schedule"], ...[...configFields, ...secretFields].map((f) => [f.key, f.label] as [string, string])]),
    [configFields, secretFields],
  );

  // After a failed submit the first field in error takes the focus (or the summary, when no field is named).
  useEffect(() => {
    if (!focusFirstError) return;
    const first = keys.find((k) => errors[k]);
    const target = first ? document.querySelector<HTMLElement>(`.register-form [name="${CSS.escape(first)}"]`) : summary.current;
    target?.focus();
  }, [focusFirstError]); // only on a new submit

  const change = (key: string, value: FieldValue) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    const name = String(values.name ?? "").trim();
    const schedule = String(values.schedule ?? "").trim();
    if (!name) found.name = "Name is required.";
    if (schedule && !CRON.test(schedule)) found.schedule = "Schedule must be a cron expression of 5 or 6 fields, such as 0 * * * *.";
    const config = collectValues(configFields, values);
    const secret = collectValues(secretFields, values);
    Object.assign(found, config.errors, secret.errors);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setFocusFirstError((n) => n + 1);
      return;
    }
    setErrors({});
    const res = await register({ kind: kind.kind, name, config: config.value, secret: secret.value, schedule: schedule || null });
    if (res.data) {
      navigate(`/${res.data.registerConnection.id}`);
      return;
    }
    if (res.error) {
      const split = splitServerErrors(res.error, keys, labels);
      setErrors(split.fields);
      setGeneral(split.general);
      setFocusFirstError((n) => n + 1);
    }
  }

  const errorCount = Object.keys(errors).length;
  const nameHint = "How this connection is listed; unique in the account.";
  const scheduleHint = "Cron in UTC, e.g. 0 * * * * for hourly. Leave empty to sync only when asked (Sync now).";
  return (
    <form onSubmit={submit} noValidate aria-label={`Register a ${kind.displayName} connection`} className="register-form">
      <div ref={summary} tabIndex={-1} aria-live="assertive" className="form-summary">
        {(errorCount > 0 || general.length > 0) && (
          <div className="error-banner" role="alert">
            {errorCount > 0 && (
              <p>
                {errorCount === 1 ? "One field needs" : `${errorCount} fields need`} attention: see the message{errorCount === 1 ? "" : "s"} next to{" "}
                {errorCount === 1 ? "it" : "them"}.
              </p>
            )}
            {general.map((g) => (
              <p key={g}>{g}</p>
            ))}
          </div>
        )}
      </div>
      <p className="hint">Fields marked * are required.</p>
      <fieldset className="schema-form">
        <legend>Connection</legend>
        <TextField id="name" label="Name" required value={String(values.name ?? "")} hint={nameHint} error={errors.name} onChange={(v) => change("name", v)} />
        <TextField
          id="schedule"
          label="Schedule"
          value={String(values.schedule ?? "")}
          hint={scheduleHint}
          error={errors.schedule}
          onChange={(v) => change("schedule", v)}
        />
      </fieldset>
      <SchemaForm legend="Settings" fields={configFields} values={values} errors={errors} onChange={change} empty="This kind has no settings." />
      <SchemaForm
        legend="Credentials"
        intro="Sent once and stored encrypted; the API never returns them."
        fields={secretFields}
        values={values}
        errors={errors}
        onChange={change}
        empty="This kind needs no credentials."
      />
      <div className="action-buttons">
        <button type="submit" disabled={registration.fetching}>
          {registration.fetching ? "Registering…" : "Register connection"}
        </button>
        <Link href="/" className="button-link secondary">
          Cancel
        </Link>
      </div>
    </form>
  );
}

/** Name and schedule: the two fields every kind has, outside its schemas. */
function TextField(props: { id: string; label: string; required?: boolean; value: string; hint: string; error?: string; onChange: (v: string) => void }) {
  const id = fieldId(props.id);
  return (
    <div className="field">
      <FieldLabel htmlFor={id} required={!!props.required}>
        {props.label}
      </FieldLabel>
      <input
        id={id}
        name={props.id}
        type="text"
        autoComplete="off"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-required={props.required || undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
      <FieldMessages id={id} hint={props.hint} error={props.error} />
    </div>
  );
}
