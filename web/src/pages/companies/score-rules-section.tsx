import { useQuery } from "urql";
import { CompanyScoreRulesDocument } from "../../generated/graphql";
import { ErrorBanner, Loading } from "../../components/query-state";
import { ScoreRuleForm } from "./score-rule-form";
import { ScoreRuleRow } from "./score-rule-row";

// An empty list carries no ScoreRule for the cache to know the query by.
const CONTEXT = { additionalTypenames: ["ScoreRule"] };

/** The account's boosts and demotions, with the form that adds one. */
export function ScoreRulesSection() {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: CompanyScoreRulesDocument, context: CONTEXT });
  return (
    <section aria-labelledby="score-rules-heading">
      <h2 id="score-rules-heading">Score rules</h2>
      <p className="hint">A rule multiplies the score of the companies whose field has the value by (1 + boost); several rules multiply.</p>
      {error && <ErrorBanner error={error} onRetry={() => reexecute({ requestPolicy: "network-only" })} />}
      {!data && fetching && <Loading />}
      {data &&
        (data.scoreRules.length === 0 ? (
          <p>No rules yet: every company is ranked by its signals alone.</p>
        ) : (
          <table className="score-rules">
            <caption>Boosts and demotions</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
                <th scope="col" className="number">
                  Boost by
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.scoreRules.map((rule) => (
                <ScoreRuleRow key={rule.id} rule={rule} />
              ))}
            </tbody>
          </table>
        ))}
      <ScoreRuleForm />
    </section>
  );
}
