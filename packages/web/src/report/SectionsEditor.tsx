import type { DocumentSection, SectionEdit } from '@goedwerk/report';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Button } from '@utrecht/button-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { translate, type UiLanguage } from '../i18n.ts';
import { useTranslation } from '../useTranslation.ts';
import { sectionName } from './labels.ts';

/** A section as the writer edits it; `kind` says whether they added it (`custom`) and may remove it. */
export interface SectionDraft extends SectionEdit {
  readonly kind: DocumentSection['kind'];
}

export const toDrafts = (sections: readonly DocumentSection[]): SectionDraft[] =>
  sections.map(({ id, kind, title, markdown, included }) => ({ id, kind, title, markdown, included }));

export const toEdits = (sections: readonly SectionDraft[]): SectionEdit[] =>
  sections.map(({ id, title, markdown, included }) => ({ id, title, markdown, included }));

/** Whether two lists of sections say the same (order included). */
export function sameSections(a: readonly SectionDraft[], b: readonly SectionDraft[]): boolean {
  return a.length === b.length && a.every((s, i) => {
    const o = b[i]!;
    return s.id === o.id && s.title === o.title && s.markdown === o.markdown && s.included === o.included;
  });
}

/** A fresh section id that matches the server's /^[a-z0-9-]{1,80}$/. */
function newSectionId(taken: readonly SectionDraft[]): string {
  for (;;) {
    const bytes = new Uint8Array(4);
    crypto.getRandomValues(bytes);
    const id = `closing-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    if (!taken.some((s) => s.id === id)) return id;
  }
}

type Focus = { readonly id: string; readonly target: 'up' | 'down' | 'title' | 'text' } | { readonly id: null; readonly target: 'list' };

interface SectionsEditorProps {
  readonly sections: readonly SectionDraft[];
  readonly onChange: (update: (sections: readonly SectionDraft[]) => SectionDraft[]) => void;
  /** The report's language: a new closing paragraph gets its title in it. */
  readonly reportLanguage: UiLanguage;
  /** Announces what a move or removal did (the page's status region). */
  readonly announce: (text: string) => void;
  /** The save bar, kept in view at the bottom while editing. */
  readonly saveBar: ReactNode;
}

/**
 * The writer's editor: each section as a card with its title, an "include" switch and its
 * Markdown, moved up and down with buttons; sections they added can be removed again.
 */
export function SectionsEditor({ sections, onChange, reportLanguage, announce, saveBar }: SectionsEditorProps) {
  const { t } = useTranslation();
  const uid = useId();
  const refs = useRef(new Map<string, HTMLElement | null>());
  const listHeading = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef<Focus | null>(null);

  // After a move or removal the focus stays with what the writer was working on.
  useEffect(() => {
    const want = focusNext.current;
    if (!want) return;
    focusNext.current = null;
    if (want.id === null) {
      listHeading.current?.focus();
      return;
    }
    const other = want.target === 'up' ? 'down' : want.target === 'down' ? 'up' : want.target;
    const element = refs.current.get(`${want.id}:${want.target}`) ?? refs.current.get(`${want.id}:${other}`) ?? refs.current.get(`${want.id}:title`);
    element?.focus();
  });

  const register = (key: string) => (element: HTMLElement | null) => {
    if (element) refs.current.set(key, element);
    else refs.current.delete(key);
  };

  function update(id: string, change: Partial<SectionEdit>) {
    onChange((all) => all.map((s) => (s.id === id ? { ...s, ...change } : s)));
  }

  function move(index: number, by: -1 | 1) {
    const section = sections[index];
    const to = index + by;
    if (!section || to < 0 || to >= sections.length) return;
    onChange((all) => {
      const next = [...all];
      const [moved] = next.splice(index, 1);
      next.splice(to, 0, moved!);
      return next;
    });
    focusNext.current = { id: section.id, target: by < 0 ? 'up' : 'down' };
    announce(t('report.editor.moved', { title: sectionName(section, t), position: to + 1, total: sections.length }));
  }

  function remove(index: number) {
    const section = sections[index];
    if (!section) return;
    onChange((all) => all.filter((s) => s.id !== section.id));
    const neighbour = sections[index + 1] ?? sections[index - 1];
    focusNext.current = neighbour ? { id: neighbour.id, target: 'title' } : { id: null, target: 'list' };
    announce(t('report.editor.removed', { title: sectionName(section, t) }));
  }

  function addClosing() {
    const title = translate(reportLanguage, 'report.editor.closingTitle');
    const id = newSectionId(sections);
    // As in the seed report: the closing words come before the part about the programme.
    onChange((all) => {
      const at = all.findIndex((s) => s.kind === 'programme');
      const next = [...all];
      next.splice(at < 0 ? all.length : at, 0, { id, kind: 'custom', title, markdown: '', included: true });
      return next;
    });
    focusNext.current = { id, target: 'text' };
    announce(t('report.editor.added', { title }));
  }

  return (
    <section className="gw-report-editor" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-3" id={`${uid}-title`} ref={listHeading} tabIndex={-1}>
        {t('report.editor.title')}
      </Heading>
      <p className="gw-muted gw-report-editor__intro">{t('report.editor.intro')}</p>
      <ol className="gw-report-sections">
        {sections.map((section, index) => {
          const name = sectionName(section, t);
          const base = `${uid}-${section.id}`;
          return (
            <li key={section.id} className={`gw-report-section${section.included ? '' : ' gw-report-section--excluded'}`} aria-labelledby={`${base}-heading`}>
              <div className="gw-report-section__head">
                <Heading level={3} appearance="level-5" id={`${base}-heading`} className="gw-report-section__name">
                  <span className="gw-report-section__number">{index + 1}.</span> {name}
                </Heading>
                {section.included ? null : <span className="gw-report-section__flag">{t('report.section.excluded')}</span>}
              </div>
              <div className="gw-form-field">
                <label htmlFor={`${base}-name`} className="utrecht-form-label">
                  {t('report.section.titleLabel')}
                  <span className="gw-visually-hidden"> {t('report.section.of', { name })}</span>
                </label>
                <input
                  id={`${base}-name`}
                  ref={register(`${section.id}:title`)}
                  className="gw-textbox gw-report-section__title"
                  type="text"
                  maxLength={200}
                  value={section.title}
                  onChange={(e) => update(section.id, { title: e.target.value })}
                />
              </div>
              <label className="gw-checkbox gw-report-section__include" htmlFor={`${base}-included`}>
                <input id={`${base}-included`} type="checkbox" checked={section.included} onChange={(e) => update(section.id, { included: e.target.checked })} />
                <span>
                  {t('report.section.include')}
                  <span className="gw-visually-hidden"> {t('report.section.of', { name })}</span>
                </span>
              </label>
              <div className="gw-form-field">
                <label htmlFor={`${base}-text`} className="utrecht-form-label">
                  {t('report.section.textLabel')}
                  <span className="gw-visually-hidden"> {t('report.section.of', { name })}</span>
                </label>
                <p id={`${base}-hint`} className="gw-form-field__hint">
                  {t('report.section.hint')}
                </p>
                <textarea
                  id={`${base}-text`}
                  ref={register(`${section.id}:text`)}
                  className="gw-textbox gw-report-section__text"
                  aria-describedby={`${base}-hint`}
                  rows={Math.min(18, Math.max(6, section.markdown.split('\n').length + 1))}
                  spellCheck
                  value={section.markdown}
                  onChange={(e) => update(section.id, { markdown: e.target.value })}
                />
              </div>
              <div className="gw-button-row gw-report-section__tools">
                {index > 0 ? (
                  <Button appearance="secondary-action-button" ref={register(`${section.id}:up`)} aria-label={t('report.section.upLabel', { name })} onClick={() => move(index, -1)}>
                    {t('report.section.up')}
                  </Button>
                ) : null}
                {index < sections.length - 1 ? (
                  <Button appearance="secondary-action-button" ref={register(`${section.id}:down`)} aria-label={t('report.section.downLabel', { name })} onClick={() => move(index, 1)}>
                    {t('report.section.down')}
                  </Button>
                ) : null}
                {section.kind === 'custom' ? (
                  <Button appearance="subtle-button" hint="danger" aria-label={t('report.section.removeLabel', { name })} onClick={() => remove(index)}>
                    {t('report.section.remove')}
                  </Button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      <div className="gw-button-row">
        <Button appearance="secondary-action-button" onClick={addClosing}>
          {t('report.editor.addClosing')}
        </Button>
      </div>
      {saveBar}
    </section>
  );
}
