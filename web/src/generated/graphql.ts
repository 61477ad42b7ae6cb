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

export type AlertKind =
  | 'DRIFT'
  | 'FAILING'
  | 'LAGGING'
  | 'QUEUE_STALLED';

export type AlertStatus =
  | 'OPEN'
  | 'RESOLVED';

export type AnalyticsInterval =
  | 'DAY'
  | 'MONTH'
  | 'WEEK';

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

export type ConnectionHealth =
  | 'FAILING'
  | 'HEALTHY'
  | 'LAGGING'
  | 'PAUSED';

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

export type EmployeesRange = {
  max?: InputMaybe<Scalars['Int']['input']>;
  min?: InputMaybe<Scalars['Int']['input']>;
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

export type InfluencerOrder =
  | 'FOLLOWERS_DESC';

/** MINUTE reads raw readings; HOUR and DAY read rollups */
export type MetricInterval =
  | 'DAY'
  | 'HOUR'
  | 'MINUTE';

/** ADMIN manages connections, keys and rules; MEMBER reads and writes data */
export type Role =
  | 'ADMIN'
  | 'MEMBER';

export type SignalWeightsInput = {
  chats?: InputMaybe<Scalars['Float']['input']>;
  clicks?: InputMaybe<Scalars['Float']['input']>;
  contacts?: InputMaybe<Scalars['Float']['input']>;
  custom?: InputMaybe<Scalars['Float']['input']>;
  formSubmissions?: InputMaybe<Scalars['Float']['input']>;
  visits?: InputMaybe<Scalars['Float']['input']>;
};

export type SyncRunStatus =
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type SyncTrigger =
  | 'MANUAL'
  | 'SCHEDULE';

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

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', role: Role, account: { __typename?: 'Account', id: string, name: string } } };


export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;