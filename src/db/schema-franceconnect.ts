// SPEC §3.1 / §5 (issue 9): the FranceConnect identities linked to accounts — one `sub` (pairwise, per service
// provider) per account; later logins through FranceConnect go straight in.
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './schema.ts';

// account_id is unique (one FranceConnect identity per account): its index serves the lookups by account.
export const franceConnectLinks = pgTable('franceconnect_links', {
    /** FranceConnect's `sub` for Guichet. */
    sub: text('sub').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .unique()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
});
