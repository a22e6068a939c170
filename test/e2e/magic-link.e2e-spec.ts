import { createHash } from 'node:crypto';
import { QueueName } from '../../src/queue/jobs';
import { createStudent, createVolunteer } from '../support/factories';
import { waitForQueueDrained } from '../support/queues';
import { useTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

describe('magic-link sign-in for students and volunteers', () => {
  const t = useTestApp();

  /** The link and code from the newest sign-in message to this address. */
  const linksIn = async (address: string, count = 1) => {
    const mail = await waitFor(() => t.smtp.to(address).length >= count && t.smtp.to(address)[count - 1]);
    const text = mail.parsed.text ?? '';
    const links = [...text.matchAll(/(http:\/\/fairgrid\.test\/sign-in\/link\?token=([A-Za-z0-9_-]+))/g)];
    const codes = [...text.matchAll(/type this code on the sign-in page: ([0-9A-Z]{4}-[0-9A-Z]{4})/g)].map((m) => m[1]);
    return { mail, links: links.map((m, i) => ({ url: m[1], token: m[2], code: codes[i] })) };
  };

  it('e-mails a link through the worker; opening it does not use it up; POST signs in once', async () => {
    const student = await createStudent(t, { name: 'Ada Student' });
    const res = await t.http().post('/api/auth/magic-link').send({ email: student.email.toUpperCase() }).expect(202);
    expect(res.body).toEqual({ status: 'accepted' });

    const { mail, links } = await linksIn(student.email);
    expect(mail.parsed.subject).toBe(`${links[0].code} is your Fairgrid sign-in code`);
    expect(mail.parsed.from?.text).toContain('no-reply@fairgrid.test');
    expect(mail.parsed.text).toContain('Hello Ada Student');
    expect(mail.parsed.to).toMatchObject({ value: [{ name: 'Ada Student', address: student.email }] });
    expect(mail.parsed.html).toContain(links[0].url.replace(/&/g, '&amp;'));
    expect(links).toHaveLength(1);
    expect(links[0].token.length).toBeGreaterThanOrEqual(43); // 256 random bits, base64url
    // A short code a person can type, not the token.
    expect(links[0].code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(mail.parsed.text).not.toContain(`code on the sign-in page: ${links[0].token}`);

    // A mail scanner opening the link twice does not sign anyone in or spend the token.
    const path = new URL(links[0].url).pathname + new URL(links[0].url).search;
    for (let i = 0; i < 2; i++) {
      const page = await t.http().get(path).expect(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(String(page.headers['set-cookie'] ?? '')).not.toContain('fg_session=');
    }

    const signedIn = await t.http().post('/api/auth/magic-link/verify').send({ token: links[0].token }).expect(200);
    expect(signedIn.body.role).toBe('student');
    const me = await t.http().get('/api/students/me').auth(signedIn.body.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body.id).toBe(student.id);

    const again = await t.http().post('/api/auth/magic-link/verify').send({ token: links[0].token }).expect(401);
    expect(again.body.code).toBe('INVALID_SIGN_IN_LINK');
  });

  it('signs in through the API with the address and the typed code, once', async () => {
    const volunteer = await createVolunteer(t, { name: 'Code User' });
    await t.http().post('/api/auth/magic-link').send({ email: volunteer.email }).expect(202);
    const { links } = await linksIn(volunteer.email);
    const wrongAddress = await t.http().post('/api/auth/magic-link/verify').send({ email: 'someone@else.edu', code: links[0].code }).expect(401);
    expect(wrongAddress.body.code).toBe('INVALID_SIGN_IN_CODE');
    const res = await t.http().post('/api/auth/magic-link/verify').send({ email: volunteer.email.toUpperCase(), code: links[0].code.toLowerCase() }).expect(200);
    expect(res.body.role).toBe('volunteer');
    const me = await t.http().get('/api/volunteers/me').auth(res.body.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body.id).toBe(volunteer.id);
    await t.http().post('/api/auth/magic-link/verify').send({ email: volunteer.email, code: links[0].code }).expect(401);
    // The link and the code of one mail are one sign-in: using either spends both.
    await t.http().post('/api/auth/magic-link/verify').send({ token: links[0].token }).expect(401);
    const [row] = await t.db.query(`SELECT encode(code_hash, 'hex') AS hash, email FROM magic_link_tokens WHERE principal_id = $1`, [volunteer.id]);
    expect(row.email).toBe(volunteer.email);
    expect(row.hash).not.toContain(Buffer.from(links[0].code.replace('-', '')).toString('hex'));
  });

  it('answers the same for unknown addresses and sends them nothing', async () => {
    const unknown = await t.http().post('/api/auth/magic-link').send({ email: 'nobody@nowhere.edu' }).expect(202);
    expect(unknown.body).toEqual({ status: 'accepted' });
    await waitForQueueDrained(t, QueueName.Auth);
    expect(t.smtp.to('nobody@nowhere.edu')).toHaveLength(0);
  });

  it('refuses an expired link', async () => {
    const volunteer = await createVolunteer(t);
    await t.http().post('/api/auth/magic-link').send({ email: volunteer.email }).expect(202);
    const { links } = await linksIn(volunteer.email);
    await t.db.query(`UPDATE magic_link_tokens SET expires_at = now() - interval '1 second' WHERE principal_id = $1`, [volunteer.id]);
    const res = await t.http().post('/api/auth/magic-link/verify').send({ token: links[0].token }).expect(401);
    expect(res.body.code).toBe('INVALID_SIGN_IN_LINK');
    const [row] = await t.db.query(`SELECT encode(token_hash, 'hex') AS hash FROM magic_link_tokens WHERE principal_id = $1`, [volunteer.id]);
    // Stored as its SHA-256 only: the database never holds a usable link.
    expect(row.hash).toBe(createHash('sha256').update(links[0].token).digest('hex'));
  });

  it('offers one link per role when a volunteer is also a student', async () => {
    const email = 'alumna@uni.edu';
    const student = await createStudent(t, { email });
    const volunteer = await createVolunteer(t, { email });
    await t.http().post('/api/auth/magic-link').send({ email }).expect(202);
    const { mail, links } = await linksIn(email);
    expect(links).toHaveLength(2);
    expect(mail.parsed.subject).toBe('Your Fairgrid sign-in links');
    expect(new Set(links.map((l) => l.code)).size).toBe(2);
    const roles = [];
    for (const link of links) {
      const res = await t.http().post('/api/auth/magic-link/verify').send({ token: link.token }).expect(200);
      roles.push(res.body.role);
      const self = res.body.role === 'student' ? '/api/students/me' : '/api/volunteers/me';
      const me = await t.http().get(self).auth(res.body.accessToken, { type: 'bearer' }).expect(200);
      expect(me.body.id).toBe(res.body.role === 'student' ? student.id : volunteer.id);
    }
    expect(roles.sort()).toEqual(['student', 'volunteer']);
  });

  it('sends one message for a burst of requests for the same address', async () => {
    const student = await createStudent(t);
    await Promise.all(Array.from({ length: 5 }, () => t.http().post('/api/auth/magic-link').send({ email: student.email }).expect(202)));
    await linksIn(student.email);
    await waitForQueueDrained(t, QueueName.Auth);
    expect(t.smtp.to(student.email).length).toBeLessThanOrEqual(2); // at most one per minute boundary crossed
  });
});
