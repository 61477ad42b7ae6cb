/**
 * Infers how a company builds its email addresses (jane.doe@, jdoe@, …) from people whose address is already known,
 * and applies that format to people whose address is not. Pure: no I/O, nothing beyond the language itself.
 */

/**
 * Each name is also the template it stands for: "first"/"last" are the whole normalised name, "f"/"l" its initial,
 * and ".", "_", "-" are literal separators. Keeping the two the same means a format cannot drift from its name.
 */
export type EmailFormat =
  | "first.last" | "firstlast" | "flast" | "f.last" | "first_last" | "first-last" | "first" | "last"
  | "firstl" | "first.l" | "last.first" | "lastfirst" | "lastf" | "last_first" | "last.f" | "f_last";

/** Also the final tie-break order, so the most widespread formats come first. */
export const EMAIL_FORMATS: readonly EmailFormat[] = Object.freeze([
  "first.last", "firstlast", "flast", "f.last", "first_last", "first-last", "first", "last",
  "firstl", "first.l", "last.first", "lastfirst", "lastf", "last_first", "last.f", "f_last",
] as const);

// Longer alternatives first, so "first" is not read as "f" followed by "irst".
const TOKENS = new Map(EMAIL_FORMATS.map((f) => [f, f.match(/first|last|f|l|[._-]/g) ?? []]));

// Letters that NFD does not decompose but that mail systems routinely transliterate.
const TRANSLITERATIONS: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/**
 * The form a name takes in a mailbox: lowercase ASCII letters only. Diacritics are stripped (José → jose) because
 * mail systems rarely allow them; apostrophes, hyphens and spaces are dropped and the words kept joined
 * (O'Brien → obrien, Anne-Marie → annemarie, Van der Berg → vanderberg) because that is how most mail systems
 * render them, and because keeping every word avoids guessing which one is "the" surname. A company that writes
 * "berg" or "van.der.berg" simply fails to match and lowers the confidence instead of yielding a wrong format.
 */
export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[ßæœøłđðþı]/g, (c) => TRANSLITERATIONS[c])
    .replace(/[^a-z]/g, "");
}

/** Local part for already-normalised names; null when the format needs a part that is empty. */
function localPartOf(format: EmailFormat, first: string, last: string): string | null {
  const tokens = TOKENS.get(format);
  if (!tokens) throw new RangeError(`unknown email format: ${String(format)}`);
  let out = "";
  for (const token of tokens) {
    const part = token === "first" ? first : token === "last" ? last : token === "f" ? first[0] : token === "l" ? last[0] : token;
    if (!part) return null;
    out += part;
  }
  return out;
}

/** The address this format gives the person at the domain; null when it needs a name part that is empty, or there is no domain. */
export function applyFormat(format: EmailFormat, firstName: string, lastName: string, domain: string): string | null {
  const host = domain.trim().toLowerCase();
  const local = localPartOf(format, normalizeName(firstName), normalizeName(lastName));
  return local === null || !host ? null : `${local}@${host}`;
}

/** Splits at the last "@", since a quoted local part may itself contain one; null when either side is missing. */
function splitEmail(email: string): { local: string; domain: string } | null {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  const domain = address.slice(at + 1);
  if (at < 1 || !domain || /[\s@]/.test(domain)) return null;
  return { local: address.slice(0, at), domain };
}

/** The lowercased domain of an address, or null when it is not shaped like one. */
export function domainOf(email: string): string | null {
  return splitEmail(email)?.domain ?? null;
}

/**
 * Every format that produces exactly this address's local part for these names. More than one means the sample
 * cannot tell them apart (a one-letter first name makes "flast" and "firstlast" coincide).
 */
export function formatsOf(firstName: string, lastName: string, email: string): EmailFormat[] {
  const local = splitEmail(email)?.local;
  if (local === undefined) return [];
  const first = normalizeName(firstName), last = normalizeName(lastName);
  return EMAIL_FORMATS.filter((format) => localPartOf(format, first, last) === local);
}

/**
 * Shared role mailboxes, compared with separators and any "+tag" removed (no-reply, do_not_reply …). They are not
 * built from a person's name, yet CRMs often file them under one ("Sales Team"), which would vote for "first".
 */
const GENERIC_MAILBOXES = new Set([
  "info", "sales", "contact", "contactus", "support", "hello", "hi", "admin", "administrator", "noreply", "donotreply",
  "help", "helpdesk", "office", "team", "hr", "jobs", "careers", "recruiting", "billing", "accounts", "accounting",
  "finance", "invoices", "orders", "marketing", "press", "media", "pr", "enquiries", "inquiries", "service",
  "customerservice", "customercare", "feedback", "partners", "webmaster", "postmaster", "hostmaster", "abuse",
  "security", "privacy", "legal", "compliance", "mail", "email", "general", "reception", "newsletter", "news",
  "notifications", "alerts", "bounce", "bounces", "mailerdaemon", "root", "it", "ops", "all", "staff",
]);

function isGenericMailbox(local: string): boolean {
  return GENERIC_MAILBOXES.has(local.split("+")[0].replace(/[._-]/g, ""));
}

export interface EmailSample { firstName: string; lastName: string; email: string }
export interface InferOptions { minSamples?: number; minShare?: number }
export interface InferredFormat { format: EmailFormat; confidence: number; samples: number; matching: number }

/**
 * The format most of the domain's people follow, or null when the evidence is too thin (fewer than minSamples
 * matches) or too split (winning share below minShare). Only people at exactly this domain count: a subsidiary or
 * a personal address says nothing about this company's scheme. Each address counts once, since the same person
 * often arrives from several sources. People missing a first or last name (after normalisation) are skipped: they
 * cannot tell formats apart and would only favour the formats that do without the missing part.
 * An ambiguous sample supports every format it matches; ties go to the format more samples support on their own,
 * then to the earlier one in EMAIL_FORMATS. Confidence is the winner's share of the samples counted, so people
 * who follow no known format (nicknames, legacy addresses) lower it.
 */
export function inferFormat(samples: readonly EmailSample[], domain: string, options: InferOptions = {}): InferredFormat | null {
  const { minSamples = 2, minShare = 0.6 } = options;
  const host = domain.trim().toLowerCase().replace(/^@/, "");
  const seen = new Set<string>();
  const tally = new Map<EmailFormat, { total: number; sole: number }>();
  let counted = 0;
  for (const { firstName, lastName, email } of samples) {
    const address = splitEmail(email);
    if (!address || address.domain !== host || isGenericMailbox(address.local)) continue;
    if (!normalizeName(firstName) || !normalizeName(lastName)) continue;
    const key = `${address.local}@${address.domain}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counted++;
    const matches = formatsOf(firstName, lastName, key);
    for (const format of matches) {
      const t = tally.get(format) ?? { total: 0, sole: 0 };
      t.total++;
      if (matches.length === 1) t.sole++;
      tally.set(format, t);
    }
  }
  let best: { format: EmailFormat; total: number; sole: number } | undefined;
  for (const format of EMAIL_FORMATS) {
    const t = tally.get(format);
    // Strict comparisons keep the earlier format when both counts tie.
    if (t && (!best || t.total > best.total || (t.total === best.total && t.sole > best.sole))) best = { format, ...t };
  }
  if (!best || best.total < minSamples || best.total / counted < minShare) return null;
  return { format: best.format, confidence: best.total / counted, samples: counted, matching: best.total };
}
