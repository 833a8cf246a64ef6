import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isCommonPassword } from './common-passwords.ts';
import {
  STUDENT_SPECIAL_CHARACTERS,
  checkPassword,
  describePasswordPolicy,
  passwordStrength,
  type PasswordPolicyId,
} from './password-policy.ts';

const EMPTY = 'Saisissez un mot de passe.';
const TOO_SHORT = 'Le mot de passe doit comporter au moins 8 caractères.';
const TOO_LONG = 'Le mot de passe doit comporter au plus 14 caractères.';
const NO_LETTER = 'Le mot de passe doit contenir au moins une lettre.';
const NO_DIGIT = 'Le mot de passe doit contenir au moins un chiffre.';
const NO_UPPER = 'Le mot de passe doit contenir au moins une majuscule.';
const NO_LOWER = 'Le mot de passe doit contenir au moins une minuscule.';
const NO_DIGIT_OR_PUNCTUATION =
  'Le mot de passe doit contenir au moins un chiffre ou un caractère de ponctuation.';
const LAST_NAME = 'Le mot de passe ne doit pas contenir votre nom.';
const FIRST_NAME = 'Le mot de passe ne doit pas contenir votre prénom.';
const BIRTH_DATE = 'Le mot de passe ne doit pas contenir votre date de naissance.';
const COMMON = 'Ce mot de passe est trop courant : choisissez-en un autre.';
const criteria = (missing: string) =>
  `Le mot de passe doit remplir au moins 3 des 4 critères ; critères non remplis : ${missing}.`;

const POLICIES: PasswordPolicyId[] = ['educonnect-guardian', 'educonnect-student', 'eduprovence-student'];

function unmet(policy: PasswordPolicyId, password: string, context?: Parameters<typeof checkPassword>[2]) {
  const result = checkPassword(policy, password, context);
  assert.equal(result.ok, result.unmet.length === 0);
  return result.unmet;
}

describe('every policy', () => {
  it('answers an empty password with one clear message', () => {
    for (const policy of POLICIES) {
      assert.deepEqual(checkPassword(policy, ''), { ok: false, unmet: [EMPTY] });
    }
  });

  it('refuses common passwords, whatever their case', () => {
    for (const password of ['Azerty123', 'azerty1234', 'Motdepasse1', 'Soleil123', 'Marseille13']) {
      assert.ok(unmet('educonnect-guardian', password).includes(COMMON), password);
    }
    assert.deepEqual(unmet('educonnect-guardian', 'Azerty123'), [COMMON]);
    assert.deepEqual(unmet('educonnect-student', 'Azerty123'), [COMMON]);
    assert.deepEqual(unmet('eduprovence-student', 'Azerty123'), [COMMON]);
    assert.deepEqual(unmet('eduprovence-student', 'Password1'), [COMMON]);
  });

  it('lists every unmet rule, the common one last', () => {
    assert.deepEqual(unmet('educonnect-guardian', 'azerty'), [TOO_SHORT, NO_DIGIT, COMMON]);
  });
});

describe('common-passwords list', () => {
  it('holds the French favourites and their digit variants', () => {
    for (const password of [
      'azerty', 'azerty123', 'AZERTY1234', 'motdepasse', 'motdepasse1', 'soleil', 'soleil123',
      'doudou', 'chouchou', 'marseille', 'loulou', 'bonjour', 'nicolas', '123456', 'password',
    ]) {
      assert.equal(isCommonPassword(password), true, password);
    }
  });

  it('does not hold the seed examples nor ordinary strong passwords', () => {
    for (const password of ['LeBossu2NotreDame', 'Mdpinitial01', 'Abcdefg1', 'Tr0mbone-Vert']) {
      assert.equal(isCommonPassword(password), false, password);
    }
  });
});

describe('educonnect-guardian: 8 to 14 characters, letters and digits', () => {
  it('accepts the boundary lengths 8 and 14', () => {
    assert.deepEqual(checkPassword('educonnect-guardian', 'Tulipe42'), { ok: true, unmet: [] });
    assert.deepEqual(checkPassword('educonnect-guardian', 'Tulipe42Rouges'), { ok: true, unmet: [] });
  });

  it('refuses 7 characters and 15 characters', () => {
    assert.deepEqual(unmet('educonnect-guardian', 'Tulip42'), [TOO_SHORT]);
    assert.deepEqual(unmet('educonnect-guardian', 'Tulipe42Rougesx'), [TOO_LONG]);
  });

  it('requires a letter and a digit', () => {
    assert.deepEqual(unmet('educonnect-guardian', '12345679'), [NO_LETTER]);
    assert.deepEqual(unmet('educonnect-guardian', 'Tulipesrouges'), [NO_DIGIT]);
    assert.deepEqual(unmet('educonnect-guardian', '!!!!!!!!'), [NO_LETTER, NO_DIGIT]);
  });

  it('counts accented letters as letters and characters, not bytes', () => {
    assert.deepEqual(unmet('educonnect-guardian', 'éèàçù123'), []);
    assert.deepEqual(unmet('educonnect-guardian', 'Ééééééé1234567'), []);
    // Decomposed accents are still one character each.
    assert.deepEqual(unmet('educonnect-guardian', 'E\u0301te\u0301123'), [TOO_SHORT]);
  });

  it('does not check names: that rule is Eduprovence only', () => {
    const context = { lastName: 'Niorb', firstName: 'Véronique', birthDate: '1980-05-17' };
    assert.deepEqual(unmet('educonnect-guardian', 'niorb17051980', context), []);
  });
});

