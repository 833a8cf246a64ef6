// The AAF export (ficAlimMENESR) as the streaming reader hands it over: one entry per addRequest, modifyRequest or
// deleteRequest, attributes kept as text. Meaning is given by src/directory/aaf/mapping.ts.

export type AafOperation = 'add' | 'modify' | 'delete';

export interface AafEntry {
  operation: AafOperation;
  /** operationalAttributes: categoriePersonne or categorieStructure (Eleve, PersRelEleve, PersEducNat, EtabEducNat, MatEducNat, MefEducNat…); null when absent. */
  category: string | null;
  /** identifier/id, trimmed; null when absent or empty. */
  id: string | null;
  /**
   * add: every `attr name=…` with its values in order; modify: every `modification name=…` with its values.
   * An empty `<value/>` is kept as ''. Values are trimmed of surrounding white space.
   */
  attributes: Map<string, string[]>;
  /** modify only: the `operation` of each modification (replace, add, delete). */
  modifications?: Map<string, 'replace' | 'add' | 'delete'>;
  /** File name (basename) and 1-based line of the entry's opening tag. */
  file: string;
  line: number;
  /** The bytes of this entry were not valid in the file's declared encoding (replaced by U+FFFD). */
  encodingProblem?: boolean;
}
