// The names of the properties virtcheck checks (each is declared in src/props/properties/).

export const PROPERTY_NAMES = ['valid', 'conformance', 'isolation', 'transparency', 'availability'] as const;
export type PropertyName = (typeof PROPERTY_NAMES)[number];

/** The properties `check` runs when none are named. */
export const DEFAULT_PROPERTIES: readonly PropertyName[] = PROPERTY_NAMES;
