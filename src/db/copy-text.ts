/** COPY text format: backslash, tab, newline and carriage return must be escaped. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"))
    : value;
}

/** A nullable value in COPY text format. */
export function copyNullable(value: string | null | undefined): string {
  return value === null || value === undefined ? "\\N" : copyText(value);
}
