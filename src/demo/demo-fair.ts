import { en, Faker } from '@faker-js/faker';

/**
 * The demo's "Spring Career & Internship Fair", made up by a seeded faker: the same seed and
 * sizes give the same fair, byte for byte (times are offsets from the fair's start, so the
 * instant it runs at does not change the people). Pure: no Nest, no database.
 */
export interface DemoFairOptions {
  seed: number;
  students: number;
}

export interface DemoOrganization {
  name: string;
  industry: string;
  expertise: string[];
  website: string;
}

export interface DemoVolunteer {
  name: string;
  email: string;
  organization: string;
  title: string;
  expertise: string[];
  /** Minutes after the fair opens. */
  window: { from: number; to: number };
  /** Interview table (0-based) they sit at during their shift. */
  table: number;
  shift: { from: number; to: number };
}

export interface DemoStudent {
  name: string;
  email: string;
  studentNumber: string;
  major: string;
  graduationYear: number;
}

export interface DemoExhibitor {
  organization: string;
  industries: string[];
  roles: string[];
  majors: string[];
  website: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

export interface DemoFair {
  name: string;
  timezone: string;
  location: string;
  description: string;
  /** Length of the day in minutes; interviews are `slotMinutes` long. */
  dayMinutes: number;
  slotMinutes: number;
  maxBookingsPerStudent: number;
  organizations: DemoOrganization[];
  exhibitors: DemoExhibitor[];
  volunteers: DemoVolunteer[];
  students: DemoStudent[];
  tables: number;
}

export const DEMO_FAIR_NAME = 'Spring Career & Internship Fair';
const DAY_MINUTES = 360;
const SLOT_MINUTES = 20;
const TABLES = 20;
const VOLUNTEERS = 40;
const ORGANIZATIONS = 15;
const EXHIBITORS = 60;

/** Industry → expertise tags its volunteers interview for, roles it hires, majors it looks for. */
const INDUSTRIES: Record<string, { expertise: string[]; roles: string[]; majors: string[] }> = {
  Software: { expertise: ['software', 'backend', 'frontend'], roles: ['Software Engineer Intern', 'Site Reliability Intern'], majors: ['Computer Science', 'Computer Engineering', 'Mathematics'] },
  'Data & AI': { expertise: ['data-science', 'software', 'analytics'], roles: ['Data Analyst', 'Machine Learning Intern'], majors: ['Statistics', 'Computer Science', 'Mathematics', 'Economics'] },
  Finance: { expertise: ['finance', 'analytics'], roles: ['Financial Analyst', 'Audit Associate'], majors: ['Finance', 'Economics', 'Accounting', 'Mathematics'] },
  Consulting: { expertise: ['consulting', 'case-interview'], roles: ['Business Analyst', 'Consulting Intern'], majors: ['Economics', 'Business Administration', 'Psychology'] },
  Healthcare: { expertise: ['healthcare', 'data-science'], roles: ['Clinical Research Assistant', 'Health Data Intern'], majors: ['Biology', 'Nursing', 'Public Health', 'Chemistry'] },
  Engineering: { expertise: ['engineering', 'product'], roles: ['Mechanical Engineering Intern', 'Field Engineer'], majors: ['Mechanical Engineering', 'Electrical Engineering', 'Civil Engineering'] },
  Marketing: { expertise: ['marketing', 'design'], roles: ['Marketing Associate', 'Brand Intern'], majors: ['Marketing', 'Communications', 'Graphic Design'] },
  'Public sector': { expertise: ['policy', 'resume-review'], roles: ['Policy Fellow', 'Program Assistant'], majors: ['Political Science', 'Public Health', 'Economics'] },
};
export const MAJORS = [...new Set(Object.values(INDUSTRIES).flatMap((i) => i.majors))].sort();
const TITLES = ['Senior Engineer', 'Talent Acquisition Partner', 'Engineering Manager', 'Campus Recruiter', 'Analyst', 'Product Manager', 'Alumni Mentor', 'Director'];

/** Distinct values from `make`, giving up on a value after a few draws that repeat. */
function distinct(count: number, make: (attempt: number) => string): string[] {
  const seen = new Set<string>();
  for (let attempt = 0; seen.size < count; attempt++) {
    const value = make(attempt);
    if (!seen.has(value.toLowerCase())) seen.add(value);
  }
  return [...seen];
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';

export function generateDemoFair(options: DemoFairOptions): DemoFair {
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed);
  const industries = Object.keys(INDUSTRIES);
  const companyNames = distinct(EXHIBITORS, (attempt) => (attempt < EXHIBITORS * 3 ? faker.company.name() : `${faker.company.name()} ${attempt}`));

  // The first 15 exhibitors also send interviewers: they are the organizations students rank.
  const organizations: DemoOrganization[] = companyNames.slice(0, ORGANIZATIONS).map((name, i) => {
    const industry = industries[i % industries.length];
    return { name, industry, expertise: INDUSTRIES[industry].expertise, website: `https://${slug(name)}.example.com` };
  });
  const exhibitors: DemoExhibitor[] = companyNames.map((name, i) => {
    const industry = i < ORGANIZATIONS ? organizations[i].industry : faker.helpers.arrayElement(industries);
    const contact = faker.person.fullName();
    return {
      organization: name,
      industries: [industry],
      roles: faker.helpers.arrayElements(INDUSTRIES[industry].roles, { min: 1, max: 2 }),
      majors: faker.helpers.arrayElements(INDUSTRIES[industry].majors, { min: 1, max: 3 }),
      website: `https://${slug(name)}.example.com`,
      contactName: contact,
      contactEmail: `${slug(contact)}@${slug(name)}.example.com`,
      contactPhone: faker.phone.number({ style: 'national' }),
    };
  });

  // 40 interviewers on 20 tables: the first 20 sit in the morning shift, the others in the
  // afternoon at the same tables; each gives a window of at least half their shift.
  const half = DAY_MINUTES / 2;
  const volunteerNames = distinct(VOLUNTEERS, () => faker.person.fullName());
  const volunteers: DemoVolunteer[] = volunteerNames.map((name, i) => {
    const organization = organizations[i < ORGANIZATIONS ? i : faker.number.int({ min: 0, max: ORGANIZATIONS - 1 })];
    const shift = i < TABLES ? { from: 0, to: half } : { from: half, to: DAY_MINUTES };
    const slotsInShift = half / SLOT_MINUTES;
    const late = faker.number.int({ min: 0, max: Math.floor(slotsInShift / 4) });
    const early = faker.number.int({ min: 0, max: Math.floor(slotsInShift / 4) });
    return {
      name,
      email: `${slug(name)}.${i + 1}@${slug(organization.name)}.example.com`,
      organization: organization.name,
      title: faker.helpers.arrayElement(TITLES),
      expertise: faker.helpers.arrayElements(organization.expertise, { min: 1, max: organization.expertise.length }),
      window: { from: shift.from + late * SLOT_MINUTES, to: shift.to - early * SLOT_MINUTES },
      table: i % TABLES,
      shift,
    };
  });

  const students: DemoStudent[] = [];
  for (let i = 0; i < options.students; i++) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    students.push({
      name: `${first} ${last}`,
      email: `${slug(first)}.${slug(last)}.${i + 1}@students.example.edu`,
      studentNumber: `S${String(260000 + i).padStart(7, '0')}`,
      major: faker.helpers.arrayElement(MAJORS),
      graduationYear: faker.helpers.weightedArrayElement([
        { value: 2026, weight: 4 },
        { value: 2027, weight: 3 },
        { value: 2028, weight: 2 },
        { value: 2029, weight: 1 },
      ]),
    });
  }

