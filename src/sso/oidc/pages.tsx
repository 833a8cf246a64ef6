// The few pages oidc-provider renders itself (logout confirmation, logout done, errors), in French in Guichet's
// layout instead of the provider's English defaults. An error page never shows the provider's internals.
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Realm } from '../../realms/realm.ts';
import { Layout } from '../../http/views/layout.tsx';

function send(ctx: KoaContextWithOIDC, page: VNode): void {
  ctx.type = 'html';
  ctx.body = `<!doctype html>${renderToString(page)}`;
}

function clientName(ctx: KoaContextWithOIDC): string | undefined {
  const client = ctx.oidc?.client;
  return client ? String(client.clientName ?? client.clientId) : undefined;
}

/** RP-initiated logout: the person confirms (a form with the provider's anti-CSRF value, no script). */
export function logoutPage(realm: Realm) {
  return async (ctx: KoaContextWithOIDC): Promise<void> => {
    const action = ctx.oidc.urlFor('end_session_confirm');
    const secret = String((ctx.oidc.session?.state as { secret?: string } | undefined)?.secret ?? '');
    const service = clientName(ctx);
    send(
      ctx,
      <Layout realm={realm} title="Déconnexion">
        <h1>Se déconnecter ?</h1>
        <p>
          {service ? `Vous quittez « ${service} ». ` : ''}
          Voulez-vous aussi fermer votre session {realm.displayName} sur cet appareil ?
        </p>
        <form class="card" method="post" action={action}>
          <input type="hidden" name="xsrf" value={secret} />
          <p>
            <button type="submit" name="logout" value="yes">
              Oui, me déconnecter
            </button>
          </p>
          <p>
            <button type="submit">
              Non, rester connecté
            </button>
          </p>
        </form>
      </Layout>,
    );
  };
}

/** After a logout without a registered return address. */
export function loggedOutPage(realm: Realm) {
  return async (ctx: KoaContextWithOIDC): Promise<void> => {
    send(
      ctx,
      <Layout realm={realm} title="Vous êtes déconnecté">
        <h1>Vous êtes déconnecté</h1>
        <p>Votre session {realm.displayName} est fermée sur cet appareil.</p>
        <p>
          <a href="/">Retour à la page de connexion</a>
        </p>
      </Layout>,
    );
  };
}

const MESSAGES: Record<string, string> = {
  invalid_client: "Ce service n'est pas enregistré auprès de Guichet : prévenez son éditeur.",
  invalid_redirect_uri: "L'adresse de retour demandée par ce service n'est pas enregistrée : prévenez son éditeur.",
  invalid_request: 'La demande du service est incorrecte : revenez sur le service et réessayez.',
  session_not_found: 'Votre demande de connexion a expiré : revenez sur le service et reconnectez-vous.',
};

/** oidc-provider's errors that cannot go back to the service (unknown client, redirect URI not registered…). */
export function errorPage(realm: Realm) {
  return async (ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }): Promise<void> => {
    const message = MESSAGES[out.error] ?? 'Une erreur est survenue pendant la connexion au service : revenez sur le service et réessayez.';
    send(
      ctx,
      <Layout realm={realm} title="Connexion impossible">
        <h1>Connexion impossible</h1>
        <p>{message}</p>
        <p class="hint">Code : {out.error}</p>
        <p>
          <a href="/">Retour à la page de connexion</a>
        </p>
      </Layout>,
    );
  };
}

/** The interaction route's dead ends (expired or foreign interaction), as a page of the same look. */
export function InteractionErrorPage({ realm }: { realm: Realm }) {
  return (
    <Layout realm={realm} title="Connexion impossible">
      <h1>Connexion impossible</h1>
      <p>{MESSAGES.session_not_found}</p>
      <p>
        <a href="/">Retour à la page de connexion</a>
      </p>
    </Layout>
  );
}
