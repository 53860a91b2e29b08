import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * A QR code as an image (a data: URL, which the Content-Security-Policy allows for images);
 * `label` says where it leads, for people who cannot scan it.
 */
export function QrCode({ text, label, className, size = 480 }: { text: string; label: string; className?: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: size, color: { dark: '#000000', light: '#ffffff' } }).then(
      (url) => {
        if (!cancelled) setSrc(url);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [text, size]);
  const classes = ['gw-qr', className].filter(Boolean).join(' ');
  return src ? <img className={classes} src={src} alt={label} width={size} height={size} /> : <span className={`${classes} gw-qr--loading`} />;
}

/** A join code shown in two groups of four (ABCD EFGH), easier to read from a distance and to type. */
export function spacedCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}
