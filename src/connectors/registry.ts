import { z } from "zod";
import { ConnectorPlugin } from "./contract";
import { httpJsonPlugin } from "./http-json";
import { mailchimpPlugin } from "./mailchimp";
import { mockstagramPlugin } from "./mockstagram";
import { recordApiPlugin } from "./record-api";
import { httpEnrichmentPlugin } from "./enrichment/http";
import { hunterPlugin } from "./enrichment/hunter";
import { patternPlugin } from "./enrichment/pattern";
import { enrichmentPipelinePlugin } from "./enrichment-pipeline";
import { salesforcePlugin } from "./salesforce";
import { NotFoundError } from "../errors";

/** The plugins this build knows. Adding a connector = a folder under src/connectors/ and one line here. */
export class ConnectorRegistry {
  private readonly plugins = new Map<string, ConnectorPlugin>();

  constructor(plugins: ConnectorPlugin<any, any>[]) {
    for (const p of plugins) {
      if (this.plugins.has(p.kind)) throw new Error(`connector kind ${p.kind} registered twice`);
      this.plugins.set(p.kind, p);
    }
  }

  list(): ConnectorPlugin[] {
    return [...this.plugins.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  }

  get(kind: string): ConnectorPlugin {
    const plugin = this.plugins.get(kind);
    if (!plugin) throw new NotFoundError(`connector kind ${kind} not found`);
    return plugin;
  }

  /** JSON Schema of a kind's config, so a UI can render the form. */
  configJsonSchema(kind: string): unknown {
    return z.toJSONSchema(this.get(kind).configSchema, { io: "input" });
  }

  secretJsonSchema(kind: string): unknown {
    return z.toJSONSchema(this.get(kind).secretSchema, { io: "input" });
  }
}

export function defaultRegistry(): ConnectorRegistry {
  return new ConnectorRegistry([httpJsonPlugin, mailchimpPlugin, mockstagramPlugin, recordApiPlugin, httpEnrichmentPlugin, hunterPlugin, patternPlugin, enrichmentPipelinePlugin, salesforcePlugin]);
}
