import type { StepTemplate } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import type { ReactNode } from 'react';

/**
 * Method text as paragraphs and lists: a blank line starts a paragraph, lines starting with
 * "- " form a list. Plain text only: nothing in it becomes markup.
 */
export function RichText({ text, className }: { text: string; className?: string }) {
  const blocks: ReactNode[] = [];
  for (const [b, block] of text.split(/\n\s*\n/).entries()) {
    let items: string[] = [];
    let lines: string[] = [];
    const flush = (key: string) => {
      if (lines.length > 0) blocks.push(<p key={`p${key}`}>{lines.join(' ')}</p>);
      if (items.length > 0)
        blocks.push(
          <ul key={`u${key}`}>
            {items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>,
        );
      lines = [];
      items = [];
    };
    for (const [l, raw] of block.split('\n').entries()) {
      const line = raw.trim();
      if (line === '') continue;
      if (line.startsWith('- ')) {
        if (lines.length > 0) flush(`${b}-${l}`);
        items.push(line.slice(2));
      } else {
        if (items.length > 0) flush(`${b}-${l}`);
        lines.push(line);
      }
    }
    flush(`${b}-end`);
  }
  return <div className={className ? `gw-rich-text ${className}` : 'gw-rich-text'}>{blocks}</div>;
}

/** What a step asks or shows: its prompt and, for an information step, its text. */
export function StepContent({ step, lang, className }: { step: StepTemplate; lang: string; className?: string }) {
  const prompt = step.prompt ? localize(step.prompt, lang) : '';
  const body = step.primitive === 'info' && step.body ? localize(step.body, lang) : '';
  if (!prompt && !body) return null;
  return (
    <div className={className ?? 'gw-step-content'}>
      {prompt ? <RichText text={prompt} className="gw-step-content__prompt" /> : null}
      {body ? <RichText text={body} className="gw-step-content__body" /> : null}
    </div>
  );
}
