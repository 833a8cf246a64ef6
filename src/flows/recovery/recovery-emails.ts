// The two recovery e-mails (SPEC §5): the identifier reminder and the link to choose a new password. Short
// texts of their own (the C01–C07 letters are the school's); the HTML part escaped by Preact.
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Realm } from '../../realms/realm.ts';

export interface RecoveryEmail {
  subject: string;
  text: string;
  html: string;
}

type Part = { text: string } | { link: string } | { list: string[] };

const IGNORE = "Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : votre compte n'est pas modifié.";

function render(subject: string, parts: Part[]): RecoveryEmail {
  const text = parts.map((p) => ('text' in p ? p.text : 'link' in p ? p.link : p.list.map((i) => `- ${i}`).join('\n'))).join('\n\n');
  const body: VNode<any>[] = parts.map((p) =>
    'text' in p ? h('p', null, p.text) : 'link' in p ? h('p', null, h('a', { href: p.link }, p.link)) : h('ul', null, p.list.map((i) => h('li', null, h('strong', null, i)))),
  );
  const html = `<!doctype html>${renderToString(h('html', { lang: 'fr' }, h('head', null, h('meta', { charSet: 'utf-8' }), h('title', null, subject)), h('body', null, ...body)))}`;
  return { subject, text: `${text}\n`, html };
}

/** "Identifiant perdu": every activated account of the address (a parent may also hold a student's). */
export function identifierReminderEmail(realm: Realm, issuer: string, identifiers: readonly string[]): RecoveryEmail {
  const base = issuer.replace(/\/+$/, '');
  return render(`${realm.displayName} – votre identifiant`, [
    { text: 'Bonjour,' },
    {
      text:
        identifiers.length > 1
          ? `Vous avez demandé votre identifiant ${realm.displayName}. Cette adresse correspond à plusieurs comptes activés :`
          : `Vous avez demandé votre identifiant ${realm.displayName}. Votre identifiant est :`,
    },
    { list: [...identifiers] },
    { text: 'Pour vous connecter avec votre identifiant et votre mot de passe :' },
    { link: `${base}/` },
    { text: 'Si vous avez aussi oublié votre mot de passe, utilisez « Mot de passe perdu » sur la page de connexion.' },
    { text: IGNORE },
  ]);
}

/** "Mot de passe perdu" by e-mail: the single-use link, valid 1 hour. */
export function passwordLinkEmail(realm: Realm, identifier: string, link: string): RecoveryEmail {
  return render(`${realm.displayName} – changer votre mot de passe`, [
    { text: 'Bonjour,' },
    { text: `Vous avez demandé à changer le mot de passe du compte ${identifier}. Pour choisir un nouveau mot de passe, ouvrez ce lien :` },
    { link },
    { text: "Ce lien est valable 1 heure et ne peut servir qu'une fois. Ne le transmettez à personne." },
    { text: "Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : votre mot de passe actuel reste valable." },
  ]);
}
