import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  InvalidNameError,
  identifierCandidate,
  identifierPattern,
  isWellFormedIdentifier,
  normalizeNamePart,
  type IdentifierFormat,
} from './identifiers.ts';

const guardian: IdentifierFormat = { kind: 'initial-dot-lastname' };
const eduprovence: IdentifierFormat = { kind: 'lastname-initial-at-domain', domain: 'eduprovence.fr' };
const jerome = { firstName: 'Jérôme', lastName: 'Le Bœuf-Müller' };

describe('normalizeNamePart', () => {
  it('removes accents, case, spaces, hyphens and apostrophes', () => {
    assert.equal(normalizeNamePart('Le Bœuf-Müller'), 'leboeufmuller');
    assert.equal(normalizeNamePart("D'Artagnan"), 'dartagnan');
    assert.equal(normalizeNamePart('D’Artagnan'), 'dartagnan');
    assert.equal(normalizeNamePart('Fernández'), 'fernandez');
    assert.equal(normalizeNamePart('Réabu'), 'reabu');
    assert.equal(normalizeNamePart('  Çà  ét là  '), 'caetla');
  });

  it('expands ligatures and letters without decomposition', () => {
    assert.equal(normalizeNamePart('Œdipe'), 'oedipe');
    assert.equal(normalizeNamePart('Lætitia'), 'laetitia');
    assert.equal(normalizeNamePart('ÆLFRIC'), 'aelfric');
    assert.equal(normalizeNamePart('Strauß'), 'strauss');
    assert.equal(normalizeNamePart('Søren Łukasz'), 'sorenlukasz');
  });

  it('accepts decomposed accents as well as composed ones', () => {
    assert.equal(normalizeNamePart('Ge\u0301rard'), 'gerard');
  });

  it('keeps digits and drops every other character', () => {
    assert.equal(normalizeNamePart('Louis XIV (2e)'), 'louisxiv2e');
    assert.equal(normalizeNamePart('-- . --'), '');
  });
});

describe('identifierCandidate — EduConnect guardians (p.nom)', () => {
  it('builds the base from the initial and the last name', () => {
    assert.equal(identifierCandidate(guardian, jerome, 0), 'j.leboeufmuller');
    assert.equal(identifierCandidate(guardian, { firstName: 'Véronique', lastName: 'Niorb' }, 0), 'v.niorb');
    assert.equal(identifierCandidate(guardian, { firstName: 'Gaëlle', lastName: 'Réabu' }, 0), 'g.reabu');
  });

  it('appends attempt + 1 when the base is taken', () => {
    const gaelle = { firstName: 'Gaëlle', lastName: 'Réabu' };
    assert.equal(identifierCandidate(guardian, gaelle, 1), 'g.reabu2');
    assert.equal(identifierCandidate(guardian, gaelle, 4), 'g.reabu5');
    assert.equal(identifierCandidate(guardian, jerome, 1), 'j.leboeufmuller2');
  });

  it('handles compound first names and apostrophes', () => {
    const anne = { firstName: 'Anne-Sophie', lastName: "D'Artagnan" };
    assert.equal(identifierCandidate(guardian, anne, 0), 'a.dartagnan');
  });

  it('takes the first letter of a normalised first name beginning with a ligature', () => {
    assert.equal(identifierCandidate(guardian, { firstName: 'Æsa', lastName: 'Œuvray' }, 0), 'a.oeuvray');
    assert.equal(identifierCandidate(guardian, { firstName: 'Élodie', lastName: 'Groß' }, 0), 'e.gross');
  });

  it('caps the last-name part at 20 characters, before the number', () => {
    const long = { firstName: 'Marie', lastName: 'De La Tour-Montgolfier-Saint-Exupéry' };
    assert.equal(identifierCandidate(guardian, long, 0), 'm.delatourmontgolfiers');
    const exact = { firstName: 'Marie', lastName: 'Abcdefghijklmnopqrstuvwxyz' };
    assert.equal(identifierCandidate(guardian, exact, 0), 'm.abcdefghijklmnopqrst');
    assert.equal(identifierCandidate(guardian, exact, 2), 'm.abcdefghijklmnopqrst3');
  });
});

