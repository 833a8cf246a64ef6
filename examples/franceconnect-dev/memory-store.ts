// oidc-provider's storage for the development FranceConnect: this process's memory, nothing persisted.
// Written here rather than using oidc-provider's quick-start adapter, which warns at every start.
import type { Adapter, AdapterPayload } from 'oidc-provider';

/** oidc-provider's storage in this process's memory, with expiry and the grant index its revocation needs. */
export function memoryStore() {
  const entries = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const byUid = new Map<string, string>();
  const byGrant = new Map<string, Set<string>>();
  const revokeGrant = (grantId: string) => {
    for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
    byGrant.delete(grantId);
  };
  const adapter = (model: string): Adapter => {
    const get = (id: string) => {
      const entry = entries.get(`${model}:${id}`);
      if (entry && entry.expiresAt > Date.now()) return entry.payload;
      entries.delete(`${model}:${id}`);
      return undefined;
    };
    return {
      async upsert(id, payload, expiresIn) {
        const key = `${model}:${id}`;
        entries.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
        if (payload.uid) byUid.set(payload.uid, id);
        if (payload.grantId) byGrant.set(payload.grantId, (byGrant.get(payload.grantId) ?? new Set()).add(key));
      },
      find: async (id) => get(id),
      findByUid: async (uid) => get(byUid.get(uid) ?? ''),
      findByUserCode: async () => undefined,
      async consume(id) {
        const payload = get(id);
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(`${model}:${id}`);
      },
      revokeByGrantId: async (grantId) => revokeGrant(grantId),
    };
  };
  return { adapter, revokeGrant };
}
