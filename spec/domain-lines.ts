/**
 * Security-domain lines that recur verbatim in several tables of both seeds.
 * @module
 */
import type { DomainEntry } from './types.ts';

/**
 * All four domains "yes", the underlying network "if keys are shared with underlying network."
 * (threats 1, 2, 3, 6 and countermeasures 1, 3, 4, 5, 6).
 */
export const DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK = [
  { domain: 'APP', verdict: 'yes', quote: 'Application domain security: yes' },
  { domain: 'INTRA-CS', verdict: 'yes', quote: 'Intra Common Services domain security: yes' },
  { domain: 'INTER-CS', verdict: 'yes', quote: 'Inter Common Services domain security: yes' },
  {
    domain: 'UNDERLYING-NET',
    verdict: 'yes',
    qualifier: 'if keys are shared with underlying network.',
    quote: 'Underlying Network security: yes, if keys are shared with underlying network.',
  },
] as const satisfies readonly DomainEntry[];

/**
 * All four domains "yes", the underlying network "if keys are shared" (threats 4 and 5; the
 * intra-domain line is written without a space after the colon).
 */
export const DOMAINS_IF_SHARED = [
  { domain: 'APP', verdict: 'yes', quote: 'Application domain security: yes' },
  { domain: 'INTRA-CS', verdict: 'yes', quote: 'Intra Common Services domain security:yes' },
  { domain: 'INTER-CS', verdict: 'yes', quote: 'Inter Common Services domain security: yes' },
  {
    domain: 'UNDERLYING-NET',
    verdict: 'yes',
    qualifier: 'if keys are shared',
    quote: 'Underlying Network security: yes, if keys are shared',
  },
] as const satisfies readonly DomainEntry[];
