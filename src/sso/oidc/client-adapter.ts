// oidc-provider's `Client` model read from the service catalogue (protocol 'oidc'), never from oidc_payloads:
// the catalogue is the one place where services are registered (guichet clients add). Read-only.
import { and, eq } from 'drizzle-orm';
import type { Adapter, AdapterPayload, ClientMetadata } from 'oidc-provider';
import type { SecretBox } from '../../accounts/secret-box.ts';
import type { Database } from '../../db/client.ts';
import { services } from '../../db/schema.ts';
import { oidcSecretContext, parseOidcSettings } from '../../services/oidc-settings.ts';

/** The client metadata of one catalogue row: code flow only, PKCE required for all (see provider.ts). */
export function clientMetadata(
  row: { id: string; name: string; url: string; settings: unknown },
  secretBox: SecretBox,
): ClientMetadata | undefined {
  const settings = parseOidcSettings(row.settings);
  if (!settings) return undefined;
  const confidential = !settings.public;
  if (confidential && !settings.sealedClientSecret) return undefined;
  return {
    client_id: row.id,
    client_name: row.name,
    client_uri: row.url,
    ...(confidential ? { client_secret: secretBox.open(settings.sealedClientSecret!, oidcSecretContext(row.id)) } : {}),
    redirect_uris: settings.redirectUris,
    post_logout_redirect_uris: settings.postLogoutRedirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: confidential ? 'client_secret_basic' : 'none',
  };
}

export class CatalogueClientAdapter implements Adapter {
  constructor(
    private readonly db: Database,
    private readonly secretBox: SecretBox,
  ) {}

  async find(id: string): Promise<AdapterPayload | undefined> {
    const [row] = await this.db
      .select({ id: services.id, name: services.name, url: services.url, settings: services.settings })
      .from(services)
      .where(and(eq(services.id, id), eq(services.protocol, 'oidc')));
    return row ? (clientMetadata(row, this.secretBox) as AdapterPayload | undefined) : undefined;
  }

  private refuse(): never {
    throw new Error('Les clients OIDC se gèrent par « guichet clients », pas par le fournisseur.');
  }
  async upsert(): Promise<void> {
    this.refuse();
  }
  async findByUid(): Promise<undefined> {
    return undefined;
  }
  async findByUserCode(): Promise<undefined> {
    return undefined;
  }
  async consume(): Promise<void> {
    this.refuse();
  }
  async destroy(): Promise<void> {
    this.refuse();
  }
  async revokeByGrantId(): Promise<void> {}
}
