/** The shell part of a UI catalogue, made from content/i18n/<lang>.json by vite.config.ts. */
declare module 'virtual:goedwerk-catalogue/*' {
  const shell: Record<string, unknown>;
  export default shell;
}
