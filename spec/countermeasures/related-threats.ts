/**
 * Parsing of the "Related threats" cell of a countermeasure ("1; 2; 3;", "4; 5", "6; ").
 * @module
 */
import { THREAT_IDS, type ThreatId } from '../ids.ts';

/**
 * The threat IDs listed in a "Related threats" cell: numbers separated by ";", with an
 * optional trailing ";". Throws on anything that is not a threat number 1-6.
 */
export function parseRelatedThreats(text: string): ThreatId[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const id = `T${part}`;
      if (!/^[0-9]+$/.test(part) || !(THREAT_IDS as readonly string[]).includes(id)) {
        throw new Error(`not a threat number: "${part}" in "${text}"`);
      }
      return id as ThreatId;
    });
}
