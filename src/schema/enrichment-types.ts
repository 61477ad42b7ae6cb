import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { PageType } from "./relay";

/** GraphQL names the contract's statuses in capitals; the values inside are the contract's own words. */
export enum EnrichmentStatusEnum {
  INEXISTENT = "inexistent",
  INCOMPLETE = "incomplete",
  COMPLETED = "completed",
}
registerEnumType(EnrichmentStatusEnum, {
  name: "EnrichmentStatus",
  description: "INEXISTENT: no transaction has this erid; INCOMPLETE: records are missing or not all have an outcome; COMPLETED: all number_of_records have one",
});

export enum EnrichmentRecordStatusEnum {
  PENDING = "pending",
  ENRICHED = "enriched",
  NOT_FOUND = "not_found",
  FAILED = "failed",
}
registerEnumType(EnrichmentRecordStatusEnum, {
  name: "EnrichmentRecordStatus",
  description: "ENRICHED: at least one requested field was filled; NOT_FOUND: no provider knew any; FAILED: providers failed and none filled any",
});

/** Records received and finished by outcome: what counts and progress events share. */
@ObjectType()
abstract class OutcomeCountsType {
  @Field(() => Int)
  received: number;

  @Field(() => Int)
  enriched: number;

  @Field(() => Int)
  notFound: number;

  @Field(() => Int)
  failed: number;
}

@ObjectType("EnrichmentCounts")
export class EnrichmentCountsType extends OutcomeCountsType {
  @Field(() => Int, { description: "Received and without an outcome yet" })
  pending: number;
}

@ObjectType("EnrichmentRecord")
export class EnrichmentRecordType {
  @Field({ description: "The record's stable key: its record_id, or the request's hash and its position in it" })
  key: string;

  @Field()
  erid: string;

  @Field(() => EnrichmentRecordStatusEnum)
  status: EnrichmentRecordStatusEnum;

  @Field(() => GraphQLJSONObject, { description: "The contact as submitted" })
  input: Record<string, unknown>;

  @Field(() => GraphQLJSONObject, { description: "Requested fields filled, by field name" })
  output: Record<string, string>;

  @Field(() => GraphQLJSONObject, { description: "Which provider (connection name) filled each field" })
  providers: Record<string, string>;

  @Field(() => String, { nullable: true, description: "Why the record failed" })
  error: string | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;
}

export const EnrichmentRecordPage = PageType(EnrichmentRecordType, "EnrichmentRecordPage");

@ObjectType("EnrichmentTransaction")
export class EnrichmentTransactionType {
  @Field()
  erid: string;

  @Field(() => EnrichmentStatusEnum)
  status: EnrichmentStatusEnum;

  @Field(() => [String])
  fields: string[];

  @Field(() => Int)
  numberOfRecords: number;

  @Field(() => Boolean, { description: "Enriched fields are written to the customers the contacts name (customer_id)" })
  writeBack: boolean;

  @Field(() => Int, { description: "Provider calls made for it (batches sent, retries included)" })
  vendorCalls: number;

  @Field(() => Int, { description: "Contacts answered from the provider cache instead of a call" })
  cacheHits: number;

  @Field(() => Date, { nullable: true })
  requestDate: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;
}

export const EnrichmentTransactionPage = PageType(EnrichmentTransactionType, "EnrichmentTransactionPage");

@ObjectType("SubmitEnrichmentResult")
export class SubmitEnrichmentResultType {
  @Field(() => EnrichmentTransactionType)
  transaction: EnrichmentTransactionType;

  @Field(() => Int, { description: "Contacts new to the transaction" })
  accepted: number;

  @Field(() => Int, { description: "Contacts it already held (a re-sent request adds nothing)" })
  duplicates: number;
}

@ObjectType("EnrichmentProgress")
export class EnrichmentProgressType extends OutcomeCountsType {
  @Field()
  erid: string;

  @Field(() => EnrichmentStatusEnum)
  status: EnrichmentStatusEnum;

  @Field(() => Int)
  numberOfRecords: number;
}

@ArgsType()
export class SubmitEnrichmentArgs {
  @Field({ description: "The transaction: requests with one erid add to it until numberOfRecords have arrived" })
  erid: string;

  @Field(() => [GraphQLJSONObject], { description: "Contacts: first_name, last_name, company_name, company_domain, email, customer_id, record_id, …" })
  contacts: Record<string, unknown>[];

  @Field(() => [String], { description: "professional_email, personal_email, phone_number, job_title, linkedin_url" })
  fields: string[];

  @Field(() => Int)
  numberOfRecords: number;

  @Field(() => Boolean, { defaultValue: false })
  writeBack: boolean;
}

