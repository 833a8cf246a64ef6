// The people of the synthetic AAF academy written by bench/aaf-generate.ts: a seeded PRNG, French names and places,
// and the XML of each entry (addRequest, modifyRequest, deleteRequest) in the shape of the real ficAlimMENESR files.

export type Rng = () => number;

/** mulberry32: a small seeded PRNG, enough for synthetic data (never Math.random, so that a seed gives the same bytes). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, list.length)]!;
const digits = (rng: Rng, n: number): string => String(int(rng, 10 ** n)).padStart(n, '0');

const MEN = ('Lucas Hugo Louis Gabriel Raphaël Jules Adam Arthur Nathan Théo Noé Maël Éthan Timéo Sacha Mathéo Clément Enzo ' +
  'Kylian Mohamed Yanis Rayan Ilyès Noah Léo Tom Baptiste Jean-Baptiste Loïc Gaël Mathis Axel Valentin Quentin Romain ' +
  'Maxime Antoine Nicolas Christophe Stéphane Sébastien Frédéric Jérôme Laurent Olivier Cédric Karim François Thierry ' +
  'Pierre-Yves Hervé Joël').split(' ');
const WOMEN = ('Léa Emma Jade Louise Chloé Inès Manon Lina Camille Zoé Anaïs Maëlys Océane Clémence Juliette Élise Salomé Lou ' +
  'Ambre Rose Mélissa Yasmine Aïcha Fatoumata Sarah Jeanne Marie-Hélène Anne-Sophie Nathalie Isabelle Sandrine Stéphanie ' +
  'Céline Sophie Virginie Aurélie Émilie Julie Hélène Véronique Françoise Laëtitia Gaëlle Agnès Béatrice Solène Nadia ' +
  'Fatima Karine Cécile').split(' ');
const LAST = ('Martin,Bernard,Thomas,Petit,Robert,Richard,Durand,Dubois,Moreau,Laurent,Simon,Michel,Lefèvre,Leroy,Roux,David,' +
  'Bertrand,Morel,Fournier,Girard,Bonnet,Dupont,Lambert,Fontaine,Rousseau,Vincent,Müller,Lefebvre,Faure,André,Mercier,Blanc,' +
  'Guérin,Boyer,Garnier,Chevalier,François,Legrand,Gauthier,Garcia,Perrin,Robin,Clément,Morin,Nicolas,Henry,Roussel,Mathieu,' +
  'Masson,Marchand,Duval,Denis,Dumont,Lemaire,Noël,Meyer,Dufour,Meunier,Brun,Blanchard,Giraud,Joly,Rivière,Lucas,Brunet,' +
  'Gaillard,Barbier,Arnaud,Martinez,Gérard,Roche,Renard,Schmitt,Roy,Leroux,Colin,Vidal,Caron,Picard,Roger,Fabre,Aubert,' +
  'Lemoine,Renaud,Dumas,Lacroix,Olivier,Bourgeois,Benoît,Leclercq,Guillaume,Lecomte,Lopez,Dupuis,Hubert,Berger,Carpentier,' +
  'Sanchez,Moulin,Deschamps,Vasseur,Perez,Boucher,Fleury,Klein,Jacquet,Poirier,Carré,Ménard,Maillard,Baron,Bailly,Hervé,' +
  'Schneider,Fernandez,Le Gall,Léger,Prévost,Le Roux,Langlois,Rémy,Le Goff,Lévêque,Leblanc,Barré,Maréchal,Étienne,' +
  'Barthélemy,Delaunay,Carlier,Dewailly,Vandenbussche,Debruyne,Lemaître,Bénard,Da Silva,Dos Santos,Nguyen,Diallo,Traoré,' +
  "Benali,Haddad,Ben Ahmed,Kaci,D'Angelo,N'Diaye,D'Almeida,L'Hermitte,O'Connor,Saint-Martin,Dubois-Lefèvre,Lefort-Caron," +
  'Van der Berg,De la Fontaine').split(',');
const PLACES: readonly (readonly [string, string])[] = [['LILLE', '59000'], ['ROUBAIX', '59100'], ['TOURCOING', '59200'],
  ['DUNKERQUE', '59140'], ['VALENCIENNES', '59300'], ['DOUAI', '59500'], ['CAMBRAI', '59400'], ['MAUBEUGE', '59600'],
  ["VILLENEUVE-D'ASCQ", '59650'], ['MARCQ-EN-BAROEUL', '59700'], ['WATTRELOS', '59150'], ['HAZEBROUCK', '59190'],
  ['ARMENTIERES', '59280'], ['LAMBERSART', '59130'], ['ARRAS', '62000'], ['LENS', '62300'], ['CALAIS', '62100'],
  ['BOULOGNE-SUR-MER', '62200'], ['BETHUNE', '62400'], ['SAINT-OMER', '62500'], ['LIEVIN', '62800'], ['HENIN-BEAUMONT', '62110'],
  ['BRUAY-LA-BUISSIERE', '62700'], ['BERCK', '62600'], ['CARVIN', '62220'], ['LE TOUQUET-PARIS-PLAGE', '62520']];
const STREETS = ['rue Victor Hugo', 'avenue de la République', "rue d'Arras", 'place du Général de Gaulle', 'chemin des Écoliers',
  'rue Jean Jaurès', 'boulevard Gambetta', 'rue de la Gare', 'allée des Tilleuls', 'rue Pasteur', "impasse de l'Église",
  'rue du Moulin', 'avenue Foch', 'rue Léon Blum', 'rue des Déportés', 'résidence Les Érables', 'rue Nationale', 'rue de Lille'];
const PATRONS = ['JEAN MOULIN', 'VICTOR HUGO', 'JULES FERRY', 'MARIE CURIE', 'JEAN JAURES', 'LOUIS PASTEUR', 'ALBERT CAMUS',
  'SIMONE VEIL', "JEANNE D'ARC", 'PABLO PICASSO', 'JEAN ROSTAND', 'ANATOLE FRANCE', 'EMILE ZOLA', 'GEORGE SAND', 'COLETTE',
  'ARTS & METIERS', 'SAINT-JOSEPH', 'NOTRE-DAME', 'LES PEUPLIERS', 'CHARLES DE GAULLE', 'GASTON BERGER', 'DIDEROT'];
const MAIL_DOMAINS = ['orange.example', 'gmail.example', 'free.example', 'laposte.example', 'hotmail.example', 'sfr.example',
  'yahoo.example', 'wanadoo.example'];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' };
export const esc = (s: string): string => s.replace(/[&<>'"]/g, (c) => ESCAPES[c]!);
/** One `<attr>` line; no value gives `<value/>`, as real exports write empty attributes. */
export function attr(name: string, ...values: string[]): string {
  const inner = values.length === 0 ? '<value/>' : values.map((v) => `<value>${esc(v)}</value>`).join('');
  return `    <attr name="${name}">${inner}</attr>\n`;
}
function head(kind: string, category: string, type: string, id: string): string {
  return `<${kind}>\n    <operationalAttributes><attr name="${category}"><value>${type}</value></attr></operationalAttributes>\n` +
    `    <identifier><id>${id}</id></identifier>\n`;
}
export function addRequest(category: string, type: string, id: string, attrs: string): string {
  return `${head('addRequest', category, type, id)}    <attributes>\n${attrs}    </attributes>\n</addRequest>\n`;
}
export function modifyRequest(type: string, id: string, changes: readonly (readonly [string, string])[]): string {
  const lines = changes.map(([name, value]) => `        <modification name="${name}" operation="replace"><value>${esc(value)}</value></modification>\n`);
  return `${head('modifyRequest', 'categoriePersonne', type, id)}    <modifications>\n${lines.join('')}    </modifications>\n</modifyRequest>\n`;
}
export function deleteRequest(type: string, id: string): string {
  return `${head('deleteRequest', 'categoriePersonne', type, id)}</deleteRequest>\n`;
}

