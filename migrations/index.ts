import { Foundation1764000000000 } from "./1764000000000-foundation";
import { Customers1764000100000 } from "./1764000100000-customers";
import { Syncs1764000200000 } from "./1764000200000-syncs";
import { BulkCascades1764000300000 } from "./1764000300000-bulk-cascades";
import { CustomerBaseVersion1764000400000 } from "./1764000400000-customer-base-version";
import { Influencers1764000500000 } from "./1764000500000-influencers";
import { Enrichment1764000600000 } from "./1764000600000-enrichment";
import { Companies1764000700000 } from "./1764000700000-companies";
import { CompanyWritePath1764000800000 } from "./1764000800000-company-write-path";
import { CompanyDirectoryVersion1764000900000 } from "./1764000900000-company-directory-version";
import { InfluencerPollShards1764001000000 } from "./1764001000000-influencer-poll-shards";
import { CustomerEventsAndCount1764001100000 } from "./1764001100000-customer-events-and-count";
import { ActivityChunks1764001200000 } from "./1764001200000-activity-chunks";

/** Migrations in order. Listed explicitly so the same list runs from TypeScript (tests) and compiled JS. */
export const migrations = [
  Foundation1764000000000,
  Customers1764000100000,
  Syncs1764000200000,
  BulkCascades1764000300000,
  CustomerBaseVersion1764000400000,
  Influencers1764000500000,
  Enrichment1764000600000,
  Companies1764000700000,
  CompanyWritePath1764000800000,
  CompanyDirectoryVersion1764000900000,
  InfluencerPollShards1764001000000,
  CustomerEventsAndCount1764001100000,
  ActivityChunks1764001200000,
];
