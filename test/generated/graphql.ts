import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: any; output: any; }
};

export type Account = {
  __typename?: 'Account';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

export type ActivityInput = {
  data: Scalars['JSON']['input'];
  /** The item's id: events with the same id count once, a repeated item is ignored */
  id: Scalars['String']['input'];
  /** Event name (events only) */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Unix seconds */
  timestamp: Scalars['Float']['input'];
  /** event or attributes */
  type: Scalars['String']['input'];
  /** The customer; events without one are anonymous and skipped */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

export type ActivityResult = {
  __typename?: 'ActivityResult';
  anonymous: Scalars['Int']['output'];
  /** Items new to Conflux */
  applied: Scalars['Int']['output'];
  /** Items already seen (same id), ignored */
  duplicates: Scalars['Int']['output'];
  errorCount: Scalars['Int']['output'];
  /** The first 100 rejected items, by position (1-based) */
  errors: Array<LineErrorType>;
  /** The import record (file and stream imports) */
  importId: Maybe<Scalars['ID']['output']>;
  received: Scalars['Int']['output'];
};

/** A condition that lasted (lag past its grace period, repeated failures, drift) */
export type Alert = {
  __typename?: 'Alert';
  connectionId: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  kind: AlertKind;
  openedAt: Scalars['DateTimeISO']['output'];
  reason: Scalars['String']['output'];
  resolvedAt: Maybe<Scalars['DateTimeISO']['output']>;
  status: AlertStatus;
};

export type AlertKind =
  | 'DRIFT'
  | 'FAILING'
  | 'LAGGING'
  | 'QUEUE_STALLED';

export type AlertStatus =
  | 'OPEN'
  | 'RESOLVED';

export type AnalyticsBucket = {
  __typename?: 'AnalyticsBucket';
  activeCompanies: Scalars['Int']['output'];
  chats: Scalars['Int']['output'];
  clicks: Scalars['Int']['output'];
  contacts: Scalars['Int']['output'];
  /** Custom signals, all names */
  custom: Scalars['Int']['output'];
  formSubmissions: Scalars['Int']['output'];
  newCompanies: Scalars['Int']['output'];
  start: Scalars['String']['output'];
  unknownEvents: Scalars['Int']['output'];
  visits: Scalars['Int']['output'];
};

export type AnalyticsInterval =
  | 'DAY'
  | 'MONTH'
  | 'WEEK';

export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The visible start of the key, to tell keys apart */
  prefix: Scalars['String']['output'];
  revokedAt: Maybe<Scalars['DateTimeISO']['output']>;
  role: Role;
};

export type AppliedRule = {
  __typename?: 'AppliedRule';
  boost: Scalars['Float']['output'];
  rule: ScoreRule;
};

/** One real company; CRM records are the caller account's only */
export type Company = {
  __typename?: 'Company';
  aliases: Array<Scalars['String']['output']>;
  country: Maybe<Scalars['String']['output']>;
  /** The caller account's CRM records of this company: [{connectionId, crmId, fields}] */
  crm: Scalars['JSON']['output'];
  /** Registrable domains */
  domains: Array<Scalars['String']['output']>;
  employees: Maybe<Scalars['Int']['output']>;
  firstSeenAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  industry: Maybe<Scalars['String']['output']>;
  ipRanges: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** Marked as noise by the account (left out of lists) */
  noise: Scalars['Boolean']['output'];
  /** Per field: the source that set it and when */
  provenance: Scalars['JSONObject']['output'];
  region: Maybe<Scalars['String']['output']>;
  score: CompanyScore;
  signals: Array<DailySignal>;
  subRegion: Maybe<Scalars['String']['output']>;
};


/** One real company; CRM records are the caller account's only */
export type CompanySignalsArgs = {
  from: Scalars['DateTimeISO']['input'];
  to: Scalars['DateTimeISO']['input'];
};

export type CompanyEdge = {
  __typename?: 'CompanyEdge';
  cursor: Scalars['String']['output'];
  node: Company;
};

export type CompanyFilter = {
  country?: InputMaybe<Scalars['String']['input']>;
  employees?: InputMaybe<EmployeesRange>;
  industry?: InputMaybe<Scalars['String']['input']>;
  minScore?: InputMaybe<Scalars['Float']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  /** Part of the name, or a domain */
  search?: InputMaybe<Scalars['String']['input']>;
};

export type CompanyInput = {
  country?: InputMaybe<Scalars['String']['input']>;
  domains?: InputMaybe<Array<Scalars['String']['input']>>;
  employees?: InputMaybe<Scalars['Int']['input']>;
  industry?: InputMaybe<Scalars['String']['input']>;
  ipRanges?: InputMaybe<Array<Scalars['String']['input']>>;
  name?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  subRegion?: InputMaybe<Scalars['String']['input']>;
  website?: InputMaybe<Scalars['String']['input']>;
};

export type CompanyOrder =
  | 'SCORE_DESC';

export type CompanyPage = {
  __typename?: 'CompanyPage';
  edges: Array<CompanyEdge>;
  pageInfo: PageInfo;
  /** All items matching the filter, not just this page */
  totalCount: Scalars['Int']['output'];
};

export type CompanyScore = {
  __typename?: 'CompanyScore';
  breakdown: Array<SignalContribution>;
  rules: Array<AppliedRule>;
  /** Today's score for the caller's account */
  value: Scalars['Float']['output'];
};

export type CompanyScoreChange = {
  __typename?: 'CompanyScoreChange';
  companyId: Scalars['ID']['output'];
  score: Scalars['Float']['output'];
};

export type Connection = {
  __typename?: 'Connection';
  /** How long lag must exceed the threshold before an alert opens */
  alertGraceSeconds: Scalars['Int']['output'];
  config: Scalars['JSON']['output'];
  consecutiveFailures: Scalars['Int']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  /** Connection (record-api) that synced records are also written to */
  destinationId: Maybe<Scalars['ID']['output']>;
  /** The last drift check's mismatch, null when in sync */
  drift: Maybe<Scalars['JSON']['output']>;
  /** Consecutive failed runs that open a FAILING alert */
  failuresBeforeAlert: Scalars['Int']['output'];
  health: ConnectionHealth;
  id: Scalars['ID']['output'];
  kind: Scalars['String']['output'];
  /** Seconds since syncedThrough (or since creation, never synced) */
  lagSeconds: Scalars['Int']['output'];
  lagThresholdSeconds: Scalars['Int']['output'];
  lastRun: Maybe<SyncRun>;
  name: Scalars['String']['output'];
  nextSyncAt: Maybe<Scalars['DateTimeISO']['output']>;
  paused: Scalars['Boolean']['output'];
  reconcileIntervalSeconds: Scalars['Int']['output'];
  /** When every source id was last listed to find deletions */
  reconciledAt: Maybe<Scalars['DateTimeISO']['output']>;
  runs: Array<SyncRun>;
  schedule: Maybe<Scalars['String']['output']>;
  /** Records the connection holds, with their freshness */
  syncedRecords: SyncedRecords;
  /** Source changes up to this instant are in Conflux */
  syncedThrough: Maybe<Scalars['DateTimeISO']['output']>;
};


export type ConnectionRunsArgs = {
  first?: Scalars['Int']['input'];
};

export type ConnectionEdge = {
  __typename?: 'ConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Connection;
};

export type ConnectionHealth =
  | 'FAILING'
  | 'HEALTHY'
  | 'LAGGING'
  | 'PAUSED';

export type ConnectionPage = {
  __typename?: 'ConnectionPage';
  edges: Array<ConnectionEdge>;
  pageInfo: PageInfo;
  /** All items matching the filter, not just this page */
  totalCount: Scalars['Int']['output'];
};

export type ConnectorKind = {
  __typename?: 'ConnectorKind';
  /** read, listIds, count, write, remove, enrich */
  capabilities: Array<Scalars['String']['output']>;
  /** JSON Schema of the config, for rendering a form */
  configSchema: Scalars['JSON']['output'];
  description: Scalars['String']['output'];
  displayName: Scalars['String']['output'];
  kind: Scalars['String']['output'];
  /** JSON Schema of the secret (values are write-only) */
  secretSchema: Scalars['JSON']['output'];
};

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  apiKey: ApiKey;
  /** The full key. It is shown this once and cannot be read again. */
  key: Scalars['String']['output'];
};

export type Customer = {
  __typename?: 'Customer';
  /** Every attribute, sorted by name */
  attributes: Array<CustomerAttribute>;
  /** The created_at attribute (unix seconds) */
  createdAt: Maybe<Scalars['String']['output']>;
  email: Maybe<Scalars['String']['output']>;
  /** Distinct event counts by name, sorted by name */
  events: Array<EventCount>;
  id: Scalars['ID']['output'];
  /** Latest timestamp applied (unix seconds) */
  lastUpdated: Scalars['Float']['output'];
};