// Jointures: numeric, from disjoint ranges, so unique across the academy.
export const structureJointure = (e: number): string => String(1000 + e);
export const studentJointure = (i: number): string => String(10_000_000 + i);
export const guardianJointure = (g: number): string => String(30_000_000 + g);
export const staffJointure = (k: number): string => String(60_000_000 + k);

interface Level { code: string; mef: string; age: number; classes: string[] }
const level = (code: string, mef: string, age: number, classes: string[]): Level => ({ code, mef, age, classes });
const range = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));
const COLLEGE: Level[] = [level('6EME', '10010012110', 11, range(6, (i) => `6${'ABCDEF'[i]}`)),
  level('5EME', '10110001110', 12, range(6, (i) => `5${'ABCDEF'[i]}`)),
  level('4EME', '10210001110', 13, range(6, (i) => `4${'ABCDEF'[i]}`)),
  level('3EME', '10310019110', 14, range(7, (i) => `3${'ABCDEFG'[i]}`))];
const LYCEE: Level[] = [level('2NDE', '20010018110', 15, range(9, (i) => `2NDE${i + 1}`)),
  level('1ERE', '20110019110', 16, range(8, (i) => `1G${i + 1}`)),
  level('TLE', '20210019110', 17, range(8, (i) => `TG${i + 1}`))];

