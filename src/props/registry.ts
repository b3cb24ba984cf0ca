// Every property, by name: the one table the engine and the check read.
import type { LocalEnv, LocalParts, Property, PropertyName } from './property.js';
import { availability } from './properties/availability.js';
import { conformance } from './properties/conformance.js';
import { isolation } from './properties/isolation.js';
import { transparency } from './properties/transparency.js';
import { valid } from './properties/valid.js';
import { Views } from './views.js';

export const PROPERTIES: Readonly<Record<PropertyName, Property>> = { valid, conformance, isolation, transparency, availability };

/** The local parts of the requested properties. */
export function localPartsFor(base: Omit<LocalEnv, 'views'>, properties: readonly PropertyName[]): LocalParts {
  const env: LocalEnv = { ...base, views: new Views(base.ctx) };
  const parts = properties.map((p) => PROPERTIES[p].local(env));
  return { checks: parts.flatMap((p) => p.checks ?? []), analyses: parts.flatMap((p) => p.analyses ?? []) };
}
