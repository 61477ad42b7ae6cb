import type { Conflux } from "./server";
import type { AccountScope } from "./db/account-scope";
import { compareWithVerification, loadVerificationFile } from "./services/customers/verification-csv";

/** `conflux verify FILE.csv`: the account's customers against a verification CSV of the published format. */
export async function verifyCustomers(conflux: Conflux, scope: AccountScope, file: string): Promise<{ ok: boolean; text: string }> {
  const expected = await loadVerificationFile(file);
  const actual = await conflux.services.customers.exportAll(scope);
  const report = compareWithVerification(expected, actual);
  if (report.total === 0) return { ok: true, text: `${expected.length} customers match ${file}` };
  return {
    ok: false,
    text: [`${report.total} mismatches in ${report.customersAffected} customers:`, ...report.mismatches.map((m) => `  ${m}`)].join("\n"),
  };
}