describe('educonnect-student: 8 characters and 3 of 4 criteria', () => {
  it('accepts Abcdefg1 (upper, lower, digit)', () => {
    assert.deepEqual(checkPassword('educonnect-student', 'Abcdefg1'), { ok: true, unmet: [] });
  });

  it('accepts every combination of 3 criteria', () => {
    assert.deepEqual(unmet('educonnect-student', 'abcdefg1!'), []);
    assert.deepEqual(unmet('educonnect-student', 'ABCDEFG1!'), []);
    assert.deepEqual(unmet('educonnect-student', 'Abcdefgh!'), []);
    assert.deepEqual(unmet('educonnect-student', 'Abcdef1!'), []);
  });

  it('refuses 7 characters even with all criteria', () => {
    assert.deepEqual(unmet('educonnect-student', 'Abcde1!'), [TOO_SHORT]);
  });

  it('has no maximum length', () => {
    assert.deepEqual(unmet('educonnect-student', 'Mon-Livre-Prefere-Est-Le-Petit-Prince'), []);
  });

  it('lists the missing criteria when fewer than 3 are met', () => {
    assert.deepEqual(unmet('educonnect-student', 'tulipesrouges'), [
      criteria('une majuscule, un chiffre et un caractère spécial'),
    ]);
    assert.deepEqual(unmet('educonnect-student', 'abcdefg1'), [criteria('une majuscule et un caractère spécial')]);
    assert.deepEqual(unmet('educonnect-student', 'ABCDEFG!'), [criteria('une minuscule et un chiffre')]);
    assert.deepEqual(unmet('educonnect-student', '1234567!'), [criteria('une majuscule et une minuscule')]);
    assert.deepEqual(unmet('educonnect-student', 'abc'), [
      TOO_SHORT,
      criteria('une majuscule, un chiffre et un caractère spécial'),
    ]);
  });

  it('counts each character of the seed 003 list as special', () => {
    assert.equal(STUDENT_SPECIAL_CHARACTERS, '!?@#$(){}_&+-%°*<>£µ/.:;,');
    for (const special of STUDENT_SPECIAL_CHARACTERS) {
      assert.deepEqual(unmet('educonnect-student', `abcdefg${special}1`), [], special);
    }
  });

  it('does not count characters outside the list as special', () => {
    assert.deepEqual(unmet('educonnect-student', 'abcdefg[]1'), [criteria('une majuscule et un caractère spécial')]);
    assert.deepEqual(unmet('educonnect-student', 'abcdefg €1'), [criteria('une majuscule et un caractère spécial')]);
  });

  it('counts µ as special only, although Unicode calls it a lower-case letter', () => {
    assert.deepEqual(unmet('educonnect-student', 'ABCDEFGµ'), [criteria('une minuscule et un chiffre')]);
  });

  it('uses Unicode case for accented letters', () => {
    assert.deepEqual(unmet('educonnect-student', 'Éléphant1'), []);
    assert.deepEqual(unmet('educonnect-student', 'ÉLÉPHANTé'), [criteria('un chiffre et un caractère spécial')]);
  });
});

