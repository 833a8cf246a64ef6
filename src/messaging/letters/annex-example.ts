// The example of annex A1 (seed 002) as a letter context: Jean DUPONT, Léa, Enzo and Maël DUPONT,
// celine.dupont114, BUNZ57DM, école CHARLEMAGNE. Used by tests and handy to preview a letter.
import type { LetterCode } from '../../domain/letters.ts';
import { educonnect } from '../../realms/educonnect.ts';
import type { LetterContext } from './letter-blocks.ts';
import { letterUrls } from './letter-content.ts';

export const ANNEX_SERVICE_URL = 'http://localhost:3000';

/** The annex's example for one letter code; overrides replace whole fields. */
export function annexExample(code: LetterCode, overrides: Partial<LetterContext> = {}): LetterContext {
  const withPassword = code === 'C01' || code === 'C02' || code === 'C05' || code === 'C06';
  return {
    code,
    realm: educonnect,
    serviceUrl: ANNEX_SERVICE_URL,
    ...letterUrls(ANNEX_SERVICE_URL, 'celine.dupont114'),
    establishment: { uai: '0311478N', name: 'CHARLEMAGNE', kind: 'ecole', degree: '1D' },
    recipient: { firstName: 'Jean', lastName: 'Dupont' },
    children: [
      { firstName: 'Léa', lastName: 'Dupont' },
      { firstName: 'Enzo', lastName: 'DUPONT' },
      { firstName: 'Maël', lastName: 'dupont' },
    ],
    identifier: 'celine.dupont114',
    provisionalPassword: withPassword ? 'BUNZ57DM' : null,
    activationUrl: code === 'C07' ? `${ANNEX_SERVICE_URL}/activation/tok3n` : undefined,
    ...overrides,
  };
}

