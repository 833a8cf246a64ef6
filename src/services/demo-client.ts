// The demo ENT (examples/demo-service) as a client of the catalogue, for `npm start` and the demo seed.
// DEMO ONLY: its secret is a fixed, published string so that the demo service can run beside Guichet with no set-up;
// it can only ever send codes to http://localhost:3001 (its registered redirect URI), never to another site.
import type { SecretBox } from '../accounts/secret-box.ts';
import type { Database } from '../db/client.ts';
import { insertOidcService } from './oidc-clients.ts';

export const DEMO_CLIENT_ID = 'ent-demo';
export const DEMO_CLIENT_SECRET = 'ent-demo-secret-de-demonstration-uniquement';
export const DEMO_SERVICE_PORT = 3001;

export interface DemoClientOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  port: number;
  /** The demo service's own base URL, e.g. http://localhost:3001. */
  baseUrl: string;
}

/** Registers the demo ENT once (nothing happens when it exists) and returns what startDemoService needs. */
export async function ensureDemoClient(
  db: Database,
  secretBox: SecretBox,
  issuer: string,
  options: { port?: number; host?: string } = {},
): Promise<DemoClientOptions> {
  const port = options.port ?? DEMO_SERVICE_PORT;
  const baseUrl = `http://${options.host ?? 'localhost'}:${port}`;
  await insertOidcService(
    db,
    secretBox,
    {
      id: DEMO_CLIENT_ID,
      name: 'ENT de démonstration',
      description: "Un espace numérique de travail fictif qui montre ce que Guichet transmet aux services (démonstration).",
      url: `${baseUrl}/`,
      redirectUris: [`${baseUrl}/callback`],
      postLogoutRedirectUris: [`${baseUrl}/`],
    },
    DEMO_CLIENT_SECRET,
    { ifExists: 'skip' },
  );
  return { issuer: issuer.replace(/\/+$/, ''), clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET, port, baseUrl };
}
