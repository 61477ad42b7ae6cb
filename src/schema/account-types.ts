import { Field, ID, ObjectType, registerEnumType } from "type-graphql";

export enum RoleEnum {
  ADMIN = "ADMIN",
  MEMBER = "MEMBER",
}
registerEnumType(RoleEnum, { name: "Role", description: "ADMIN manages connections, keys and rules; MEMBER reads and writes data" });

@ObjectType("Account")
export class AccountType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}

@ObjectType()
export class Viewer {
  @Field(() => AccountType)
  account: AccountType;

  @Field(() => RoleEnum)
  role: RoleEnum;
}

@ObjectType("ApiKey")
export class ApiKeyType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: "The visible start of the key, to tell keys apart" })
  prefix: string;

  @Field(() => RoleEnum)
  role: RoleEnum;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKeyType)
  apiKey: ApiKeyType;

  @Field({ description: "The full key. It is shown this once and cannot be read again." })
  key: string;
}
