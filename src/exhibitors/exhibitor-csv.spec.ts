import { parseExhibitorCsv } from './exhibitor-csv';

const HEADER = 'organization,industries,roles,majors,website,contactName,contactEmail,contactPhone';

describe('parseExhibitorCsv', () => {
  it('accepts a good file with ;-separated lists and optional columns left out', () => {
    const result = parseExhibitorCsv(
      `${HEADER}\n"Acme, Inc.",Software; Hardware,internship;full-time,Computer Science,https://acme.example,Ann,ANN@acme.example,+1 555\n`,
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        {
          organization: 'Acme, Inc.',
          industries: ['Software', 'Hardware'],
          roles: ['internship', 'full-time'],
          majors: ['Computer Science'],
          website: 'https://acme.example',
          contactName: 'Ann',
          contactEmail: 'ann@acme.example',
          contactPhone: '+1 555',
        },
      ],
      columns: ['organization', 'industries', 'roles', 'majors', 'website', 'contactName', 'contactEmail', 'contactPhone'],
    });
    expect(parseExhibitorCsv('\uFEFForganization,majors\nGlobex,History\n')).toMatchObject({ ok: true, rows: [{ organization: 'Globex', majors: ['History'], website: null }], columns: ['organization', 'majors'] });
  });

  it('reports every bad row with its line number', () => {
    const result = parseExhibitorCsv(
      [HEADER, 'Ok,,,,,,,', ',,,,,,,', 'Web,,,,ftp://x,,,', 'Mail,,,,,,nope,', 'ok,,,,,,,', 'Short,'].join('\n'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(result.errors[0].reason).toContain('organization is empty');
    expect(result.errors[1].reason).toContain('website');
    expect(result.errors[2].reason).toContain('contactEmail');
    expect(result.errors[3].reason).toContain('repeats line 2');
    expect(result.errors[4].reason).toContain('expected 8 columns');
  });

  it('rejects a header without organization or with unknown columns, and an empty file', () => {
    expect(parseExhibitorCsv('name\nAcme')).toMatchObject({ ok: false, errors: [{ line: 1 }] });
    expect(parseExhibitorCsv('organization,secret\nAcme,1')).toMatchObject({ ok: false, errors: [{ line: 1, reason: expect.stringContaining('unknown: secret') }] });
    expect(parseExhibitorCsv('')).toMatchObject({ ok: false, errors: [{ line: 1, reason: 'the file is empty' }] });
    expect(parseExhibitorCsv('organization\n')).toMatchObject({ ok: false, errors: [{ line: 2 }] });
  });
});
