import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isMobileNumber, maskMobile, mobileSpellings, normalizeMobile } from './phone-number.ts';

describe('mobile numbers in E.164 (SPEC §5 SMS)', () => {
  test('the ways people write a French mobile all give +33…', () => {
    for (const typed of ['06 12 34 56 78', '0612345678', '06.12.34.56.78', '06-12-34-56-78', '+33 6 12 34 56 78', '+33612345678', '0033 6 12 34 56 78', '0033612345678', '+33 (0)6 12 34 56 78', ' 06 12 34 56 78 ']) {
      assert.equal(normalizeMobile(typed), '+33612345678', typed);
    }
    assert.equal(normalizeMobile('07 98 76 54 32'), '+33798765432');
  });

  test('foreign numbers keep their country; nonsense is refused', () => {
    assert.equal(normalizeMobile('+32 470 12 34 56'), '+32470123456');
    assert.equal(normalizeMobile('0032 470 12 34 56'), '+32470123456');
    for (const bad of ['', '06 12 34 56', '612345678', '06123456789', '+33 6 12 34 56', 'bonjour', '+0612345678', '06 12 34 56 7a']) {
      assert.equal(normalizeMobile(bad), null, bad);
    }
  });

  test('only 06 and 07 are French mobiles', () => {
    assert.equal(isMobileNumber('+33612345678'), true);
    assert.equal(isMobileNumber('+33712345678'), true);
    assert.equal(isMobileNumber('+33112345678'), false);
    assert.equal(isMobileNumber('+32470123456'), true);
  });

  test('the spellings a directory may hold, and the mask', () => {
    const spellings = mobileSpellings('+33639980004');
    for (const s of ['0639980004', '06 39 98 00 04', '06.39.98.00.04', '+33639980004', '+33 6 39 98 00 04', '0033639980004']) assert.ok(spellings.includes(s), s);
    assert.ok(spellings.every((s) => normalizeMobile(s) === '+33639980004'));
    assert.equal(maskMobile('+33639980004'), '06 •• •• •• 04');
  });
});