  return {
    name: DEMO_FAIR_NAME,
    timezone: 'America/New_York',
    location: 'Student Union, Main Hall and East Hall',
    description: 'Sixty employers at their booths, and twenty-minute mock interviews with recruiters and alumni at the interview tables in the East Hall.',
    dayMinutes: DAY_MINUTES,
    slotMinutes: SLOT_MINUTES,
    maxBookingsPerStudent: 2,
    organizations,
    exhibitors,
    volunteers,
    students,
    tables: TABLES,
  };
}

/**
 * Each student's ranked organizations (up to `choices`), drawn with a seeded faker: mostly
 * employers of their major's industries, some anywhere, so popular tables are contested.
 */
export function demoPreferences(fair: DemoFair, seed: number, choices = 5): string[][] {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed + 1);
  return fair.students.map((student) => {
    const fitting = fair.organizations.filter((o) => INDUSTRIES[o.industry].majors.includes(student.major)).map((o) => o.name);
    const others = fair.organizations.map((o) => o.name).filter((name) => !fitting.includes(name));
    const count = faker.number.int({ min: 2, max: choices });
    const picked = [...faker.helpers.shuffle(fitting).slice(0, Math.min(fitting.length, count - 1)), ...faker.helpers.shuffle(others)];
    return picked.slice(0, count);
  });
}

