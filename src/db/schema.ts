// SPEC §2–§3: the directory (academies → establishments → classes, students, guardians), accounts, staff and audit.
import { sql } from 'drizzle-orm';
import { foldSql } from '../admin/responsables/sql-fragments.ts';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The names folded as the Responsables search compares them (foldSql: no case, accents, apostrophes or hyphens),
 * stored so that sorting and searching do not fold every row at query time. Computed by the database, never written.
 */
const nameKeys = () => ({
  lastNameKey: text('last_name_key').generatedAlwaysAs(foldSql(sql`"last_name"`)),
  firstNameKey: text('first_name_key').generatedAlwaysAs(foldSql(sql`"first_name"`)),
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const academies = pgTable('academies', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
});

export const establishments = pgTable(
  'establishments',
  {
    id: serial('id').primaryKey(),
    academyId: integer('academy_id').notNull().references(() => academies.id),
    /** UAI (also called RNE): 7 digits and a letter, e.g. 0311478N. */
    uai: text('uai').notNull().unique(),
    name: text('name').notNull(),
    city: text('city'),
    kind: text('kind', { enum: ['ecole', 'college', 'lycee', 'mfr', 'medico_educatif', 'cned', 'autre'] }).notNull(),
    degree: text('degree', { enum: ['1D', '2D'] }).notNull(),
    sector: text('sector', { enum: ['public', 'private'] }).notNull(),
    /** Key of the directory export (AAF ENTStructureJointure). */
    sourceKey: text('source_key').unique(),
    goneAt: timestamp('gone_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('establishments_uai_format', sql`${t.uai} ~ '^[0-9]{7}[A-Z]$'`)],
);

export const levels = pgTable('levels', {
  id: serial('id').primaryKey(),
  /** e.g. MS, CM1, 6E; or a MEFSTAT4 code from the directory. */
  code: text('code').notNull().unique(),
  label: text('label').notNull(),
  degree: text('degree', { enum: ['1D', '2D'] }).notNull(),
  rank: integer('rank').notNull().default(0),
});

export const classes = pgTable(
  'classes',
  {
    id: serial('id').primaryKey(),
    establishmentId: integer('establishment_id').notNull().references(() => establishments.id),
    label: text('label').notNull(),
    goneAt: timestamp('gone_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('classes_establishment_label').on(t.establishmentId, t.label)],
);

/** Accounts of guardians and students (SPEC §3). One guardian account may cover several guardian references. */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['guardian', 'student'] }).notNull(),
    identifier: text('identifier').notNull(),
    /** The identifier without the number appended when the name was taken: c.martin12 → c.martin, dupontj2@x.fr → dupontj@x.fr. */
    identifierStem: text('identifier_stem').generatedAlwaysAs(sql`regexp_replace(identifier, '[0-9]+(@|$)', '\\1')`),
    /** Argon2id hash of the password the person chose; null until then. */
    passwordHash: text('password_hash'),
    /** AES-256-GCM box of the provisional password (SPEC §3.1 rev.: encrypted, never hashed). */
    provisionalPassword: text('provisional_password'),
    /** Start of the provisional password's validity: its issue or the latest (re)notification (SPEC §3.1 rev.). */
    provisionalValidFrom: timestamp('provisional_valid_from', { withTimezone: true }),
    email: text('email'),
    emailVerified: boolean('email_verified').notNull().default(false),
    /** SPEC §3 rev.: once the person set or confirmed the address, the import never overwrites it. */
    emailOwnedByPerson: boolean('email_owned_by_person').notNull().default(false),
    mobile: text('mobile'),
    state: text('state', { enum: ['non_notifie', 'notifie', 'en_cours', 'active'] }).notNull(),
    origin: text('origin', { enum: ['etablissement', 'responsable', 'franceconnect', 'non_renseigne'] }).notNull(),
    distributedAt: timestamp('distributed_at', { withTimezone: true }),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** SPEC §3 retention: since when nobody this account covers qualifies any more (set by the import), null while one does. */
    unqualifiedSince: timestamp('unqualified_since', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('accounts_identifier').on(t.identifier),
    // Identifier allocation reads the names sharing a stem by equality (src/accounts/identifier-allocation.ts).
    index('accounts_identifier_stem').on(t.identifierStem),
    index('accounts_state').on(t.state),
    check('accounts_identifier_lower', sql`${t.identifier} = lower(${t.identifier})`),
  ],
);

export const students = pgTable(
  'students',
  {
    id: serial('id').primaryKey(),
    /** National student id (INE). */
    ine: text('ine').unique(),
    sourceKey: text('source_key').unique(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    establishmentId: integer('establishment_id').notNull().references(() => establishments.id),
    classId: integer('class_id').references(() => classes.id),
    levelId: integer('level_id').references(() => levels.id),
    definitivelyAdmitted: boolean('definitively_admitted').notNull().default(true),
    accountId: uuid('account_id')
      .unique()
      .references(() => accounts.id, { onDelete: 'set null' }),
    goneAt: timestamp('gone_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ...nameKeys(),
  },
  (t) => [
    index('students_establishment').on(t.establishmentId),
    index('students_class').on(t.classId),
    // The Responsables search's default order (student, then id) straight from the index (bench/README.md).
    index('students_establishment_name')
      .on(t.establishmentId, sql`${t.lastNameKey} collate "C"`, sql`${t.firstNameKey} collate "C"`, t.id)
      .where(sql`gone_at is null`),
  ],
);

export const guardians = pgTable(
  'guardians',
  {
    id: serial('id').primaryKey(),
    sourceKey: text('source_key').unique(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    email: text('email'),
    mobile: text('mobile'),
    address: text('address'),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    goneAt: timestamp('gone_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ...nameKeys(),
  },
  (t) => [index('guardians_account').on(t.accountId), index('guardians_mobile').on(t.mobile)],
);

export const guardianStudents = pgTable(
  'guardian_students',
  {
    guardianId: integer('guardian_id')
      .notNull()
      .references(() => guardians.id, { onDelete: 'cascade' }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    legalResponsibility: boolean('legal_responsibility').notNull(),
    /** Relation code from the directory; it differs by year, so it is stored, never interpreted. */
    relation: text('relation'),
  },
  (t) => [
    primaryKey({ columns: [t.guardianId, t.studentId] }),
    index('guardian_students_student').on(t.studentId),
    // The Responsables count: an index-only join from an establishment's students to their legal guardians.
    index('guardian_students_legal_student').on(t.studentId, t.guardianId).where(sql`legal_responsibility`),
  ],
);

export const staff = pgTable('staff', {
  id: serial('id').primaryKey(),
  login: text('login').notNull().unique(),
  /** Null for a head imported from the directory until a password is set (`guichet staff password`). */
  passwordHash: text('password_hash'),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['head', 'ati', 'support'] }).notNull(),
  email: text('email'),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  /** Key of the directory export (AAF ENTPersonJointure) for staff imported from it. */
  sourceKey: text('source_key').unique(),
  goneAt: timestamp('gone_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const staffEstablishments = pgTable(
  'staff_establishments',
  {
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    establishmentId: integer('establishment_id')
      .notNull()
      .references(() => establishments.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.establishmentId] })],
);

/** Every admin action and authentication event (security baseline). Never a password, code or token. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorKind: text('actor_kind', { enum: ['staff', 'account', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    accountId: uuid('account_id'),
    establishmentId: integer('establishment_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
  },
  (t) => [index('audit_events_account').on(t.accountId, t.at), index('audit_events_at').on(t.at)],
);

/** Staff sessions of the console: the cookie holds a random token, the table only its SHA-256. */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    /** SPEC §4: the establishment chosen on the home page; it holds on every page until changed. */
    establishmentId: integer('establishment_id').references(() => establishments.id, { onDelete: 'set null' }),
    csrfToken: text('csrf_token').notNull(),
    /** SPEC §4 search memory: the last Responsables criteria, re-run when coming back from an account page. */
    lastSearch: jsonb('last_search').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('staff_sessions_staff').on(t.staffId)],
);

/** Login throttling counters (per account or per IP): growing delays, never a hard lockout. */
export const loginThrottles = pgTable('login_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});

/** The durable outbox (courier): a message is written in the transaction of its use case, sent by a job. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    text: text('text').notNull(),
    html: text('html'),
    /** C01–C07 or another template id. */
    template: text('template').notNull(),
    accountId: uuid('account_id'),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_status').on(t.status, t.createdAt), index('outbox_account').on(t.accountId)],
);

/** A (re)notification by sheets: the PDF is rendered from it on demand, for the admin who made it. */
export const notificationBatches = pgTable('notification_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  staffId: integer('staff_id')
    .notNull()
    .references(() => staff.id, { onDelete: 'cascade' }),
  establishmentId: integer('establishment_id')
    .notNull()
    .references(() => establishments.id, { onDelete: 'cascade' }),
  channel: text('channel', { enum: ['sheet', 'email'] }).notNull(),
  /** [{ accountId, letter }] in print order. No password here: it is read sealed from the account. */
  entries: jsonb('entries').$type<Array<{ accountId: string; letter: string }>>().notNull(),
  createdAt: createdAt(),
});

/** C07 activation links: single-use, expiring; only the SHA-256 of the token is stored. */
export const emailVerifications = pgTable(
  'email_verifications',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    purpose: text('purpose', { enum: ['activation', 'email_change', 'recovery_email'] }).notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('email_verifications_account').on(t.accountId)],
);

/** SPEC §4 Statistiques: computed every night and on demand, one snapshot per establishment. */
export const statisticsSnapshots = pgTable('statistics_snapshots', {
  establishmentId: integer('establishment_id')
    .primaryKey()
    .references(() => establishments.id, { onDelete: 'cascade' }),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
});

/** A family's session (guardian or student) after login: the cookie holds a random token, the table its SHA-256. */
export const accountSessions = pgTable(
  'account_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    /** How the person proved who they are: password, sms, franceconnect… (OIDC amr). */
    method: text('method').notNull(),
    /** FranceConnect's id_token of this login, the `id_token_hint` of its logout (issue 9); null otherwise. */
    franceConnectIdToken: text('franceconnect_id_token'),
    authTime: timestamp('auth_time', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('account_sessions_account').on(t.accountId)],
);

/** Self-service flows as persisted records (STYLE.md, after Kratos): id, kind, state, expiry, CSRF, data. */
export const flows = pgTable(
  'flows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    state: text('state').notNull(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    /** Flow-specific data: never a password in clear; codes only hashed. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** Failed attempts inside the flow (codes, birth dates): limited. */
    attempts: integer('attempts').notNull().default(0),
    /** Where to go when the flow ends (a same-origin path, e.g. an OIDC interaction). */
    returnTo: text('return_to'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('flows_account').on(t.accountId), index('flows_expires').on(t.expiresAt)],
);

/** oidc-provider's persistence (sessions, codes, tokens, grants, interactions…), one row per model instance. */
export const oidcPayloads = pgTable(
  'oidc_payloads',
  {
    id: text('id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.type] }),
    index('oidc_payloads_grant').on(t.grantId),
    index('oidc_payloads_uid').on(t.uid),
    index('oidc_payloads_user_code').on(t.userCode),
    index('oidc_payloads_expires').on(t.expiresAt),
  ],
);

/** Signing keys (JWKS), private parts sealed with the deployment's secret; the newest signs. */
export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  /** The private JWK, AES-256-GCM sealed (SecretBox, context = kid). */
  sealedJwk: text('sealed_jwk').notNull(),
  createdAt: createdAt(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

/** The service catalogue: the school services that log people in through Guichet (OIDC now; SAML, CAS later). */
export const services = pgTable('services', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  url: text('url').notNull(),
  protocol: text('protocol', { enum: ['oidc', 'saml', 'cas'] }).notNull(),
  /** Protocol settings: for OIDC { redirectUris, postLogoutRedirectUris, sealedClientSecret?, … }. */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  /** Profiles allowed: eleve1d, eleve2d, resp1d, resp2d. */
  profiles: jsonb('profiles').$type<string[]>().notNull().default([]),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export * from './schema-import.ts';
export * from './schema-franceconnect.ts';
