// SPEC §3 (seed 002 §1.3.1): who qualifies for an account.

export interface StudentRecord {
  ine: string | null;
  definitivelyAdmitted: boolean;
  classId: number | null;
  /** The student left every establishment (absent from the directory since that date). */
  goneAt?: Date | null;
}

export interface GuardianLink {
  legalResponsibility: boolean;
  student: StudentRecord;
}

export type IneligibilityReason = 'not_admitted' | 'no_ine' | 'no_class' | 'gone';

/** SPEC §3: a student qualifies when definitively admitted, with a national INE, assigned to a class. */
export function studentIneligibility(student: StudentRecord): IneligibilityReason[] {
  const reasons: IneligibilityReason[] = [];
  if (student.goneAt) reasons.push('gone');
  if (!student.definitivelyAdmitted) reasons.push('not_admitted');
  if (!student.ine || student.ine.trim() === '') reasons.push('no_ine');
  if (student.classId === null) reasons.push('no_class');
  return reasons;
}

export function isStudentEligible(student: StudentRecord): boolean {
  return studentIneligibility(student).length === 0;
}

/**
 * SPEC §3: a guardian account is pre-created for a legal guardian of at least one qualifying student;
 * rev.: it stays as long as one of their children qualifies anywhere in the deployment.
 */
export function isGuardianEligible(links: readonly GuardianLink[]): boolean {
  return links.some((link) => link.legalResponsibility && isStudentEligible(link.student));
}