export interface Establishment {
  index: number; jointure: string; uai: string; lycee: boolean; private: boolean; name: string; city: string;
  postalCode: string; levels: Level[]; classes: { code: string; level: Level }[];
}
const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
export function establishment(rng: Rng, e: number): Establishment {
  const lycee = rng() < 0.3;
  const dept = e % 2 === 0 ? '059' : '062';
  const serial = 1000 + Math.floor(e / 2);
  if (serial > 9999) throw new Error('too many establishments for the UAI scheme');
  const number = `${dept}${serial}`;
  const [city, postalCode] = pick(rng, PLACES);
  const levels = lycee ? LYCEE : COLLEGE;
  return { index: e, jointure: structureJointure(e), uai: number + UAI_LETTERS[Number(number) % 23], lycee,
    private: rng() < 0.2, name: `${lycee ? 'LYCEE' : 'CLG'} ${pick(rng, PATRONS)}`, city, postalCode, levels,
    classes: levels.flatMap((l) => l.classes.map((code) => ({ code, level: l }))) };
}
export function establishmentXml(s: Establishment, rng: Rng, academy: string): string {
  return addRequest('categorieStructure', 'EtabEducNat', s.jointure, attr('ENTStructureJointure', s.jointure) +
    attr('ENTStructureUAI', s.uai) + attr('ENTEtablissementUAI', s.uai) + attr('ENTStructureSIREN', `1${digits(rng, 13)}`) +
    attr('ENTStructureNomCourant', `${s.lycee ? 'LYC' : 'CLG'}$${s.name}$${s.city}`) +
    attr('ENTStructureTypeStruct', s.lycee ? 'LYCEE' : 'COLLEGE') + attr('ENTStructureCodeTypeStruct', s.lycee ? '300' : '340') +
    attr('ENTEtablissementMinistereTutelle', "MINISTERE DE L'EDUCATION NATIONALE") + attr('ENTEtablissementCodeMinistereTutelle', '06') +
    attr('ENTEtablissementContrat', s.private ? 'PR' : 'PU') + attr('postOfficeBox') +
    attr('street', `${1 + int(rng, 120)} ${pick(rng, STREETS)}`) + attr('postalCode', s.postalCode) + attr('l', s.city) +
    attr('telephoneNumber', `+33 3 ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)}`) +
    attr('ENTStructureMailSI', `ce.${s.uai.toLowerCase()}@ac-bench.example`) + attr('ENTEtablissementStructRattachFctl') +
    attr('ENTEtablissementBassin', `${s.postalCode}$BASSIN DE ${s.city}`) + attr('ENTServAcAcademie', academy) +
    attr('ENTServAcCodeAcademie', '009') + attr('ENTStructureClasses', ...s.classes.map((c) => `${c.code}$${c.code}`)) +
    attr('ENTStructureGroupes'));
}

/** Lower case ASCII for e-mail addresses: accents folded, apostrophes and spaces dropped. */
const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9-]/g, '');
export function mobile(rng: Rng): string {
  const d = `${rng() < 0.75 ? '6' : '7'}${digits(rng, 8)}`;
  const pairs = d.slice(1).match(/../g)!.join(' ');
  const r = rng();
  if (r < 0.4) return `0${d[0]} ${pairs}`;
  if (r < 0.7) return `0${d}`;
  if (r < 0.85) return `+33 ${d[0]} ${pairs}`;
  if (r < 0.95) return `+33${d}`;
  return `0${d[0]}.${pairs.replaceAll(' ', '.')}`;
}
export function guardianMail(rng: Rng, first: string, last: string, g: number, changed = false): string {
  const f = fold(first), l = fold(last);
  const local = [`${f}.${l}`, `${f}${l}`, `${f[0]}.${l}`, `${l}.${f}`, `${f}_${l}`][int(rng, 5)]!;
  const mail = `${local}${changed ? '.' : ''}${g}@${pick(rng, MAIL_DOMAINS)}`;
  return rng() < 0.05 ? mail.charAt(0).toUpperCase() + mail.slice(1) : mail;
}

export interface Address { street: string; city: string; postalCode: string }
export const address = (rng: Rng): Address => {
  const [city, postalCode] = pick(rng, PLACES);
  return { street: `${1 + int(rng, 180)}${rng() < 0.1 ? ' BIS' : ''} ${pick(rng, STREETS)}`, city, postalCode };
};
const addressAttrs = (a: Address): string => attr('ENTPersonAdresse', `${a.street}$$$`) + attr('ENTPersonCodePostal', a.postalCode) +
  attr('ENTPersonVille', a.city);
