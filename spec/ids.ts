/**
 * Literal-union identifiers of the specification. Citing an identifier that is not listed
 * here is a compile error, so a model, proof or test cannot refer to a threat, countermeasure
 * or requirement the standard does not have.
 * @module
 */

/** oneM2M threat IDs of clause 6.1 (TR-0008 contribution): threats 1–6. There is no threat 7. */
export const THREAT_IDS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;
/** A oneM2M threat ID. */
export type ThreatId = (typeof THREAT_IDS)[number];

/** Countermeasure IDs of clause 6.5 (five sub-clauses numbered "6.5.1" and one "6.5.2" in the text). */
export const COUNTERMEASURE_IDS = ['CM1', 'CM2', 'CM3', 'CM4', 'CM5', 'CM6'] as const;
/** A countermeasure ID. */
export type CountermeasureId = (typeof COUNTERMEASURE_IDS)[number];

/** Derived, atomic SHALL requirements (see `spec/requirements.ts`). */
export const REQUIREMENT_IDS = [
  'REQ-CM1-01',
  'REQ-CM1-02',
  'REQ-CM2-01',
  'REQ-CM2-02',
  'REQ-CM3-01',
  'REQ-CM3-02',
  'REQ-CM4-01',
  'REQ-CM4-02',
  'REQ-CM5-01',
  'REQ-CM5-02',
  'REQ-CM6-01',
  'REQ-CM6-02',
  'REQ-CM6-03',
  'REQ-CM6-04',
] as const;
/** A derived requirement ID. */
export type RequirementId = (typeof REQUIREMENT_IDS)[number];

/** Definition IDs of clauses 3.1 (definitions) and 3.4 (acronyms). */
export const DEFINITION_IDS = ['DEF-LONG-TERM-KEY', 'DEF-SENSITIVE-FUNCTION', 'DEF-HSM', 'DEF-SERVER-HSM', 'ACR-HSM'] as const;
/** A definition or acronym ID. */
export type DefinitionId = (typeof DEFINITION_IDS)[number];

/** Informative reference IDs of clause 2.2, as written in the text ("[i.x]", "[i.y]"). */
export const REFERENCE_IDS = ['i.x', 'i.y'] as const;
/** An informative reference ID. */
export type ReferenceId = (typeof REFERENCE_IDS)[number];

/** Security domains named under "Affected Security domain" / "Applicable Security domain". */
export const SECURITY_DOMAIN_IDS = ['APP', 'INTRA-CS', 'INTER-CS', 'UNDERLYING-NET'] as const;
/** A security domain ID. */
export type SecurityDomainId = (typeof SECURITY_DOMAIN_IDS)[number];

/** Stakeholders named under "Affected Stakeholders" (SYS-ADMIN only in threats 4 and 5). */
export const STAKEHOLDER_IDS = ['M2M-ASP', 'MANUF-DEVICE-GATEWAY', 'MANUF-SYSTEM', 'DEVICE-GATEWAY-MGMT', 'M2M-SP', 'SYS-ADMIN', 'NET-OP', 'USER'] as const;
/** A stakeholder ID. */
export type StakeholderId = (typeof STAKEHOLDER_IDS)[number];

/** Architecture elements named under "Architecture impact" (INFRASTRUCTURE only in threats 4 and 5). */
export const ARCHITECTURE_ELEMENT_IDS = [
  'AE-AF',
  'DEVICE',
  'GATEWAY',
  'INFRA-NODE',
  'CSE-CSF',
  'REF-X',
  'REF-Y',
  'REF-Z',
  'UNDERLYING-NSF',
  'INFRASTRUCTURE',
] as const;
/** An architecture element ID. */
export type ArchitectureElementId = (typeof ARCHITECTURE_ELEMENT_IDS)[number];
