// The service catalogue's OIDC clients (SPEC §6: services are registered per realm, with their protocol and
// allowed profiles): add one from the CLI (its secret shown once, kept sealed), list, remove.
import { randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SecretBox } from '../accounts/secret-box.ts';
import type { Database } from '../db/client.ts';
import { oidcPayloads, services } from '../db/schema.ts';
import { absoluteUrl, oidcSecretContext, parseOidcSettings, PROFILES, type OidcSettings, type Profile } from './oidc-settings.ts';

export interface NewOidcClient {
  id: string;
  name: string;
  url: string;
  description?: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** No secret: PKCE alone protects the code (mobile or single-page apps). */
  public?: boolean;
  /** Profiles allowed (eleve1d, eleve2d, resp1d, resp2d); empty: all. Enforced by a later issue. */
  profiles?: Profile[];
}

/** A refusal an operator reads: one French sentence naming what to fix. */
export class ServiceCatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceCatalogueError';
  }
}

const newClientSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, "l'identifiant doit faire 2 à 63 caractères : minuscules, chiffres, « . », « _ » ou « - »"),
  name: z.string().trim().min(1, 'le nom est obligatoire').max(200),
  url: absoluteUrl,
  description: z.string().trim().max(1000).optional(),
  redirectUris: z.array(absoluteUrl).min(1, 'au moins une adresse de retour (--redirect-uri) est obligatoire'),
  postLogoutRedirectUris: z.array(absoluteUrl).default([]),
  public: z.boolean().default(false),
  profiles: z.array(z.enum(PROFILES)).default([]),
});

function validate(input: NewOidcClient): z.infer<typeof newClientSchema> {
  const parsed = newClientSchema.safeParse(input);
  if (!parsed.success) {
    throw new ServiceCatalogueError(
      `Service refusé : ${parsed.error.issues.map((i) => `${i.path.join('.') || 'valeur'} ${i.message}`).join(' ; ')}.`,
    );
  }
  return parsed.data;
}

/** `guichet clients add`: registers an OIDC client; a confidential one gets a secret, returned once and stored sealed. */
export async function addOidcClient(db: Database, secretBox: SecretBox, input: NewOidcClient): Promise<{ clientId: string; clientSecret?: string }> {
  const client = validate(input);
  const clientSecret = client.public ? undefined : randomBytes(32).toString('base64url');
  await insertOidcService(db, secretBox, client, clientSecret, { ifExists: 'fail' });
  return clientSecret ? { clientId: client.id, clientSecret } : { clientId: client.id };
}

/** Shared by addOidcClient and the demo client: one insert, refused (or skipped) when the id is taken. */
export async function insertOidcService(
  db: Database,
  secretBox: SecretBox,
  input: NewOidcClient,
  clientSecret: string | undefined,
  options: { ifExists: 'fail' | 'skip' },
): Promise<boolean> {
  const client = validate(input);
  const settings: OidcSettings = {
    redirectUris: client.redirectUris,
    postLogoutRedirectUris: client.postLogoutRedirectUris,
    public: client.public,
    ...(clientSecret ? { sealedClientSecret: secretBox.seal(clientSecret, oidcSecretContext(client.id)) } : {}),
  };
  const inserted = await db
    .insert(services)
    .values({
      id: client.id,
      name: client.name,
      description: client.description ?? null,
      url: client.url,
      protocol: 'oidc',
      settings,
      profiles: client.profiles,
    })
    .onConflictDoNothing({ target: services.id })
    .returning({ id: services.id });
  if (inserted.length === 0 && options.ifExists === 'fail') {
    throw new ServiceCatalogueError(`Un service d'identifiant « ${client.id} » existe déjà : supprimez-le d'abord (guichet clients remove ${client.id}).`);
  }
  return inserted.length > 0;
}

export interface ServiceSummary {
  id: string;
  name: string;
  description: string | null;
  url: string;
  protocol: 'oidc' | 'saml' | 'cas';
  profiles: string[];
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  public: boolean;
}

/** `guichet clients list`: the catalogue, without any secret. */
export async function listServices(db: Database): Promise<ServiceSummary[]> {
  const rows = await db.select().from(services).orderBy(asc(services.id));
  return rows.map((row) => {
    const oidc = row.protocol === 'oidc' ? parseOidcSettings(row.settings) : undefined;
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      url: row.url,
      protocol: row.protocol,
      profiles: row.profiles,
      redirectUris: oidc?.redirectUris ?? [],
      postLogoutRedirectUris: oidc?.postLogoutRedirectUris ?? [],
      public: oidc?.public ?? false,
    };
  });
}

/** `guichet clients remove`: the service goes, and with it every code, token and grant issued to it. */
export async function removeService(db: Database, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx.delete(services).where(eq(services.id, id)).returning({ id: services.id });
    if (removed.length === 0) return false;
    await tx.delete(oidcPayloads).where(sql`${oidcPayloads.payload}->>'clientId' = ${id}`);
    return true;
  });
}

export interface PortalService {
  id: string;
  name: string;
  description: string | null;
  url: string;
}

/** SPEC §5 Portal ("Accéder à mes services en ligne"): the catalogue's services; per-profile rules come later. */
export async function listPortalServices(db: Database): Promise<PortalService[]> {
  return db
    .select({ id: services.id, name: services.name, description: services.description, url: services.url })
    .from(services)
    .orderBy(asc(services.name), asc(services.id));
}
