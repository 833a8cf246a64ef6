// What the `settings` column of an OIDC service holds, read back with a check: a row edited by hand that lost
// its redirect URIs is refused as a client, never half-trusted.
import { z } from 'zod';

export const PROFILES = ['eleve1d', 'eleve2d', 'resp1d', 'resp2d'] as const;
export type Profile = (typeof PROFILES)[number];

const absoluteUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    const url = URL.parse(value);
    return url !== null && (url.protocol === 'https:' || url.protocol === 'http:') && url.hash === '';
  }, 'doit être une URL http(s) complète, sans fragment (#)');

export const oidcSettingsSchema = z.object({
  redirectUris: z.array(absoluteUrl).min(1),
  postLogoutRedirectUris: z.array(absoluteUrl).default([]),
  /** A public client (a mobile app, a single-page app) has no secret and must use PKCE (always required here). */
  public: z.boolean().default(false),
  /** The client secret, sealed with the deployment's SecretBox (context: oidcSecretContext(id)). */
  sealedClientSecret: z.string().optional(),
});

export type OidcSettings = z.infer<typeof oidcSettingsSchema>;

export function parseOidcSettings(value: unknown): OidcSettings | undefined {
  const parsed = oidcSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The SecretBox context of a client secret: a sealed secret copied to another service does not open. */
export function oidcSecretContext(serviceId: string): string {
  return `oidc-client:${serviceId}`;
}

export { absoluteUrl };
