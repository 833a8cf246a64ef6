// SPEC §6 OpenID Connect: oidc-provider configured for school services — authorization code with PKCE (S256)
// required for every client, refresh tokens, userinfo, JWKS from a persisted key, RP-initiated logout.
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { ACCOUNT_SESSION_MAX_MS } from '../../families/session.ts';
import { CLAIMS_BY_SCOPE } from './account-claims.ts';
import { DrizzleOidcAdapter } from './adapter.ts';
import { CatalogueClientAdapter } from './client-adapter.ts';
import { oidcCookieKeys } from './cookie-keys.ts';
import { endFamilySessionOnLogout } from './family-logout.ts';
import { findAccount } from './find-account.ts';
import { allowClientFormActions } from './form-action.ts';
import { guichetInteractionPolicy } from './interaction-policy.ts';
import { errorPage, loggedOutPage, logoutPage } from './pages.tsx';
import { interactionPath, OIDC_ROUTES } from './routes.ts';
import { loadSigningKeys } from './signing-keys.ts';

export interface OidcDeps {
  accounts: AccountsDeps;
  /** settings.issuer: the public base URL; discovery is at <issuer>/.well-known/openid-configuration. */
  issuer: string;
  /** The deployment secret (settings.secret, else the embedded one): the cookie keys are derived from it. */
  secret: string;
  previousSecrets?: readonly string[];
  /** settings.trustProxy: believe X-Forwarded-Proto/For (https cookies behind a load balancer). */
  trustProxy?: boolean;
  log?: (error: unknown, message: string) => void;
}

const SESSION_SECONDS = ACCOUNT_SESSION_MAX_MS / 1000;

/** Builds the provider (loading or creating the signing key); mount it with registerOidc. */
export async function createOidcProvider(deps: OidcDeps): Promise<Provider> {
  const { db, secretBox, realm } = deps.accounts;
  const keys = await loadSigningKeys(db, secretBox);
  const clients = new CatalogueClientAdapter(db, secretBox);
  const configuration: Configuration = {
    adapter: (name: string) => (name === 'Client' ? clients : new DrizzleOidcAdapter(db, name)),
    findAccount: findAccount(db),
    claims: Object.fromEntries(Object.entries(CLAIMS_BY_SCOPE).map(([scope, claims]) => [scope, [...claims]])),
    scopes: ['openid', 'offline_access', ...Object.keys(CLAIMS_BY_SCOPE).filter((s) => s !== 'openid')],
    jwks: { keys: keys as unknown as NonNullable<Configuration['jwks']>['keys'] },
    cookies: {
      keys: oidcCookieKeys(deps.secret, deps.previousSecrets),
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    routes: OIDC_ROUTES,
    responseTypes: ['code'],
    // Confidential clients authenticate with HTTP Basic; public ones (PKCE alone) with none (client-adapter.ts).
    clientAuthMethods: ['client_secret_basic', 'none'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource: logoutPage(realm), postLogoutSuccessSource: loggedOutPage(realm) },
    },
    interactions: {
      url: (_ctx: KoaContextWithOIDC, interaction) => interactionPath(interaction.uid),
      policy: guichetInteractionPolicy(deps.accounts),
    },
    // Every client allowed the refresh_token grant gets one; without offline_access it dies with the session.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: SESSION_SECONDS,
      Grant: SESSION_SECONDS,
      RefreshToken: SESSION_SECONDS,
    },
    // Browsers may call the token and userinfo endpoints only from a registered redirect origin (SPAs).
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((uri) => URL.parse(uri)?.origin === origin) ?? false,
    renderError: errorPage(realm),
  };
  const provider = new Provider(deps.issuer, configuration);
  provider.proxy = deps.trustProxy ?? false;
  provider.use(allowClientFormActions);
  provider.use(endFamilySessionOnLogout(deps.accounts));
  provider.on('server_error', (_ctx: unknown, error: unknown) => deps.log?.(error, 'oidc-provider server error'));
  return provider;
}
