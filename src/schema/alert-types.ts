import { Field, ID, ObjectType, registerEnumType } from "type-graphql";

export enum AlertKindEnum {
  LAGGING = "LAGGING",
  FAILING = "FAILING",
  DRIFT = "DRIFT",
  QUEUE_STALLED = "QUEUE_STALLED",
}
registerEnumType(AlertKindEnum, { name: "AlertKind" });

export enum AlertStatusEnum {
  OPEN = "OPEN",
  RESOLVED = "RESOLVED",
}
registerEnumType(AlertStatusEnum, { name: "AlertStatus" });

@ObjectType("Alert", { description: "A condition that lasted (lag past its grace period, repeated failures, drift)" })
export class AlertType {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true })
  connectionId: string | null;

  @Field(() => AlertKindEnum)
  kind: AlertKindEnum;

  @Field(() => AlertStatusEnum)
  status: AlertStatusEnum;

  @Field()
  reason: string;

  @Field()
  openedAt: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;
}
