import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { Config } from "./config";
import { Clock, systemClock } from "./clock";
import { createLogger, Logger } from "./logger";
import { Database, openDatabase, runMigrations } from "./db/database";
import { ConnectorRegistry, defaultRegistry } from "./connectors/registry";
import type { HttpClientOptions } from "./connectors/http-client";
import { SecretBox } from "./services/secrets/secret-box";
import { createLocalPubSub, createPostgresPubSub, PubSub } from "./events/pubsub";
import { JobQueue, Queues } from "./jobs/queue";
import { Scheduler } from "./jobs/scheduler";
import { workConnectionSyncs } from "./jobs/handlers/connection-sync";
import { queueAlertNotification, workAlertNotifications } from "./jobs/handlers/alert-notify";
import { AlertService } from "./services/alerts/alert-service";
import { AccountService } from "./services/accounts/account-service";
import { ConnectionService } from "./services/connections/connection-service";
import { SyncRunner } from "./services/sync/sync-runner";
import { CustomerService } from "./services/customers/customer-service";
import { ActivityService } from "./services/customers/activity-service";
import { copyChunks, jsonChunks } from "./services/customers/activity-stage";
import { Services } from "./services/services";
import { buildConfluxSchema } from "./schema/build-schema";
import { createHttpServer, HttpServer } from "./http/app";
import { customerRoutes } from "./rest/customer-routes";
import { importRoutes } from "./rest/import-routes";
import { influencerRoutes } from "./rest/influencer-routes";
import { InfluencerService } from "./services/influencers/influencer-service";
import { InfluencerPoller, PollerOptions } from "./services/influencers/influencer-poller";
import { InfluencerClassifier } from "./services/influencers/influencer-classifier";
import { MetricStore } from "./services/influencers/metric-store";
import { InfluencerMaintenance } from "./jobs/influencer-maintenance";
import { workInfluencerClassification } from "./jobs/handlers/influencer-classify";
import { workEnrichmentBatches } from "./jobs/handlers/enrichment-batch";
import { EnrichmentUpkeep } from "./jobs/enrichment-upkeep";
import { EnrichmentService } from "./services/enrichment/enrichment-service";
import { EnrichmentProcessor } from "./services/enrichment/enrichment-processor";
import { EnrichmentEvents } from "./services/enrichment/enrichment-events";
import { ProviderDirectory } from "./services/enrichment/providers";
import { AnswerCache } from "./services/enrichment/answer-cache";
import { EnrichmentPipelines } from "./services/enrichment/pipelines";
import { ScoringService } from "./services/companies/scoring-service";
import { CompanyDirectory } from "./services/companies/company-directory";
import { CompanyService } from "./services/companies/company-service";
import { EventIngestion } from "./services/companies/event-ingestion";
import { CompanyLookup } from "./services/companies/company-lookup";
import { archiveWithCopy, archiveWithJson } from "./services/companies/web-event-archive";
import { NoiseService } from "./services/companies/noise-service";
import { eventRoutes } from "./rest/event-routes";
import { enrichmentRoutes } from "./rest/enrichment-routes";
import { countEnrichmentQueueWith } from "./metrics";

export interface ConfluxOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  registry?: ConnectorRegistry;
  /** Embedded database in memory instead of the data directory (tests). */
  inMemory?: boolean;
  /** Outbound calls of sync runs (retries, back-off); tests shorten the back-off. */
  syncHttp?: HttpClientOptions;
  /** Worker poll interval; tests shorten it. */
  pollingIntervalSeconds?: number;
  /** Influencer poller settings (tests and benchmarks tune them). */
  influencerPolling?: Partial<PollerOptions>;
  /** Outbound calls of enrichment providers (retries, back-off); tests shorten the back-off. */
  enrichmentHttp?: HttpClientOptions;
}

export interface StartOptions {
  http?: boolean;
  workers?: boolean;
  scheduler?: boolean;
}

/**
 * The composition root: config → database (migrated) → services → queue → schema → HTTP → jobs.
 * `start` chooses which roles this process plays (`conflux serve` plays all, `conflux worker` only workers).
 */
export class Conflux {
  readonly logger: Logger;
  services!: Services;
  db!: Database;
  queue!: JobQueue;
  scheduler!: Scheduler;
  runner!: SyncRunner;
  poller!: InfluencerPoller;
  classifier!: InfluencerClassifier;
  maintenance!: InfluencerMaintenance;
  enrichmentProcessor!: EnrichmentProcessor;
  enrichmentUpkeep!: EnrichmentUpkeep;
  schema!: GraphQLSchema;
  port?: number;
  private http?: HttpServer;
  private pubsub!: PubSub;

  constructor(private readonly options: ConfluxOptions) {
    this.logger = options.logger ?? createLogger(options.config.logLevel);
  }

  get config(): Config {
    return this.options.config;
  }

