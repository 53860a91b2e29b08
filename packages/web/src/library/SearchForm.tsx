import { Button } from '@utrecht/button-react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { themeLabel } from '../components/labels.ts';
import { useTranslation } from '../useTranslation.ts';

/** What the library is searched for, as it stands in the address (`?q=…&theme=…&targetGroup=…`). */
export interface LibraryQuery {
  readonly q: string;
  readonly theme: string;
  readonly targetGroup: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slugOrNothing = (value: string | null) => (value !== null && value.length <= 80 && SLUG.test(value) ? value : '');

/** Reads the address's search part; what the server would refuse (too long, not a slug) is left out. */
export function parseQuery(search: string): LibraryQuery {
  const params = new URLSearchParams(search);
  return { q: (params.get('q') ?? '').trim().slice(0, 200), theme: slugOrNothing(params.get('theme')), targetGroup: slugOrNothing(params.get('targetGroup')) };
}

/** `?q=…&theme=…` with only what is set, or '' for the whole library. */
export function queryString(query: LibraryQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.theme) params.set('theme', query.theme);
  if (query.targetGroup) params.set('targetGroup', query.targetGroup);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The chosen value stays an option even before the facets arrive (or when the library no longer has it). */
const optionsWith = (options: readonly string[], chosen: string) => (chosen && !options.includes(chosen) ? [chosen, ...options] : options);

/**
 * [LB-20] The library's search: words, a theme and a target group, sent together with one button
 * (changing a filter does not search by itself). The form follows the address, so the back button
 * brings back the earlier search in the form too.
 */
export function SearchForm({ query, facets, onSearch }: { query: LibraryQuery; facets: { themes: readonly string[]; targetGroups: readonly string[] } | null; onSearch: (query: LibraryQuery) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const [q, setQ] = useState(query.q);
  const [theme, setTheme] = useState(query.theme);
  const [targetGroup, setTargetGroup] = useState(query.targetGroup);
  useEffect(() => {
    setQ(query.q);
    setTheme(query.theme);
    setTargetGroup(query.targetGroup);
  }, [query.q, query.theme, query.targetGroup]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch({ q: q.trim().slice(0, 200), theme, targetGroup });
  }

  return (
    <form role="search" aria-label={t('library.search.label')} className="gw-panel gw-library-search" onSubmit={submit}>
      <div className="gw-form-field gw-library-search__words">
        <label htmlFor={`${uid}-q`} className="utrecht-form-label">
          {t('library.search.query')}
        </label>
        <input
          id={`${uid}-q`}
          className="gw-textbox"
          type="search"
          name="q"
          enterKeyHint="search"
          autoComplete="off"
          maxLength={200}
          aria-describedby={`${uid}-q-hint`}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <div className="gw-form-field">
        <label htmlFor={`${uid}-theme`} className="utrecht-form-label">
          {t('library.search.theme')}
        </label>
        <select id={`${uid}-theme`} name="theme" className="gw-select gw-library-search__select" value={theme} onChange={(e) => setTheme(e.target.value)}>
          <option value="">{t('library.search.anyTheme')}</option>
          {optionsWith(facets?.themes ?? [], theme).map((slug) => (
            <option key={slug} value={slug}>
              {themeLabel(slug)}
            </option>
          ))}
        </select>
      </div>
      <div className="gw-form-field">
        <label htmlFor={`${uid}-group`} className="utrecht-form-label">
          {t('library.search.targetGroup')}
        </label>
        <select id={`${uid}-group`} name="targetGroup" className="gw-select gw-library-search__select" value={targetGroup} onChange={(e) => setTargetGroup(e.target.value)}>
          <option value="">{t('library.search.anyTargetGroup')}</option>
          {optionsWith(facets?.targetGroups ?? [], targetGroup).map((slug) => (
            <option key={slug} value={slug}>
              {themeLabel(slug)}
            </option>
          ))}
        </select>
      </div>
      <div className="gw-library-search__submit">
        <Button type="submit" appearance="primary-action-button">
          {t('library.search.submit')}
        </Button>
      </div>
      {/* Under the whole row, so the three fields line up; read with the words' box (aria-describedby). */}
      <p id={`${uid}-q-hint`} className="gw-form-field__hint gw-library-search__hint">
        {t('library.search.queryHint')}
      </p>
    </form>
  );
}
