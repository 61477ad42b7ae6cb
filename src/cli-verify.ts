import type { Conflux } from "./server";
import { AccountScope } from "./db/account-scope";
import { compareWithVerification, loadVerificationFile } from "./services/customers/verification-csv";

/** `conflux verify FILE.csv`: the account's customers against a verification CSV of the published format. */
export async function verifyCustomers(conflux: Conflux, file: string, accountName: string): Promise<{ ok: boolean; text: string }> {
  const account = await conflux.services.accounts.findAccountByName(accountName);
  const expected = await loadVerificationFile(file);
  const actual = await conflux.services.customers.exportAll(AccountScope.of(conflux.services.dataSource, account.id));
  const report = compareWithVerification(expected, actual);
  if (report.total === 0) return { ok: true, text: `${expected.length} customers match ${file}` };
  return {
    ok: false,
    text: [`${report.total} mismatches in ${report.customersAffected} customers:`, ...report.mismatches.map((m) => `  ${m}`)].join("\n"),
  };
}