export interface Place {
  label: string;
  kind: 'booth' | 'interview_table' | 'check_in' | 'entrance' | 'restroom';
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: 0;
  exhibitorId?: string;
  assignments?: { volunteerId: string; startsAt: string; endsAt: string }[];
}

/**
 * Two halls: the Main Hall with 36 booths in six rows, the East Hall with 24 booths along its
 * north wall and the 20 interview tables below them. `at(minutes)` is the instant that many
 * minutes after the fair opens.
 */
export function demoFloorPlan(
  fair: DemoFair,
  exhibitorIds: string[],
  volunteerIds: string[],
  at: (minutes: number) => string,
): { halls: { key: string; name: string; width: number; height: number; places: Place[] }[] } {
  const booth = (label: string, x: number, y: number, i: number): Place => ({ label, kind: 'booth', x, y, width: 3, height: 2, rotation: 0, exhibitorId: exhibitorIds[i] });
  const main: Place[] = [];
  for (let i = 0; i < 36 && i < exhibitorIds.length; i++) main.push(booth(`A${i + 1}`, 2 + (i % 6) * 8, 2 + Math.floor(i / 6) * 4.5, i));
  main.push({ label: 'Check-in', kind: 'check_in', x: 2, y: 29, width: 4, height: 2, rotation: 0 });
  main.push({ label: 'Main entrance', kind: 'entrance', x: 22, y: 30, width: 4, height: 1, rotation: 0 });
  const east: Place[] = [];
  for (let i = 36; i < exhibitorIds.length; i++) {
    const k = i - 36;
    east.push(booth(`B${k + 1}`, 2 + (k % 12) * 4.5, 2 + Math.floor(k / 12) * 4, i));
  }
  for (let t = 0; t < fair.tables; t++) {
    const sitting = fair.volunteers.map((v, i) => ({ v, id: volunteerIds[i] })).filter(({ v }) => v.table === t);
    east.push({
      label: `T${t + 1}`,
      kind: 'interview_table',
      x: 4 + (t % 5) * 10,
      y: 13 + Math.floor(t / 5) * 4,
      width: 2,
      height: 1,
      rotation: 0,
      assignments: sitting.map(({ v, id }) => ({ volunteerId: id, startsAt: at(v.shift.from), endsAt: at(v.shift.to) })),
    });
  }
  east.push({ label: 'WC', kind: 'restroom', x: 55, y: 27, width: 4, height: 3, rotation: 0 });
  return {
    halls: [
      { key: 'A', name: 'Main Hall', width: 52, height: 32, places: main },
      { key: 'B', name: 'East Hall', width: 60, height: 32, places: east },
    ],
  };
}