export type CustomerAttribute = {
  __typename?: 'CustomerAttribute';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type CustomerEdge = {
  __typename?: 'CustomerEdge';
  cursor: Scalars['String']['output'];
  node: Customer;
};

export type CustomerFilterInput = {
  attribute: Scalars['String']['input'];
  /** Case-insensitive substring */
  contains?: InputMaybe<Scalars['String']['input']>;
  equals?: InputMaybe<Scalars['String']['input']>;
};

export type CustomerOrder =
  | 'ID_ASC'
  | 'ID_DESC'
  | 'LAST_UPDATED_ASC'
  | 'LAST_UPDATED_DESC';

export type CustomerPage = {
  __typename?: 'CustomerPage';
  edges: Array<CustomerEdge>;
  pageInfo: PageInfo;
  /** All items matching the filter, not just this page */
  totalCount: Scalars['Int']['output'];
};

export type DailySignal = {
  __typename?: 'DailySignal';
  chats: Scalars['Int']['output'];
  clicks: Scalars['Int']['output'];
  contacts: Scalars['Int']['output'];
  day: Scalars['String']['output'];
  /** Custom signals by name */
  extra: Scalars['JSONObject']['output'];
  formSubmissions: Scalars['Int']['output'];
  visits: Scalars['Int']['output'];
};

export type EmployeesRange = {
  max?: InputMaybe<Scalars['Int']['input']>;
  min?: InputMaybe<Scalars['Int']['input']>;
};

export type EnrichmentCounts = {
  __typename?: 'EnrichmentCounts';
  enriched: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  notFound: Scalars['Int']['output'];
  /** Received and without an outcome yet */
  pending: Scalars['Int']['output'];
  received: Scalars['Int']['output'];
};

export type EnrichmentProgress = {
  __typename?: 'EnrichmentProgress';
  enriched: Scalars['Int']['output'];
  erid: Scalars['String']['output'];
  failed: Scalars['Int']['output'];
  notFound: Scalars['Int']['output'];
  numberOfRecords: Scalars['Int']['output'];
  received: Scalars['Int']['output'];
  status: EnrichmentStatus;
};

export type EnrichmentRecord = {
  __typename?: 'EnrichmentRecord';
  erid: Scalars['String']['output'];
  /** Why the record failed */
  error: Maybe<Scalars['String']['output']>;
  finishedAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** The contact as submitted */
  input: Scalars['JSONObject']['output'];
  /** The record's stable key: its record_id, or the request's hash and its position in it */
  key: Scalars['String']['output'];
  /** Requested fields filled, by field name */
  output: Scalars['JSONObject']['output'];
  /** Which provider (connection name) filled each field */
  providers: Scalars['JSONObject']['output'];
  status: EnrichmentRecordStatus;
};

export type EnrichmentRecordEdge = {
  __typename?: 'EnrichmentRecordEdge';
  cursor: Scalars['String']['output'];
  node: EnrichmentRecord;
};

export type EnrichmentRecordPage = {
  __typename?: 'EnrichmentRecordPage';
  edges: Array<EnrichmentRecordEdge>;
  pageInfo: PageInfo;
  /** All items matching the filter, not just this page */
  totalCount: Scalars['Int']['output'];
};

/** ENRICHED: at least one requested field was filled; NOT_FOUND: no provider knew any; FAILED: providers failed and none filled any */
export type EnrichmentRecordStatus =
  | 'ENRICHED'
  | 'FAILED'
  | 'NOT_FOUND'
  | 'PENDING';

/** INEXISTENT: no transaction has this erid; INCOMPLETE: records are missing or not all have an outcome; COMPLETED: all number_of_records have one */
export type EnrichmentStatus =
  | 'COMPLETED'
  | 'INCOMPLETE'
  | 'INEXISTENT';

export type EnrichmentTransaction = {
  __typename?: 'EnrichmentTransaction';
  /** Contacts answered from the provider cache instead of a call */
  cacheHits: Scalars['Int']['output'];
  completedAt: Maybe<Scalars['DateTimeISO']['output']>;
  counts: EnrichmentCounts;
  erid: Scalars['String']['output'];
  fields: Array<Scalars['String']['output']>;
  numberOfRecords: Scalars['Int']['output'];
  /** Records in the order they arrived */
  records: EnrichmentRecordPage;
  requestDate: Maybe<Scalars['DateTimeISO']['output']>;
  status: EnrichmentStatus;
  /** Provider calls made for it (batches sent, retries included) */
  vendorCalls: Scalars['Int']['output'];
  /** Enriched fields are written to the customers the contacts name (customer_id) */
  writeBack: Scalars['Boolean']['output'];
};


export type EnrichmentTransactionRecordsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type EnrichmentTransactionEdge = {
  __typename?: 'EnrichmentTransactionEdge';
  cursor: Scalars['String']['output'];
  node: EnrichmentTransaction;
};

export type EnrichmentTransactionPage = {
  __typename?: 'EnrichmentTransactionPage';
  edges: Array<EnrichmentTransactionEdge>;
  pageInfo: PageInfo;
  /** All items matching the filter, not just this page */
  totalCount: Scalars['Int']['output'];
};

export type EventCount = {
  __typename?: 'EventCount';
  /** Distinct events of this name */
  count: Scalars['Int']['output'];
  name: Scalars['String']['output'];
};

export type FacetCount = {
  __typename?: 'FacetCount';
  count: Scalars['Int']['output'];
  facet: Scalars['String']['output'];
};

export type Freshness = {
  __typename?: 'Freshness';
  health: ConnectionHealth;
  lagSeconds: Scalars['Int']['output'];
  /** Source changes up to this instant are in Conflux */
  syncedThrough: Maybe<Scalars['DateTimeISO']['output']>;
};

export type Influencer = {
  __typename?: 'Influencer';
  /** Average latest follower count of the account's influencers (last snapshot) */
  averageFollowerCount: Maybe<Scalars['Float']['output']>;
  connectionId: Scalars['ID']['output'];
  error: Maybe<InfluencerError>;
  id: Scalars['ID']['output'];
  intervalSeconds: Scalars['Int']['output'];
  latest: Maybe<InfluencerReading>;
  metrics: Array<MetricBucket>;
  pk: Scalars['Int']['output'];
  /** By followers in the account, from the last snapshot (refreshed every minute); ties share a rank */
  rank: Maybe<Scalars['Int']['output']>;
  /** Checked once a day; null until the first check */
  suspicious: Maybe<SuspiciousFlag>;
  trackedAt: Scalars['DateTimeISO']['output'];
  username: Maybe<Scalars['String']['output']>;
};


export type InfluencerMetricsArgs = {
  from: Scalars['DateTimeISO']['input'];
  interval?: MetricInterval;
  to: Scalars['DateTimeISO']['input'];
};

export type InfluencerEdge = {
  __typename?: 'InfluencerEdge';
  cursor: Scalars['String']['output'];
  node: Influencer;
};

/** Why the last poll failed (an unknown pk, a failing source) */
export type InfluencerError = {
  __typename?: 'InfluencerError';
  at: Scalars['DateTimeISO']['output'];
  consecutiveFailures: Scalars['Int']['output'];
  message: Scalars['String']['output'];
};

export type InfluencerOrder =
  | 'FOLLOWERS_DESC';

export type InfluencerPage = {
  __typename?: 'InfluencerPage';
  edges: Array<InfluencerEdge>;
  pageInfo: PageInfo;
  /** All items matching the filter, not just this page */
  totalCount: Scalars['Int']['output'];
};

/** One reading, stamped by Conflux with the slot it fills */
export type InfluencerReading = {
  __typename?: 'InfluencerReading';
  followerCount: Scalars['Float']['output'];
  /** followerCount / followingCount as a float; null when following is 0 */
  followerRatio: Maybe<Scalars['Float']['output']>;
  followingCount: Scalars['Float']['output'];
  ts: Scalars['DateTimeISO']['output'];
};

/** The account's influencers as a whole, and how their polling keeps up */
export type InfluencerStats = {
  __typename?: 'InfluencerStats';
  /** Average latest follower count (last snapshot); null before the first */
  averageFollowerCount: Maybe<Scalars['Float']['output']>;
  /** Slots that have come and wait for a poller (the pollers are shared: this counts every account's, as a status page would) */
  due: Scalars['Int']['output'];
  /** Influencers whose last poll failed */
  failing: Scalars['Int']['output'];
  /** How long the oldest waiting slot has waited, in seconds (the shared pollers' lag) */
  lagSeconds: Scalars['Float']['output'];
  /** Slots without a reading in the last hour (gaps) */
  missedSlotsLastHour: Scalars['Int']['output'];
  /** Influencers tracked */
  trackedCount: Scalars['Int']['output'];
};

export type IngestResult = {
  __typename?: 'IngestResult';
  accepted: Scalars['Int']['output'];
  /** Stored but dropped by a noise rule */
  dropped: Scalars['Int']['output'];
  duplicates: Scalars['Int']['output'];
  identified: Scalars['Int']['output'];
  invalid: Array<InvalidEvent>;
  /** Stored, no company found (free mail, no matching domain or range) */
  unknown: Scalars['Int']['output'];
};

export type InvalidEvent = {
  __typename?: 'InvalidEvent';
  /** 0-based position (a line number for NDJSON uploads) */
  index: Scalars['Int']['output'];
  message: Scalars['String']['output'];
};

export type LineErrorType = {
  __typename?: 'LineErrorType';
  line: Scalars['Int']['output'];
  reason: Scalars['String']['output'];
};

/** One bucket of the series; buckets without readings are absent */
export type MetricBucket = {
  __typename?: 'MetricBucket';
  followerCount: MetricStat;
  followerRatio: MetricStat;
  followingCount: MetricStat;
  ts: Scalars['DateTimeISO']['output'];
};

/** MINUTE reads raw readings; HOUR and DAY read rollups */
export type MetricInterval =
  | 'DAY'
  | 'HOUR'
  | 'MINUTE';

export type MetricStat = {
  __typename?: 'MetricStat';
  avg: Maybe<Scalars['Float']['output']>;
  /** The latest value in the bucket */
  last: Maybe<Scalars['Float']['output']>;
  max: Maybe<Scalars['Float']['output']>;
  min: Maybe<Scalars['Float']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** A proposal made a rule */
  acceptNoiseProposal: NoiseRule;
  /** Creates a key for the caller's account; the key is returned once */
  createApiKey: CreatedApiKey;
  /** A new customer; attributes need a non-empty email, created_at defaults to now */
  createCustomer: Customer;
  deleteConnection: Connection;
  /** Deletes the customer with its events and history */
  deleteCustomer: Customer;
  /** Companies by domain: known domains are updated (these values win), others created */
  importCompanies: Scalars['Int']['output'];
  /** Website and CRM activity; events with an id count once */
  ingestWebEvents: IngestResult;
  /** Ingestion drops events of this domain, IP range or company from now on */
  markNoise: NoiseRule;
  /** Merges `merge` into `keep` for every account; `merge` keeps resolving to `keep` */
  mergeCompanies: Company;
  registerConnection: Connection;
  removeScoreRule: Scalars['Boolean']['output'];
  /** Identifies the account's archived events since this day again; returns how many */
  reprocessEvents: Scalars['Int']['output'];
  revokeApiKey: ApiKey;
  /** Orders the account's provider connections: a field the first lacks is asked of the next */
  setEnrichmentWaterfall: Array<Connection>;
  /** Adds or replaces the rule for (field, value) and rescores the account's companies */
  setScoreRule: ScoreRule;
  /** Signal weights and the decay half-life (days); rescores the account */
  setScoringSettings: ScoringSettings;
  /** Adds contacts to the transaction erid (created by its first request); idempotent per contact */
  submitEnrichment: SubmitEnrichmentResult;
  testConnection: TestConnectionResult;
  /** Applies a small batch of activity items (use the import API for files) */
  trackActivity: ActivityResult;
  /** Every pk in [from, to] (at most a million), in one statement */
  trackInfluencerRange: TrackResult;
  trackInfluencers: TrackResult;
  /** Queues a run, or returns the one already queued or running */
  triggerSync: SyncRun;
  /** Stops a rule; with reprocess (default), its events since it was made count again */
  undoNoiseRule: NoiseRule;
  /** How many of these were tracked; their series go with them */
  untrackInfluencers: Scalars['Int']['output'];
  updateConnection: Connection;
  /** Merges attributes into the customer; an attribute set to null is removed */
  updateCustomer: Customer;
};


export type MutationAcceptNoiseProposalArgs = {
  companyId?: InputMaybe<Scalars['ID']['input']>;
  domain?: InputMaybe<Scalars['String']['input']>;
  reason: Scalars['String']['input'];
};


export type MutationCreateApiKeyArgs = {
  name: Scalars['String']['input'];
  role?: Role;
};


export type MutationCreateCustomerArgs = {
  attributes: Scalars['JSON']['input'];
  id: Scalars['ID']['input'];
};


export type MutationDeleteConnectionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type MutationImportCompaniesArgs = {
  companies: Array<CompanyInput>;
};


export type MutationIngestWebEventsArgs = {
  events: Array<WebEventInput>;
};


export type MutationMarkNoiseArgs = {
  companyId?: InputMaybe<Scalars['ID']['input']>;
  domain?: InputMaybe<Scalars['String']['input']>;
  ipRange?: InputMaybe<Scalars['String']['input']>;
  reason: Scalars['String']['input'];
};


export type MutationMergeCompaniesArgs = {
  keep: Scalars['ID']['input'];
  merge: Scalars['ID']['input'];
};


export type MutationRegisterConnectionArgs = {
  alertGraceSeconds?: InputMaybe<Scalars['Int']['input']>;
  config: Scalars['JSON']['input'];
  destinationId?: InputMaybe<Scalars['ID']['input']>;
  failuresBeforeAlert?: InputMaybe<Scalars['Int']['input']>;
  kind: Scalars['String']['input'];
  lagThreshold?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  reconcileIntervalSeconds?: InputMaybe<Scalars['Int']['input']>;
  schedule?: InputMaybe<Scalars['String']['input']>;
  secret?: InputMaybe<Scalars['JSON']['input']>;
};


export type MutationRemoveScoreRuleArgs = {
  id: Scalars['ID']['input'];
};


export type MutationReprocessEventsArgs = {
  since: Scalars['DateTimeISO']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetEnrichmentWaterfallArgs = {
  providerIds: Array<Scalars['ID']['input']>;
};


export type MutationSetScoreRuleArgs = {
  boostBy: Scalars['Float']['input'];
  field: Scalars['String']['input'];
  value: Scalars['String']['input'];
};


export type MutationSetScoringSettingsArgs = {
  halfLifeDays?: InputMaybe<Scalars['Float']['input']>;
  weights?: InputMaybe<SignalWeightsInput>;
};


export type MutationSubmitEnrichmentArgs = {
  contacts: Array<Scalars['JSONObject']['input']>;
  erid: Scalars['String']['input'];
  fields: Array<Scalars['String']['input']>;
  numberOfRecords: Scalars['Int']['input'];
  writeBack?: Scalars['Boolean']['input'];
};


export type MutationTestConnectionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationTrackActivityArgs = {
  items: Array<ActivityInput>;
};


export type MutationTrackInfluencerRangeArgs = {
  connectionId: Scalars['ID']['input'];
  from: Scalars['Int']['input'];
  intervalSeconds?: Scalars['Int']['input'];
  to: Scalars['Int']['input'];
};


export type MutationTrackInfluencersArgs = {
  connectionId: Scalars['ID']['input'];
  intervalSeconds?: Scalars['Int']['input'];
  pks: Array<Scalars['Int']['input']>;
};


export type MutationTriggerSyncArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUndoNoiseRuleArgs = {
  id: Scalars['ID']['input'];
  reprocess?: Scalars['Boolean']['input'];
};


export type MutationUntrackInfluencersArgs = {
  pks: Array<Scalars['Int']['input']>;
};


export type MutationUpdateConnectionArgs = {
  alertGraceSeconds?: InputMaybe<Scalars['Int']['input']>;
  config?: InputMaybe<Scalars['JSON']['input']>;
  destinationId?: InputMaybe<Scalars['ID']['input']>;
  failuresBeforeAlert?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  lagThreshold?: InputMaybe<Scalars['Int']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  paused?: InputMaybe<Scalars['Boolean']['input']>;
  reconcileIntervalSeconds?: InputMaybe<Scalars['Int']['input']>;
  schedule?: InputMaybe<Scalars['String']['input']>;
  secret?: InputMaybe<Scalars['JSON']['input']>;
};


export type MutationUpdateCustomerArgs = {
  attributes: Scalars['JSON']['input'];
  id: Scalars['ID']['input'];
};

export type NoiseProposal = {
  __typename?: 'NoiseProposal';
  companyId: Maybe<Scalars['ID']['output']>;
  domain: Maybe<Scalars['String']['output']>;
  reason: Scalars['String']['output'];
};

export type NoiseRule = {
  __typename?: 'NoiseRule';
  companyId: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  domain: Maybe<Scalars['String']['output']>;
  /** Events it dropped */
  hits: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  ipRange: Maybe<Scalars['String']['output']>;
  reason: Scalars['String']['output'];
  /** manual or proposal */
  source: Scalars['String']['output'];
  undoneAt: Maybe<Scalars['DateTimeISO']['output']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The caller's alerts, newest first */
  alerts: Array<Alert>;
  /** Signals, active and new companies, unknown events per day, week or month */
  analytics: Array<AnalyticsBucket>;
  apiKeys: Array<ApiKey>;
  /** The account's companies by score, filtered; noise left out */
  companies: CompanyPage;
  /** A merged company's id answers with the company it was merged into */
  company: Company;
  connection: Connection;
  connections: ConnectionPage;
  connectorKinds: Array<ConnectorKind>;
  customer: Customer;
  customers: CustomerPage;
  /** Always answers: an unknown erid has status INEXISTENT */
  enrichmentTransaction: EnrichmentTransaction;
  /** Transactions requested in [from, to), newest first */
  enrichmentTransactions: EnrichmentTransactionPage;
  /** The account's enrichment providers in the order they are asked */
  enrichmentWaterfall: Array<Connection>;
  /** A tracked influencer by Mockstagram pk; null when not tracked */
  influencer: Maybe<Influencer>;
  influencerStats: InfluencerStats;
  influencers: InfluencerPage;
  noiseProposals: Array<NoiseProposal>;
  noiseRules: Array<NoiseRule>;
  scoreRules: Array<ScoreRule>;
  scoringSettings: ScoringSettings;
  /** The caller: their account and role */
  viewer: Viewer;
};


export type QueryAlertsArgs = {
  connectionId?: InputMaybe<Scalars['ID']['input']>;
  first?: Scalars['Int']['input'];
  status?: InputMaybe<AlertStatus>;
};


export type QueryAnalyticsArgs = {
  from: Scalars['DateTimeISO']['input'];
  interval?: AnalyticsInterval;
  to: Scalars['DateTimeISO']['input'];
};


export type QueryCompaniesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CompanyFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: CompanyOrder;
};


export type QueryCompanyArgs = {
  id: Scalars['ID']['input'];
};


export type QueryConnectionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryConnectionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CustomerFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<CustomerOrder>;
};