describe('identifierCandidate — Eduprovence students (nomp@domaine)', () => {
  it('builds the last name followed by the initial, at the domain', () => {
    assert.equal(identifierCandidate(eduprovence, jerome, 0), 'leboeufmullerj@eduprovence.fr');
    const jose = { firstName: 'José', lastName: 'Fernández' };
    assert.equal(identifierCandidate(eduprovence, jose, 0), 'fernandezj@eduprovence.fr');
  });

  it('puts the number before the @', () => {
    assert.equal(identifierCandidate(eduprovence, jerome, 1), 'leboeufmullerj2@eduprovence.fr');
    const jose = { firstName: 'José', lastName: 'Fernández' };
    assert.equal(identifierCandidate(eduprovence, jose, 9), 'fernandezj10@eduprovence.fr');
  });

  it('caps the last name at 20 characters before the initial', () => {
    const exact = { firstName: 'Zoé', lastName: 'Abcdefghijklmnopqrstuvwxyz' };
    assert.equal(identifierCandidate(eduprovence, exact, 0), 'abcdefghijklmnopqrstz@eduprovence.fr');
  });

  it('lower-cases the configured domain', () => {
    const format: IdentifierFormat = { kind: 'lastname-initial-at-domain', domain: 'EduProvence.FR' };
    assert.equal(identifierCandidate(format, jerome, 0), 'leboeufmullerj@eduprovence.fr');
  });

  it('refuses a malformed domain', () => {
    const format: IdentifierFormat = { kind: 'lastname-initial-at-domain', domain: 'not a domain' };
    assert.throws(() => identifierCandidate(format, jerome, 0), RangeError);
  });
});

describe('identifierCandidate — invalid input', () => {
  it('throws InvalidNameError with a French message for an empty last name', () => {
    assert.throws(
      () => identifierCandidate(guardian, { firstName: 'Jean', lastName: " - ' . " }, 0),
      (error: unknown) =>
        error instanceof InvalidNameError &&
        error.field === 'lastName' &&
        error.name === 'InvalidNameError' &&
        error.message === 'Le nom de famille ne contient aucune lettre utilisable pour former un identifiant.',
    );
  });

  it('throws InvalidNameError for an empty first name', () => {
    assert.throws(
      () => identifierCandidate(eduprovence, { firstName: '', lastName: 'Niorb' }, 0),
      (error: unknown) =>
        error instanceof InvalidNameError &&
        error.field === 'firstName' &&
        error.message === 'Le prénom ne contient aucune lettre utilisable pour former un identifiant.',
    );
  });

  it('refuses a negative or fractional attempt', () => {
    assert.throws(() => identifierCandidate(guardian, jerome, -1), RangeError);
    assert.throws(() => identifierCandidate(guardian, jerome, 1.5), RangeError);
  });
});

describe('identifierPattern', () => {
  it('gives the parts around the number for p.nom', () => {
    assert.deepEqual(identifierPattern(guardian, { firstName: 'Gaëlle', lastName: 'Réabu' }), {
      prefix: 'g.reabu',
      suffix: '',
    });
  });

  it('gives the parts around the number for nomp@domaine', () => {
    assert.deepEqual(identifierPattern(eduprovence, jerome), {
      prefix: 'leboeufmullerj',
      suffix: '@eduprovence.fr',
    });
  });

  it('frames every candidate', () => {
    for (const format of [guardian, eduprovence]) {
      const { prefix, suffix } = identifierPattern(format, jerome);
      for (const attempt of [0, 1, 7]) {
        const candidate = identifierCandidate(format, jerome, attempt);
        assert.ok(candidate.startsWith(prefix) && candidate.endsWith(suffix), candidate);
        const middle = candidate.slice(prefix.length, candidate.length - suffix.length);
        assert.equal(middle, attempt === 0 ? '' : String(attempt + 1));
      }
    }
  });

  it('throws InvalidNameError like identifierCandidate', () => {
    assert.throws(() => identifierPattern(guardian, { firstName: 'Jean', lastName: '!!!' }), InvalidNameError);
  });
});

describe('isWellFormedIdentifier', () => {
  it('accepts the identifiers of the seeds and those we generate', () => {
    for (const value of [
      'g.reabu5',
      'v.niorb',
      'celine.dupont114',
      'fernandezj@eduprovence.fr',
      'leboeufmullerj2@eduprovence.fr',
      'nomp@eduprovence.fr',
      'a@sub.example-domain.org',
    ]) {
      assert.equal(isWellFormedIdentifier(value), true, value);
    }
  });

  it('refuses upper case, accents, spaces and other characters', () => {
    for (const value of [
      '',
      'G.reabu',
      'g.réabu',
      'g reabu',
      'g-reabu',
      'g_reabu',
      '.reabu',
      'reabu.',
      'g..reabu',
      '@eduprovence.fr',
      'fernandezj@',
      'fernandezj@eduprovence',
      'fernandezj@EDUPROVENCE.FR',
      'a@b@eduprovence.fr',
      'fernandezj@-eduprovence.fr',
      `${'a'.repeat(255)}`,
    ]) {
      assert.equal(isWellFormedIdentifier(value), false, value);
    }
  });
});
