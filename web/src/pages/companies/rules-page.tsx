import { Link } from "wouter";
import { Page } from "../../components/page";
import { useIsAdmin } from "../../viewer";
import { NoiseSection } from "./noise-section";
import { ScoreRulesSection } from "./score-rules-section";
import { ScoringSettingsSection } from "./scoring-settings-form";

/** Admin: the account's score rules, scoring settings and noise rules. */
export function RulesPage() {
  const isAdmin = useIsAdmin();
  const back = <Link href="/">All companies</Link>;
  if (!isAdmin) {
    return (
      <Page title="Score rules and noise" actions={back}>
        <p>Only an admin of the account manages score rules, scoring settings and noise.</p>
      </Page>
    );
  }
  return (
    <Page title="Score rules and noise" actions={back}>
      <ScoreRulesSection />
      <ScoringSettingsSection />
      <NoiseSection />
    </Page>
  );
}
