import { createStudent, createVolunteer } from '../support/factories';
import { useTestApp, TestApp } from '../support/test-app';

describe('volunteers, students and staff', () => {
  const t = useTestApp();
  let staff: string;
  beforeAll(async () => {
    staff = await t.staffToken();
  });

  it('registers a volunteer with normalised e-mail and tags; e-mail is unique ignoring case', async () => {
    const res = await t
      .http()
      .post('/api/volunteers')
      .auth(staff, { type: 'bearer' })
      .send({ name: 'Grace Hopper', email: ' Grace@Navy.MIL ', organization: 'US Navy', title: 'Rear Admiral', expertise: ['Software', 'software', 'resume-review'] })
      .expect(201);
    expect(res.body).toMatchObject({ email: 'grace@navy.mil', expertise: ['software', 'resume-review'] });
    const dup = await t.http().post('/api/volunteers').auth(staff, { type: 'bearer' }).send({ name: 'G', email: 'GRACE@navy.mil' }).expect(409);
    expect(dup.body.code).toBe('EMAIL_TAKEN');

    const me = await t.http().get('/api/volunteers/me').auth(await t.tokenFor('volunteer', res.body.id), { type: 'bearer' }).expect(200);
    expect(me.body.id).toBe(res.body.id);
  });

  it('pages volunteers by cursor and searches them', async () => {
    for (let i = 0; i < 5; i++) await createVolunteer(t, { name: `Pager ${i}`, organization: `PagingCorp` });
    const first = await t.http().get('/api/volunteers').query({ limit: 2, q: 'pagingcorp' }).auth(staff, { type: 'bearer' }).expect(200);
    expect(first.body.items.map((v: { name: string }) => v.name)).toEqual(['Pager 0', 'Pager 1']);
    const second = await t.http().get('/api/volunteers').query({ limit: 2, q: 'pagingcorp', cursor: first.body.nextCursor }).auth(staff, { type: 'bearer' }).expect(200);
    expect(second.body.items.map((v: { name: string }) => v.name)).toEqual(['Pager 2', 'Pager 3']);
    const third = await t.http().get('/api/volunteers').query({ limit: 2, q: 'pagingcorp', cursor: second.body.nextCursor }).auth(staff, { type: 'bearer' }).expect(200);
    expect(third.body).toMatchObject({ items: [{ name: 'Pager 4' }], nextCursor: null });
  });

  it('registers students, finds them by name or e-mail, and shows a student their own record', async () => {
    const ada = await createStudent(t, { name: 'Ada Lovelace', email: 'ada@uni.edu', major: 'Mathematics', graduationYear: 2027, studentNumber: 'S-1' });
    await createStudent(t, { name: 'Alan Turing', email: 'alan@uni.edu' });
    const found = await t.http().get('/api/students').query({ q: 'LOVELACE' }).auth(staff, { type: 'bearer' }).expect(200);
    expect(found.body.items).toEqual([expect.objectContaining({ id: ada.id, major: 'Mathematics', graduationYear: 2027, studentNumber: 'S-1' })]);
    const byMail = await t.http().get('/api/students').query({ q: 'alan@' }).auth(staff, { type: 'bearer' }).expect(200);
    expect(byMail.body.items.map((s: { name: string }) => s.name)).toEqual(['Alan Turing']);
    const me = await t.http().get('/api/students/me').auth(ada.token, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ id: ada.id, email: 'ada@uni.edu' });
  });

  it('imports 10,000 students in one request, then upserts by e-mail', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `Student ${i},bulk${i}@uni.edu,N${i},Economics,2028`);
    const csv = ['name,email,studentNumber,major,graduationYear', ...rows].join('\n');
    const first = await t.http().post('/api/students/import').auth(staff, { type: 'bearer' }).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(first.body).toEqual({ total: 10_000, created: 10_000, updated: 0 });

    const again = ['name,email,studentNumber,major,graduationYear', 'Renamed,BULK1@uni.edu,N1,History,2029', 'New One,new@uni.edu,,,'].join('\n');
    const second = await t.http().post('/api/students/import').auth(staff, { type: 'bearer' }).set('Content-Type', 'text/csv').send(again).expect(200);
    expect(second.body).toEqual({ total: 2, created: 1, updated: 1 });
    const [row] = await t.db.query(`SELECT name, major, graduation_year FROM students WHERE email = 'bulk1@uni.edu'`);
    expect(row).toEqual({ name: 'Renamed', major: 'History', graduation_year: 2029 });
  });

  it('rejects a file with bad rows whole, listing every bad line, and writes nothing', async () => {
    const [{ count: before }] = await t.db.query(`SELECT count(*)::int AS count FROM students`);
    const csv = ['name,email,studentNumber,major,graduationYear', 'Good,good-row@uni.edu,,,', ',x@uni.edu,,,', 'Bad,nope,,,', 'Year,y@uni.edu,,,1066'].join('\n');
    const res = await t.http().post('/api/students/import').auth(staff, { type: 'bearer' }).set('Content-Type', 'text/csv').send(csv).expect(422);
    expect(res.body.code).toBe('IMPORT_REJECTED');
    expect(res.body.details.rows.map((r: { line: number }) => r.line)).toEqual([3, 4, 5]);
    const [{ count: after }] = await t.db.query(`SELECT count(*)::int AS count FROM students`);
    expect(after).toBe(before);
  });

  it('lets staff add staff who can then sign in; wrong passwords are refused alike', async () => {
    await t.http().post('/api/staff').auth(staff, { type: 'bearer' }).send({ name: 'Second', email: 'second@fairgrid.test', password: 'another-long-password' }).expect(201);
    const login = await t.http().post('/api/auth/login').send({ email: 'SECOND@fairgrid.test', password: 'another-long-password' }).expect(200);
    expect(login.body.role).toBe('staff');
    const wrong = await t.http().post('/api/auth/login').send({ email: 'second@fairgrid.test', password: 'wrong-password' }).expect(401);
    const unknown = await t.http().post('/api/auth/login').send({ email: 'nobody@fairgrid.test', password: 'wrong-password' }).expect(401);
    expect(wrong.body).toEqual({ ...unknown.body, requestId: wrong.body.requestId });
    const dup = await t.http().post('/api/staff').auth(staff, { type: 'bearer' }).send({ name: 'Dup', email: 'second@fairgrid.test', password: 'another-long-password' }).expect(409);
    expect(dup.body.code).toBe('EMAIL_TAKEN');
    const [row] = await t.db.query(`SELECT password_hash FROM staff WHERE email = 'second@fairgrid.test'`);
    expect(row.password_hash).toMatch(/^scrypt\$/);
  });
});
