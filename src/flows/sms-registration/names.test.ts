import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { comparableName, sameName } from './names.ts';

describe('names compared as people type them (SPEC §5 SMS registration)', () => {
  test('case, accents, ligatures and separators do not matter', () => {
    assert.ok(sameName('Lebœuf', 'LEBOEUF'));
    assert.ok(sameName('Jean-Noël', 'jean noel'));
    assert.ok(sameName("N'Guessan", 'n guessan'));
    assert.ok(sameName('N’Guessan', "N'GUESSAN"));
    assert.ok(sameName('Dacosta-Lopès', '  dacosta  lopes '));
    assert.ok(sameName('Hervé', 'HERVE'));
  });

  test('different names stay different, and an empty one matches nothing', () => {
    assert.ok(!sameName('Hervé', 'Henri'));
    assert.ok(!sameName('Dacosta', 'Dacosta-Lopès'));
    assert.ok(!sameName('', ''));
    assert.equal(comparableName(' Éloïse  '), 'eloise');
  });
});