export const firstName = (rng: Rng, woman: boolean): string => pick(rng, woman ? WOMEN : MEN);
// A real academy has tens of thousands of surnames: a quarter drawn from the common ones, the rest composed from
// syllables (~12,000 more), so that identifiers (p.nom) spread as they do in real life (SPEC §3).
const SURNAME_STARTS = ['Beau', 'Mont', 'Val', 'Roche', 'Font', 'Ville', 'Bois', 'Cham', 'Clé', 'Mar', 'Ber', 'Gau', 'Lar', 'Per', 'Dal',
  'Sau', 'Tes', 'Vin', 'Cour', 'Bel', 'Lan', 'Bro', 'Gre', 'Mor', 'Pas', 'Ros', 'Tor', 'Quen', 'Far', 'Dus'];
const SURNAME_MIDDLES = ['ard', 'eau', 'el', 'ier', 'ot', 'in', 'on', 'and', 'aud', 'et', 'as', 'ès', 'ou', 'al', 'eul', 'ac', 'eix', 'ol', 'ut', 'ain'];
const SURNAME_ENDS = ['', 'e', 'y', 's', 'ier', 'at', 'ez', 'ac', 'on', 'ot', 'eau', 'in', 'és', 'ard', 'ille', 'ès', 'ou', 'aux', 'el', 'oy'];
export const lastName = (rng: Rng): string =>
  rng() < 0.25 ? pick(rng, LAST) : `${pick(rng, SURNAME_STARTS)}${pick(rng, SURNAME_MIDDLES)}${pick(rng, SURNAME_ENDS)}`;
