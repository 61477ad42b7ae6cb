import type { CompanyDetailQuery } from "../../generated/graphql";
import { formatDecimal } from "../../components/format";
import { formatBoost, ruleFieldLabel, signalLabel } from "./labels";

type Score = CompanyDetailQuery["company"]["score"];

/** Today's score: what each signal contributed (weight × decayed count) and the rules that boosted or demoted it. */
export function ScoreBreakdown({ score }: { score: Score }) {
  const base = score.breakdown.reduce((sum, b) => sum + b.contribution, 0);
  const contributing = score.breakdown.filter((b) => b.contribution > 0);
  return (
    <section aria-labelledby="score-heading" className="panel">
      <h2 id="score-heading">
        Score <span data-testid="company-score">{formatDecimal(score.value)}</span>
      </h2>
      {contributing.length === 0 ? (
        <p className="hint">No signals yet: the score is 0.</p>
      ) : (
        <table className="score-breakdown">
          <caption>What each signal contributed</caption>
          <thead>
            <tr>
              <th scope="col">Signal</th>
              <th scope="col" className="number">
                Contribution
              </th>
              <th scope="col" className="number">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {contributing.map((b) => (
              <tr key={b.signal}>
                <th scope="row">{signalLabel(b.signal)}</th>
                <td className="number">{formatDecimal(b.contribution)}</td>
                <td className="number">{base > 0 ? `${Math.round((b.contribution / base) * 100)} %` : "—"}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Before rules</th>
              <td className="number">{formatDecimal(base)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
      {score.rules.length === 0 ? (
        <p className="hint">No score rule applies to this company.</p>
      ) : (
        <table className="applied-rules">
          <caption>Rules that applied (boosts multiply)</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col" className="number">
                Boost
              </th>
            </tr>
          </thead>
          <tbody>
            {score.rules.map(({ rule, boost }) => (
              <tr key={rule.id}>
                <th scope="row">
                  {ruleFieldLabel(rule.field)} = {rule.value}
                </th>
                <td className="number">{formatBoost(boost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">Signals fade with their age; the weights and the half-life are in the scoring settings.</p>
    </section>
  );
}