export type QueryEnrichmentTransactionArgs = {
  erid: Scalars['String']['input'];
};


export type QueryEnrichmentTransactionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTimeISO']['input']>;
  status?: InputMaybe<EnrichmentStatus>;
  to?: InputMaybe<Scalars['DateTimeISO']['input']>;
};


export type QueryInfluencerArgs = {
  pk: Scalars['Int']['input'];
};


export type QueryInfluencersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InfluencerOrder;
};


export type QueryNoiseRulesArgs = {
  includeUndone?: Scalars['Boolean']['input'];
};

/** ADMIN manages connections, keys and rules; MEMBER reads and writes data */
export type Role =
  | 'ADMIN'
  | 'MEMBER';

/** A boost (boostBy > 0) or demotion (< 0; -1 hides) of the companies whose field has this value; boosts multiply */
export type ScoreRule = {
  __typename?: 'ScoreRule';
  boostBy: Scalars['Float']['output'];
  /** industry, country, region, sub_region, domain, company, employees_min, employees_max */
  field: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  value: Scalars['String']['output'];
};

export type ScoringSettings = {
  __typename?: 'ScoringSettings';
  halfLifeDays: Scalars['Float']['output'];
  /** Weight per signal: visits, clicks, contacts, formSubmissions, chats, custom */
  weights: Scalars['JSONObject']['output'];
};

