import { Link } from "wouter";
import { useQuery } from "urql";
import { InfluencerListDocument } from "../../generated/graphql";
import { Page } from "../../components/page";
import { ErrorBanner, Loading } from "../../components/query-state";
import { formatCount, formatDateTime, formatDecimal, formatDuration } from "../../components/format";
import { KeysetPager, useCursorStack } from "../../components/keyset-pager";
import { Badge } from "../../components/badge";

const PAGE_SIZE = 25;

/** The account's tracked influencers by followers (from the rank snapshot), with how polling keeps up. */
export function InfluencerList() {
  const paging = useCursorStack();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: InfluencerListDocument,
    variables: { first: PAGE_SIZE, after: paging.after },
    requestPolicy: "cache-and-network",
  });
  const page = data?.influencers;
  const polling = data?.influencerStats;

  return (
    <Page
      title="Influencers"
      actions={
        <button type="button" className="secondary" onClick={() => refetch({ requestPolicy: "network-only" })}>
          Refresh
        </button>
      }
    >
      {error && <ErrorBanner error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />}
      {!data && fetching && <Loading label="Loading influencers…" />}
      {polling && (
        <section className="panel" aria-labelledby="polling-heading">
          <h2 id="polling-heading" className="panel-heading">
            Polling
          </h2>
          <dl className="facts influencer-polling">
            <dt>Tracked</dt>
            <dd data-testid="polling-tracked">{formatCount(polling.trackedCount)}</dd>
            <dt>Average followers</dt>
            <dd data-testid="polling-average">{formatDecimal(polling.averageFollowerCount)}</dd>
            <dt>Lag</dt>
            <dd data-testid="polling-lag">{formatDuration(polling.lagSeconds)}</dd>
            <dt>Due now</dt>
            <dd data-testid="polling-due">{formatCount(polling.due)}</dd>
            <dt>Missed slots (last hour)</dt>
            <dd data-testid="polling-gaps">{formatCount(polling.missedSlotsLastHour)}</dd>
            <dt>Failing</dt>
            <dd data-testid="polling-failing">{formatCount(polling.failing)}</dd>
          </dl>
          <p className="hint">Ranks, order and the average come from a snapshot refreshed every minute.</p>
        </section>
      )}
      {page && (
        <>
          {page.edges.length === 0 ? (
            <p>No influencers are tracked yet. Track them with trackInfluencers through a mockstagram connection.</p>
          ) : (
            <table className="influencer-table">
              <caption className="visually-hidden">Tracked influencers by followers, most first</caption>
              <thead>
                <tr>
                  <th scope="col" className="number">
                    Rank
                  </th>
                  <th scope="col">PK</th>
                  <th scope="col">Username</th>
                  <th scope="col" className="number">
                    Followers
                  </th>
                  <th scope="col" className="number">
                    Following
                  </th>
                  <th scope="col" className="number">
                    Ratio
                  </th>
                  <th scope="col">Latest reading</th>
                </tr>
              </thead>
              <tbody>
                {page.edges.map(({ node }) => (
                  <tr key={node.pk} data-testid="influencer-row" data-pk={node.pk}>
                    <td className="number" data-col="rank">
                      {node.rank ?? "—"}
                    </td>
                    <th scope="row" data-col="pk">
                      <Link href={`/${node.pk}`}>{node.pk}</Link>
                    </th>
                    <td data-col="username">
                      {node.username ?? "—"}
                      {node.error && (
                        <>
                          {" "}
                          <Badge tone="danger" title={node.error.message}>
                            Failing
                          </Badge>
                        </>
                      )}
                    </td>
                    <td className="number" data-col="followers">
                      {formatCount(node.latest?.followerCount)}
                    </td>
                    <td className="number" data-col="following">
                      {formatCount(node.latest?.followingCount)}
                    </td>
                    <td className="number" data-col="ratio">
                      {formatDecimal(node.latest?.followerRatio)}
                    </td>
                    <td data-col="latest">{formatDateTime(node.latest?.ts)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <KeysetPager
            label="Pages of influencers"
            page={paging.page}
            pageInfo={page.pageInfo}
            totalCount={page.totalCount}
            pageSize={PAGE_SIZE}
            detail={`${formatCount(page.totalCount)} influencers`}
            onPrevious={paging.previous}
            onNext={paging.next}
          />
        </>
      )}
    </Page>
  );
}
