import type { Case } from '@goedwerk/core';
import type { TFunction } from '../i18n.ts';
import type { CaseFailure } from './api.ts';

// Exhaustive switches rather than computed keys: the compiler and the catalogue test both see every key.

/** What went wrong with a case request, in the interface language. */
export function caseFailureText(failure: CaseFailure, t: TFunction): string {
  switch (failure.kind) {
    case 'network':
      return t('status.network');
    case 'server':
      return t('status.server');
    case 'unauthorized':
      return t('review.errors.unauthorized');
    case 'forbidden':
      return t('review.errors.forbidden');
    case 'not_found':
      return t('review.errors.notFound');
    case 'invalid_case':
      return t('review.errors.invalidCase');
    case 'anonymity_unchecked':
      return t('review.errors.anonymityUnchecked');
    case 'no_consent':
      return t('review.errors.noConsent');
    case 'wrong_status':
      return t('review.errors.wrongStatus');
  }
}

/** Where a case stands in the review. */
export function caseStatusLabel(status: Case['status'], t: TFunction): string {
  switch (status) {
    case 'draft':
      return t('review.status.draft');
    case 'submitted':
      return t('review.status.submitted');
    case 'published':
      return t('review.status.published');
    case 'archived':
      return t('review.status.archived');
  }
}

/** Whether the person whose dilemma it is agreed to its use; null when no consent is needed. */
export function consentLabel(consent: Case['consent'], t: TFunction): string | null {
  switch (consent) {
    case 'not_needed':
      return null;
    case 'asked':
      return t('review.consent.asked');
    case 'given':
      return t('review.consent.given');
    case 'refused':
      return t('review.consent.refused');
  }
}
