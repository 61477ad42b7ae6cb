import { FormEvent, useEffect, useRef, useState } from "react";
import { Attribute, attributeChanges, draftOf, DraftRow, nameErrors, resultingAttributes } from "./attribute-validation";

/** The number in a new row's key (`new:3` → 3). */
const newRowNumber = (row: DraftRow) => (row.kind === "new" ? Number(row.key.slice("new:".length)) : 0);

/**
 * A failed save's draft laid over the attributes as they are now (normally the ones it started from): each
 * attribute keeps the user's new value or removal mark, and the rows they added come back as they were. An
 * attribute the user changed that has gone in the meantime comes back as a new row, so their value is not lost.
 */
function restoreDraft(attributes: Attribute[], draft: DraftRow[]): DraftRow[] {
  const before = new Map(draft.flatMap((r) => (r.kind === "existing" ? [[r.name, r] as const] : [])));
  const rows: DraftRow[] = draftOf(attributes).map((row) => {
    const was = before.get(row.name);
    if (was?.removed) return { ...row, removed: true };
    if (was && was.value !== was.original) return { ...row, value: was.value };
    return row;
  });
  rows.push(...draft.filter((r) => r.kind === "new"));
  const current = new Set(attributes.map((a) => a.name));
  let n = Math.max(0, ...draft.map(newRowNumber));
  for (const was of before.values()) {
    if (!current.has(was.name) && !was.removed && was.value !== was.original) {
      rows.push({ kind: "new", key: `new:${++n}`, name: was.name, value: was.value });
    }
  }
  return rows;
}

/** The id of the first field the draft changes (an edited value, a removal's Keep button, an added row's name). */
function firstChangeId(rows: DraftRow[]): string | null {
  for (const [index, row] of rows.entries()) {
    if (row.kind === "new") return `attr-new-${newRowNumber(row)}-name`;
    if (row.removed) return `attr-existing-${index}-toggle`;
    if (row.value !== row.original) return `attr-existing-${index}-value`;
  }
  return null;
}

/**
 * Edits a customer's attributes: change a value, mark one for removal (undoable), add new ones. Names are
 * checked as they are typed; Save stays disabled while a name is wrong or nothing changed. Given the `draft` of
 * a save that failed, it opens holding that draft (over the attributes as they are now) with the focus on the
 * first field it changes, so the user can correct it and save again.
 */
export function AttributeEditor({
  attributes,
  draft,
  onSave,
  onCancel,
}: {
  attributes: Attribute[];
  draft?: DraftRow[] | null;
  onSave: (changes: Record<string, string | null>, result: Attribute[], rows: DraftRow[]) => void;
  onCancel: () => void;
}) {
  const [rows, setRows] = useState<DraftRow[]>(() => (draft ? restoreDraft(attributes, draft) : draftOf(attributes)));
  const [restored] = useState(() => !!draft);
  const nextKey = useRef(Math.max(0, ...rows.map(newRowNumber)) + 1);
  const focusId = useRef<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const id = restored ? firstChangeId(rows) : null;
    const target = () => (id && document.getElementById(id)) || form.current?.querySelector<HTMLElement>("input, button");
    target()?.focus();
    if (!restored) return;
    // A save that fails fast can re-open the editor before the page's own move of the focus (scheduled for the
    // next frame when Save was pressed) has happened: take the focus back once it has.
    const frame = requestAnimationFrame(() => {
      if (!form.current?.contains(document.activeElement)) target()?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  useEffect(() => {
    if (!focusId.current) return;
    document.getElementById(focusId.current)?.focus();
    focusId.current = null;
  }, [rows]);

  const errors = nameErrors(rows);
  const changes = attributeChanges(attributes, rows);
  const changeCount = Object.keys(changes).length;
  const canSave = errors.size === 0 && changeCount > 0;
  const newRows = rows.filter((r) => r.kind === "new");

  const update = (key: string, patch: Partial<{ name: string; value: string; removed: boolean }>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? ({ ...r, ...patch } as DraftRow) : r)));

  function add() {
    const n = nextKey.current++;
    focusId.current = `attr-new-${n}-name`;
    setRows((rs) => [...rs, { kind: "new", key: `new:${n}`, name: "", value: "" }]);
  }

  function discard(key: string) {
    setRows((rs) => rs.filter((r) => r.key !== key));
    addButton.current?.focus();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (canSave) onSave(changes, resultingAttributes(rows), rows);
  }

  const status =
    errors.size > 0
      ? `Fix the ${errors.size === 1 ? "name marked" : `${errors.size} names marked`} in red to save.`
      : changeCount === 0
        ? "No changes yet."
        : `${changeCount} ${changeCount === 1 ? "change" : "changes"} to save.`;

  return (
    <form ref={form} className="customer-attribute-editor" aria-labelledby="attributes-heading" onSubmit={submit} noValidate>
      {restored && <p className="hint">Your changes below were not saved. Correct them and save again, or cancel to drop them.</p>}
      <table>
        <caption className="visually-hidden">Attributes being edited</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            if (row.kind === "existing") {
              const id = `attr-existing-${index}-value`;
              return (
                <tr key={row.key} className={row.removed ? "customer-attribute-removed" : undefined}>
                  <th scope="row">{row.name}</th>
                  <td>
                    {row.removed ? (
                      <>
                        <del>{row.original}</del> <span className="hint">Will be removed</span>
                      </>
                    ) : (
                      <>
                        <label className="visually-hidden" htmlFor={id}>
                          Value of {row.name}
                        </label>
                        <input id={id} value={row.value} autoComplete="off" onChange={(e) => update(row.key, { value: e.target.value })} />
                      </>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      id={`attr-existing-${index}-toggle`}
                      className="secondary"
                      onClick={() => update(row.key, { removed: !row.removed, value: row.original })}
                    >
                      {row.removed ? "Keep" : "Remove"}
                      <span className="visually-hidden"> {row.name}</span>
                    </button>
                  </td>
                </tr>
              );
            }
            const n = row.key.slice("new:".length);
            const position = newRows.indexOf(row) + 1;
            const error = errors.get(row.key);
            const nameId = `attr-new-${n}-name`;
            return (
              <tr key={row.key} className="customer-attribute-new">
                <td>
                  <label className="visually-hidden" htmlFor={nameId}>
                    Name of new attribute {position}
                  </label>
                  <input
                    id={nameId}
                    value={row.name}
                    autoComplete="off"
                    onChange={(e) => update(row.key, { name: e.target.value })}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${nameId}-error` : undefined}
                  />
                  {error && (
                    <p id={`${nameId}-error`} className="field-error">
                      {error}
                    </p>
                  )}
                </td>
                <td>
                  <label className="visually-hidden" htmlFor={`attr-new-${n}-value`}>
                    Value of new attribute {position}
                  </label>
                  <input id={`attr-new-${n}-value`} value={row.value} autoComplete="off" onChange={(e) => update(row.key, { value: e.target.value })} />
                </td>
                <td>
                  <button type="button" className="secondary" onClick={() => discard(row.key)}>
                    Remove<span className="visually-hidden"> new attribute {position}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="customer-buttons">
        <button type="button" className="secondary" ref={addButton} onClick={add}>
          Add attribute
        </button>
      </div>
      <p id="attribute-editor-status" className="hint" aria-live="polite">
        {status}
      </p>
      <div className="customer-buttons">
        <button type="submit" disabled={!canSave} aria-describedby="attribute-editor-status">
          Save changes
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
