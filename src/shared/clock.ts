// STYLE.md: time comes from an injected clock and randomness from an injected source, so tests are exact.
import { randomInt as cryptoRandomInt } from 'node:crypto';
import type { RandomInt } from '../domain/provisional-password.ts';

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
export const cryptoRandom: RandomInt = (max) => cryptoRandomInt(max);
