// SPEC §2: the nightly directory import's own bookkeeping — runs, files applied, and the keys a full export saw.
import { date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** One `guichet import …` or nightly run: its summary is what the CLI prints and what operators read the next morning. */
export const importRuns = pgTable('import_runs', {
  id: serial('id').primaryKey(),
  source: text('source', { enum: ['aaf', 'csv'] }).notNull(),
  status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
});

/** Every file read: a delta applied once is never applied again (it could undo later changes); a failed file changed nothing. */
export const importFiles = pgTable(
  'import_files',
  {
    id: serial('id').primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => importRuns.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sha256: text('sha256').notNull(),
    mode: text('mode', { enum: ['full', 'delta', 'csv'] }).notNull(),
    /** Date of the export, from the file name (AAF). */
    exportDate: date('export_date', { mode: 'string' }),
    type: text('type'),
    status: text('status', { enum: ['applied', 'failed', 'skipped'] }).notNull(),
    counts: jsonb('counts').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('import_files_run').on(t.runId),
    index('import_files_name').on(t.name, t.sha256),
  ],
);

/** The source keys a full export contained, per run and kind: what is not here when the run ends is marked gone. */
export const importSeen = pgTable(
  'import_seen',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => importRuns.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    sourceKey: text('source_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.kind, t.sourceKey] })],
);
