import type { AnonymityFinding } from '@goedwerk/report';
import { useTranslation } from '../useTranslation.ts';
import { findingKindLabel } from './labels.ts';

/** The findings grouped by section, in the order of the report. */
function bySection(findings: readonly AnonymityFinding[]): { id: string; title: string; items: AnonymityFinding[] }[] {
  const groups = new Map<string, { id: string; title: string; items: AnonymityFinding[] }>();
  for (const f of findings) {
    const group = groups.get(f.sectionId) ?? { id: f.sectionId, title: f.sectionTitle, items: [] };
    group.items.push(f);
    groups.set(f.sectionId, group);
  }
  return [...groups.values()];
}

/** Passages that may identify someone, per section, each with its excerpt. */
export function FindingsList({ findings, untitled }: { findings: readonly AnonymityFinding[]; untitled: (sectionId: string) => string }) {
  const { t } = useTranslation();
  return (
    <ul className="gw-report-findings__sections">
      {bySection(findings).map((group) => (
        <li key={group.id}>
          <strong className="gw-report-findings__section">{group.title.trim() || untitled(group.id)}</strong>
          <ul className="gw-report-findings__items">
            {group.items.map((f, i) => (
              <li key={`${f.kind}-${i}`}>
                <span className="gw-report-findings__kind">{findingKindLabel(f.kind, t)}</span>{' '}
                <q className="gw-report-findings__excerpt">{f.excerpt}</q>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
