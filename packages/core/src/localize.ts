/** Text in one or both interface languages, as stored. */
export type TextInLanguages = { readonly nl?: string; readonly en?: string };

/**
 * Picks the text in the wanted language, falling back to the other one. Kept free of the
 * schema library so the browser can import it without pulling zod into the bundle.
 */
export function localize(text: TextInLanguages | undefined, lang: string): string {
  if (!text) return '';
  const wanted = lang === 'en' ? text.en : text.nl;
  return wanted ?? text.nl ?? text.en ?? '';
}
