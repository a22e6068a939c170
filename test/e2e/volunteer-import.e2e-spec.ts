import { bearer, useTestApp } from '../support/test-app';

/** Issue 13: `POST /api/volunteers/import`, the service the console's upload and the CLI share. */
describe('volunteer CSV import', () => {
  const t = useTestApp();
  let staff: string;
  beforeAll(async () => {
    staff = await t.staffToken();
  });

  const importVolunteers = (body: Buffer | string, contentType = 'text/csv') =>
    t.http().post('/api/volunteers/import').set(bearer(staff)).set('Content-Type', contentType).send(Buffer.from(body));
  const volunteer = async (email: string) =>
    (await t.db.query(`SELECT name, organization, organization_id IS NOT NULL AS "hasOrganization", title, expertise FROM volunteers WHERE email = $1`, [email]))[0] as
      | { name: string; organization: string; hasOrganization: boolean; title: string; expertise: string[] }
      | undefined;

  it('adds the new addresses of a good file and leaves known ones as they are', async () => {
    const csv = [
      'name,email,organization,title,expertise',
      'Priya Raman,Priya@Globex.example,Globex Import,Engineer,software;Backend',
      '"Lee, Sam",sam@initech.example,,,',
      '',
    ].join('\n');
    const first = await importVolunteers(csv).expect(200);
    expect(first.body).toEqual({ total: 2, created: 2, skipped: 0 });
    expect(await volunteer('priya@globex.example')).toEqual({ name: 'Priya Raman', organization: 'Globex Import', hasOrganization: true, title: 'Engineer', expertise: ['software', 'backend'] });
    expect(await volunteer('sam@initech.example')).toEqual({ name: 'Lee, Sam', organization: '', hasOrganization: false, title: '', expertise: [] });

    // Again, with Priya renamed: she is known, so nothing of hers changes; the new address is added.
    const again = await importVolunteers('name,email\nPriya R.,priya@globex.example\nNew Person,new-person@globex.example\n').expect(200);
    expect(again.body).toEqual({ total: 2, created: 1, skipped: 1 });
    expect((await volunteer('priya@globex.example'))?.name).toBe('Priya Raman');
    // The organization was found again by name, not made twice.
    const [orgs] = await t.db.query(`SELECT count(*)::int AS n FROM organizations WHERE lower(name) = 'globex import'`);
    expect(orgs.n).toBe(1);
  });

  it('rejects a file with bad lines, each listed with its line number, and writes nothing', async () => {
    const csv = [
      'name,email,organization,title,expertise',
      'Good Line,good-line@example.com,,,',
      ',not-an-address,,,',
      'Twice,twice@example.com,,,',
      'Bad Tags,tags@example.com,,,Has Spaces',
      'Twice Again,TWICE@example.com,,,',
    ].join('\n');
    const res = await importVolunteers(csv).expect(422);
    expect(res.body.code).toBe('IMPORT_REJECTED');
    expect(res.body.details.rowCount).toBe(3);
    const rows = res.body.details.rows as { line: number; reason: string }[];
    expect(rows.map((r) => r.line)).toEqual([3, 5, 6]);
    expect(rows[0].reason).toMatch(/^name: .*; email: /);
    expect(rows[1].reason).toMatch(/^expertise: each expertise tag must be/);
    expect(rows[2].reason).toBe('email repeats line 4');
    expect(await volunteer('good-line@example.com')).toBeUndefined();

    const header = await importVolunteers('name,phone\nX,1\n').expect(422);
    expect(header.body.details.rows[0]).toEqual({ line: 1, reason: expect.stringContaining('unknown column(s) phone') });
  });

  it('reads Windows-1252 when it is safely detectable or declared, and refuses what it cannot tell (415)', async () => {
    await importVolunteers(Buffer.from('name,email,organization\nJosé Peña,jose-v@example.com,Café Müller\n', 'latin1')).expect(200);
    expect(await volunteer('jose-v@example.com')).toMatchObject({ name: 'José Peña', organization: 'Café Müller' });
    await importVolunteers(Buffer.from('name,email\nRenée Müller,renee-v@example.com\n', 'latin1'), 'text/csv; charset=windows-1252').expect(200);
    expect((await volunteer('renee-v@example.com'))?.name).toBe('Renée Müller');
    const cyrillic = Buffer.concat([Buffer.from('name,email\n'), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), Buffer.from(',ivan-v@example.com\n')]);
    const refused = await importVolunteers(cyrillic).expect(415);
    expect(refused.body).toMatchObject({ code: 'CSV_ENCODING_UNKNOWN', details: { reason: 'undetectable' } });
    expect(await volunteer('ivan-v@example.com')).toBeUndefined();
    const json = await t.http().post('/api/volunteers/import').set(bearer(staff)).send({ name: 'x' }).expect(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