export type SignalContribution = {
  __typename?: 'SignalContribution';
  /** Weight × decayed count, before boosts */
  contribution: Scalars['Float']['output'];
  /** visits, clicks, contacts, form_submissions, chats, custom */
  signal: Scalars['String']['output'];
};

export type SignalWeightsInput = {
  chats?: InputMaybe<Scalars['Float']['input']>;
  clicks?: InputMaybe<Scalars['Float']['input']>;
  contacts?: InputMaybe<Scalars['Float']['input']>;
  custom?: InputMaybe<Scalars['Float']['input']>;
  formSubmissions?: InputMaybe<Scalars['Float']['input']>;
  visits?: InputMaybe<Scalars['Float']['input']>;
};

export type SubmitEnrichmentResult = {
  __typename?: 'SubmitEnrichmentResult';
  /** Contacts new to the transaction */
  accepted: Scalars['Int']['output'];
  /** Contacts it already held (a re-sent request adds nothing) */
  duplicates: Scalars['Int']['output'];
  transaction: EnrichmentTransaction;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Alerts of the caller's account as they open and resolve */
  alertChanged: Alert;
  /** Companies whose score ingestion moved (at most 100 per batch), at or above minScore */
  companyScoreChanged: CompanyScoreChange;
  /** One event when the transaction completes (at once if it already has), from whichever process completed it */
  enrichmentCompleted: EnrichmentProgress;
  /** The transaction's counters now, then as they move (at most twice a second); ends when it completes */
  enrichmentProgress: EnrichmentProgress;
  /** Each new reading of one influencer (for live charts) */
  influencerMetric: InfluencerReading;
  /** Every status change of the caller's sync runs, optionally of one connection */
  syncRunUpdated: SyncRun;
};


export type SubscriptionCompanyScoreChangedArgs = {
  minScore?: InputMaybe<Scalars['Float']['input']>;
};


export type SubscriptionEnrichmentCompletedArgs = {
  erid: Scalars['String']['input'];
};


export type SubscriptionEnrichmentProgressArgs = {
  erid: Scalars['String']['input'];
};


export type SubscriptionInfluencerMetricArgs = {
  pk: Scalars['Int']['input'];
};


export type SubscriptionSyncRunUpdatedArgs = {
  connectionId?: InputMaybe<Scalars['ID']['input']>;
};

export type SuspiciousFlag = {
  __typename?: 'SuspiciousFlag';
  checkedAt: Scalars['DateTimeISO']['output'];
  value: Scalars['Boolean']['output'];
};

export type SyncRun = {
  __typename?: 'SyncRun';
  /** Calls to the source API */
  apiCalls: Scalars['Int']['output'];
  attempts: Scalars['Int']['output'];
  /** Response bytes read from the source */
  bytes: Scalars['Float']['output'];
  connection: Maybe<Connection>;
  connectionId: Scalars['ID']['output'];
  created: Scalars['Int']['output'];
  deleted: Scalars['Int']['output'];
  /** Calls to the destination API */
  destinationApiCalls: Scalars['Int']['output'];
  /** Source and held totals per facet when they disagreed */
  drift: Maybe<Scalars['JSON']['output']>;
  /** Milliseconds from start to finish of the last attempt */
  durationMs: Maybe<Scalars['Int']['output']>;
  error: Maybe<Scalars['String']['output']>;
  fetched: Scalars['Int']['output'];
  finishedAt: Maybe<Scalars['DateTimeISO']['output']>;
  id: Scalars['ID']['output'];
  queuedAt: Scalars['DateTimeISO']['output'];
  /** Whether the run listed every source id and applied deletions */
  reconciled: Scalars['Boolean']['output'];
  startedAt: Maybe<Scalars['DateTimeISO']['output']>;
  status: SyncRunStatus;
  trigger: SyncTrigger;
  unchanged: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

export type SyncRunStatus =
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type SyncTrigger =
  | 'MANUAL'
  | 'SCHEDULE';

/** What a connection holds, with how fresh it is: an answer over synced data carries its age */
export type SyncedRecords = {
  __typename?: 'SyncedRecords';
  /** Per source bucket, e.g. Mailchimp member status */
  byFacet: Array<FacetCount>;
  count: Scalars['Int']['output'];
  freshness: Freshness;
};

export type TestConnectionResult = {
  __typename?: 'TestConnectionResult';
  message: Scalars['String']['output'];
  ok: Scalars['Boolean']['output'];
};

export type TrackResult = {
  __typename?: 'TrackResult';
  /** Influencers newly tracked */
  tracked: Scalars['Int']['output'];
  /** Influencers already tracked whose interval or connection changed */
  updated: Scalars['Int']['output'];
};

export type Viewer = {
  __typename?: 'Viewer';
  account: Account;
  role: Role;
};

export type WebEventInput = {
  email?: InputMaybe<Scalars['String']['input']>;
  /** An id makes the event count once however often it is sent */
  id?: InputMaybe<Scalars['String']['input']>;
  ip?: InputMaybe<Scalars['String']['input']>;
  occurredAt: Scalars['DateTimeISO']['input'];
  payload?: InputMaybe<Scalars['JSONObject']['input']>;
  /** visit, click, contact, form_submission, chat, or a custom signal name */
  type: Scalars['String']['input'];
};

export type CompanyFieldsFragment = { __typename?: 'Company', id: string, name: string, aliases: Array<string>, domains: Array<string>, ipRanges: Array<string>, employees: number | null, industry: string | null, country: string | null, region: string | null, subRegion: string | null, provenance: any, crm: unknown, noise: boolean, score: { __typename?: 'CompanyScore', value: number } };

export type CompaniesQueryVariables = Exact<{
  filter?: InputMaybe<CompanyFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CompaniesQuery = { __typename?: 'Query', companies: { __typename?: 'CompanyPage', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename?: 'CompanyEdge', node: { __typename?: 'Company', id: string, name: string, aliases: Array<string>, domains: Array<string>, ipRanges: Array<string>, employees: number | null, industry: string | null, country: string | null, region: string | null, subRegion: string | null, provenance: any, crm: unknown, noise: boolean, score: { __typename?: 'CompanyScore', value: number } } }> } };

export type CompanyQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  from: Scalars['DateTimeISO']['input'];
  to: Scalars['DateTimeISO']['input'];
}>;


export type CompanyQuery = { __typename?: 'Query', company: { __typename?: 'Company', id: string, name: string, aliases: Array<string>, domains: Array<string>, ipRanges: Array<string>, employees: number | null, industry: string | null, country: string | null, region: string | null, subRegion: string | null, provenance: any, crm: unknown, noise: boolean, score: { __typename?: 'CompanyScore', value: number, breakdown: Array<{ __typename?: 'SignalContribution', signal: string, contribution: number }>, rules: Array<{ __typename?: 'AppliedRule', boost: number, rule: { __typename?: 'ScoreRule', id: string, field: string, value: string, boostBy: number } }> }, signals: Array<{ __typename?: 'DailySignal', day: string, visits: number, clicks: number, contacts: number, formSubmissions: number, chats: number, extra: any }> } };

export type IngestWebEventsMutationVariables = Exact<{
  events: Array<WebEventInput> | WebEventInput;
}>;


export type IngestWebEventsMutation = { __typename?: 'Mutation', ingestWebEvents: { __typename?: 'IngestResult', accepted: number, duplicates: number, identified: number, dropped: number, unknown: number, invalid: Array<{ __typename?: 'InvalidEvent', index: number, message: string }> } };

export type ImportCompaniesMutationVariables = Exact<{
  companies: Array<CompanyInput> | CompanyInput;
}>;


export type ImportCompaniesMutation = { __typename?: 'Mutation', importCompanies: number };

export type MergeCompaniesMutationVariables = Exact<{
  keep: Scalars['ID']['input'];
  merge: Scalars['ID']['input'];
}>;


export type MergeCompaniesMutation = { __typename?: 'Mutation', mergeCompanies: { __typename?: 'Company', id: string, name: string, aliases: Array<string>, domains: Array<string>, ipRanges: Array<string>, employees: number | null, industry: string | null, country: string | null, region: string | null, subRegion: string | null, provenance: any, crm: unknown, noise: boolean, score: { __typename?: 'CompanyScore', value: number } } };

