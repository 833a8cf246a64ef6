// SPEC §4 Responsables (guide §5.1): filters, sort, pagination, the empty message and the search memory,
// against the demo academy.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { accounts, classes, guardians, guardianStudents, students } from '../../db/schema.ts';
import type { TestInstance } from '../../../test/helpers/test-instance.ts';
import type { AdminAgent } from '../../../test/helpers/admin.ts';
import { queryRows } from '../../db/rows.ts';
import { foldSql, foldText } from './sql-fragments.ts';
import { accountOf, adminOf, COLLEGE_PRIVE, demoInstance, ECOLE, establishmentId, resultRows, rowAccountIds, textOf } from './test-kit.ts';

const NO_RESULT = 'Attention ! Aucun responsable ne correspond à vos critères de sélection. Veuillez modifier votre demande.';

describe('Responsables: the search', () => {
  let g: TestInstance;
  let directeur: AdminAgent;
  let pairs: Array<{ student: string; guardian: string; identifier: string; state: string; email: string | null; classLabel: string | null }>;
  before(async () => {
    g = await demoInstance();
    directeur = await adminOf(g, 'directeur.demo', ECOLE);
    // The expected rows, read independently of the code under test.
    pairs = await g.database.db
      .select({
        student: sql<string>`${students.lastName} || ' ' || ${students.firstName}`,
        guardian: sql<string>`${guardians.lastName} || ' ' || ${guardians.firstName}`,
        identifier: accounts.identifier,
        state: accounts.state,
        email: accounts.email,
        classLabel: classes.label,
      })
      .from(students)
      .innerJoin(guardianStudents, and(eq(guardianStudents.studentId, students.id), eq(guardianStudents.legalResponsibility, true)))
      .innerJoin(guardians, eq(guardians.id, guardianStudents.guardianId))
      .innerJoin(accounts, eq(accounts.id, guardians.accountId))
      .leftJoin(classes, eq(classes.id, students.classId))
      .where(and(eq(students.establishmentId, await establishmentId(g, ECOLE)), isNull(students.goneAt), isNotNull(guardians.accountId)));
  });
  after(async () => {
    await g?.close();
  });

  test('a fresh visit shows the default criteria and no result until the admin asks', async () => {
    const page = await directeur.get('/admin/responsables');
    assert.equal(page.status, 200);
    assert.match(page.body, /aria-current="page"[^>]*>Responsables</);
    assert.match(page.body, />Rechercher</);
    for (const label of ['Non notifié', 'Notifié et non activé', "En cours d'activation", 'Activé', 'Etablissement', 'Responsable', 'FranceConnect', 'Non renseigné', 'Avec adresse mail', 'Sans adresse mail', 'CM1 A']) {
      assert.ok(textOf(page.body).includes(label), label);
    }
    assert.equal([...page.body.matchAll(/type="checkbox" name="(classe|etat|messagerie|origine)"[^>]* checked/g)].length, [...page.body.matchAll(/type="checkbox" name="(classe|etat|messagerie|origine)"/g)].length, 'every criterion ticked');
    assert.equal(resultRows(page.body).length, 0);
    assert.doesNotMatch(page.body, /Aucun responsable/);
  });

  test('the default search: every (student, guardian) pair of the establishment, by student, 50 a page', async () => {
    const page = await directeur.get('/admin/responsables?rechercher=1');
    const rows = resultRows(page.body);
    assert.ok(pairs.length > 50, 'the demo school has more than a page');
    assert.equal(rows.length, 50);
    assert.match(textOf(page.body), new RegExp(`1 à 50 sur ${pairs.length} élève\\(s\\)`));
    const columns = [...page.body.matchAll(/<th scope="col"[^>]*><a [^>]*>([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(columns, ['Elève', 'Classe', 'Responsable', 'Identifiant', 'Messagerie', 'Origine du compte', 'État de compte', 'Date de distribution', 'Date de dernier accès']);
    const students = rows.map((r) => foldText(r[1]!));
    assert.deepEqual(students, [...students].sort(), 'sorted by student ascending');
    // The last page, and a page past the end shows the last one.
    const last = Math.ceil(pairs.length / 50);
    const beyond = await directeur.get(`/admin/responsables?rechercher=1&page=${last + 5}`);
    assert.match(textOf(beyond.body), new RegExp(`${(last - 1) * 50 + 1} à ${pairs.length} sur ${pairs.length} élève\\(s\\)`));
    assert.match(beyond.body, /Précédent/);
    assert.match(beyond.body, /<span class="disabled">Suivant<\/span>/);
    // Every row links to its account page and shows the e-mail column with a text alternative.
    assert.equal([...page.body.matchAll(/href="\/admin\/responsables\/compte\/[0-9a-f-]{36}"/g)].length, 50);
    assert.ok(rows.every((r) => r[5] === '✉ Oui' || r[5] === '✗ Non'));
  });

  test('filters: text without accents or case, states, e-mail, origin, class', async () => {
    for (const text of ['fontanel', 'FONTANEL', 'fontanel bénédicte', 'jade font']) {
      const rows = resultRows((await directeur.get(`/admin/responsables?rechercher=1&texte=${encodeURIComponent(text)}`)).body);
      assert.deepEqual(rows.map((r) => [r[1], r[3], r[4]]), [['FONTANEL Jade', 'FONTANEL Bénédicte', 'b.fontanel']], text);
    }
    for (const text of ["n'guessan", 'NGUESSAN', 'Zoe']) {
      const rows = resultRows((await directeur.get(`/admin/responsables?rechercher=1&texte=${encodeURIComponent(text)}`)).body);
      assert.ok(rows.some((r) => r[4] === 'a.nguessan'), text);
    }
    const notNotified = resultRows((await directeur.get('/admin/responsables?rechercher=1&etat=non_notifie')).body);
    assert.ok(notNotified.length > 0 && notNotified.every((r) => r[7] === 'Non notifié' && r[8] === ''));
    assert.equal(
      Number(/sur (\d+) élève/.exec(textOf((await directeur.get('/admin/responsables?rechercher=1&etat=non_notifie')).body))![1]),
      pairs.filter((p) => p.state === 'non_notifie').length,
    );
    const withoutMail = (await directeur.get('/admin/responsables?rechercher=1&messagerie=sans')).body;
    assert.equal(Number(/sur (\d+) élève/.exec(textOf(withoutMail))![1]), pairs.filter((p) => !p.email).length);
    assert.ok(resultRows(withoutMail).every((r) => r[5] === '✗ Non'));
    assert.ok(resultRows(withoutMail).some((r) => r[4] === 'h.dacostalopes'));
    const fc = resultRows((await directeur.get('/admin/responsables?rechercher=1&origine=franceconnect&origine=responsable')).body);
    assert.ok(fc.length > 0 && fc.every((r) => r[6] === 'FranceConnect' || r[6] === 'Responsable'));
    const [cm1] = await g.database.db.select().from(classes).where(and(eq(classes.label, 'CM1 A'), eq(classes.establishmentId, await establishmentId(g, ECOLE))));
    const inCm1 = (await directeur.get(`/admin/responsables?rechercher=1&classe=${cm1!.id}`)).body;
    assert.ok(resultRows(inCm1).every((r) => r[2] === 'CM1 A'));
    assert.equal(Number(/sur (\d+) élève/.exec(textOf(inCm1))![1]), pairs.filter((p) => p.classLabel === 'CM1 A').length);
    assert.match(inCm1, new RegExp(`name="classe" value="${cm1!.id}" id="classe-${cm1!.id}" checked`), 'the criteria form keeps the choice');
  });

  test('names fold the same in SQL as typed text in JavaScript', async () => {
    const names = ["N'Guessan", 'Lebœuf', 'ŒUVRE', 'Dacosta-Lopès', 'ÉLODIE', 'Ÿvonne', 'Çà', 'Laëtitia', 'D’Artagnan', 'Ænéas'];
    for (const name of names) {
      const [row] = await queryRows<{ folded: string }>(g.database.db, sql`select ${foldSql(sql`${name}::text`)} as folded`);
      assert.equal(row!.folded, foldText(name), name);
    }
  });

  test('nothing found: the guide\'s message, no table', async () => {
    const page = await directeur.get('/admin/responsables?rechercher=1&texte=zzzzzz');
    assert.ok(textOf(page.body).includes(NO_RESULT));
    assert.equal(resultRows(page.body).length, 0);
    assert.doesNotMatch(page.body, /name="accountIds"/);
  });

  test('every column sorts both ways; an unknown sort key gives the default order', async () => {
    const column = { eleve: 1, classe: 2, responsable: 3, identifiant: 4 } as const;
    for (const [key, index] of Object.entries(column)) {
      for (const order of ['asc', 'desc'] as const) {
        const rows = resultRows((await directeur.get(`/admin/responsables?rechercher=1&tri=${key}&ordre=${order}`)).body);
        const values = rows.map((r) => foldText(r[index]!).toLowerCase());
        const sorted = [...values].sort();
        assert.deepEqual(values, order === 'asc' ? sorted : sorted.reverse(), `${key} ${order}`);
      }
    }
    const rank = { 'Non notifié': 1, 'Notifié et non activé': 2, "En cours d'activation": 3, Activé: 4 } as Record<string, number>;
    const byState = resultRows((await directeur.get('/admin/responsables?rechercher=1&tri=etat&ordre=desc')).body).map((r) => rank[r[7]!]!);
    assert.deepEqual(byState, [...byState].sort((a, b) => b - a));
    const byDate = resultRows((await directeur.get('/admin/responsables?rechercher=1&tri=distribution&ordre=desc')).body).map((r) => r[8]!);
    const iso = byDate.filter(Boolean).map((d) => d.split('-').reverse().join('-'));
    assert.deepEqual(iso, [...iso].sort().reverse());
    for (const key of ['messagerie', 'origine', 'acces']) {
      assert.equal((await directeur.get(`/admin/responsables?rechercher=1&tri=${key}&ordre=desc`)).status, 200);
    }
    const evil = await directeur.get(`/admin/responsables?rechercher=1&tri=${encodeURIComponent('s.id; drop table accounts')}&ordre=sideways`);
    assert.equal(evil.status, 200);
    assert.deepEqual(rowAccountIds(evil.body), rowAccountIds((await directeur.get('/admin/responsables?rechercher=1')).body));
    assert.match(evil.body, /aria-sort="ascending"><a [^>]*>Elève/);
  });

  test('search memory: back from an account page re-runs the criteria on page 1; another way in starts afresh', async () => {
    const agent = await adminOf(g, 'directeur.demo', ECOLE);
    await agent.get('/admin/responsables?rechercher=1&messagerie=avec&tri=identifiant&ordre=desc&page=2');
    const back = await agent.get('/admin/responsables?retour=1');
    assert.match(textOf(back.body), /^.*1 à \d+ sur \d+ élève\(s\)/);
    assert.match(back.body, /aria-sort="descending"><a [^>]*>Identifiant/);
    assert.match(back.body, /name="messagerie" value="avec" id="messagerie-avec" checked/);
    assert.doesNotMatch(back.body, /name="messagerie" value="sans" id="messagerie-sans" checked/);
    assert.ok(resultRows(back.body).every((r) => r[5] === '✉ Oui'));
    const fresh = await agent.get('/admin/responsables');
    assert.equal(resultRows(fresh.body).length, 0);
    assert.match(fresh.body, /name="messagerie" value="sans" id="messagerie-sans" checked/);
    // A new admin session has nothing to re-run.
    const other = await adminOf(g, 'directeur.demo', ECOLE);
    assert.equal(resultRows((await other.get('/admin/responsables?retour=1')).body).length, 0);
  });

  test('"Tout sélectionner" without JavaScript checks every row of the page', async () => {
    const page = await directeur.get('/admin/responsables?rechercher=1&texte=nguessan&tout=1');
    const boxes = [...page.body.matchAll(/name="accountIds" value="[^"]+" id="[^"]+"( checked)?/g)];
    assert.ok(boxes.length > 0 && boxes.every((b) => b[1] === ' checked'));
    assert.match(page.body, /<span id="compteur">\d+<\/span> responsable\(s\) sélectionné\(s\)/);
    assert.match(page.body, />Tout désélectionner</);
    assert.match(page.body, /<script src="\/assets\/responsables.js" defer><\/script>/);
    const script = await directeur.get('/assets/responsables.js');
    assert.equal(script.status, 200);
  });

  test('the actions zone: the guide\'s menus, posting the checked accounts with the form token', async () => {
    const page = (await directeur.get('/admin/responsables?rechercher=1')).body;
    for (const [label, action] of [
      ['Par feuilles individuelles imprimables', '/admin/responsables/notifier'],
      ['Par envoi de courriers électroniques', '/admin/responsables/notifier'],
      ['Imprimer la liste des responsables (format pdf)', '/admin/responsables/liste'],
      ['Imprimer la liste des responsables (format csv)', '/admin/responsables/liste'],
      ['Réinitialiser le(s) mot(s) de passe', '/admin/responsables/reinitialiser'],
    ]) {
      assert.match(page, new RegExp(`formaction="${action}">${label!.replace(/[()]/g, '\\$&')}<`), label);
    }
    for (const legend of ['(Re)Notifier les comptes', 'Lister les comptes', 'Modifier les comptes', 'Avec réinitialisation du mot de passe']) assert.ok(textOf(page).includes(legend));
    assert.match(page, /<form id="selection" method="post"[^>]*><input type="hidden" name="_csrf" value="[^"]+"/);
  });

  test('another establishment sees only its own rows', async () => {
    const directrice = await adminOf(g, 'directrice.demo');
    const page = await directrice.get('/admin/responsables?rechercher=1&texte=nguessan');
    assert.ok(textOf(page.body).includes(NO_RESULT));
    const all = (await directrice.get('/admin/responsables?rechercher=1')).body;
    assert.match(all, /<span class="uai">0990303S<\/span>/);
    const leboeuf = await accountOf(g, 'j.leboeuf');
    assert.deepEqual(rowAccountIds((await directrice.get('/admin/responsables?rechercher=1&texte=leboeuf')).body), [leboeuf.id]);
    assert.ok(!rowAccountIds(all).includes((await accountOf(g, 'b.fontanel')).id));
    assert.ok(resultRows(all).every((r) => /EME A$/.test(r[2]!)), `only ${COLLEGE_PRIVE} classes`);
  });
});
