// The console's POST forms of Responsables, parsed with zod: anything unexpected is dropped or refused, and
// account ids are only ever candidates — each service checks them against the establishment.
import { z } from 'zod';
import { cleanIds, UUID } from './authorization.ts';

const ids = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.unknown())).transform((v) => cleanIds(v).slice(0, 5_000));
const origin = z.enum(['liste', 'compte']).catch('liste');
const flag = z.preprocess((v) => v === '1' || (Array.isArray(v) && v.includes('1')), z.boolean());

export const SelectionForm = z.object({ accountIds: ids, depuis: origin });

export const NotifyForm = SelectionForm.extend({ canal: z.enum(['sheet', 'email']), reinitialiser: flag });

export const NotifyConfirmedForm = NotifyForm.extend({ requete: z.string().regex(UUID) });

export const ActivationForm = z.object({ email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string()) });

/** A well-formed address a person can receive mail at; the length limit is RFC 5321's. */
export function validEmail(email: string): boolean {
  return email.length <= 254 && z.email().safeParse(email).success;
}

export const AccountParams = z.object({ accountId: z.string().regex(UUID) });
export const BatchParams = z.object({ batchId: z.string().regex(UUID) });

export const SearchNotices = z
  .object({
    selection: z.literal('vide').optional(),
    reinitialises: z.coerce.number().int().min(0).optional(),
    nonNotifies: z.coerce.number().int().min(0).optional(),
    refuses: z.coerce.number().int().min(0).optional(),
  })
  .catch({});

export const AccountNotices = z
  .object({
    distribution: z.string().regex(UUID).optional(),
    reinitialise: z.enum(['1', '0']).optional(),
    renvoye: z.literal('1').optional(),
  })
  .catch({});
