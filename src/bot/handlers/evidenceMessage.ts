import { parseIntent } from '../intents';

/** Whether a message's text attaches evidence (`A-17 underlag`): a file sent with it is evidence, not an import. */
export function isEvidenceMessage(text: string): boolean {
  return parseIntent(text).kind === 'evidence';
}
