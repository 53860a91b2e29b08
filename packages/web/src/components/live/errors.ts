import type { DomainErrorCode } from '@goedwerk/core';
import { exists, type TFunction } from '../../i18n.ts';

/** Why a command was refused, in the interface language. Every domain error code has a text (checked in the catalogue test). */
export function errorText(code: string, t: TFunction): string {
  const key = `errors.${code}`;
  return exists(key) ? t(key as `errors.${DomainErrorCode}`) : t('errors.unknown');
}
