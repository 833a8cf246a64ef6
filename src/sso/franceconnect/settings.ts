// FranceConnect settings (issue 9), a fragment of src/config/settings.ts (which spreads the shape and the docs and
// calls franceConnectSettingsFrom). FranceConnect is off until issuer, client id and secret are all set.
import { z } from 'zod';
import type { SettingDoc } from '../../config/settings.ts';

export const FRANCECONNECT_DEFAULT_SCOPES = 'openid given_name family_name birthdate email';

export const FRANCECONNECT_SETTING_DOCS: SettingDoc[] = [
  {
    env: 'FRANCECONNECT_ISSUER',
    default: '(unset: FranceConnect off)',
    description:
      'FranceConnect v2 issuer; its discovery document is at `$FRANCECONNECT_ISSUER/.well-known/openid-configuration`. Integration platform: `https://fcp-low.integ01.dev-franceconnect.fr/api/v2` (older pages: `https://fcp.integ01.dev-franceconnect.fr/api/v2`); production: the address of your FranceConnect partner space; the development provider of the demo: `http://localhost:3002/api/v2`. `https://` only, except `http://localhost` and `http://127.0.0.1`.',
  },
  {
    env: 'FRANCECONNECT_CLIENT_ID',
    default: '(unset)',
    description: "Guichet's client id in the FranceConnect partner space (required with `FRANCECONNECT_ISSUER`).",
  },
  {
    env: 'FRANCECONNECT_CLIENT_SECRET',
    default: '(unset)',
    description: 'The matching client secret, sent with `client_secret_post` (required with `FRANCECONNECT_ISSUER`).',
  },
  {
    env: 'FRANCECONNECT_SCOPES',
    default: FRANCECONNECT_DEFAULT_SCOPES,
    description: 'Scopes asked of FranceConnect, space-separated; must contain `openid`, `given_name` and `family_name` (the names find the account).',
  },
  {
    env: 'FRANCECONNECT_SIGNING_ALG',
    default: 'ES256',
    description: 'Signature algorithm of the ID token and of the userinfo JWT, as chosen in the partner space: `ES256` or `RS256`.',
  },
];

/** Plain http is only for a provider on this machine (the development one). */
export function isLocalHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

const REQUIRED_SCOPES = ['openid', 'given_name', 'family_name'];

/** The fields to spread into the main zod object schema. */
export const FRANCECONNECT_SETTINGS_SHAPE = {
  FRANCECONNECT_ISSUER: z
    .url({ message: 'doit être une URL http(s) complète' })
    .refine((value) => URL.parse(value)?.protocol === 'https:' || isLocalHttp(new URL(value)), {
      message: 'doit commencer par https:// (http:// seulement pour localhost ou 127.0.0.1)',
    })
    .optional(),
  FRANCECONNECT_CLIENT_ID: z.string().min(1).optional(),
  FRANCECONNECT_CLIENT_SECRET: z.string().min(1).optional(),
  FRANCECONNECT_SCOPES: z
    .string()
    .default(FRANCECONNECT_DEFAULT_SCOPES)
    .refine((value) => REQUIRED_SCOPES.every((scope) => value.split(/\s+/).includes(scope)), {
      message: `doit contenir ${REQUIRED_SCOPES.join(', ')}`,
    }),
  FRANCECONNECT_SIGNING_ALG: z.enum(['ES256', 'RS256'], { message: 'doit valoir ES256 ou RS256' }).default('ES256'),
};

export const franceConnectSettingsSchema = z.object(FRANCECONNECT_SETTINGS_SHAPE);
export type FranceConnectEnv = z.infer<typeof franceConnectSettingsSchema>;

export interface FranceConnectSettings {
  /** Without a trailing slash, e.g. https://fcp-low.integ01.dev-franceconnect.fr/api/v2. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated, as sent in the authorization request. */
  scopes: string;
  signingAlg: 'ES256' | 'RS256';
}

/**
 * The settings when FranceConnect is configured, undefined when it is off (no variable set), and one French
 * sentence per problem when it is half configured (for SettingsError).
 */
export function franceConnectSettingsFrom(env: FranceConnectEnv): { settings: FranceConnectSettings | undefined; problems: string[] } {
  const { FRANCECONNECT_ISSUER: issuer, FRANCECONNECT_CLIENT_ID: clientId, FRANCECONNECT_CLIENT_SECRET: clientSecret } = env;
  if (!issuer && !clientId && !clientSecret) return { settings: undefined, problems: [] };
  const missing = Object.entries({ FRANCECONNECT_ISSUER: issuer, FRANCECONNECT_CLIENT_ID: clientId, FRANCECONNECT_CLIENT_SECRET: clientSecret })
    .filter(([, value]) => !value)
    .map(([name]) => `${name} est obligatoire dès que FranceConnect est configuré`);
  if (!issuer || !clientId || !clientSecret) return { settings: undefined, problems: missing };
  return {
    settings: {
      issuer: issuer.replace(/\/+$/, ''),
      clientId,
      clientSecret,
      scopes: env.FRANCECONNECT_SCOPES.split(/\s+/).filter(Boolean).join(' '),
      signingAlg: env.FRANCECONNECT_SIGNING_ALG,
    },
    problems: [],
  };
}