export type SetScoreRuleMutationVariables = Exact<{
  field: Scalars['String']['input'];
  value: Scalars['String']['input'];
  boostBy: Scalars['Float']['input'];
}>;


export type SetScoreRuleMutation = { __typename?: 'Mutation', setScoreRule: { __typename?: 'ScoreRule', id: string, field: string, value: string, boostBy: number } };

export type MarkNoiseMutationVariables = Exact<{
  domain?: InputMaybe<Scalars['String']['input']>;
  ipRange?: InputMaybe<Scalars['String']['input']>;
  companyId?: InputMaybe<Scalars['ID']['input']>;
  reason: Scalars['String']['input'];
}>;


export type MarkNoiseMutation = { __typename?: 'Mutation', markNoise: { __typename?: 'NoiseRule', id: string, domain: string | null, ipRange: string | null, companyId: string | null, hits: number } };

export type UndoNoiseRuleMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reprocess?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type UndoNoiseRuleMutation = { __typename?: 'Mutation', undoNoiseRule: { __typename?: 'NoiseRule', id: string, undoneAt: string | null, hits: number } };

export type NoiseRulesQueryVariables = Exact<{ [key: string]: never; }>;


export type NoiseRulesQuery = { __typename?: 'Query', noiseRules: Array<{ __typename?: 'NoiseRule', id: string, domain: string | null, ipRange: string | null, companyId: string | null, hits: number, reason: string, source: string }> };

export type NoiseProposalsQueryVariables = Exact<{ [key: string]: never; }>;


export type NoiseProposalsQuery = { __typename?: 'Query', noiseProposals: Array<{ __typename?: 'NoiseProposal', domain: string | null, companyId: string | null, reason: string }> };

export type AnalyticsQueryVariables = Exact<{
  from: Scalars['DateTimeISO']['input'];
  to: Scalars['DateTimeISO']['input'];
  interval?: InputMaybe<AnalyticsInterval>;
}>;


export type AnalyticsQuery = { __typename?: 'Query', analytics: Array<{ __typename?: 'AnalyticsBucket', start: string, visits: number, clicks: number, contacts: number, formSubmissions: number, chats: number, custom: number, activeCompanies: number, newCompanies: number, unknownEvents: number }> };

export type CompanyScoreChangedSubscriptionVariables = Exact<{
  minScore?: InputMaybe<Scalars['Float']['input']>;
}>;


export type CompanyScoreChangedSubscription = { __typename?: 'Subscription', companyScoreChanged: { __typename?: 'CompanyScoreChange', companyId: string, score: number } };

export type CustomerFieldsFragment = { __typename?: 'Customer', id: string, email: string | null, createdAt: string | null, lastUpdated: number, attributes: Array<{ __typename?: 'CustomerAttribute', name: string, value: string }>, events: Array<{ __typename?: 'EventCount', name: string, count: number }> };

export type CustomersQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CustomerFilterInput>;
  orderBy?: InputMaybe<CustomerOrder>;
}>;


export type CustomersQuery = { __typename?: 'Query', customers: { __typename?: 'CustomerPage', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename?: 'CustomerEdge', cursor: string, node: { __typename?: 'Customer', id: string, email: string | null, createdAt: string | null, lastUpdated: number, attributes: Array<{ __typename?: 'CustomerAttribute', name: string, value: string }>, events: Array<{ __typename?: 'EventCount', name: string, count: number }> } }> } };

export type CustomerQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CustomerQuery = { __typename?: 'Query', customer: { __typename?: 'Customer', id: string, email: string | null, createdAt: string | null, lastUpdated: number, attributes: Array<{ __typename?: 'CustomerAttribute', name: string, value: string }>, events: Array<{ __typename?: 'EventCount', name: string, count: number }> } };

export type CreateCustomerMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  attributes: Scalars['JSON']['input'];
}>;


export type CreateCustomerMutation = { __typename?: 'Mutation', createCustomer: { __typename?: 'Customer', id: string, email: string | null, createdAt: string | null, lastUpdated: number, attributes: Array<{ __typename?: 'CustomerAttribute', name: string, value: string }>, events: Array<{ __typename?: 'EventCount', name: string, count: number }> } };

export type UpdateCustomerMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  attributes: Scalars['JSON']['input'];
}>;


export type UpdateCustomerMutation = { __typename?: 'Mutation', updateCustomer: { __typename?: 'Customer', id: string, email: string | null, createdAt: string | null, lastUpdated: number, attributes: Array<{ __typename?: 'CustomerAttribute', name: string, value: string }>, events: Array<{ __typename?: 'EventCount', name: string, count: number }> } };

export type DeleteCustomerMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteCustomerMutation = { __typename?: 'Mutation', deleteCustomer: { __typename?: 'Customer', id: string } };

export type TrackActivityMutationVariables = Exact<{
  items: Array<ActivityInput> | ActivityInput;
}>;


export type TrackActivityMutation = { __typename?: 'Mutation', trackActivity: { __typename?: 'ActivityResult', received: number, applied: number, duplicates: number, anonymous: number, errorCount: number, errors: Array<{ __typename?: 'LineErrorType', line: number, reason: string }> } };

