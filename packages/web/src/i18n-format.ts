/**
 * Filling in a catalogue text: `{{name}}` takes the option's value, and a number is written the way
 * the language writes it (Dutch 12.345 and 3,5; English 12,345 and 3.5). Four-digit numbers such as
 * years stay ungrouped ("2014"). Kept apart from i18n.ts so that it can be tested without a browser.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(lang: string, value: number): string {
  let format = numberFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, useGrouping: 'min2' });
    numberFormats.set(lang, format);
  }
  return format.format(value);
}

export function interpolate(lang: string, text: string, options: Readonly<Record<string, unknown>>): string {
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (match, name: string) => {
    if (!(name in options)) return match;
    const value = options[name];
    return typeof value === 'number' && Number.isFinite(value) ? formatNumber(lang, value) : String(value);
  });
}
