export * from './document.ts';
export * from './html.ts';
export * from './markdown.ts';
export * from './model.ts';
export { roman } from './roman.ts';
export { WORDS } from './words.ts';
export * from './case-draft.ts';
