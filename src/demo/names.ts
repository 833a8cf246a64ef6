// Made-up French-looking names for the demo academy, and the seeded generator that picks them:
// the same seed always gives the same academy, so no Math.random here or anywhere in src/demo.

/** A deterministic source of numbers; every helper draws from `next` only. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** A shuffled copy (Fisher–Yates); the input is left as it is. */
  shuffle<T>(items: readonly T[]): T[];
  /** One of `items`, each drawn in proportion to its weight. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
}

/** mulberry32: tiny, fast, and good enough to spread made-up people; not for secrets. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick: liste vide');
    return items[int(0, items.length - 1)]!;
  };
  return {
    next,
    int,
    pick,
    chance: (probability) => next() < probability,
    shuffle: <T>(items: readonly T[]) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
    weighted: <T>(items: ReadonlyArray<readonly [T, number]>): T => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let draw = next() * total;
      for (const [item, weight] of items) {
        draw -= weight;
        if (draw < 0) return item;
      }
      return items[items.length - 1]![0];
    },
  };
}

/** The RandomInt the account services take (provisional passwords), fed by a seeded Rng for exact tests. */
export function seededRandomInt(seed: number): (max: number) => number {
  const rng = createRng(seed);
  return (max) => rng.int(0, max - 1);
}

export const BOY_FIRST_NAMES = [
  'Adam', 'Aïdan', 'Antoine', 'Arthur', 'Baptiste', 'Camille', 'Clément', 'Côme', 'Éliott', 'Émile',
  'Enzo', 'Ethan', 'Gabriel', 'Hugo', 'Ilyès', 'Jules', 'Léandre', 'Léo', 'Liam', 'Louis',
  'Lucas', 'Maël', 'Mathéo', 'Nathan', 'Noé', 'Noah', 'Paul', 'Raphaël', 'Sacha', 'Samuel',
  'Théo', 'Timothée', 'Tom', 'Valentin', 'Yanis', 'Jean-Baptiste', 'Louis-Marie', 'Aurélien', 'Gaël', 'Hippolyte',
] as const;

export const GIRL_FIRST_NAMES = [
  'Agathe', 'Alice', 'Anaïs', 'Apolline', 'Célia', 'Chloé', 'Clémence', 'Éloïse', 'Emma', 'Éléonore',
  'Inès', 'Jade', 'Joséphine', 'Juliette', 'Léa', 'Léna', 'Lina', 'Louise', 'Lucie', 'Maëlys',
  'Manon', 'Margaux', 'Mathilde', 'Maya', 'Nina', 'Noémie', 'Océane', 'Romane', 'Rose', 'Salomé',
  'Sarah', 'Yasmine', 'Zoé', 'Anne-Sophie', 'Marie-Lou', 'Héloïse', 'Aïcha', 'Bérénice', 'Capucine', 'Naëlle',
] as const;

export const ADULT_MALE_FIRST_NAMES = [
  'Alain', 'Alexandre', 'Benoît', 'Bruno', 'Cédric', 'Christophe', 'Damien', 'David', 'Éric', 'Fabrice',
  'François', 'Frédéric', 'Guillaume', 'Hervé', 'Jérôme', 'Jean-Noël', 'Jean-Pierre', 'Julien', 'Karim', 'Laurent',
  'Loïc', 'Mathieu', 'Mehdi', 'Nicolas', 'Olivier', 'Pascal', 'Rachid', 'Sébastien', 'Stéphane', 'Thierry',
  'Vincent', 'Xavier', 'Yannick', 'José', 'Grégoire', 'Mamadou', 'Marc-Antoine', 'Joël', 'Régis', 'Sylvain',
] as const;

export const ADULT_FEMALE_FIRST_NAMES = [
  'Amélie', 'Anaïs', 'Audrey', 'Aurélie', 'Bénédicte', 'Carole', 'Cécile', 'Céline', 'Christelle', 'Claire',
  'Delphine', 'Élodie', 'Émilie', 'Fatima', 'Françoise', 'Géraldine', 'Hélène', 'Isabelle', 'Karine', 'Laëtitia',
  'Lætitia', 'Magali', 'Marie-Claude', 'Marie-Hélène', 'Nadia', 'Nathalie', 'Noëlle', 'Pauline', 'Sandrine', 'Séverine',
  'Sophie', 'Stéphanie', 'Valérie', 'Véronique', 'Virginie', 'Aïssatou', 'Anne-Laure', 'Gaëlle', 'Maryse', 'Soizic',
] as const;

/** The fixed demo families (fixed-people.ts) use other last names, so their identifiers never get a number. */
export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand',
  'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin',
  'Le Bœuf-Müller', "N'Diaye", 'Da Silva', 'Ôzturk', 'Saint-André', 'Le Goff', 'Lê', 'Nguyen', 'Benali', 'Haddad',
  'Dos Santos', 'Ferrère', 'Gauthier-Lévêque', 'Béranger', 'Chevalier', 'Lacôte', 'Crépin', 'Ménard', "D'Almeida", 'Kervella',
  'Boucher', 'Caron', 'Delacroix', 'Éboué', 'Fabre', 'Hébert', 'Joly', 'Leblanc', 'Noël', 'Pelletier',
  'Rémy', 'Sénéchal', 'Traoré', 'Vasseur', 'Zidane-Roche', 'Aubert', 'Barthélémy', 'Cohen', 'Diallo', 'Étienne',
] as const;

/** Streets of the demo town: made-up addresses only. */
export const STREETS = [
  'rue des Tilleuls', 'avenue Jean Jaurès', 'place de la Mairie', 'chemin des Vignes', 'impasse des Lilas',
  'rue du Moulin', 'allée des Peupliers', 'boulevard Victor Hugo', 'rue de la Fontaine', 'route de Lèze',
  'rue Pasteur', 'rue des Écoles', 'chemin du Lavoir', 'rue Saint-Exupéry', 'place du Marché',
] as const;

/** Lower-case ASCII, for e-mail local parts: "Le Bœuf-Müller" → "leboeufmuller". */
export function asciiSlug(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]/g, '');
}
