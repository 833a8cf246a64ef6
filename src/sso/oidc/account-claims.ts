// SPEC §6: what services learn about a person — standard OIDC claims and the names services written for
// EduConnect read (FrEduCt*). Pure: the row comes from account-claims-query.ts in one query.

export interface SchoolingRow {
  givenName: string;
  familyName: string;
  birthDate: string;
  uai: string;
  degree: '1D' | '2D';
  class: string | null;
  level: string | null;
}

export interface AccountClaimsRow {
  id: string;
  kind: 'guardian' | 'student';
  identifier: string;
  email: string | null;
  emailVerified: boolean;
  /** The student's own directory row (student accounts). */
  student: SchoolingRow | null;
  /** The first current guardian reference of the account (guardian accounts). */
  guardian: { givenName: string; familyName: string } | null;
  /** The children the account's guardian references are legally responsible for, still enrolled. */
  children: SchoolingRow[];
}

export interface ChildClaim {
  given_name: string;
  family_name: string;
  uai: string;
  class: string | null;
  level: string | null;
}

/** Every claim Guichet can release for an account; oidc-provider keeps those the granted scopes allow. */
export function accountClaims(row: AccountClaimsRow): Record<string, unknown> {
  const person = row.kind === 'student' ? row.student : row.guardian;
  const claims: Record<string, unknown> = {
    sub: row.id,
    preferred_username: row.identifier,
    ...(person ? { given_name: person.givenName, family_name: person.familyName } : {}),
    ...(row.email ? { email: row.email, email_verified: row.emailVerified } : {}),
    FrEduCtId: row.id,
  };
  if (row.kind === 'student') {
    if (row.student) {
      Object.assign(claims, {
        birthdate: row.student.birthDate,
        FrEduCtPersonAffiliation: row.student.degree === '1D' ? 'eleve1d' : 'eleve2d',
        FrEduCtEleveUAI: row.student.uai,
        ...(row.student.level ? { FrEduCtEleveNiveau: row.student.level } : {}),
        FrEduCtDateNaissance: row.student.birthDate,
        uai: [row.student.uai],
      });
    }
    return claims;
  }
  const affiliation = guardianAffiliation(row.children);
  return {
    ...claims,
    ...(affiliation ? { FrEduCtPersonAffiliation: affiliation } : {}),
    children: row.children.map(
      (c): ChildClaim => ({ given_name: c.givenName, family_name: c.familyName, uai: c.uai, class: c.class, level: c.level }),
    ),
    uai: [...new Set(row.children.map((c) => c.uai))].sort(),
  };
}

/**
 * resp1d / resp2d from the degrees of the children's establishments. A guardian with children in both degrees
 * gets both values, as an array (a multi-valued attribute, as in SAML); otherwise a single string.
 */
export function guardianAffiliation(children: readonly Pick<SchoolingRow, 'degree'>[]): string | string[] | undefined {
  const degrees = new Set(children.map((c) => c.degree));
  const values = [...(degrees.has('1D') ? ['resp1d'] : []), ...(degrees.has('2D') ? ['resp2d'] : [])];
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}

/** Scope → claims (oidc-provider's `claims` setting). `profile-school` carries the schooling claims (SPEC §6). */
export const CLAIMS_BY_SCOPE = {
  openid: ['sub'],
  profile: ['preferred_username', 'given_name', 'family_name', 'birthdate'],
  email: ['email', 'email_verified'],
  'profile-school': [
    'FrEduCtId',
    'FrEduCtPersonAffiliation',
    'FrEduCtEleveUAI',
    'FrEduCtEleveNiveau',
    'FrEduCtDateNaissance',
    'children',
    'uai',
  ],
} as const;
