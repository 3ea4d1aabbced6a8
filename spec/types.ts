/**
 * Record types of the specification data. Every text taken from a seed is held in a field
 * named `quote`, so that a generic walk (see `spec/quotes.ts`) finds every verbatim quote and
 * the test suite can compare it with the seed file it came from.
 * @module
 */
import type { ArchitectureElementId, CountermeasureId, DefinitionId, ReferenceId, SecurityDomainId, StakeholderId, ThreatId } from './ids.ts';

/** The two source files, kept in `spec/source/` (see `spec/source.ts`). */
export const SEED_FILES = ['000_d002568a6978b481.txt', '004_a98c72a72624c16d.txt'] as const;
/** A seed file name. */
export type SeedFile = (typeof SEED_FILES)[number];

/** Which seed file a record (and every quote below it) is taken from. */
export interface SeedRef {
  readonly file: SeedFile;
}

/** Seed with the abstract, definitions 3.1 and the threats of clause 6.1. */
export const SEED_THREATS = { file: '000_d002568a6978b481.txt' } as const satisfies SeedRef;
/** Seed with references 2.2, definitions 3.1, acronyms 3.4 and the countermeasures of clause 6.5. */
export const SEED_COUNTERMEASURES = { file: '004_a98c72a72624c16d.txt' } as const satisfies SeedRef;

/** A verbatim string from a seed (whitespace, typos and special characters as written). */
export type Quote = string;

/** A verbatim text of the seed named by the nearest enclosing `seed`. */
export interface Quoted {
  readonly quote: Quote;
}

/** A verbatim text with its own seed and clause (e.g. a second source of a definition). */
export interface SourcedQuote extends Quoted {
  readonly seed: SeedRef;
  readonly clause: string;
}

/** A definition (clause 3.1) or an acronym (clause 3.4). `quote` is the whole entry. */
export interface Definition extends Quoted {
  readonly id: DefinitionId;
  readonly kind: 'definition' | 'acronym';
  readonly clause: '3.1' | '3.4';
  /** The defined term or acronym, as written at the start of `quote`. */
  readonly term: string;
  readonly seed: SeedRef;
  /** Further seeds carrying the same entry (Sensitive Function is in both). */
  readonly alsoIn: readonly SourcedQuote[];
}

/** An informative reference of clause 2.2; `quote` is the reference text after its label. */
export interface Reference extends Quoted {
  readonly id: ReferenceId;
  readonly clause: '2.2';
  /** The label line as written, e.g. "[i.x]". */
  readonly label: Quoted;
  readonly seed: SeedRef;
}

/** Verdict of a security-domain or stakeholder line ("yes", "no", "potentially"). */
export type Verdict = 'yes' | 'no' | 'potentially';

/** One "Affected/Applicable Security domain" line, e.g. "Underlying Network security: yes, if …". */
export interface DomainEntry extends Quoted {
  readonly domain: SecurityDomainId;
  readonly verdict: Verdict;
  /** The text after "verdict, ", if any (a condition on the verdict). */
  readonly qualifier?: string;
}

/** One "Affected Stakeholders" line, e.g. "Network Operator: potentially, if …". */
export interface StakeholderEntry extends Quoted {
  readonly stakeholder: StakeholderId;
  readonly verdict: Verdict;
  /** The text after "verdict, ", if any. */
  readonly qualifier?: string;
}

/**
 * One "Architecture impact" line. `named`: the line only names the impacted element, with no
 * verdict (threats 4 and 5: "M2M service infrastructure").
 */
export interface ArchitectureEntry extends Quoted {
  readonly element: ArchitectureElementId;
  readonly verdict: 'no' | 'impacts' | 'named';
  /** For `impacts`: the text after "impacts ". */
  readonly detail?: string;
}

/** Clause numbers of the threats, as written. */
export type ThreatClause = '6.1.1' | '6.1.2' | '6.1.3' | '6.1.4' | '6.1.5' | '6.1.6';

/**
 * Correspondence with the threat numbering of ETSI TR 103 167. `threat` is null where the
 * seeds do not give the ETSI number of the threat.
 */
export interface EtsiMapping {
  readonly threat: number | null;
  readonly note: string;
}

/** A threat of clause 6.1, with every field of its table. */
export interface Threat {
  readonly id: ThreatId;
  readonly clause: ThreatClause;
  readonly seed: SeedRef;
  readonly title: Quoted;
  /** The "Threat ID" cell as written ("1" … "6"). */
  readonly threatId: Quoted;
  readonly overview: Quoted;
  readonly issue: Quoted;
  readonly description: Quoted;
  readonly impactedUseCases: Quoted;
  readonly affectedDomains: readonly DomainEntry[];
  readonly affectedStakeholders: readonly StakeholderEntry[];
  readonly architectureImpact: readonly ArchitectureEntry[];
  readonly etsi: EtsiMapping;
}

/** Clause numbers of the countermeasures, as written (five "6.5.1", one "6.5.2"). */
export type CountermeasureClause = '6.5.1' | '6.5.2';

/** The "Countermeasure n" cell, with or without a following "CMn" line. */
export interface CountermeasureLabel extends Quoted {
  readonly hasCmLine: boolean;
  readonly note?: string;
}

/**
 * "Applicable Security domain" of a countermeasure: either one line per domain, or a single
 * sentence naming the domains without verdicts (CM2).
 */
export type ApplicableDomains =
  | { readonly form: 'entries'; readonly entries: readonly DomainEntry[] }
  | (Quoted & {
      readonly form: 'sentence';
      readonly domains: readonly SecurityDomainId[];
      readonly note: string;
    });

/** A countermeasure of clause 6.5, with every field of its table. */
export interface Countermeasure {
  readonly id: CountermeasureId;
  readonly clause: CountermeasureClause;
  readonly seed: SeedRef;
  readonly title: Quoted;
  readonly label: CountermeasureLabel;
  readonly statement: Quoted;
  /** The related threats, parsed from `relatedThreatsText`. */
  readonly relatedThreats: readonly ThreatId[];
  /** The "Related threats" cell as written, e.g. "1; 2; 3;". */
  readonly relatedThreatsText: Quoted;
  readonly applicableDomains: ApplicableDomains;
  readonly advantages: readonly Quoted[];
  readonly disadvantages: readonly Quoted[];
}
