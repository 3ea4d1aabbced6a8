/**
 * Assumption sensitivity: the verified table and its findings recomputed under every
 * alternative of every switchable assumption (ASM-…) and interpretation (INT-…), one switch at a
 * time, with the cells and findings that change. A finding depends on a switch when some
 * alternative of that switch makes it disappear or changes the attackers it holds for; a finding
 * that depends on no switch follows from the text and the fixed assumptions alone.
 *
 * Every variant is explored (`verifyVariants`), sharing results wherever an exploration read no
 * flag and no setting on which two configurations differ, so a switch that a configuration never
 * consulted costs nothing there.
 * @module
 */
import type { ProfileId } from '../model/config.ts';
import { alternatives, DEFAULT_SETTINGS, settingsWith, type Settings, type Switch } from '../model/settings.ts';
import { deriveFindings, type Finding } from './findings.ts';
import { ResultIndex, threatRows, type ThreatRow } from './table.ts';
import type { ConfigResult } from './verify.ts';

/** A finding's identity across variants: kind, threat and countermeasure (its number changes with the list). */
export function findingKey(f: Pick<Finding, 'kind' | 'threat' | 'countermeasure'>): string {
  return `${f.kind} ${f.threat}${f.countermeasure ? ` ${f.countermeasure}` : ''}`;
}

/** One cell of the table that changes: the minimal sets of a threat under a profile. */
export interface CellChange {
  readonly threat: string;
  readonly profile: ProfileId;
  readonly from: string;
  readonly to: string;
}

/** What one alternative changes. */
export interface SensitivityEntry {
  readonly id: Switch['id'];
  readonly setting: keyof Settings;
  readonly value: string | boolean;
  readonly cells: readonly CellChange[];
  /** Findings (by `findingKey`) that appear, vanish, or hold for other attackers. */
  readonly appeared: readonly string[];
  readonly vanished: readonly string[];
  readonly changed: readonly string[];
  /** Configurations explored afresh for this alternative (the others shared a result). */
  readonly explored: number;
}

/** The table and findings under one variant. */
export interface Analysis {
  readonly rows: readonly ThreatRow[];
  readonly findings: readonly Finding[];
}

/** The table and findings of one variant's results. */
export function analyse(results: readonly ConfigResult[]): Analysis {
  const idx = new ResultIndex(results);
  const rows = threatRows(idx);
  return { rows, findings: deriveFindings(rows, idx) };
}

const setsText = (row: ThreatRow, p: ProfileId) => {
  const v = row.profiles[p];
  if (!v) return '-';
  return v.minimalSets.length ? v.minimalSets.map((s) => `{${s.join(', ')}}`).join(' or ') : 'none';
};

/** Compares a variant's analysis with the default's. */
export function compare(base: Analysis, other: Analysis): Pick<SensitivityEntry, 'cells' | 'appeared' | 'vanished' | 'changed'> {
  const cells: CellChange[] = [];
  for (const row of base.rows) {
    const alt = other.rows.find((r) => r.threat === row.threat);
    if (!alt) continue;
    for (const p of Object.keys(row.profiles) as ProfileId[]) {
      const [from, to] = [setsText(row, p), setsText(alt, p)];
      if (from !== to) cells.push({ threat: row.threat, profile: p, from, to });
    }
  }
  const byKey = (fs: readonly Finding[]) => new Map(fs.map((f) => [findingKey(f), f.profiles.join(',')]));
  const [b, o] = [byKey(base.findings), byKey(other.findings)];
  return {
    cells,
    appeared: [...o.keys()].filter((k) => !b.has(k)),
    vanished: [...b.keys()].filter((k) => !o.has(k)),
    changed: [...b.keys()].filter((k) => o.has(k) && o.get(k) !== b.get(k)),
  };
}

/** The variants a sensitivity run explores: the defaults first, then each single-switch alternative. */
export function sensitivityVariants(): { readonly settings: Settings; readonly alternative: ReturnType<typeof alternatives>[number] | null }[] {
  return [
    { settings: DEFAULT_SETTINGS, alternative: null },
    ...alternatives().map((a) => ({ settings: settingsWith({ [a.setting]: a.value } as Partial<Settings>), alternative: a })),
  ];
}

/** The sensitivity entries from the results of every variant (`results[i]` for `sensitivityVariants()[i]`). */
export function sensitivityOf(results: readonly (readonly ConfigResult[])[]): { base: Analysis; entries: SensitivityEntry[] } {
  const variants = sensitivityVariants();
  const base = analyse(results[0]!);
  const entries = variants.slice(1).map((v, i) => {
    const res = results[i + 1]!;
    const explored = res.filter((r) => r.sharedWith === null).length;
    return { id: v.alternative!.id, setting: v.alternative!.setting, value: v.alternative!.value, ...compare(base, analyse(res)), explored };
  });
  return { base, entries };
}

/** For each finding of the default table (by `findingKey`), the switches it depends on. */
export function dependencies(entries: readonly SensitivityEntry[]): ReadonlyMap<string, readonly Switch['id'][]> {
  const out = new Map<string, Switch['id'][]>();
  for (const e of entries) {
    for (const k of [...e.vanished, ...e.changed]) {
      const list = out.get(k) ?? [];
      if (!list.includes(e.id)) list.push(e.id);
      out.set(k, list);
    }
  }
  return out;
}