  /** Opens and migrates the database and builds every service; starts nothing that listens or polls. */
  async init(): Promise<this> {
    const { config } = this.options;
    const clock = this.options.clock ?? systemClock;
    this.db = await openDatabase({
      url: config.databaseUrl,
      schema: config.databaseSchema,
      dataDir: config.databaseUrl || this.options.inMemory ? undefined : config.dataDir,
      poolSize: config.dbPoolSize,
    });
    const applied = await runMigrations(this.db);
    if (applied.length) this.logger.info({ migrations: applied }, "migrations applied");

    const secrets = config.secretKey ? SecretBox.fromKey(config.secretKey) : SecretBox.fromKeyFile(config.dataDir);
    // LISTEN/NOTIFY does not cross socket connections on the embedded database, which is one process anyway.
    this.pubsub = this.db.isEmbedded ? createLocalPubSub() : await createPostgresPubSub(this.db.url, this.db.schema, this.logger);
    const bossSchema = this.db.schema === "public" ? "pgboss" : `${this.db.schema}_boss`;
    this.queue = new JobQueue({
      url: this.db.url,
      schema: bossSchema,
      logger: this.logger,
      pool: this.db.isEmbedded ? this.db.sharedPool() : undefined,
      maintenanceIntervalSeconds: config.queueMaintenanceSeconds,
      enrichmentBatchExpireSeconds: config.enrichmentBatchExpireSeconds,
    });
    await this.queue.start();

    const dataSource = this.db.dataSource;
    const registry = this.options.registry ?? defaultRegistry();
    const accounts = new AccountService(dataSource);
    const connections = new ConnectionService(dataSource, registry, secrets, this.queue, this.pubsub, clock);
    // COPY FROM STDIN hangs through pglite-socket, so the embedded database stages batches as JSON.
    const activity = new ActivityService(this.db.isEmbedded ? jsonChunks : copyChunks, this.logger);
    const customers = new CustomerService(activity, clock);
    const alerts = new AlertService(dataSource, this.pubsub, queueAlertNotification(this.queue, config.alertWebhookUrl), clock, this.logger);
    const influencers = new InfluencerService(dataSource, clock);
    const providers = new ProviderDirectory(dataSource, registry, connections, { retries: 4, ...this.options.enrichmentHttp });
    const enrichmentEvents = new EnrichmentEvents(this.pubsub);
    const enrichment = new EnrichmentService(dataSource, this.queue, providers, enrichmentEvents, { jobSize: config.enrichmentBatchSize });
    const scoring = new ScoringService();
    const directory = new CompanyDirectory(dataSource, scoring);
    const companies = new CompanyService(scoring, directory, clock);
    const lookup = new CompanyLookup(dataSource, (domains, sql) => directory.companiesOfDomains(domains, sql));
    const eventIngestion = new EventIngestion(this.db.isEmbedded ? archiveWithJson : archiveWithCopy, lookup, scoring, this.pubsub, clock);
    const noise = new NoiseService(directory, eventIngestion);
    this.services = {
      dataSource,
      clock,
      pubsub: this.pubsub,
      registry,
      accounts,
      connections,
      customers,
      activity,
      alerts,
      influencers,
      enrichment,
      companies,
      scoring,
      eventIngestion,
      noise,
    };
    this.enrichmentProcessor = new EnrichmentProcessor(dataSource, providers, new AnswerCache(), activity, enrichmentEvents, this.logger);
    this.enrichmentUpkeep = new EnrichmentUpkeep(enrichment, this.logger);
    // COPY FROM STDIN hangs through pglite-socket: the embedded database writes readings by statement.
    const metricStore = new MetricStore(dataSource, { copy: !this.db.isEmbedded });
    this.poller = new InfluencerPoller(dataSource, connections, metricStore, clock, this.logger, {
      maxInFlight: config.influencerPollsInFlight,
      ...this.options.influencerPolling,
    });
    this.classifier = new InfluencerClassifier(dataSource, connections, this.queue, clock);
    this.maintenance = new InfluencerMaintenance(influencers, this.classifier, metricStore, this.poller, clock, this.logger, {
      retentionDays: config.influencerRetentionDays,
    });
    this.runner = new SyncRunner(
      dataSource,
      registry,
      connections,
      activity,
      alerts,
      this.pubsub,
      clock,
      this.logger,
      { retries: 6, ...this.options.syncHttp },
      new EnrichmentPipelines(enrichment),
      directory,
    );
    this.scheduler = new Scheduler(dataSource, connections, alerts, this.queue, clock, this.logger, {
      jitterSeconds: config.syncJitterSeconds,
      queueStallSeconds: config.queueStallSeconds,
    });
    this.schema = await buildConfluxSchema(this.pubsub);
    return this;
  }

  async start(roles: StartOptions = { http: true, workers: true, scheduler: true }): Promise<this> {
    if (roles.workers) {
      const pollingIntervalSeconds = this.options.pollingIntervalSeconds;
      await workConnectionSyncs(this.queue, this.runner, { concurrency: this.config.syncConcurrency, pollingIntervalSeconds });
      if (this.config.alertWebhookUrl) await workAlertNotifications(this.queue, this.config.alertWebhookUrl, pollingIntervalSeconds);
      await workInfluencerClassification(this.queue, this.classifier, { concurrency: this.config.influencerClassifyConcurrency, pollingIntervalSeconds });
      await workEnrichmentBatches(this.queue, this.enrichmentProcessor, { concurrency: this.config.enrichmentConcurrency, pollingIntervalSeconds });
      this.poller.start();
    }
    if (roles.scheduler) {
      this.scheduler.start();
      this.maintenance.start();
      this.enrichmentUpkeep.start();
    }
    if (roles.http) {
      this.http = await createHttpServer({
        config: this.config,
        logger: this.logger,
        services: this.services,
        schema: this.schema,
        restRouters: [customerRoutes, importRoutes, influencerRoutes, enrichmentRoutes, eventRoutes],
        isReady: async () => {
          await this.db.dataSource.query("SELECT 1");
          return true;
        },
      });
      this.port = await this.http.listen(this.config.port, this.config.host);
      countEnrichmentQueueWith(() => this.queue.size(Queues.ENRICHMENT_BATCH));
    }
    return this;
  }

  /** Graceful: stop accepting HTTP, stop the scheduler, let running jobs finish, then close the database. */
  async stop(): Promise<void> {
    await this.http?.close();
    await this.scheduler?.stop();
    await this.maintenance?.stop();
    await this.enrichmentUpkeep?.stop();
    await this.poller?.stop();
    await this.queue?.stop();
    await this.pubsub?.close();
    await this.db?.close();
  }
}
