import type { DataSource } from "typeorm";
import type { Clock } from "../clock";
import type { ConnectorRegistry } from "../connectors/registry";
import type { PubSub } from "../events/pubsub";
import type { AccountService } from "./accounts/account-service";
import type { ConnectionService } from "./connections/connection-service";
import type { CustomerService } from "./customers/customer-service";
import type { ActivityService } from "./customers/activity-service";
import type { AlertService } from "./alerts/alert-service";
import type { InfluencerService } from "./influencers/influencer-service";
import type { EnrichmentService } from "./enrichment/enrichment-service";
import type { CompanyService } from "./companies/company-service";
import type { ScoringService } from "./companies/scoring-service";
import type { EventIngestion } from "./companies/event-ingestion";
import type { NoiseService } from "./companies/noise-service";

/** The services a request or job may call, built once by the composition root. */
export interface Services {
  dataSource: DataSource;
  clock: Clock;
  pubsub: PubSub;
  registry: ConnectorRegistry;
  accounts: AccountService;
  connections: ConnectionService;
  customers: CustomerService;
  activity: ActivityService;
  alerts: AlertService;
  influencers: InfluencerService;
  enrichment: EnrichmentService;
  companies: CompanyService;
  scoring: ScoringService;
  eventIngestion: EventIngestion;
  noise: NoiseService;
}
