import type { AnonymityFinding, DocumentSection, HistoryEntry, ReportRole, ReportStatus } from '@goedwerk/report';
import type { TFunction } from '../i18n.ts';
import type { DownloadFormat } from './api.ts';

// Exhaustive switches rather than computed keys: the compiler and the catalogue test both see every key.

export function reportStatusLabel(status: ReportStatus, t: TFunction): string {
  switch (status) {
    case 'draft':
      return t('report.status.draft');
    case 'in_review':
      return t('report.status.in_review');
    case 'approved':
      return t('report.status.approved');
    case 'published':
      return t('report.status.published');
  }
}

export function roleLabel(role: ReportRole, t: TFunction): string {
  switch (role) {
    case 'facilitator':
      return t('report.role.facilitator');
    case 'rapporteur':
      return t('report.role.rapporteur');
    case 'editor':
      return t('report.role.editor');
  }
}

export function historyActionLabel(action: HistoryEntry['action'], t: TFunction): string {
  switch (action) {
    case 'created':
      return t('report.history.created');
    case 'edit':
      return t('report.history.edit');
    case 'submit':
      return t('report.history.submit');
    case 'return':
      return t('report.history.return');
    case 'approve':
      return t('report.history.approve');
    case 'publish':
      return t('report.history.publish');
    case 'regenerate':
      return t('report.history.regenerate');
  }
}

export function findingKindLabel(kind: AnonymityFinding['kind'], t: TFunction): string {
  switch (kind) {
    case 'name':
      return t('report.findings.name');
    case 'email':
      return t('report.findings.email');
    case 'phone':
      return t('report.findings.phone');
  }
}

export function formatLabel(format: DownloadFormat, t: TFunction): string {
  switch (format) {
    case 'pdf':
      return t('report.downloads.pdf');
    case 'docx':
      return t('report.downloads.docx');
    case 'odt':
      return t('report.downloads.odt');
    case 'html':
      return t('report.downloads.html');
    case 'md':
      return t('report.downloads.md');
  }
}

/** A section's name for headings and accessible names: its title, or what kind of section it is. */
export function sectionName(section: { title: string; kind: DocumentSection['kind'] }, t: TFunction): string {
  if (section.title.trim()) return section.title.trim();
  switch (section.kind) {
    case 'introduction':
      return t('report.section.kind.introduction');
    case 'round':
      return t('report.section.kind.round');
    case 'dilemmas':
      return t('report.section.kind.dilemmas');
    case 'programme':
      return t('report.section.kind.programme');
    case 'custom':
      return t('report.section.kind.custom');
  }
}
