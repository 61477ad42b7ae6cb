import { useMemo, useState } from "react";
import { Link } from "wouter";
import { useQuery } from "urql";
import { CompanyDetailDocument } from "../../generated/graphql";
import { Page } from "../../components/page";
import { ErrorBanner, errorCode, Loading } from "../../components/query-state";
import { Badge } from "../../components/badge";
import { useIsAdmin } from "../../viewer";
import { CompanyFacts } from "./company-facts";
import { MarkNoiseForm } from "./mark-noise-form";
import { ScoreBreakdown } from "./score-breakdown";
import { SignalChart } from "./signal-chart";
import { DayRange, lastDays, rangeVariables } from "./signal-range";

/** One company: its facts and their sources, today's score explained, its daily signals; noise for admins. */
export function CompanyPage({ id }: { id: string }) {
  const isAdmin = useIsAdmin();
  const [range, setRange] = useState<DayRange>(() => lastDays(30));
  const variables = useMemo(() => ({ id, ...rangeVariables(range) }), [id, range]);
  const [{ data, error, fetching }, reexecute] = useQuery({ query: CompanyDetailDocument, variables, requestPolicy: "cache-and-network" });
  const company = data?.company;

  const back = <Link href="/">All companies</Link>;
  if (!company) {
    const missing = errorCode(error) === "NOT_FOUND";
    return (
      <Page title={missing ? "Company not found" : "Company"} actions={back}>
        {fetching && <Loading />}
        {missing && <p>There is no company with this id in your account. It may have been merged away or never seen.</p>}
        {error && !missing && <ErrorBanner error={error} onRetry={() => reexecute({ requestPolicy: "network-only" })} />}
      </Page>
    );
  }
  return (
    <Page title={company.name} actions={back}>
      {company.noise && (
        <p>
          <Badge tone="warn">Noise</Badge> Marked as noise: left out of the ranking and its new events are dropped.
        </p>
      )}
      {error && <ErrorBanner error={error} onRetry={() => reexecute({ requestPolicy: "network-only" })} />}
      <div className="company-columns">
        <section aria-labelledby="facts-heading">
          <h2 id="facts-heading">Facts</h2>
          <CompanyFacts company={company} />
        </section>
        <ScoreBreakdown score={company.score} />
      </div>
      <SignalChart signals={company.signals} range={range} onRange={setRange} />
      {isAdmin && <MarkNoiseForm key={company.id} company={company} />}
    </Page>
  );
}
