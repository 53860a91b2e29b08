import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldLine, type IcsMeeting, meetingsToIcs } from './ics.ts';

/** Rules: docs/spec/programme.md (PG-10 … PG-13). */

const OPTIONS = { prodId: '-//Goed Werk Hub//Programma//NL', calendarName: 'Routekaart Goed Werk, 2014', now: new Date('2026-01-23T09:05:07.123Z') };

const MEETINGS: readonly IcsMeeting[] = [
  {
    id: 'goed-werk-hub-2014-01-23',
    title: 'Professionaliteit en moraliteit',
    date: '2014-01-23',
    location: 'Goed Werk Hub, Utrecht; zaal 2',
    description: 'Regel één; regel twee\nMet een backslash \\ en een komma, aan het eind\r\nEn Windows-regels.',
    url: 'https://goedwerk.example/programma/routekaart-goed-werk#2014-01-23',
  },
  {
    id: 'oudejaar-2014',
    title: 'Privéleven én werk: wie draagt de verantwoordelijkheid? Een gesprek over loyaliteit — deel twee 🌍',
    date: '2014-12-31',
  },
  { id: 'schrikkeldag-2016', title: 'Schrikkeljaar', date: '2016-02-28', url: 'javascript:alert(1)' },
];

/** A property as read back: name, parameters and the unescaped value. */
interface Property {
  readonly name: string;
  readonly params: string;
  readonly value: string;
}

/** Reads a calendar back: unfolds (CRLF + space), splits the lines, unescapes TEXT values. */
function parseIcs(ics: string): Property[] {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  assert.ok(unfolded.endsWith('\r\n'));
  return unfolded
    .slice(0, -2)
    .split('\r\n')
    .map((line) => {
      const colon = line.indexOf(':');
      const [name = '', ...params] = line.slice(0, colon).split(';');
      const raw = line.slice(colon + 1);
      const value = name === 'URL' ? raw : raw.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
      return { name, params: params.join(';'), value };
    });
}

