import { Route, Switch } from "wouter";
import { Page } from "../../components/page";
import { InfluencerList } from "./influencer-list";
import { InfluencerPage } from "./influencer-page";

/** The influencers area (routes relative to /influencers): the tracked influencers, and one by pk. */
export default function InfluencerRoutes() {
  return (
    <Switch>
      <Route path="/">
        <InfluencerList />
      </Route>
      <Route path="/:pk">
        {(params) => {
          const pk = Number(params.pk);
          if (!/^\d+$/.test(params.pk) || !Number.isSafeInteger(pk) || pk <= 0) {
            return (
              <Page title="Influencer">
                <p>“{params.pk}” is not a pk: influencers are named by a positive whole number.</p>
              </Page>
            );
          }
          return <InfluencerPage key={pk} pk={pk} />;
        }}
      </Route>
    </Switch>
  );
}
