/** The card render engine: a JSON template and its data in, an Adaptive Card out. */
import { Template } from 'adaptivecards-templating';

/** An expanded Adaptive Card, ready to attach to a message or return from an `Action.Execute`. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

function isAdaptiveCard(value: unknown): value is AdaptiveCard {
  if (typeof value !== 'object' || value === null) return false;
  const card = value as Record<string, unknown>;
  return card.type === 'AdaptiveCard' && typeof card.version === 'string' && Array.isArray(card.body);
}

/**
 * Expands a card template with its data (`new Template(template).expand({ $root: data })`).
 *
 * A `${...}` found in the data is not evaluated again by the engine, so user text may contain it; a binding the data
 * does not satisfy is left in place, which the card tests catch for every template and its sample data.
 * @throws TypeError when the template does not expand to an Adaptive Card.
 */
export function renderCard(template: object, data: object): AdaptiveCard {
  const expanded: unknown = new Template(template).expand({ $root: data });
  if (!isAdaptiveCard(expanded)) {
    throw new TypeError('The card template did not expand to an Adaptive Card (type, version, body).');
  }
  return expanded;
}

/** Size of a card as Teams counts it: bytes of its JSON in UTF-8. */
export function cardSize(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
