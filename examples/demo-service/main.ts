// Runs the demo ENT on its own: `npx tsx examples/demo-service/main.ts` beside a Guichet that registered it
// (the demo seed does: client `ent-demo`, redirect http://localhost:3001/callback).
import { startDemoService } from './server.tsx';

const port = Number(process.env.DEMO_SERVICE_PORT ?? 3001);
const service = await startDemoService({
  issuer: process.env.GUICHET_ISSUER ?? 'http://localhost:3000',
  clientId: process.env.DEMO_CLIENT_ID ?? 'ent-demo',
  // The demo's published secret (src/services/demo-client.ts): for the demonstration only.
  clientSecret: process.env.DEMO_CLIENT_SECRET ?? 'ent-demo-secret-de-demonstration-uniquement',
  port,
  host: process.env.DEMO_SERVICE_HOST ?? 'localhost',
  baseUrl: process.env.DEMO_SERVICE_URL,
});
process.stdout.write(`ENT de démonstration : ${service.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void service.close().then(() => process.exit(0)));
}