/** The events, as maps from property name to value (with its parameters). */
function events(ics: string): Map<string, Property>[] {
  const out: Map<string, Property>[] = [];
  let current: Map<string, Property> | null = null;
  for (const p of parseIcs(ics)) {
    if (p.name === 'BEGIN' && p.value === 'VEVENT') current = new Map();
    else if (p.name === 'END' && p.value === 'VEVENT' && current) {
      out.push(current);
      current = null;
    } else current?.set(p.name, p);
  }
  return out;
}

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('meetings as iCalendar', () => {
  it('[PG-10] one all-day event per meeting, read back as given; the end is the next day; CRLF endings', () => {
    const ics = meetingsToIcs(MEETINGS, OPTIONS);
    assert.ok(!/[^\r]\n/.test(ics) && !/\r(?!\n)/.test(ics), 'every line ends in CRLF');
    const props = parseIcs(ics);
    assert.deepEqual(props.slice(0, 7).map((p) => [p.name, p.value]), [
      ['BEGIN', 'VCALENDAR'],
      ['VERSION', '2.0'],
      ['PRODID', OPTIONS.prodId],
      ['CALSCALE', 'GREGORIAN'],
      ['METHOD', 'PUBLISH'],
      ['NAME', OPTIONS.calendarName],
      ['X-WR-CALNAME', OPTIONS.calendarName],
    ]);
    assert.deepEqual(props.at(-1), { name: 'END', params: '', value: 'VCALENDAR' });

    const read = events(ics);
    assert.equal(read.length, 3);
    assert.deepEqual(
      read.map((e) => [e.get('SUMMARY')?.value, e.get('DTSTART')?.params, e.get('DTSTART')?.value, e.get('DTEND')?.params, e.get('DTEND')?.value, e.get('DTSTAMP')?.value]),
      [
        [MEETINGS[0]?.title, 'VALUE=DATE', '20140123', 'VALUE=DATE', '20140124', '20260123T090507Z'],
        [MEETINGS[1]?.title, 'VALUE=DATE', '20141231', 'VALUE=DATE', '20150101', '20260123T090507Z'],
        ['Schrikkeljaar', 'VALUE=DATE', '20160228', 'VALUE=DATE', '20160229', '20260123T090507Z'],
      ],
    );
    assert.equal(read[0]?.get('LOCATION')?.value, 'Goed Werk Hub, Utrecht; zaal 2');
    assert.equal(read[0]?.get('URL')?.value, MEETINGS[0]?.url);
    assert.equal(read[1]?.has('LOCATION'), false);
    assert.equal(read[1]?.has('DESCRIPTION'), false);
    assert.equal(read[2]?.has('URL'), false, 'only http(s) addresses');

    assert.throws(() => meetingsToIcs([{ id: 'x', title: 'X', date: '2014-02-30' }], OPTIONS), RangeError);
    assert.throws(() => meetingsToIcs([{ id: 'x', title: 'X', date: '23-01-2014' }], OPTIONS), RangeError);
  });

  it('[PG-11] lines fold at 75 octets, never inside a multi-byte character', () => {
    const ics = meetingsToIcs(MEETINGS, OPTIONS);
    const bytes = Buffer.from(ics, 'utf8');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const physical: string[] = [];
    let start = 0;
    for (let i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
        // Decoding each line's own bytes fails if a character was cut in two.
        physical.push(decoder.decode(bytes.subarray(start, i)));
        start = i + 2;
      }
    }
    assert.equal(start, bytes.length);
    for (const line of physical) assert.ok(octets(line) <= 75, `${octets(line)} octets: ${line}`);
    assert.ok(physical.some((l) => l.startsWith(' ')), 'the long title is folded');
    const summary = physical.findIndex((l) => l.startsWith('SUMMARY:Privéleven'));
    assert.ok(physical[summary + 1]?.startsWith(' '));

    // 'SUMMARY:' is 8 octets and é is 2: 33 of them make 74, a 34th would make 76.
    const line = `SUMMARY:${'é'.repeat(40)}`;
    const folded = foldLine(line).split('\r\n');
    assert.deepEqual(folded.map(octets), [74, 15]);
    assert.deepEqual(folded, [`SUMMARY:${'é'.repeat(33)}`, ` ${'é'.repeat(7)}`]);
    // Four-octet characters: continuation lines hold a space and 18 of them (73 octets), never 74.
    const earth = foldLine(`X:${'🌍'.repeat(40)}`).split('\r\n');
    assert.deepEqual(earth.map(octets), [74, 73, 1 + 4 * 4]);
    assert.equal(earth.join('').replace(/ /g, ''), `X:${'🌍'.repeat(40)}`);
    assert.equal(foldLine('X'.repeat(75)), 'X'.repeat(75), 'exactly 75 octets stays one line');
    assert.equal(foldLine('X'.repeat(76)), `${'X'.repeat(75)}\r\n X`);
  });

  it('[PG-12] text is escaped and reads back as given', () => {
    const ics = meetingsToIcs(MEETINGS, OPTIONS);
    const unfolded = ics.replace(/\r\n /g, '');
    assert.ok(unfolded.includes('\r\nDESCRIPTION:Regel één\\; regel twee\\nMet een backslash \\\\ en een komma\\, aan het eind\\nEn Windows-regels.\r\n'));
    assert.ok(unfolded.includes('\r\nLOCATION:Goed Werk Hub\\, Utrecht\\; zaal 2\r\n'));
    assert.ok(unfolded.includes('\r\nX-WR-CALNAME:Routekaart Goed Werk\\, 2014\r\n'));
    const [first] = events(ics);
    assert.equal(first?.get('DESCRIPTION')?.value, 'Regel één; regel twee\nMet een backslash \\ en een komma, aan het eind\nEn Windows-regels.');
    // A control character cannot break a line or a property open.
    const [odd] = events(meetingsToIcs([{ id: 'x', title: 'Titel\u0007\rDTSTART:19700101', date: '2014-01-23' }], OPTIONS));
    assert.equal(odd?.get('SUMMARY')?.value, 'Titel\nDTSTART:19700101');
    assert.equal(odd?.get('DTSTART')?.value, '20140123');
  });

  it('[PG-13] a stable UID per meeting, and the same input gives the same file', () => {
    const ics = meetingsToIcs(MEETINGS, OPTIONS);
    assert.deepEqual(events(ics).map((e) => e.get('UID')?.value), ['goed-werk-hub-2014-01-23@goedwerk', 'oudejaar-2014@goedwerk', 'schrikkeldag-2016@goedwerk']);
    assert.equal(meetingsToIcs(MEETINGS, OPTIONS), ics);
    // A later export: same UIDs, only the stamp moves on.
    const later = meetingsToIcs(MEETINGS, { ...OPTIONS, now: new Date('2026-02-01T00:00:00Z') });
    assert.deepEqual(events(later).map((e) => e.get('UID')?.value), events(ics).map((e) => e.get('UID')?.value));
    assert.equal(later.replace(/DTSTAMP:\w+/g, ''), ics.replace(/DTSTAMP:\w+/g, ''));
    assert.equal(events(later)[0]?.get('DTSTAMP')?.value, '20260201T000000Z');
  });
});
