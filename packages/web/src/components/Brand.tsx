/** The product mark: two overlapping circles, two responsibilities that meet. Decorative. */
export function BrandMark({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 40 28" width="40" height="28" aria-hidden="true" focusable="false">
      <circle cx="14" cy="14" r="11" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="26" cy="14" r="11" fill="none" stroke="currentColor" strokeWidth="3" opacity="0.55" />
    </svg>
  );
}
