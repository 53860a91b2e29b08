// snowball-stemmers and stopwords-iso ship no type declarations; these cover what
// lesson-themes.ts uses of them.

declare module 'snowball-stemmers' {
  export interface Stemmer {
    /** The stem of one lowercase word. */
    stem(word: string): string;
  }
  /** A stemmer for one of the Snowball algorithms ('dutch', 'english', …). */
  export function newStemmer(algorithm: string): Stemmer;
  export function algorithms(): string[];
  const snowball: { newStemmer: typeof newStemmer; algorithms: typeof algorithms };
  export default snowball;
}

declare module 'stopwords-iso' {
  /** Stop words per ISO 639-1 language code, lowercase. */
  const stopwords: { readonly nl: readonly string[]; readonly en: readonly string[]; readonly [language: string]: readonly string[] | undefined };
  export default stopwords;
}
