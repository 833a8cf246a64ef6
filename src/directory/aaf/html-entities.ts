// The HTML 4 named entities (Latin-1, symbols, special characters, Greek) → character. Real AAF exports use
// `&eacute;` and the like although the DTD does not declare them: the reader hands this table to saxes so they
// decode instead of failing. XML's own five (amp lt gt quot apos) are left to saxes.
//
// Written as runs of consecutive code points to stay readable: [first code point, 'name name …'], where `-`
// skips a code point that has no entity.
const RUNS: ReadonlyArray<readonly [number, string]> = [
  [160, 'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr'],
  [176, 'deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest'],
  [192, 'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml'],
  [208, 'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig'],
  [224, 'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml'],
  [240, 'eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'],
  [338, 'OElig oelig'],
  [352, 'Scaron scaron'],
  [376, 'Yuml'],
  [402, 'fnof'],
  [710, 'circ'],
  [732, 'tilde'],
  [913, 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho'],
  [931, 'Sigma Tau Upsilon Phi Chi Psi Omega'],
  [945, 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf'],
  [963, 'sigma tau upsilon phi chi psi omega'],
  [977, 'thetasym upsih - - - piv'],
  [8194, 'ensp emsp - - - - - thinsp - - zwnj zwj lrm rlm - - - ndash mdash - - - lsquo rsquo sbquo -'],
  [8220, 'ldquo rdquo bdquo - dagger Dagger bull - - - hellip'],
  [8240, 'permil - prime Prime - - - - - lsaquo rsaquo - - - oline'],
  [8260, 'frasl'],
  [8364, 'euro'],
  [8465, 'image'],
  [8472, 'weierp'],
  [8476, 'real'],
  [8482, 'trade'],
  [8501, 'alefsym'],
  [8592, 'larr uarr rarr darr harr'],
  [8629, 'crarr'],
  [8656, 'lArr uArr rArr dArr hArr'],
  [8704, 'forall - part exist - empty - nabla isin notin - ni - - - prod - sum minus'],
  [8727, 'lowast - - radic - - prop infin - ang'],
  [8743, 'and or cap cup int'],
  [8756, 'there4'],
  [8764, 'sim'],
  [8773, 'cong - - asymp'],
  [8800, 'ne equiv - - le ge'],
  [8834, 'sub sup nsub - sube supe'],
  [8853, 'oplus - otimes'],
  [8869, 'perp'],
  [8901, 'sdot'],
  [8968, 'lceil rceil lfloor rfloor'],
  [9001, 'lang rang'],
  [9674, 'loz'],
  [9824, 'spades - - clubs - hearts diams'],
];

function buildTable(): Readonly<Record<string, string>> {
  // No prototype: a name such as `constructor` must not resolve to Object's own property.
  const table: Record<string, string> = Object.create(null);
  for (const [first, names] of RUNS) {
    names.split(' ').forEach((name, offset) => {
      if (name !== '-') table[name] = String.fromCodePoint(first + offset);
    });
  }
  return Object.freeze(table);
}

export const HTML_ENTITIES = buildTable();