const date = (day: number, month: number, year: number): string =>
  `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
const birthDate = (rng: Rng, year: number): string => date(1 + int(rng, 28), 1 + int(rng, 12), year);

export interface Guardian { index: number; jointure: string; woman: boolean; sn: string; givenName: string; legal: boolean;
  link: string; mail: string | null; mobile: string | null; address: Address; students: string[] }
export function guardianXml(p: Guardian, rng: Rng): string {
  return addRequest('categoriePersonne', 'PersRelEleve', p.jointure, attr('ENTPersonJointure', p.jointure) +
    attr('ENTPersonNomPatro', p.woman && rng() < 0.5 ? lastName(rng).toUpperCase() : p.sn) + attr('sn', p.sn) +
    attr('givenName', p.givenName) + attr('ENTPersonAutresPrenoms') + attr('personalTitle', p.woman ? 'Mme' : 'M.') +
    (rng() < 0.2 ? attr('homePhone', `03 2${int(rng, 10)} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)}`) : attr('homePhone')) +
    attr('telephoneNumber') + (p.mobile ? attr('mobile', p.mobile) : attr('mobile')) + (p.mail ? attr('mail', p.mail) : attr('mail')) +
    addressAttrs(p.address) + attr('ENTPersonPays', 'FRANCE') + attr('ENTAuxPersRelEleveEleve', ...p.students));
}

export interface Student { index: number; jointure: string; school: Establishment; classCode: string; guardians: Guardian[];
  sn: string; address: Address }
const SUBJECTS_CLG = ['ANGLAIS LV1', 'ESPAGNOL LV2', 'ALLEMAND LV2', 'LATIN'];
const SUBJECTS_LYC = ['ANGLAIS LV1', 'ESPAGNOL LV2', 'MATHEMATIQUES', 'PHYSIQUE-CHIMIE', 'SCIENCES ECONOMIQUES & SOCIALES',
  'HUMANITES, LITTERATURE & PHILOSOPHIE', 'HIST.GEO.GEOPOL.& SC.POLITIQUES', 'SCIENCES DE LA VIE ET DE LA TERRE'];
export function studentXml(s: Student, rng: Rng, schoolYear: number): string {
  const sj = s.school.jointure;
  const lvl = s.school.classes.find((c) => c.code === s.classCode)!.level;
  const woman = rng() < 0.5;
  const lag = rng() < 0.08 ? 1 : rng() < 0.02 ? -1 : 0;
  const subjects = s.school.lycee ? [SUBJECTS_LYC[0]!, SUBJECTS_LYC[1]!, ...SUBJECTS_LYC.slice(2).filter(() => rng() < 0.35)]
    : [SUBJECTS_CLG[0]!, ...(lvl.code === '6EME' ? [] : [SUBJECTS_CLG[1 + int(rng, 2)]!]), ...(rng() < 0.1 ? [SUBJECTS_CLG[3]!] : [])];
  const ine = `${String((s.index * 48271 + 7919) % 1e9).padStart(9, '0')}${UAI_LETTERS[int(rng, 23)]}${UAI_LETTERS[int(rng, 23)]}`;
  const regime = s.school.lycee && rng() < 0.12 ? "INTERNE DANS L'ETABLISSEMENT" : rng() < 0.22 ? 'EXTERNE LIBRE'
    : "DEMI-PENSIONNAIRE DANS L'ETABLISSEMENT";
  return addRequest('categoriePersonne', 'Eleve', s.jointure, attr('ENTPersonJointure', s.jointure) + attr('ENTEleveINE', ine) +
    attr('ENTPersonDateNaissance', birthDate(rng, schoolYear - lvl.age - lag)) + attr('sn', s.sn) +
    attr('givenName', firstName(rng, woman)) + (rng() < 0.4 ? attr('ENTPersonAutresPrenoms', firstName(rng, woman)) : attr('ENTPersonAutresPrenoms')) +
    attr('personalTitle', woman ? 'Mme' : 'M.') +
    attr('ENTElevePersRelEleve', ...s.guardians.map((g) => `${g.jointure}$${g.link}$${g.legal ? '1$1$1$1' : '0$0$1$0'}`)) +
    attr('ENTEleveBoursier', rng() < 0.25 ? 'O' : 'N') + attr('ENTEleveRegime', regime) +
    addressAttrs(s.address) + attr('ENTEleveAdresseRel', s.guardians[0]!.jointure) + attr('ENTEleveStatutEleve', 'SCOLAIRE') +
    attr('ENTEleveMEF', lvl.mef) + attr('ENTEleveNivFormation', lvl.code) +
    attr('ENTEleveEnseignements', ...subjects) +
    attr('ENTPersonStructRattach', sj) + attr('ENTEleveDateEntreeClasses', `${sj}$${date(1, 9, schoolYear)}$${s.classCode}`) +
    attr('ENTEleveClasses', `${sj}$${s.classCode}`));
}

const DISCIPLINES = [['L0202', 'LETTRES MODERNES'], ['L0422', 'ANGLAIS'], ['L0426', 'ESPAGNOL'], ['L0421', 'ALLEMAND'],
  ['L1000', 'HISTOIRE ET GEOGRAPHIE'], ['L1300', 'MATHEMATIQUES'], ['L1500', 'PHYSIQUE-CHIMIE'], ['L1600', 'SCIENCES DE LA VIE ET DE LA TERRE'],
  ['L1400', 'TECHNOLOGIE'], ['L1700', 'EDUCATION MUSICALE'], ['L1800', 'ARTS PLASTIQUES'], ['L1900', 'EDUCATION PHYSIQUE ET SPORTIVE']];
export function staffXml(k: number, school: Establishment, head: boolean, rng: Rng, schoolYear: number): string {
  const id = staffJointure(k), sj = school.jointure;
  const woman = rng() < 0.6, first = firstName(rng, woman), sn = lastName(rng);
  const [code, discipline] = pick(rng, DISCIPLINES);
  const classes = head ? [] : range(3, () => `${sj}$${pick(rng, school.classes).code}`);
  return addRequest('categoriePersonne', 'PersEducNat', id, attr('ENTPersonJointure', id) +
    attr('ENTPersonDateNaissance', birthDate(rng, schoolYear - 25 - int(rng, 38))) + attr('ENTPersonNomPatro', sn.toUpperCase()) +
    attr('sn', sn.toUpperCase()) + attr('givenName', first) + attr('ENTPersonAutresPrenoms') + attr('personalTitle', woman ? 'Mme' : 'M.') +
    attr('mail', `${fold(first)}.${fold(sn)}${k}@ac-bench.example`) + attr('ENTPersonStructRattach', sj) +
    attr('ENTAuxEnsCategoDiscipline', head ? '00$NON SPECIALISE' : `${code}$${discipline}`) +
    attr('ENTAuxEnsDisciplinesPoste', head ? "CHEF D'ETABLISSEMENT$00" : `${discipline}$${code}`) + attr('ENTAuxEnsMEF') +
    attr('ENTAuxEnsClasses', ...classes) + attr('ENTAuxEnsGroupes') +
    attr('ENTPersonFonctions', head ? `${sj}$DIR$DIRECTION$D0010$CHEF D'ETABLISSEMENT` : `${sj}$ENS$ENSEIGNEMENT$${code}$${discipline}`) +
    attr('ENTPersonCategorieEnseignant', head ? 'N' : 'O') + attr('PersEducNatPresenceDevantEleves', head ? 'N' : 'O'));
}
