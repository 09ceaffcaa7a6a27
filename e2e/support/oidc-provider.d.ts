// oidc-provider ships no types; this covers only what the test issuer uses.
declare module "oidc-provider" {
  import type { Server } from "node:http";

  type Grant = {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  };

  type OidcContext = {
    oidc: {
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      params?: Record<string, unknown>;
      result?: { consent?: { grantId?: string } };
      provider: Provider;
    };
  };

  type Account = {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  };

  export type Configuration = {
    clients?: Record<string, unknown>[];
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    cookies?: { keys?: string[] };
    features?: Record<string, { enabled: boolean }>;
    jwks?: { keys: Record<string, unknown>[] };
    ttl?: Record<string, number>;
    findAccount?(ctx: OidcContext, sub: string): Promise<Account | undefined>;
    loadExistingGrant?(ctx: OidcContext): Promise<Grant | undefined>;
  };

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    Grant: {
      new (init: { accountId?: string; clientId?: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    listen(port: number, host: string, callback?: () => void): Server;
  }
}
