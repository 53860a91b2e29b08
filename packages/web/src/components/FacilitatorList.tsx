import type { Facilitator } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { useTranslation } from '../useTranslation.ts';

/** Facilitators with their roles ("Name, role"). */
export function FacilitatorList({ facilitators }: { facilitators: readonly Facilitator[] }) {
  const { i18n } = useTranslation();
  return (
    <ul className="gw-plain-list gw-facilitator-list">
      {facilitators.map((f, i) => {
        const role = localize(f.role, i18n.language);
        return (
          <li key={i}>
            <span className="gw-facilitator-list__name">{f.name}</span>
            {role ? <span className="gw-facilitator-list__role">{role}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