describe('eduprovence-student: 8 characters, upper, lower, digit or punctuation, no personal data', () => {
  const context = { lastName: 'Le Bœuf-Müller', firstName: 'Jérôme', birthDate: '2012-03-07' };

  it('accepts the seed examples', () => {
    assert.deepEqual(checkPassword('eduprovence-student', 'LeBossu2NotreDame', context), { ok: true, unmet: [] });
    assert.deepEqual(checkPassword('eduprovence-student', 'Mdpinitial01'), { ok: true, unmet: [] });
  });

  it('accepts punctuation instead of a digit', () => {
    assert.deepEqual(unmet('eduprovence-student', 'LeBossu-NotreDame', context), []);
    assert.deepEqual(unmet('eduprovence-student', 'Tintin€auTibet', context), []);
  });

  it('checks the length boundary', () => {
    assert.deepEqual(unmet('eduprovence-student', 'Bossu2N'), [TOO_SHORT]);
    assert.deepEqual(unmet('eduprovence-student', 'Bossu2No'), []);
  });

  it('requires each character class', () => {
    assert.deepEqual(unmet('eduprovence-student', 'lebossu2notredame'), [NO_UPPER]);
    assert.deepEqual(unmet('eduprovence-student', 'LEBOSSU2NOTREDAME'), [NO_LOWER]);
    assert.deepEqual(unmet('eduprovence-student', 'LeBossuNotreDame'), [NO_DIGIT_OR_PUNCTUATION]);
    assert.deepEqual(unmet('eduprovence-student', 'lebossu notre dame'), [NO_UPPER, NO_DIGIT_OR_PUNCTUATION]);
  });

  it('refuses the last name, case- and accent-insensitively, per part and joined', () => {
    assert.deepEqual(unmet('eduprovence-student', 'Vive-Muller-2024', context), [LAST_NAME]);
    assert.deepEqual(unmet('eduprovence-student', 'MÜLLERmania7', context), [LAST_NAME]);
    assert.deepEqual(unmet('eduprovence-student', 'Gros-Boeuf-7', context), [LAST_NAME]);
    assert.deepEqual(unmet('eduprovence-student', 'LeBœufMüller!', context), [LAST_NAME]);
    assert.deepEqual(unmet('eduprovence-student', 'Le-Boeuf-Muller', context), [LAST_NAME]);
  });

  it('ignores name parts shorter than 3 letters', () => {
    assert.deepEqual(unmet('eduprovence-student', 'LeBossu2NotreDame', context), []);
    const short = { lastName: 'Da Le', firstName: 'Li' };
    assert.deepEqual(unmet('eduprovence-student', 'DaLeBossu2', short), [LAST_NAME]);
    assert.deepEqual(unmet('eduprovence-student', 'Lilas-Bleu7', short), []);
  });

  it('refuses the first name, case- and accent-insensitively', () => {
    assert.deepEqual(unmet('eduprovence-student', 'Jerome2Paris', context), [FIRST_NAME]);
    assert.deepEqual(unmet('eduprovence-student', 'jÉRÔME!superstar', context), [FIRST_NAME]);
    const anne = { firstName: 'Anne-Sophie', lastName: "D'Artagnan" };
    assert.deepEqual(unmet('eduprovence-student', 'Sophie-La-Girafe', anne), [FIRST_NAME]);
    assert.deepEqual(unmet('eduprovence-student', 'Mousquetaire-dArtagnan', anne), [LAST_NAME]);
  });

  it('reports name, first name and birth date together', () => {
    assert.deepEqual(unmet('eduprovence-student', 'Jerome.Muller.07032012', context), [
      LAST_NAME,
      FIRST_NAME,
      BIRTH_DATE,
    ]);
  });

  it('refuses the birth date in each common form', () => {
    for (const form of ['07032012', '07/03/2012', '07-03-2012', '07.03.2012', '20120307', '2012-03-07', '070312']) {
      assert.deepEqual(unmet('eduprovence-student', `Tortue${form}`, context), [BIRTH_DATE], form);
    }
  });

  it('accepts other dates and the year alone', () => {
    assert.deepEqual(unmet('eduprovence-student', 'Tortue2012', context), []);
    assert.deepEqual(unmet('eduprovence-student', 'Tortue03072012', context), []);
  });

  it('ignores a missing context or a malformed birth date', () => {
    assert.deepEqual(unmet('eduprovence-student', 'Jerome07032012'), []);
    assert.deepEqual(unmet('eduprovence-student', 'Tortue07032012', { birthDate: '07/03/2012' }), []);
  });
});

describe('describePasswordPolicy', () => {
  it('states each rule in French', () => {
    assert.equal(
      describePasswordPolicy('educonnect-guardian'),
      '8 à 14 caractères, avec au moins une lettre et un chiffre.',
    );
    assert.equal(
      describePasswordPolicy('educonnect-student'),
      'Au moins 8 caractères, et au moins 3 des 4 critères suivants : une majuscule, une minuscule, ' +
        'un chiffre, un caractère spécial parmi ( ! ? @ # $ ( ) { } _ & + - % ° * < > £ µ / . : ; , ).',
    );
    assert.equal(
      describePasswordPolicy('eduprovence-student'),
      'Au moins 8 caractères, dont une majuscule, une minuscule et un chiffre ou un caractère de ' +
        'ponctuation ; sans votre nom, votre prénom ni votre date de naissance.',
    );
  });
});

describe('passwordStrength', () => {
  it('is 0 for empty, short and common passwords', () => {
    assert.equal(passwordStrength(''), 0);
    assert.equal(passwordStrength('Ab1!xyz'), 0);
    assert.equal(passwordStrength('Azerty123'), 0);
    assert.equal(passwordStrength('motdepasse'), 0);
  });

  it('grows with variety', () => {
    assert.equal(passwordStrength('tulipesrouges'), 1);
    assert.equal(passwordStrength('tulipes7rouges'.slice(0, 8)), 1);
    assert.equal(passwordStrength('tulip7ro'), 1);
    assert.equal(passwordStrength('Tulip7ro'), 2);
    assert.equal(passwordStrength('Tulip7r!'), 3);
  });

  it('grows with length', () => {
    assert.equal(passwordStrength('Abcdefg1'), 2);
    assert.equal(passwordStrength('Abcdefghi1'), 3);
    assert.equal(passwordStrength('LeBossu2NotreDame'), 4);
    assert.equal(passwordStrength('unelonguephrasesansrien'), 3);
  });

  it('stays low for a repeated handful of characters', () => {
    assert.equal(passwordStrength('abababababababab1'), 1);
  });

  it('never exceeds 4', () => {
    assert.equal(passwordStrength('Une très longue phrase, avec 4 sortes de signes !'), 4);
  });
});
