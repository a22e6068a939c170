import { constraintOf, mapConstraint } from './pg-errors';

describe('constraint mapping', () => {
  const violation = (code: string, constraint: string) => Object.assign(new Error('violation'), { driverError: { code, constraint } });
  const taken = () => 'EMAIL_TAKEN';

  it('maps only the constraints a feature names', () => {
    expect(mapConstraint(violation('23505', 'students_email_unique'), { students_email_unique: taken })).toBe('EMAIL_TAKEN');
    // Any other unique violation on the same table is not "e-mail taken".
    expect(mapConstraint(violation('23505', 'students_pkey'), { students_email_unique: taken })).toBeUndefined();
    expect(mapConstraint(violation('23505', 'toString'), { students_email_unique: taken })).toBeUndefined();
  });

  it('reads constraint names of integrity violations only', () => {
    expect(constraintOf(violation('23P01', 'bookings_student_no_overlap'))).toBe('bookings_student_no_overlap');
    expect(constraintOf(violation('40P01', 'bookings_student_no_overlap'))).toBeUndefined();
    expect(constraintOf(new Error('no code'))).toBeUndefined();
  });
});
