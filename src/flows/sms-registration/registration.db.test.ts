// SPEC §5 self-registration by SMS end to end over HTTP, on a seeded demo (PGlite, or PostgreSQL with DATABASE_URL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { accounts, auditEvents, flows, guardians, guardianStudents, outbox, students } from '../../db/schema.ts';
import { queryRows } from '../../db/rows.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { precreateAccounts } from '../../accounts/precreate.ts';
import { SYSTEM } from '../../audit/record.ts';
import { testInstance, type TestInstance } from '../../../test/helpers/test-instance.ts';
import { csrfOf, familyAgent } from '../../../test/helpers/family.ts';
import { flowPathOf, lastSmsCode, singleReferenceGuardians, withSelfServiceRoutes, type DemoGuardian } from './test-kit.ts';
import { normalizeMobile } from '../../messaging/sms/phone-number.ts';

type Agent = ReturnType<typeof familyAgent>;

describe('self-registration by SMS (SPEC §5, guide §1.3.4)', () => {
  let g: TestInstance;
  let candidates: DemoGuardian[];
  before(async () => {
    g = await testInstance();
    await withSelfServiceRoutes(g);
    await seedDemo(g.deps);
    candidates = await singleReferenceGuardians(g.database.db, ['non_notifie', 'notifie', 'en_cours'], 20);
  });
  after(async () => {
    await g?.close();
  });

  let next = 0;
  /** A demo guardian not used by another test, and an agent of its own address. */
  const person = () => {
    const p = candidates.filter((c) => !c.identifier.startsWith('h.dacostalopes'))[next++]!;
    return { p, e164: normalizeMobile(p.mobile)!, agent: familyAgent(g, `10.1.0.${next}`) };
  };

  const start = async (agent: Agent) => {
    const path = flowPathOf(await agent.get('/inscription/responsable'));
    const page = await agent.get(path);
    assert.equal(page.status, 200);
    return { path, csrf: csrfOf(page.body) };
  };
  const identify = async (agent: Agent, values: { lastName: string; firstName: string; mobile: string }) => {
    const { path, csrf } = await start(agent);
    return { path, csrf, response: await agent.post(`${path}/identite`, { ...values, _csrf: csrf }) };
  };
  const childrenOf = (guardianIds: number[]) =>
    g.database.db
      .select({ id: students.id, firstName: students.firstName, birthDate: students.birthDate, guardianId: guardianStudents.guardianId })
      .from(guardianStudents)
      .innerJoin(students, eq(students.id, guardianStudents.studentId))
      .where(
        and(
          inArray(guardianStudents.guardianId, guardianIds),
          eq(guardianStudents.legalResponsibility, true),
          eq(students.definitivelyAdmitted, true),
          isNotNull(students.classId),
          isNotNull(students.ine),
        ),
      );
  const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

  test("« Je n'ai pas de compte » leads a guardian to SMS registration and tells a student to ask the school", async () => {
    const page = await familyAgent(g).get('/inscription');
    assert.equal(page.status, 200);
    assert.match(page.body, /href="\/inscription\/responsable"/);
    assert.match(page.body, /Demandez vos codes à votre établissement\./);
    assert.doesNotMatch(page.body, /FranceConnect/);
  });

  test('a demo guardian found by names and mobile registers: Activé, origin Responsable, identifier shown, portal reached', async () => {
    const agent = familyAgent(g, '10.1.1.1');
    const { path, response } = await identify(agent, { lastName: 'DACOSTA LOPES', firstName: 'herve', mobile: '06 39 98 00 04' });
    assert.equal(response.status, 303);
    const codePage = await agent.get(path);
    assert.match(codePage.body, /06 •• •• •• 04/);
    const [sms] = await g.database.db.select().from(outbox).where(eq(outbox.recipient, '+33639980004'));
    assert.equal(sms!.channel, 'sms');
    assert.match(sms!.text, /créer votre compte/);
    assert.match(sms!.text, /Ne le communiquez à personne/);
    const code = await lastSmsCode(g.database.db, '+33639980004');
    const [flow] = await g.database.db.select().from(flows).where(eq(flows.id, path.split('/').pop()!));
    assert.doesNotMatch(JSON.stringify(flow!.data), new RegExp(code), 'the code is stored hashed');

    assert.equal((await agent.post(`${path}/code`, { code, _csrf: csrfOf(codePage.body) })).status, 303);
    const childrenPage = await agent.get(path);
    assert.match(childrenPage.body, /Date de naissance de Inès/);
    const [ines] = await g.database.db.select().from(students).where(eq(students.ine, '0000000005H'));
    assert.equal((await agent.post(`${path}/enfants`, { [`naissance-${ines!.id}`]: '30/01/2018', _csrf: csrfOf(childrenPage.body) })).status, 303);
    const passwordPage = await agent.get(path);
    assert.match(passwordPage.body, /8 à 14 caractères/);
    assert.match(passwordPage.body, /data-strength/);
    const weak = await agent.post(`${path}/mot-de-passe`, { password: 'court', confirmation: 'court', _csrf: csrfOf(passwordPage.body) });
    assert.equal(weak.status, 400);
    assert.match(weak.body, /aria-invalid="true"/);
    assert.equal((await agent.post(`${path}/mot-de-passe`, { password: 'Inscrit2026', confirmation: 'Inscrit2026', _csrf: csrfOf(passwordPage.body) })).status, 303);

    const done = await agent.get(path);
    assert.match(done.body, /Votre identifiant : <strong class="identifier">h\.dacostalopes<\/strong>/);
    assert.match(done.body, /Accéder à mes services en ligne/);
    const [account] = await g.database.db.select().from(accounts).where(eq(accounts.identifier, 'h.dacostalopes'));
    assert.equal(account!.state, 'active');
    assert.equal(account!.origin, 'responsable');
    assert.equal(account!.mobile, '+33639980004');
    assert.ok(account!.activatedAt);
    const audit = await g.database.db.select().from(auditEvents).where(and(eq(auditEvents.accountId, account!.id), eq(auditEvents.action, 'account.sms_registration')));
    assert.equal(audit.length, 1);

    const enter = await agent.post(`${path}/acceder`, { _csrf: csrfOf(done.body) });
    assert.equal(enter.location, '/portail');
    const portal = await agent.get('/portail');
    assert.equal(portal.status, 200);
    assert.match(portal.body, /Inès/);
    assert.equal((await agent.get(path)).status, 410, 'the flow ends with the session');
    const login = await familyAgent(g, '10.1.1.2').logIn('h.dacostalopes', 'Inscrit2026');
    assert.equal(login.location, '/portail');
  });

  test('unknown mobile or names: the guide’s message, nothing sent; an activated account is sent to recovery', async () => {
    const agent = familyAgent(g, '10.1.2.1');
    const before = (await g.database.db.select().from(outbox)).length;
    const unknownMobile = await identify(agent, { lastName: 'Dacosta-Lopès', firstName: 'Hervé', mobile: '06 39 98 99 98' });
    const unknownName = await identify(agent, { lastName: 'Dupont', firstName: 'Hervé', mobile: '06 39 98 00 04' });
    for (const { response } of [unknownMobile, unknownName]) {
      assert.equal(response.status, 200);
      assert.match(response.body, /Nous ne trouvons pas ce numéro de téléphone portable/);
      assert.match(response.body, /doit corriger vos coordonnées/);
      assert.match(response.body, /visible le lendemain/);
    }
    const active = await identify(familyAgent(g, '10.1.2.2'), { lastName: "N'Guessan", firstName: 'Anaïs', mobile: '0639980003' });
    assert.match(active.response.body, /déjà un compte activé/);
    assert.match(active.response.body, /Mot de passe perdu/);
    const invalid = await identify(familyAgent(g, '10.1.2.3'), { lastName: '', firstName: 'A', mobile: '01 23' });
    assert.equal(invalid.response.status, 400);
    assert.match(invalid.response.body, /aria-describedby="lastName-errors"/);
    assert.match(invalid.response.body, /id="lastName"[^>]*autofocus/);
    assert.equal((await g.database.db.select().from(outbox)).length, before);
  });

  test('probes from one address are throttled with growing delays', async () => {
    const agent = familyAgent(g, '10.1.3.1');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await identify(agent, { lastName: `Inconnu${i}`, firstName: 'X', mobile: `06 39 97 00 0${i}` })).response.status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    g.clock.advance(3_000);
    assert.equal((await identify(agent, { lastName: 'Inconnu9', firstName: 'X', mobile: '06 39 97 00 09' })).response.status, 200);
  });

  test('a wrong code is counted and limited; a resend is spaced and limited; an expired code is refused', async () => {
    const { p, e164, agent } = person();
    const { path, response } = await identify(agent, { lastName: p.lastName, firstName: p.firstName, mobile: p.mobile });
    assert.equal(response.status, 303);
    const code = await lastSmsCode(g.database.db, e164);
    const wrong = code === '000000' ? '111111' : '000000';
    const csrf = csrfOf((await agent.get(path)).body);
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await agent.post(`${path}/code`, { code: wrong, _csrf: csrf });
      assert.equal(r.status, 400);
      remaining.push(/Code incorrect\.[^<]*/.exec(r.body)![0]);
      g.clock.advance(60_000); // past the growing delay of the number
    }
    assert.deepEqual(remaining.slice(0, 2), ['Code incorrect. Il vous reste 4 essais.', 'Code incorrect. Il vous reste 3 essais.']);
    assert.match(remaining[4]!, /ne peut plus être utilisé/);
    const exhausted = await agent.post(`${path}/code`, { code, _csrf: csrf });
    assert.match(exhausted.body, /trop d’essais/);
    assert.equal((await agent.post(`${path}/code`, { code: '12 34', _csrf: csrf })).status, 400, 'a malformed code costs no try');

    assert.equal((await agent.post(`${path}/nouveau-code`, { _csrf: csrf })).status, 303);
    const tooSoon = await agent.post(`${path}/nouveau-code`, { _csrf: csrf });
    assert.equal(tooSoon.status, 429);
    assert.match(tooSoon.body, /Patientez encore/);
    g.clock.advance(61_000);
    assert.equal((await agent.post(`${path}/nouveau-code`, { _csrf: csrf })).status, 303);
    g.clock.advance(61_000);
    const third = await agent.post(`${path}/nouveau-code`, { _csrf: csrf });
    assert.match(third.body, /trop de codes/);

    g.clock.advance(11 * 60_000);
    const expired = await agent.post(`${path}/code`, { code: await lastSmsCode(g.database.db, e164), _csrf: csrf });
    assert.match(expired.body, /Ce code a expiré/);
    const failures = await g.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'sms_registration.code_failed'));
    assert.ok(failures.length >= 5);
  });

  test('a wrong birth date: the child is not attached, its reference keeps its own account', async () => {
    // A second reference of a demo guardian, as a second school would register them (the mobile spelled its own way).
    const { p, e164, agent } = person();
    const [other] = await queryRows<{ id: number }>(g.database.db, sql`select s.id from students s where s.class_id is not null and s.ine is not null
      and s.definitively_admitted and not exists (select 1 from guardian_students gs where gs.student_id = s.id and gs.guardian_id = ${p.guardianId}) order by s.id desc limit 1`);
    const [second] = await g.database.db.insert(guardians).values({ lastName: p.lastName.toUpperCase(), firstName: p.firstName, mobile: e164 }).returning();
    await g.database.db.insert(guardianStudents).values({ guardianId: second!.id, studentId: other!.id, legalResponsibility: true });
    const [secondAccount] = await precreateAccounts(g.deps, [{ kind: 'guardian', person: p, guardianIds: [second!.id] }], SYSTEM);

    const { path, response } = await identify(agent, { lastName: p.lastName, firstName: p.firstName, mobile: p.mobile });
    assert.equal(response.status, 303);
    const codePage = await agent.get(path);
    await agent.post(`${path}/code`, { code: await lastSmsCode(g.database.db, e164), _csrf: csrfOf(codePage.body) });
    const page = await agent.get(path);
    const own = await childrenOf([p.guardianId]);
    const [otherChild] = await childrenOf([second!.id]);
    const wrongDate = otherChild!.birthDate === '2000-01-01' ? '02/01/2000' : '01/01/2000';
    const refused = await agent.post(`${path}/enfants`, { [`naissance-${own[0]!.id}`]: frenchDate(own[0]!.birthDate), [`naissance-${otherChild!.id}`]: wrongDate, _csrf: csrfOf(page.body) });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /ne correspond pas à celle que l&#39;établissement nous a transmise|ne correspond pas à celle que l'établissement nous a transmise/);
    assert.match(refused.body, /date de naissance confirmée/);
    assert.match(refused.body, new RegExp(`id="naissance-${otherChild!.id}"[^>]*autofocus`));
    assert.equal((await agent.post(`${path}/enfants`, { _csrf: csrfOf(page.body) })).status, 303, 'left empty: go on without that child');
    const passwordPage = await agent.get(path);
    assert.match(passwordPage.body, /n&#39;est pas rattaché|n'est pas rattaché/);
    await agent.post(`${path}/mot-de-passe`, { password: 'Inscrit2027', confirmation: 'Inscrit2027', _csrf: csrfOf(passwordPage.body) });

    const [first] = await g.database.db.select().from(guardians).where(eq(guardians.id, p.guardianId));
    const [kept] = await g.database.db.select().from(accounts).where(eq(accounts.id, first!.accountId!));
    assert.equal(kept!.state, 'active');
    const [secondNow] = await g.database.db.select().from(guardians).where(eq(guardians.id, second!.id));
    assert.equal(secondNow!.accountId, secondAccount!.accountId, 'the unconfirmed reference is not grouped');
    const [left] = await g.database.db.select().from(accounts).where(eq(accounts.id, secondAccount!.accountId));
    assert.equal(left!.state, 'non_notifie');
  });

  test('two references of one person: both children confirmed, grouped on one account, the other deleted and audited', async () => {
    const [split] = await queryRows<{ last_name: string; first_name: string; mobile: string; ids: number[] }>(
      g.database.db,
      sql`select g.last_name, g.first_name, g.mobile, array_agg(g.id order by g.id) as ids from guardians g join accounts a on a.id = g.account_id
        where g.mobile is not null group by 1, 2, 3 having count(distinct g.account_id) > 1 and bool_and(a.state <> 'active') limit 1`,
    );
    assert.ok(split, 'the demo has a person registered under two references');
    const refs = await g.database.db.select().from(guardians).where(inArray(guardians.id, split.ids));
    const accountIds = refs.map((r) => r.accountId!);
    const agent = familyAgent(g, '10.1.5.1');
    const e164 = normalizeMobile(split.mobile)!;
    const { path, response } = await identify(agent, { lastName: split.last_name, firstName: split.first_name, mobile: split.mobile });
    assert.equal(response.status, 303);
    await agent.post(`${path}/code`, { code: await lastSmsCode(g.database.db, e164), _csrf: csrfOf((await agent.get(path)).body) });
    const page = await agent.get(path);
    const children = await childrenOf(split.ids);
    assert.ok(new Set(children.map((c) => c.guardianId)).size === 2);
    for (const c of children) assert.match(page.body, new RegExp(`naissance-${c.id}`));
    const dates = Object.fromEntries(children.map((c) => [`naissance-${c.id}`, frenchDate(c.birthDate)]));
    assert.equal((await agent.post(`${path}/enfants`, { ...dates, _csrf: csrfOf(page.body) })).status, 303);
    const passwordPage = await agent.get(path);
    await agent.post(`${path}/mot-de-passe`, { password: 'Groupe2026', confirmation: 'Groupe2026', _csrf: csrfOf(passwordPage.body) });
    const done = await agent.get(path);

    const after = await g.database.db.select().from(guardians).where(inArray(guardians.id, split.ids));
    assert.equal(new Set(after.map((r) => r.accountId)).size, 1);
    const keptId = after[0]!.accountId!;
    const remaining = await g.database.db.select().from(accounts).where(inArray(accounts.id, accountIds));
    assert.equal(remaining.length, 1);
    assert.equal(remaining[0]!.id, keptId);
    assert.equal(remaining[0]!.state, 'active');
    assert.match(done.body, new RegExp(`<strong class="identifier">${remaining[0]!.identifier}</strong>`));
    for (const c of children) assert.match(done.body, new RegExp(c.firstName));
    const merged = await g.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.merged'));
    assert.equal(merged.length, 1);
    assert.equal(merged[0]!.details.into, keptId);
  });

  test('CSRF and the browser: a form without the flow’s token, or from another browser, changes nothing', async () => {
    const agent = familyAgent(g, '10.1.6.1');
    const { path, csrf } = await start(agent);
    const forged = await agent.post(`${path}/identite`, { lastName: 'Dacosta-Lopès', firstName: 'Hervé', mobile: '0639980004' });
    assert.equal(forged.status, 403);
    const stranger = await familyAgent(g, '10.1.6.2').post(`${path}/identite`, { lastName: 'X', firstName: 'Y', mobile: '0639980004', _csrf: csrf });
    assert.equal(stranger.status, 410);
    const [flow] = await g.database.db.select().from(flows).where(eq(flows.id, path.split('/').pop()!));
    assert.equal(flow!.state, 'identity');
  });
});

describe('a realm without SMS registration nor e-mail or SMS recovery (eduprovence)', () => {
  let g: TestInstance;
  before(async () => {
    g = await testInstance({ realm: 'eduprovence' });
    await withSelfServiceRoutes(g);
  });
  after(async () => {
    await g?.close();
  });

  test('« Je n’ai pas de compte » tells the student to ask the school; the other paths do not exist', async () => {
    const agent = familyAgent(g);
    const page = await agent.get('/inscription');
    assert.equal(page.status, 200);
    assert.match(page.body, /Demandez vos codes à votre établissement\./);
    assert.doesNotMatch(page.body, /inscription\/responsable/);
    for (const path of ['/inscription/responsable', '/recuperation/identifiant', '/recuperation/mot-de-passe']) assert.equal((await agent.get(path)).status, 404, path);
  });
});
