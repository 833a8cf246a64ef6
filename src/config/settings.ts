// Every setting, validated with zod and documented once: the README's table is checked against this list.
import { z } from 'zod';
import { REALMS } from '../realms/index.ts';
import {
  FRANCECONNECT_SETTING_DOCS,
  FRANCECONNECT_SETTINGS_SHAPE,
  franceConnectSettingsFrom,
  type FranceConnectSettings,
} from '../sso/franceconnect/settings.ts';

export interface SettingDoc {
  env: string;
  default: string;
  description: string;
}

export const SETTING_DOCS: SettingDoc[] = [
  { env: 'PORT', default: '3000', description: 'HTTP port.' },
  { env: 'HOST', default: 'localhost', description: 'Address to listen on (`0.0.0.0` behind a load balancer).' },
  {
    env: 'DATABASE_URL',
    default: '(unset: embedded PGlite)',
    description: 'PostgreSQL connection string. Unset, Guichet runs on the embedded PGlite database in `GUICHET_DATA_DIR`.',
  },
  {
    env: 'GUICHET_DATA_DIR',
    default: './data',
    description: 'Folder of the embedded database and of the generated secret key (embedded mode only).',
  },
  {
    env: 'GUICHET_SECRET',
    default: '(generated in the data folder)',
    description:
      'At least 32 characters; the key that encrypts provisional passwords (AES-256-GCM). Required with `DATABASE_URL`; in embedded mode a key is generated once in `GUICHET_DATA_DIR/secret.key` (mode 0600).',
  },
  {
    env: 'GUICHET_SECRET_PREVIOUS',
    default: '(none)',
    description: 'Former secrets, comma-separated, still accepted for decryption while keys are rotated.',
  },
  { env: 'GUICHET_REALM', default: 'educonnect', description: 'Realm preset: `educonnect` or `eduprovence`.' },
  {
    env: 'GUICHET_ISSUER',
    default: 'http://localhost:$PORT',
    description: 'Public base URL of this deployment (OIDC issuer, links in letters and e-mails).',
  },
  { env: 'GUICHET_DB_POOL_SIZE', default: '10', description: 'PostgreSQL connection pool size per process.' },
  { env: 'GUICHET_TRUST_PROXY', default: 'false', description: 'Trust `X-Forwarded-*` headers (behind a reverse proxy).' },
  {
    env: 'SMTP_URL',
    default: '(unset: dev mailbox)',
    description:
      'SMTP server for e-mails, e.g. `smtp://user:password@smtp.example.org:587` (`smtps://` for implicit TLS). Unset, e-mails and SMS go to the dev mailbox at `/_dev/mailbox`.',
  },
  {
    env: 'SMTP_FROM',
    default: 'Administrateur des services en ligne <no-reply@localhost>',
    description: 'Sender of the e-mails.',
  },
  {
    env: 'SMS_GATEWAY_URL',
    default: '(unset: dev mailbox)',
    description:
      'HTTP SMS gateway: Guichet POSTs `{"to": "+33…", "text": "…"}` as JSON with `Authorization: Bearer $SMS_GATEWAY_TOKEN` and expects a 2xx. Unset, SMS go to the dev mailbox.',
  },
  { env: 'SMS_GATEWAY_TOKEN', default: '(none)', description: 'Bearer token of the SMS gateway.' },
  {
    env: 'GUICHET_IMPORT_DIR',
    default: '(unset: no nightly import)',
    description:
      'Folder where the academic directory export (AAF XML files) is dropped; read every night at `GUICHET_IMPORT_TIME` (files already imported are skipped).',
  },
  { env: 'GUICHET_IMPORT_TIME', default: '01:30', description: 'Time of the nightly import, `HH:MM`, Paris time.' },
  {
    env: 'GUICHET_RETENTION_MONTHS',
    default: "(the realm's: 3)",
    description: 'Months after which the data of people who no longer qualify for an account is purged (nightly, 04:00 Paris time).',
  },
  ...FRANCECONNECT_SETTING_DOCS,
  { env: 'LOG_LEVEL', default: 'info', description: 'pino log level: `fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`.' },
];

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'doit valoir true ou false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number({ message: 'doit être un nombre' }).int('doit être un entier').min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'doit commencer par postgres:// ou postgresql://' })
    .optional(),
  GUICHET_DATA_DIR: z.string().min(1).default('./data'),
  GUICHET_SECRET: z.string().min(32, { message: 'doit faire au moins 32 caractères' }).optional(),
  GUICHET_SECRET_PREVIOUS: z.string().optional(),
  GUICHET_REALM: z
    .enum(Object.keys(REALMS) as [keyof typeof REALMS], {
      message: `doit valoir ${Object.keys(REALMS).join(' ou ')}`,
    })
    .default('educonnect'),
  GUICHET_ISSUER: z.url({ message: 'doit être une URL http(s) complète' }).optional(),
  GUICHET_DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  GUICHET_TRUST_PROXY: boolean.default(false),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: 'doit commencer par smtp:// ou smtps://' })
    .optional(),
  SMTP_FROM: z.string().min(3).default('Administrateur des services en ligne <no-reply@localhost>'),
  SMS_GATEWAY_URL: z.url({ message: 'doit être une URL http(s) complète' }).optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  GUICHET_IMPORT_DIR: z.string().min(1).optional(),
  GUICHET_IMPORT_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'doit être une heure HH:MM (par exemple 01:30)' })
    .default('01:30'),
  GUICHET_RETENTION_MONTHS: z.coerce.number({ message: 'doit être un nombre' }).int('doit être un entier').min(1).max(120).optional(),
  ...FRANCECONNECT_SETTINGS_SHAPE,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Settings {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string | undefined;
  previousSecrets: string[];
  realm: keyof typeof REALMS;
  issuer: string;
  dbPoolSize: number;
  trustProxy: boolean;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** Unset: messages go to the dev mailbox. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Unset: SMS go to the dev mailbox. */
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  /** Unset: no nightly import. */
  importDir: string | undefined;
  /** HH:MM, Paris time. */
  importTime: string;
  /** Unset: the realm's retention period. */
  retentionMonths: number | undefined;
  /** Unset: no "S'identifier avec FranceConnect" (FRANCECONNECT_ISSUER, _CLIENT_ID, _CLIENT_SECRET). */
  franceConnect: FranceConnectSettings | undefined;
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Réglages invalides : ${problems.join(' ; ')}`);
    this.name = 'SettingsError';
  }
}

/** Reads the settings from the environment; every problem becomes one French sentence naming the variable. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const known = Object.fromEntries(SETTING_DOCS.map((d) => [d.env, emptyToUndefined(env[d.env])]));
  const parsed = schema.safeParse(known);
  if (!parsed.success) {
    throw new SettingsError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${name} ${issue.message} (valeur reçue : « ${known[name] ?? ''} »)`;
      }),
    );
  }
  const s = parsed.data;
  if (s.DATABASE_URL && !s.GUICHET_SECRET) {
    throw new SettingsError([
      'GUICHET_SECRET est obligatoire avec DATABASE_URL : tous les serveurs doivent partager la même clé de chiffrement',
    ]);
  }
  const franceConnect = franceConnectSettingsFrom(s);
  if (franceConnect.problems.length > 0) throw new SettingsError(franceConnect.problems);
  return {
    port: s.PORT,
    host: s.HOST,
    databaseUrl: s.DATABASE_URL,
    dataDir: s.GUICHET_DATA_DIR,
    secret: s.GUICHET_SECRET,
    previousSecrets: (s.GUICHET_SECRET_PREVIOUS ?? '').split(',').map((x) => x.trim()).filter(Boolean),
    realm: s.GUICHET_REALM,
    issuer: (s.GUICHET_ISSUER ?? `http://localhost:${s.PORT}`).replace(/\/+$/, ''),
    dbPoolSize: s.GUICHET_DB_POOL_SIZE,
    trustProxy: s.GUICHET_TRUST_PROXY,
    logLevel: s.LOG_LEVEL,
    smtpUrl: s.SMTP_URL,
    smtpFrom: s.SMTP_FROM,
    smsGatewayUrl: s.SMS_GATEWAY_URL,
    smsGatewayToken: s.SMS_GATEWAY_TOKEN,
    importDir: s.GUICHET_IMPORT_DIR,
    importTime: s.GUICHET_IMPORT_TIME,
    retentionMonths: s.GUICHET_RETENTION_MONTHS,
    franceConnect: franceConnect.settings,
  };
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
