import { parseStudentCsv } from './student-csv';

const HEADER = 'name,email,studentNumber,major,graduationYear';

describe('parseStudentCsv', () => {
  it('accepts a good file, normalising e-mails and empty cells', () => {
    const result = parseStudentCsv(`${HEADER}\r\nAda Lovelace, ADA@Example.edu ,S1,Mathematics,2027\n"Doe, Jane",jane@example.edu,,,\n`);
    expect(result).toEqual({
      ok: true,
      rows: [
        { name: 'Ada Lovelace', email: 'ada@example.edu', studentNumber: 'S1', major: 'Mathematics', graduationYear: 2027 },
        { name: 'Doe, Jane', email: 'jane@example.edu', studentNumber: null, major: null, graduationYear: null },
      ],
    });
  });

  it('accepts columns in any order and a byte-order mark', () => {
    const result = parseStudentCsv('\uFEFFemail,name,major,graduationYear,studentNumber\na@x.edu,A,,2026,\n');
    expect(result.ok && result.rows[0]).toMatchObject({ email: 'a@x.edu', name: 'A', graduationYear: 2026 });
  });

  it('reports every bad row with its line number', () => {
    const result = parseStudentCsv(
      [HEADER, 'Ok,ok@x.edu,,,', ',noname@x.edu,,,', 'Bad Mail,not-an-email,,,', 'Year,y@x.edu,,,20x7', 'Dup,OK@x.edu,,,', 'Short,s@x.edu'].join('\n'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(result.errors[0].reason).toContain('name is empty');
    expect(result.errors[1].reason).toContain('email');
    expect(result.errors[2].reason).toContain('graduationYear');
    expect(result.errors[3].reason).toContain('repeats line 2');
    expect(result.errors[4].reason).toContain('expected 5 columns');
  });

  it('rejects a wrong header, an empty file and broken quoting', () => {
    expect(parseStudentCsv('name,mail\nA,a@x.edu')).toMatchObject({ ok: false, errors: [{ line: 1 }] });
    expect(parseStudentCsv('')).toMatchObject({ ok: false, errors: [{ line: 1, reason: 'the file is empty' }] });
    expect(parseStudentCsv(`${HEADER}\n`)).toMatchObject({ ok: false, errors: [{ line: 2 }] });
    const broken = parseStudentCsv(`${HEADER}\n"unterminated,a@x.edu,,,\n`);
    expect(broken.ok).toBe(false);
  });
});
