import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { Environment } from '../../config/environment';
import { AccessTokenService } from './access-token.service';

const SECRET = 'a-test-secret-that-is-at-least-32-characters-long';
const ID = '6b0f4a4e-0a8e-4a53-9e55-2f2d0f4f5c11';

describe('AccessTokenService.verify', () => {
  const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256', expiresIn: '1h' } });
  const tokens = new AccessTokenService(jwt, { JWT_SECRET: SECRET } as Environment);
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = (header: object, payload: object, secret = SECRET) => {
    const unsigned = `${b64(header)}.${b64(payload)}`;
    return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
  };
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts what it issued, as jsonwebtoken signs it', async () => {
    const token = await tokens.issue({ id: ID, role: 'student' });
    await expect(tokens.verify(token)).resolves.toEqual({ id: ID, role: 'student' });
  });

  it('refuses tampered, foreign, expired, not-yet-valid and algorithm-swapped tokens', async () => {
    const good = await tokens.issue({ id: ID, role: 'volunteer' });
    const [h, p, s] = good.split('.');
    const refused = [
      `${h}.${b64({ sub: ID, role: 'staff', exp: now() + 60 })}.${s}`, // payload swapped under the old signature
      `${h}.${p}.${s.slice(0, -1)}`,
      `${h}.${p}.${s}=`, // another spelling of the same bytes
      `${h}.${p}`,
      `${h}.${p}.${s}.x`,
      signed({ alg: 'HS256' }, { sub: ID, role: 'student', exp: now() + 60 }, `${SECRET}-other`),
      signed({ alg: 'HS256' }, { sub: ID, role: 'student', exp: now() - 1 }),
      signed({ alg: 'HS256' }, { sub: ID, role: 'student', exp: now() + 60, nbf: now() + 60 }),
      signed({ alg: 'HS256' }, { sub: ID, role: 'student' }), // no expiry
      signed({ alg: 'HS512' }, { sub: ID, role: 'student', exp: now() + 60 }),
      `${b64({ alg: 'none' })}.${b64({ sub: ID, role: 'student', exp: now() + 60 })}.`,
      signed({ alg: 'HS256' }, { sub: ID, role: 'admin', exp: now() + 60 }),
      signed({ alg: 'HS256' }, { sub: 42, role: 'student', exp: now() + 60 }),
      signed({ alg: 'HS256' }, ['not', 'an', 'object']),
      'not a token',
      '',
    ];
    for (const token of refused) await expect(tokens.verify(token)).resolves.toBeUndefined();
    await expect(tokens.verify(signed({ alg: 'HS256', typ: 'JWT' }, { sub: ID, role: 'staff', exp: now() + 60 }))).resolves.toEqual({ id: ID, role: 'staff' });
  });
});