export type SetEnrichmentWaterfallMutationVariables = Exact<{
  providerIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type SetEnrichmentWaterfallMutation = { __typename?: 'Mutation', setEnrichmentWaterfall: Array<{ __typename?: 'Connection', id: string, name: string }> };

export type EnrichmentWaterfallQueryVariables = Exact<{ [key: string]: never; }>;


export type EnrichmentWaterfallQuery = { __typename?: 'Query', enrichmentWaterfall: Array<{ __typename?: 'Connection', id: string, name: string }> };

export type SubmitEnrichmentMutationVariables = Exact<{
  erid: Scalars['String']['input'];
  contacts: Array<Scalars['JSONObject']['input']> | Scalars['JSONObject']['input'];
  fields: Array<Scalars['String']['input']> | Scalars['String']['input'];
  numberOfRecords: Scalars['Int']['input'];
  writeBack?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type SubmitEnrichmentMutation = { __typename?: 'Mutation', submitEnrichment: { __typename?: 'SubmitEnrichmentResult', accepted: number, duplicates: number, transaction: { __typename?: 'EnrichmentTransaction', erid: string, status: EnrichmentStatus } } };

export type EnrichmentTransactionQueryVariables = Exact<{
  erid: Scalars['String']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type EnrichmentTransactionQuery = { __typename?: 'Query', enrichmentTransaction: { __typename?: 'EnrichmentTransaction', erid: string, status: EnrichmentStatus, fields: Array<string>, numberOfRecords: number, writeBack: boolean, vendorCalls: number, cacheHits: number, completedAt: string | null, counts: { __typename?: 'EnrichmentCounts', received: number, enriched: number, notFound: number, failed: number, pending: number }, records: { __typename?: 'EnrichmentRecordPage', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename?: 'EnrichmentRecordEdge', node: { __typename?: 'EnrichmentRecord', key: string, status: EnrichmentRecordStatus, input: any, output: any, providers: any, error: string | null } }> } } };

export type EnrichmentTransactionsQueryVariables = Exact<{
  from?: InputMaybe<Scalars['DateTimeISO']['input']>;
  to?: InputMaybe<Scalars['DateTimeISO']['input']>;
  status?: InputMaybe<EnrichmentStatus>;
}>;


export type EnrichmentTransactionsQuery = { __typename?: 'Query', enrichmentTransactions: { __typename?: 'EnrichmentTransactionPage', totalCount: number, edges: Array<{ __typename?: 'EnrichmentTransactionEdge', node: { __typename?: 'EnrichmentTransaction', erid: string, status: EnrichmentStatus } }> } };

export type EnrichmentCompletedSubscriptionVariables = Exact<{
  erid: Scalars['String']['input'];
}>;


export type EnrichmentCompletedSubscription = { __typename?: 'Subscription', enrichmentCompleted: { __typename?: 'EnrichmentProgress', erid: string, status: EnrichmentStatus, numberOfRecords: number, received: number, enriched: number, notFound: number, failed: number } };

export type EnrichmentProgressSubscriptionVariables = Exact<{
  erid: Scalars['String']['input'];
}>;


export type EnrichmentProgressSubscription = { __typename?: 'Subscription', enrichmentProgress: { __typename?: 'EnrichmentProgress', erid: string, status: EnrichmentStatus, received: number, enriched: number, notFound: number, failed: number } };

export type TrackInfluencerRangeMutationVariables = Exact<{
  connectionId: Scalars['ID']['input'];
  from: Scalars['Int']['input'];
  to: Scalars['Int']['input'];
}>;


export type TrackInfluencerRangeMutation = { __typename?: 'Mutation', trackInfluencerRange: { __typename?: 'TrackResult', tracked: number } };

export type TrackInfluencersMutationVariables = Exact<{
  connectionId: Scalars['ID']['input'];
  pks: Array<Scalars['Int']['input']> | Scalars['Int']['input'];
}>;


export type TrackInfluencersMutation = { __typename?: 'Mutation', trackInfluencers: { __typename?: 'TrackResult', tracked: number, updated: number } };

export type UntrackInfluencersMutationVariables = Exact<{
  pks: Array<Scalars['Int']['input']> | Scalars['Int']['input'];
}>;


export type UntrackInfluencersMutation = { __typename?: 'Mutation', untrackInfluencers: number };

export type InfluencerStateQueryVariables = Exact<{
  pk: Scalars['Int']['input'];
}>;


export type InfluencerStateQuery = { __typename?: 'Query', influencer: { __typename?: 'Influencer', pk: number, error: { __typename?: 'InfluencerError', message: string, consecutiveFailures: number } | null, latest: { __typename?: 'InfluencerReading', ts: string, followerCount: number, followingCount: number, followerRatio: number | null } | null } | null };

export type InfluencerRanksQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type InfluencerRanksQuery = { __typename?: 'Query', influencers: { __typename?: 'InfluencerPage', totalCount: number, edges: Array<{ __typename?: 'InfluencerEdge', node: { __typename?: 'Influencer', pk: number, rank: number | null, averageFollowerCount: number | null, latest: { __typename?: 'InfluencerReading', followerRatio: number | null } | null } }> } };

export type InfluencerMetricsQueryVariables = Exact<{
  pk: Scalars['Int']['input'];
  from: Scalars['DateTimeISO']['input'];
  to: Scalars['DateTimeISO']['input'];
  interval: MetricInterval;
}>;


export type InfluencerMetricsQuery = { __typename?: 'Query', influencer: { __typename?: 'Influencer', metrics: Array<{ __typename?: 'MetricBucket', ts: string, followerCount: { __typename?: 'MetricStat', min: number | null, max: number | null, avg: number | null, last: number | null }, followerRatio: { __typename?: 'MetricStat', avg: number | null } }> } | null };

export type InfluencerMetricSubscriptionVariables = Exact<{
  pk: Scalars['Int']['input'];
}>;


export type InfluencerMetricSubscription = { __typename?: 'Subscription', influencerMetric: { __typename?: 'InfluencerReading', ts: string, followerCount: number, followingCount: number, followerRatio: number | null } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', role: Role, account: { __typename?: 'Account', id: string, name: string } } };

export type ApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiKeysQuery = { __typename?: 'Query', apiKeys: Array<{ __typename?: 'ApiKey', id: string, name: string, prefix: string, role: Role, revokedAt: string | null }> };

export type CreateApiKeyMutationVariables = Exact<{
  name: Scalars['String']['input'];
  role?: InputMaybe<Role>;
}>;


export type CreateApiKeyMutation = { __typename?: 'Mutation', createApiKey: { __typename?: 'CreatedApiKey', key: string, apiKey: { __typename?: 'ApiKey', id: string, name: string, prefix: string, role: Role } } };

export type RevokeApiKeyMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RevokeApiKeyMutation = { __typename?: 'Mutation', revokeApiKey: { __typename?: 'ApiKey', id: string, revokedAt: string | null } };

export type ConnectorKindsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConnectorKindsQuery = { __typename?: 'Query', connectorKinds: Array<{ __typename?: 'ConnectorKind', kind: string, displayName: string, capabilities: Array<string>, configSchema: unknown, secretSchema: unknown }> };

export type ConnectionFieldsFragment = { __typename?: 'Connection', id: string, kind: string, name: string, config: unknown, schedule: string | null, lagThresholdSeconds: number, paused: boolean, syncedThrough: string | null, nextSyncAt: string | null, health: ConnectionHealth, lagSeconds: number };

export type SyncRunFieldsFragment = { __typename?: 'SyncRun', id: string, connectionId: string, status: SyncRunStatus, trigger: SyncTrigger, attempts: number, fetched: number, apiCalls: number, error: string | null, startedAt: string | null, finishedAt: string | null };

export type RegisterConnectionMutationVariables = Exact<{
  kind: Scalars['String']['input'];
  name: Scalars['String']['input'];
  config: Scalars['JSON']['input'];
  secret?: InputMaybe<Scalars['JSON']['input']>;
  schedule?: InputMaybe<Scalars['String']['input']>;
  lagThreshold?: InputMaybe<Scalars['Int']['input']>;
}>;


export type RegisterConnectionMutation = { __typename?: 'Mutation', registerConnection: { __typename?: 'Connection', id: string, kind: string, name: string, config: unknown, schedule: string | null, lagThresholdSeconds: number, paused: boolean, syncedThrough: string | null, nextSyncAt: string | null, health: ConnectionHealth, lagSeconds: number } };

export type UpdateConnectionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  config?: InputMaybe<Scalars['JSON']['input']>;
  schedule?: InputMaybe<Scalars['String']['input']>;
  paused?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type UpdateConnectionMutation = { __typename?: 'Mutation', updateConnection: { __typename?: 'Connection', id: string, kind: string, name: string, config: unknown, schedule: string | null, lagThresholdSeconds: number, paused: boolean, syncedThrough: string | null, nextSyncAt: string | null, health: ConnectionHealth, lagSeconds: number } };

export type DeleteConnectionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteConnectionMutation = { __typename?: 'Mutation', deleteConnection: { __typename?: 'Connection', id: string } };

export type TestConnectionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TestConnectionMutation = { __typename?: 'Mutation', testConnection: { __typename?: 'TestConnectionResult', ok: boolean, message: string } };

export type TriggerSyncMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TriggerSyncMutation = { __typename?: 'Mutation', triggerSync: { __typename?: 'SyncRun', id: string, connectionId: string, status: SyncRunStatus, trigger: SyncTrigger, attempts: number, fetched: number, apiCalls: number, error: string | null, startedAt: string | null, finishedAt: string | null } };

export type ConnectionsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConnectionsQuery = { __typename?: 'Query', connections: { __typename?: 'ConnectionPage', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename?: 'ConnectionEdge', cursor: string, node: { __typename?: 'Connection', id: string, kind: string, name: string, config: unknown, schedule: string | null, lagThresholdSeconds: number, paused: boolean, syncedThrough: string | null, nextSyncAt: string | null, health: ConnectionHealth, lagSeconds: number } }> } };

export type ConnectionQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConnectionQuery = { __typename?: 'Query', connection: { __typename?: 'Connection', id: string, kind: string, name: string, config: unknown, schedule: string | null, lagThresholdSeconds: number, paused: boolean, syncedThrough: string | null, nextSyncAt: string | null, health: ConnectionHealth, lagSeconds: number, lastRun: { __typename?: 'SyncRun', id: string, connectionId: string, status: SyncRunStatus, trigger: SyncTrigger, attempts: number, fetched: number, apiCalls: number, error: string | null, startedAt: string | null, finishedAt: string | null } | null, runs: Array<{ __typename?: 'SyncRun', id: string, connectionId: string, status: SyncRunStatus, trigger: SyncTrigger, attempts: number, fetched: number, apiCalls: number, error: string | null, startedAt: string | null, finishedAt: string | null, connection: { __typename?: 'Connection', id: string, name: string } | null }> } };

export type SyncRunUpdatedSubscriptionVariables = Exact<{
  connectionId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type SyncRunUpdatedSubscription = { __typename?: 'Subscription', syncRunUpdated: { __typename?: 'SyncRun', id: string, connectionId: string, status: SyncRunStatus, trigger: SyncTrigger, attempts: number, fetched: number, apiCalls: number, error: string | null, startedAt: string | null, finishedAt: string | null } };

export type ConnectionFreshnessQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConnectionFreshnessQuery = { __typename?: 'Query', connection: { __typename?: 'Connection', id: string, consecutiveFailures: number, reconciledAt: string | null, drift: unknown | null, syncedRecords: { __typename?: 'SyncedRecords', count: number, byFacet: Array<{ __typename?: 'FacetCount', facet: string, count: number }>, freshness: { __typename?: 'Freshness', syncedThrough: string | null, lagSeconds: number, health: ConnectionHealth } }, lastRun: { __typename?: 'SyncRun', id: string, status: SyncRunStatus, fetched: number, created: number, updated: number, deleted: number, unchanged: number, apiCalls: number, destinationApiCalls: number, bytes: number, reconciled: boolean, drift: unknown | null, durationMs: number | null } | null } };

export type RegisterSyncConnectionMutationVariables = Exact<{
  kind: Scalars['String']['input'];
  name: Scalars['String']['input'];
  config: Scalars['JSON']['input'];
  secret?: InputMaybe<Scalars['JSON']['input']>;
  destinationId?: InputMaybe<Scalars['ID']['input']>;
  lagThreshold?: InputMaybe<Scalars['Int']['input']>;
  alertGraceSeconds?: InputMaybe<Scalars['Int']['input']>;
  failuresBeforeAlert?: InputMaybe<Scalars['Int']['input']>;
}>;


export type RegisterSyncConnectionMutation = { __typename?: 'Mutation', registerConnection: { __typename?: 'Connection', id: string, destinationId: string | null, alertGraceSeconds: number, failuresBeforeAlert: number } };

export type AlertsQueryVariables = Exact<{
  status?: InputMaybe<AlertStatus>;
  connectionId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type AlertsQuery = { __typename?: 'Query', alerts: Array<{ __typename?: 'Alert', id: string, connectionId: string | null, kind: AlertKind, status: AlertStatus, reason: string, openedAt: string, resolvedAt: string | null }> };

export type AlertChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AlertChangedSubscription = { __typename?: 'Subscription', alertChanged: { __typename?: 'Alert', id: string, connectionId: string | null, kind: AlertKind, status: AlertStatus, reason: string } };

export const CompanyFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CompanyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"domains"}},{"kind":"Field","name":{"kind":"Name","value":"ipRanges"}},{"kind":"Field","name":{"kind":"Name","value":"employees"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"subRegion"}},{"kind":"Field","name":{"kind":"Name","value":"provenance"}},{"kind":"Field","name":{"kind":"Name","value":"crm"}},{"kind":"Field","name":{"kind":"Name","value":"noise"}},{"kind":"Field","name":{"kind":"Name","value":"score"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<CompanyFieldsFragment, unknown>;
export const CustomerFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CustomerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<CustomerFieldsFragment, unknown>;
export const ConnectionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"lagThresholdSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"syncedThrough"}},{"kind":"Field","name":{"kind":"Name","value":"nextSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"health"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}}]}}]} as unknown as DocumentNode<ConnectionFieldsFragment, unknown>;
export const SyncRunFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"apiCalls"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]} as unknown as DocumentNode<SyncRunFieldsFragment, unknown>;
export const CompaniesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Companies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CompanyFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"companies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CompanyFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CompanyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"domains"}},{"kind":"Field","name":{"kind":"Name","value":"ipRanges"}},{"kind":"Field","name":{"kind":"Name","value":"employees"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"subRegion"}},{"kind":"Field","name":{"kind":"Name","value":"provenance"}},{"kind":"Field","name":{"kind":"Name","value":"crm"}},{"kind":"Field","name":{"kind":"Name","value":"noise"}},{"kind":"Field","name":{"kind":"Name","value":"score"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<CompaniesQuery, CompaniesQueryVariables>;
export const CompanyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Company"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"company"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CompanyFields"}},{"kind":"Field","name":{"kind":"Name","value":"score"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"breakdown"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signal"}},{"kind":"Field","name":{"kind":"Name","value":"contribution"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boost"}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"boostBy"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"signals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"visits"}},{"kind":"Field","name":{"kind":"Name","value":"clicks"}},{"kind":"Field","name":{"kind":"Name","value":"contacts"}},{"kind":"Field","name":{"kind":"Name","value":"formSubmissions"}},{"kind":"Field","name":{"kind":"Name","value":"chats"}},{"kind":"Field","name":{"kind":"Name","value":"extra"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CompanyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"domains"}},{"kind":"Field","name":{"kind":"Name","value":"ipRanges"}},{"kind":"Field","name":{"kind":"Name","value":"employees"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"subRegion"}},{"kind":"Field","name":{"kind":"Name","value":"provenance"}},{"kind":"Field","name":{"kind":"Name","value":"crm"}},{"kind":"Field","name":{"kind":"Name","value":"noise"}},{"kind":"Field","name":{"kind":"Name","value":"score"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<CompanyQuery, CompanyQueryVariables>;
export const IngestWebEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IngestWebEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"events"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WebEventInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ingestWebEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"events"},"value":{"kind":"Variable","name":{"kind":"Name","value":"events"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"identified"}},{"kind":"Field","name":{"kind":"Name","value":"dropped"}},{"kind":"Field","name":{"kind":"Name","value":"unknown"}},{"kind":"Field","name":{"kind":"Name","value":"invalid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<IngestWebEventsMutation, IngestWebEventsMutationVariables>;
export const ImportCompaniesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportCompanies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"companies"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CompanyInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importCompanies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"companies"},"value":{"kind":"Variable","name":{"kind":"Name","value":"companies"}}}]}]}}]} as unknown as DocumentNode<ImportCompaniesMutation, ImportCompaniesMutationVariables>;
export const MergeCompaniesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MergeCompanies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"keep"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"merge"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mergeCompanies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"keep"},"value":{"kind":"Variable","name":{"kind":"Name","value":"keep"}}},{"kind":"Argument","name":{"kind":"Name","value":"merge"},"value":{"kind":"Variable","name":{"kind":"Name","value":"merge"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CompanyFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CompanyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"domains"}},{"kind":"Field","name":{"kind":"Name","value":"ipRanges"}},{"kind":"Field","name":{"kind":"Name","value":"employees"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"subRegion"}},{"kind":"Field","name":{"kind":"Name","value":"provenance"}},{"kind":"Field","name":{"kind":"Name","value":"crm"}},{"kind":"Field","name":{"kind":"Name","value":"noise"}},{"kind":"Field","name":{"kind":"Name","value":"score"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<MergeCompaniesMutation, MergeCompaniesMutationVariables>;
export const SetScoreRuleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetScoreRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"field"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"boostBy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setScoreRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"field"},"value":{"kind":"Variable","name":{"kind":"Name","value":"field"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}},{"kind":"Argument","name":{"kind":"Name","value":"boostBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"boostBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"boostBy"}}]}}]}}]} as unknown as DocumentNode<SetScoreRuleMutation, SetScoreRuleMutationVariables>;
export const MarkNoiseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkNoise"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"domain"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ipRange"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markNoise"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"domain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"domain"}}},{"kind":"Argument","name":{"kind":"Name","value":"ipRange"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ipRange"}}},{"kind":"Argument","name":{"kind":"Name","value":"companyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"ipRange"}},{"kind":"Field","name":{"kind":"Name","value":"companyId"}},{"kind":"Field","name":{"kind":"Name","value":"hits"}}]}}]}}]} as unknown as DocumentNode<MarkNoiseMutation, MarkNoiseMutationVariables>;
export const UndoNoiseRuleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UndoNoiseRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reprocess"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"undoNoiseRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reprocess"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reprocess"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"undoneAt"}},{"kind":"Field","name":{"kind":"Name","value":"hits"}}]}}]}}]} as unknown as DocumentNode<UndoNoiseRuleMutation, UndoNoiseRuleMutationVariables>;
export const NoiseRulesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NoiseRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"noiseRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"ipRange"}},{"kind":"Field","name":{"kind":"Name","value":"companyId"}},{"kind":"Field","name":{"kind":"Name","value":"hits"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]} as unknown as DocumentNode<NoiseRulesQuery, NoiseRulesQueryVariables>;
export const NoiseProposalsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NoiseProposals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"noiseProposals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"companyId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<NoiseProposalsQuery, NoiseProposalsQueryVariables>;
export const AnalyticsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Analytics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"interval"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AnalyticsInterval"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"analytics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"Variable","name":{"kind":"Name","value":"interval"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"visits"}},{"kind":"Field","name":{"kind":"Name","value":"clicks"}},{"kind":"Field","name":{"kind":"Name","value":"contacts"}},{"kind":"Field","name":{"kind":"Name","value":"formSubmissions"}},{"kind":"Field","name":{"kind":"Name","value":"chats"}},{"kind":"Field","name":{"kind":"Name","value":"custom"}},{"kind":"Field","name":{"kind":"Name","value":"activeCompanies"}},{"kind":"Field","name":{"kind":"Name","value":"newCompanies"}},{"kind":"Field","name":{"kind":"Name","value":"unknownEvents"}}]}}]}}]} as unknown as DocumentNode<AnalyticsQuery, AnalyticsQueryVariables>;
export const CompanyScoreChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CompanyScoreChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minScore"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"companyScoreChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"minScore"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minScore"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"companyId"}},{"kind":"Field","name":{"kind":"Name","value":"score"}}]}}]}}]} as unknown as DocumentNode<CompanyScoreChangedSubscription, CompanyScoreChangedSubscriptionVariables>;
export const CustomersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Customers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerFilterInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CustomerFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CustomerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<CustomersQuery, CustomersQueryVariables>;
export const CustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Customer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CustomerFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CustomerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<CustomerQuery, CustomerQueryVariables>;
export const CreateCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"attributes"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"attributes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"attributes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CustomerFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CustomerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<CreateCustomerMutation, CreateCustomerMutationVariables>;
export const UpdateCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"attributes"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"attributes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"attributes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CustomerFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CustomerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<UpdateCustomerMutation, UpdateCustomerMutationVariables>;
export const DeleteCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DeleteCustomerMutation, DeleteCustomerMutationVariables>;
export const TrackActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TrackActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"items"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"items"},"value":{"kind":"Variable","name":{"kind":"Name","value":"items"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"received"}},{"kind":"Field","name":{"kind":"Name","value":"applied"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"anonymous"}},{"kind":"Field","name":{"kind":"Name","value":"errorCount"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<TrackActivityMutation, TrackActivityMutationVariables>;
export const SetEnrichmentWaterfallDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetEnrichmentWaterfall"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"providerIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setEnrichmentWaterfall"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"providerIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"providerIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SetEnrichmentWaterfallMutation, SetEnrichmentWaterfallMutationVariables>;
export const EnrichmentWaterfallDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EnrichmentWaterfall"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enrichmentWaterfall"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<EnrichmentWaterfallQuery, EnrichmentWaterfallQueryVariables>;
export const SubmitEnrichmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitEnrichment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"erid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contacts"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSONObject"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fields"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"numberOfRecords"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"writeBack"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitEnrichment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"erid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"erid"}}},{"kind":"Argument","name":{"kind":"Name","value":"contacts"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contacts"}}},{"kind":"Argument","name":{"kind":"Name","value":"fields"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fields"}}},{"kind":"Argument","name":{"kind":"Name","value":"numberOfRecords"},"value":{"kind":"Variable","name":{"kind":"Name","value":"numberOfRecords"}}},{"kind":"Argument","name":{"kind":"Name","value":"writeBack"},"value":{"kind":"Variable","name":{"kind":"Name","value":"writeBack"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"transaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"erid"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<SubmitEnrichmentMutation, SubmitEnrichmentMutationVariables>;
export const EnrichmentTransactionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EnrichmentTransaction"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"erid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enrichmentTransaction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"erid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"erid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"erid"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}},{"kind":"Field","name":{"kind":"Name","value":"numberOfRecords"}},{"kind":"Field","name":{"kind":"Name","value":"writeBack"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCalls"}},{"kind":"Field","name":{"kind":"Name","value":"cacheHits"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"received"}},{"kind":"Field","name":{"kind":"Name","value":"enriched"}},{"kind":"Field","name":{"kind":"Name","value":"notFound"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}}]}},{"kind":"Field","name":{"kind":"Name","value":"records"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"providers"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EnrichmentTransactionQuery, EnrichmentTransactionQueryVariables>;
export const EnrichmentTransactionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EnrichmentTransactions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EnrichmentStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enrichmentTransactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"erid"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EnrichmentTransactionsQuery, EnrichmentTransactionsQueryVariables>;
export const EnrichmentCompletedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"EnrichmentCompleted"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"erid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enrichmentCompleted"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"erid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"erid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"erid"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"numberOfRecords"}},{"kind":"Field","name":{"kind":"Name","value":"received"}},{"kind":"Field","name":{"kind":"Name","value":"enriched"}},{"kind":"Field","name":{"kind":"Name","value":"notFound"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}}]}}]}}]} as unknown as DocumentNode<EnrichmentCompletedSubscription, EnrichmentCompletedSubscriptionVariables>;
export const EnrichmentProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"EnrichmentProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"erid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enrichmentProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"erid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"erid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"erid"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"received"}},{"kind":"Field","name":{"kind":"Name","value":"enriched"}},{"kind":"Field","name":{"kind":"Name","value":"notFound"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}}]}}]}}]} as unknown as DocumentNode<EnrichmentProgressSubscription, EnrichmentProgressSubscriptionVariables>;
export const TrackInfluencerRangeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TrackInfluencerRange"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackInfluencerRange"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tracked"}}]}}]}}]} as unknown as DocumentNode<TrackInfluencerRangeMutation, TrackInfluencerRangeMutationVariables>;
export const TrackInfluencersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TrackInfluencers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pks"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackInfluencers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"pks"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pks"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tracked"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}}]}}]}}]} as unknown as DocumentNode<TrackInfluencersMutation, TrackInfluencersMutationVariables>;
export const UntrackInfluencersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UntrackInfluencers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pks"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"untrackInfluencers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pks"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pks"}}}]}]}}]} as unknown as DocumentNode<UntrackInfluencersMutation, UntrackInfluencersMutationVariables>;
export const InfluencerStateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InfluencerState"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pk"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"influencer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pk"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pk"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pk"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ts"}},{"kind":"Field","name":{"kind":"Name","value":"followerCount"}},{"kind":"Field","name":{"kind":"Name","value":"followingCount"}},{"kind":"Field","name":{"kind":"Name","value":"followerRatio"}}]}}]}}]}}]} as unknown as DocumentNode<InfluencerStateQuery, InfluencerStateQueryVariables>;
export const InfluencerRanksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InfluencerRanks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"influencers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"EnumValue","value":"FOLLOWERS_DESC"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pk"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"averageFollowerCount"}},{"kind":"Field","name":{"kind":"Name","value":"latest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"followerRatio"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<InfluencerRanksQuery, InfluencerRanksQueryVariables>;
export const InfluencerMetricsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InfluencerMetrics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pk"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"interval"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricInterval"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"influencer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pk"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pk"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metrics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"Variable","name":{"kind":"Name","value":"interval"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ts"}},{"kind":"Field","name":{"kind":"Name","value":"followerCount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"avg"}},{"kind":"Field","name":{"kind":"Name","value":"last"}}]}},{"kind":"Field","name":{"kind":"Name","value":"followerRatio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"avg"}}]}}]}}]}}]}}]} as unknown as DocumentNode<InfluencerMetricsQuery, InfluencerMetricsQueryVariables>;
export const InfluencerMetricDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"InfluencerMetric"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pk"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"influencerMetric"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pk"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pk"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ts"}},{"kind":"Field","name":{"kind":"Name","value":"followerCount"}},{"kind":"Field","name":{"kind":"Name","value":"followingCount"}},{"kind":"Field","name":{"kind":"Name","value":"followerRatio"}}]}}]}}]} as unknown as DocumentNode<InfluencerMetricSubscription, InfluencerMetricSubscriptionVariables>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const ApiKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<ApiKeysQuery, ApiKeysQueryVariables>;
export const CreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"role"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Role"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"role"},"value":{"kind":"Variable","name":{"kind":"Name","value":"role"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const ConnectorKindsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConnectorKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectorKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"configSchema"}},{"kind":"Field","name":{"kind":"Name","value":"secretSchema"}}]}}]}}]} as unknown as DocumentNode<ConnectorKindsQuery, ConnectorKindsQueryVariables>;
export const RegisterConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"config"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"secret"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"schedule"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lagThreshold"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"config"},"value":{"kind":"Variable","name":{"kind":"Name","value":"config"}}},{"kind":"Argument","name":{"kind":"Name","value":"secret"},"value":{"kind":"Variable","name":{"kind":"Name","value":"secret"}}},{"kind":"Argument","name":{"kind":"Name","value":"schedule"},"value":{"kind":"Variable","name":{"kind":"Name","value":"schedule"}}},{"kind":"Argument","name":{"kind":"Name","value":"lagThreshold"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lagThreshold"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"lagThresholdSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"syncedThrough"}},{"kind":"Field","name":{"kind":"Name","value":"nextSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"health"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}}]}}]} as unknown as DocumentNode<RegisterConnectionMutation, RegisterConnectionMutationVariables>;
export const UpdateConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"config"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"schedule"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"paused"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"config"},"value":{"kind":"Variable","name":{"kind":"Name","value":"config"}}},{"kind":"Argument","name":{"kind":"Name","value":"schedule"},"value":{"kind":"Variable","name":{"kind":"Name","value":"schedule"}}},{"kind":"Argument","name":{"kind":"Name","value":"paused"},"value":{"kind":"Variable","name":{"kind":"Name","value":"paused"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"lagThresholdSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"syncedThrough"}},{"kind":"Field","name":{"kind":"Name","value":"nextSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"health"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}}]}}]} as unknown as DocumentNode<UpdateConnectionMutation, UpdateConnectionMutationVariables>;
export const DeleteConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DeleteConnectionMutation, DeleteConnectionMutationVariables>;
export const TestConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<TestConnectionMutation, TestConnectionMutationVariables>;
export const TriggerSyncDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TriggerSync"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"triggerSync"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"apiCalls"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]} as unknown as DocumentNode<TriggerSyncMutation, TriggerSyncMutationVariables>;
export const ConnectionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Connections"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connections"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"lagThresholdSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"syncedThrough"}},{"kind":"Field","name":{"kind":"Name","value":"nextSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"health"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}}]}}]} as unknown as DocumentNode<ConnectionsQuery, ConnectionsQueryVariables>;
export const ConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Connection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectionFields"}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncRunFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncRunFields"}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"lagThresholdSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"syncedThrough"}},{"kind":"Field","name":{"kind":"Name","value":"nextSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"health"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"apiCalls"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]} as unknown as DocumentNode<ConnectionQuery, ConnectionQueryVariables>;
export const SyncRunUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SyncRunUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncRunUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SyncRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SyncRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SyncRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"apiCalls"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]} as unknown as DocumentNode<SyncRunUpdatedSubscription, SyncRunUpdatedSubscriptionVariables>;
export const ConnectionFreshnessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConnectionFreshness"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"reconciledAt"}},{"kind":"Field","name":{"kind":"Name","value":"drift"}},{"kind":"Field","name":{"kind":"Name","value":"syncedRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"byFacet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"facet"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"freshness"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncedThrough"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"health"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"fetched"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"apiCalls"}},{"kind":"Field","name":{"kind":"Name","value":"destinationApiCalls"}},{"kind":"Field","name":{"kind":"Name","value":"bytes"}},{"kind":"Field","name":{"kind":"Name","value":"reconciled"}},{"kind":"Field","name":{"kind":"Name","value":"drift"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}}]}}]}}]} as unknown as DocumentNode<ConnectionFreshnessQuery, ConnectionFreshnessQueryVariables>;
export const RegisterSyncConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterSyncConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"config"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"secret"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"destinationId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lagThreshold"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"alertGraceSeconds"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"failuresBeforeAlert"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"config"},"value":{"kind":"Variable","name":{"kind":"Name","value":"config"}}},{"kind":"Argument","name":{"kind":"Name","value":"secret"},"value":{"kind":"Variable","name":{"kind":"Name","value":"secret"}}},{"kind":"Argument","name":{"kind":"Name","value":"destinationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"destinationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"lagThreshold"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lagThreshold"}}},{"kind":"Argument","name":{"kind":"Name","value":"alertGraceSeconds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"alertGraceSeconds"}}},{"kind":"Argument","name":{"kind":"Name","value":"failuresBeforeAlert"},"value":{"kind":"Variable","name":{"kind":"Name","value":"failuresBeforeAlert"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"destinationId"}},{"kind":"Field","name":{"kind":"Name","value":"alertGraceSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"failuresBeforeAlert"}}]}}]}}]} as unknown as DocumentNode<RegisterSyncConnectionMutation, RegisterSyncConnectionMutationVariables>;
export const AlertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Alerts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AlertStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"connectionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}}]}}]}}]} as unknown as DocumentNode<AlertsQuery, AlertsQueryVariables>;
export const AlertChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AlertChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alertChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<AlertChangedSubscription, AlertChangedSubscriptionVariables>;