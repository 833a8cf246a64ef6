// `npm start` (issue 9): where the realm offers FranceConnect and no real FranceConnect is configured, the
// FranceConnect-shaped development provider (examples/franceconnect-dev) starts on :3002 and Guichet uses it, so that
// a newcomer can click « S'identifier avec FranceConnect » and follow the whole path with the demo's identities.
import type { Settings } from '../config/settings.ts';
import { realmById } from '../realms/index.ts';
import { FRANCECONNECT_DEFAULT_SCOPES } from '../sso/franceconnect/settings.ts';
import { startFranceConnectDev } from '../../examples/franceconnect-dev/server.tsx';

export const DEMO_FRANCECONNECT_PORT = 3002;
export const DEMO_FRANCECONNECT_CLIENT = {
  clientId: 'guichet-demo',
  // Published on purpose: the only redirect URIs of this client are on this machine.
  clientSecret: 'secret-de-demonstration-franceconnect-localhost',
};

export interface DemoFranceConnect {
  settings: Settings;
  url: string;
  close(): Promise<void>;
}

/** The settings Guichet runs with, FranceConnect pointing at the development provider; null when not wanted or not possible. */
export async function startDemoFranceConnect(settings: Settings, warn: (line: string) => void): Promise<DemoFranceConnect | null> {
  if (settings.franceConnect || !realmById(settings.realm).selfService.franceConnect) return null;
  try {
    const provider = await startFranceConnectDev({
      port: DEMO_FRANCECONNECT_PORT,
      host: settings.host,
      logLevel: settings.logLevel === 'debug' || settings.logLevel === 'trace' ? 'info' : 'warn',
      clients: [
        {
          ...DEMO_FRANCECONNECT_CLIENT,
          redirectUris: [`${settings.issuer}/franceconnect/retour`],
          postLogoutRedirectUris: [`${settings.issuer}/franceconnect/deconnexion`],
        },
      ],
    });
    return {
      settings: {
        ...settings,
        franceConnect: { issuer: provider.issuer, ...DEMO_FRANCECONNECT_CLIENT, scopes: FRANCECONNECT_DEFAULT_SCOPES, signingAlg: 'ES256' },
      },
      url: provider.url,
      close: () => provider.close(),
    };
  } catch (error) {
    warn(`le FranceConnect de développement n'a pas pu démarrer sur le port ${DEMO_FRANCECONNECT_PORT} (${(error as Error).message}) ; Guichet continue sans FranceConnect.`);
    return null;
  }
}
