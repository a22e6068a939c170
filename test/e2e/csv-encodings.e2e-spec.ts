import { bearer, useTestApp } from '../support/test-app';

/** "José Peña" as Excel's "CSV (Comma delimited)" saves it on Windows: Windows-1252, no BOM. */
const windows1252 = (text: string) => Buffer.from(text, 'latin1');

describe('CSV imports in the encodings spreadsheets save', () => {
  const t = useTestApp();
  let staff: string;
  beforeAll(async () => {
    staff = await t.staffToken();
  });

  const importStudents = (body: Buffer, contentType = 'text/csv') =>
    t.http().post('/api/students/import').set(bearer(staff)).set('Content-Type', contentType).send(body);
  const nameOf = async (email: string) => (await t.db.query(`SELECT name FROM students WHERE email = $1`, [email]))[0]?.name as string | undefined;

  it('reads Windows-1252 without a declared charset when it is safely detectable ("José", not "Jos\uFFFD")', async () => {
    await importStudents(windows1252('name,email,studentNumber,major,graduationYear\nJosé Peña,jose@example.edu,,,\n')).expect(200);
    expect(await nameOf('jose@example.edu')).toBe('José Peña');
  });

  it('reads the charset the request declares, and a UTF-8 or UTF-16 byte order mark', async () => {
    await importStudents(windows1252('name,email,studentNumber,major,graduationYear\nRenée Müller,renee@example.edu,,,\n'), 'text/csv; charset=windows-1252').expect(200);
    expect(await nameOf('renee@example.edu')).toBe('Renée Müller');
    await importStudents(Buffer.from('\uFEFFname,email,studentNumber,major,graduationYear\nZoë Ærø,zoe@example.edu,,,\n')).expect(200);
    expect(await nameOf('zoe@example.edu')).toBe('Zoë Ærø');
    await importStudents(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,email,studentNumber,major,graduationYear\r\nŁukasz Żak,lukasz@example.edu,,,\r\n', 'utf16le')])).expect(200);
    expect(await nameOf('lukasz@example.edu')).toBe('Łukasz Żak');
  });

  it('refuses with 415 CSV_ENCODING_UNKNOWN what it cannot tell, storing nothing', async () => {
    // "Привет" saved in Windows-1251 would read as "Ïðèâåò" in Windows-1252.
    const cyrillic = Buffer.concat([Buffer.from('name,email,studentNumber,major,graduationYear\n'), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), Buffer.from(',ivan@example.edu,,,\n')]);
    const res = await importStudents(cyrillic).expect(415);
    expect(res.body).toMatchObject({ code: 'CSV_ENCODING_UNKNOWN', details: { reason: 'undetectable' } });
    expect(res.body.message).toMatch(/CSV UTF-8/);
    expect(await nameOf('ivan@example.edu')).toBeUndefined();

    const declaredWrong = await importStudents(windows1252('name,email,studentNumber,major,graduationYear\nJosé,jose2@example.edu,,,\n'), 'text/csv; charset=utf-8').expect(415);
    expect(declaredWrong.body).toMatchObject({ code: 'CSV_ENCODING_UNKNOWN', details: { reason: 'invalid-for-charset' } });
    const unknown = await importStudents(Buffer.from('name,email,studentNumber,major,graduationYear\n'), 'text/csv; charset=x-klingon').expect(415);
    expect(unknown.body).toMatchObject({ code: 'CSV_ENCODING_UNKNOWN', details: { reason: 'unsupported-charset' } });
  });

  it('decodes exhibitor imports the same way', async () => {
    const event = await t.http().post('/api/events').set(bearer(staff)).send({
      name: 'Encodings fair',
      timezone: 'UTC',
      startsAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 52 * 3600_000).toISOString(),
      bookingOpensAt: new Date(Date.now() - 3600_000).toISOString(),
      bookingClosesAt: new Date(Date.now() + 47 * 3600_000).toISOString(),
    }).expect(201);
    await t.http().post(`/api/events/${event.body.id}/exhibitors/import`).set(bearer(staff)).set('Content-Type', 'text/csv').send(windows1252('organization,contactName\nCafé Müller,Inés\n')).expect(200);
    const names = (await t.db.query(`SELECT organization, contact_name AS "contactName" FROM exhibitors WHERE event_id = $1`, [event.body.id])) as { organization: string; contactName: string }[];
    expect(names).toEqual([{ organization: 'Café Müller', contactName: 'Inés' }]);
  });
});
