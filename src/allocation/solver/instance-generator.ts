import type { Prng } from './prng';
import { createPrng } from './prng';
import type {
  AllocationInput,
  AllocationOrganization,
  AllocationSlot,
  AllocationStudent,
  FixedBooking,
  RankedChoice,
  TimeInterval,
  VolunteerGroup,
  VolunteerLoad,
} from './types';

/**
 * Seeded instances for the benchmark and the property tests. Same parameters and seed, same
 * instance, on any machine.
 */
export interface ReferenceInstanceParams {
  students: number;
  volunteers: number;
  slotsPerVolunteer: number;
  slotMinutes: number;
  choices: number;
  maxInterviewsPerStudent: number;
  tags: number;
  /** Zipf exponent of volunteer popularity (0 = uniform). */
  popularitySkew: number;
  /** Share of choices that name an expertise tag instead of a volunteer. */
  tagChoiceShare: number;
  /** Share of volunteers who only come for part of the day. */
  partialDayShare: number;
  /** Share of students with classes during the day. */
  classStudentShare: number;
  /** Share of slots booked first-come before the run (fixed bookings). */
  prebookedShare: number;
  seed: string;
}

export const REFERENCE_INSTANCE: ReferenceInstanceParams = {
  students: 6000,
  volunteers: 300,
  slotsPerVolunteer: 16,
  slotMinutes: 30,
  choices: 5,
  maxInterviewsPerStudent: 2,
  tags: 20,
  popularitySkew: 1,
  tagChoiceShare: 0.1,
  partialDayShare: 0.3,
  classStudentShare: 0.35,
  prebookedShare: 0.03,
  seed: 'fairgrid-reference-2026',
};

const MINUTE = 60_000;
/** 2026-03-10 09:00 in New York; only differences matter. */
const DAY_START = Date.UTC(2026, 2, 10, 13, 0);

function pad(prefix: string, i: number, width: number): string {
  return prefix + String(i).padStart(width, '0');
}

/** Draws an index with probability proportional to `weights` (cumulative, ascending). */
function drawWeighted(cumulative: Float64Array, prng: Prng): number {
  const target = prng.next() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function cumulativeOf(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (out[i] = sum += w));
  return out;
}

/**
 * A job-fair day: volunteers with Zipf-skewed popularity and tags (a few very popular, a long
 * tail), some only part of the day; students ranking volunteers and tags; some with classes.
 */
export function generateReferenceInstance(params: Partial<ReferenceInstanceParams> = {}): AllocationInput {
  const p = { ...REFERENCE_INSTANCE, ...params };
  const prng = createPrng(`${p.seed}/${p.students}/${p.volunteers}`);
  const width = String(Math.max(p.students, p.volunteers)).length;
  const slotMs = p.slotMinutes * MINUTE;
  const dayEnd = DAY_START + p.slotsPerVolunteer * slotMs;

  const tagIds = Array.from({ length: p.tags }, (_, i) => pad('tag-', i, 2));
  const tagCumulative = cumulativeOf(tagIds.map((_, i) => 1 / (i + 1)));
  const volunteerIds = Array.from({ length: p.volunteers }, (_, i) => pad('v', i, width));
  // Popularity rank is shuffled against ids so "popular" is not "first".
  const popularity = volunteerIds.map(() => 0);
  const ranks = volunteerIds.map((_, i) => i);
  for (let i = ranks.length - 1; i > 0; i--) {
    const j = prng.int(i + 1);
    [ranks[i], ranks[j]] = [ranks[j], ranks[i]];
  }
  ranks.forEach((r, v) => (popularity[v] = 1 / Math.pow(r + 1, p.popularitySkew)));
  const volunteerCumulative = cumulativeOf(popularity);

  const members: string[][] = tagIds.map(() => []);
  const slots: AllocationSlot[] = [];
  volunteerIds.forEach((volunteerId) => {
    const first = drawWeighted(tagCumulative, prng);
    members[first].push(volunteerId);
    if (prng.next() < 0.4) {
      const second = drawWeighted(tagCumulative, prng);
      if (second !== first) members[second].push(volunteerId);
    }
    let from = 0;
    let to = p.slotsPerVolunteer;
    if (prng.next() < p.partialDayShare) {
      const length = Math.max(2, Math.round(p.slotsPerVolunteer * (0.35 + 0.4 * prng.next())));
      from = prng.int(p.slotsPerVolunteer - length + 1);
      to = from + length;
    }
    for (let k = from; k < to; k++) {
      const startsAt = DAY_START + k * slotMs;
      slots.push({ id: `${volunteerId}-${String(k).padStart(2, '0')}`, volunteerId, startsAt, endsAt: startsAt + slotMs, capacity: 1 });
    }
  });
  const groups: VolunteerGroup[] = tagIds.map((id, t) => ({ id, volunteerIds: members[t] })).filter((g) => g.volunteerIds.length > 0);

  // A catalogue of class meetings (on the hour, 50 or 75 minutes); a student takes one or two.
  const sections: TimeInterval[] = [];
  for (let start = DAY_START; start + 50 * MINUTE <= dayEnd; start += 60 * MINUTE) {
    sections.push({ startsAt: start, endsAt: start + 50 * MINUTE });
    sections.push({ startsAt: start, endsAt: start + 75 * MINUTE });
  }

  const students: AllocationStudent[] = [];
  for (let i = 0; i < p.students; i++) {
    const choices: RankedChoice[] = [];
    const usedVolunteers = new Set<number>();
    const usedTags = new Set<number>();
    for (let rank = 1; rank <= p.choices; rank++) {
      if (prng.next() < p.tagChoiceShare) {
        const t = drawWeighted(tagCumulative, prng);
        if (!usedTags.has(t) && members[t].length > 0) {
          usedTags.add(t);
          choices.push({ rank, groupId: tagIds[t] });
          continue;
        }
      }
      let v = drawWeighted(volunteerCumulative, prng);
      for (let tries = 0; usedVolunteers.has(v) && tries < 20; tries++) v = drawWeighted(volunteerCumulative, prng);
      if (usedVolunteers.has(v)) continue;
      usedVolunteers.add(v);
      choices.push({ rank, volunteerId: volunteerIds[v] });
    }
    const unavailable: TimeInterval[] = [];
    if (prng.next() < p.classStudentShare) {
      const count = 1 + prng.int(2);
      for (let c = 0; c < count; c++) unavailable.push(sections[prng.int(sections.length)]);
    }
    students.push({ id: pad('s', i, width), choices, unavailable });
  }

  // First-come bookings made before the run: the slot loses its room, the student keeps it.
  const prebooked = Math.round(slots.length * p.prebookedShare);
  for (let k = 0; k < prebooked; k++) {
    const slot = slots[prng.int(slots.length)];
    const student = students[prng.int(students.length)];
    if (slot.capacity === 0 || (student.fixedBookings?.length ?? 0) > 0) continue;
    const clash = (student.unavailable ?? []).some((u) => u.startsAt < slot.endsAt && slot.startsAt < u.endsAt);
    if (clash) continue;
    slot.capacity = 0;
    const booking: FixedBooking = { volunteerId: slot.volunteerId, startsAt: slot.startsAt, endsAt: slot.endsAt };
    student.fixedBookings = [booking];
  }
  return { slots, groups, students, maxInterviewsPerStudent: p.maxInterviewsPerStudent, rankCount: p.choices };
}

/**
 * A small random instance for property tests: odd slot lengths that overlap without matching,
 * capacities 0–2, groups, unavailability, fixed bookings, limits 1–3.
 */
export function generateSmallInstance(seed: string | number): AllocationInput {
  const prng = createPrng(`small/${seed}`);
  const volunteers = 1 + prng.int(5);
  const slots: AllocationSlot[] = [];
  for (let v = 0; v < volunteers; v++) {
    const count = prng.int(5);
    for (let k = 0; k < count; k++) {
      const startsAt = DAY_START + prng.int(8) * 30 * MINUTE;
      const minutes = prng.next() < 0.75 ? 30 : 60;
      const capacity = prng.next() < 0.1 ? 0 : prng.next() < 0.15 ? 2 : 1;
      slots.push({ id: `x${v}-${k}`, volunteerId: `v${v}`, startsAt, endsAt: startsAt + minutes * MINUTE, capacity });
    }
  }
  const groups: VolunteerGroup[] = [];
  const groupCount = prng.int(3);
  for (let g = 0; g < groupCount; g++) {
    const ids = Array.from({ length: volunteers }, (_, v) => `v${v}`).filter(() => prng.next() < 0.5);
    groups.push({ id: `g${g}`, volunteerIds: ids });
  }
  const rankCount = 3;
  const students: AllocationStudent[] = [];
  const studentCount = 1 + prng.int(12);
  for (let i = 0; i < studentCount; i++) {
    const choices: RankedChoice[] = [];
    const picks = prng.int(rankCount + 1);
    for (let rank = 1; rank <= picks; rank++) {
      if (groups.length > 0 && prng.next() < 0.25) choices.push({ rank, groupId: `g${prng.int(groups.length)}` });
      else choices.push({ rank, volunteerId: `v${prng.int(volunteers + 1)}` });
    }
    const unavailable: TimeInterval[] = [];
    if (prng.next() < 0.3) {
      const startsAt = DAY_START + prng.int(8) * 30 * MINUTE + (prng.next() < 0.5 ? 10 * MINUTE : 0);
      unavailable.push({ startsAt, endsAt: startsAt + (20 + prng.int(60)) * MINUTE });
    }
    const fixedBookings: FixedBooking[] = [];
    if (prng.next() < 0.2) {
      const startsAt = DAY_START + prng.int(8) * 30 * MINUTE;
      fixedBookings.push({ volunteerId: `v${prng.int(volunteers)}`, startsAt, endsAt: startsAt + 30 * MINUTE });
    }
    students.push({ id: `s${String(i).padStart(2, '0')}`, choices, unavailable, fixedBookings });
  }
  return { slots, groups, students, maxInterviewsPerStudent: 1 + prng.int(3), rankCount };
}

/**
 * A small random instance with the rules of issue 14: organizations of 1–3 volunteers (some
 * with a minimum and a maximum, some volunteers with a maximum), ratings 1–3 with ties, choices
 * of an organization, a volunteer or a group, student limits below the event's, and bookings
 * made before the run counted against the loads.
 */
export function generateOrganizationInstance(seed: string | number): AllocationInput {
  const prng = createPrng(`organizations/${seed}`);
  const volunteers = 2 + prng.int(4);
  const orgCount = 1 + prng.int(Math.min(3, volunteers));
  const orgOf = Array.from({ length: volunteers }, (_, v) => (v < orgCount ? v : prng.int(orgCount)));
  const slots: AllocationSlot[] = [];
  for (let v = 0; v < volunteers; v++) {
    const count = 1 + prng.int(3);
    for (let k = 0; k < count; k++) {
      const startsAt = DAY_START + prng.int(6) * 30 * MINUTE;
      const minutes = prng.next() < 0.8 ? 30 : 60;
      slots.push({ id: `x${v}-${k}`, volunteerId: `v${v}`, startsAt, endsAt: startsAt + minutes * MINUTE, capacity: prng.next() < 0.15 ? 2 : 1 });
    }
  }
  const organizations: AllocationOrganization[] = Array.from({ length: orgCount }, (_, o) => {
    const org: AllocationOrganization = { id: `o${o}`, volunteerIds: orgOf.flatMap((x, v) => (x === o ? [`v${v}`] : [])) };
    const r = prng.next();
    if (r < 0.35) return { ...org, minInterviews: 1 + prng.int(3) };
    if (r < 0.5) return { ...org, minInterviews: 1 + prng.int(2), maxInterviews: 2 + prng.int(2) };
    if (r < 0.65) return { ...org, maxInterviews: 1 + prng.int(2), bookedInterviews: prng.int(2) };
    return org;
  });
  const volunteerLoads: VolunteerLoad[] = [];
  for (let v = 0; v < volunteers; v++) {
    if (prng.next() < 0.15) volunteerLoads.push({ volunteerId: `v${v}`, maxInterviews: 1 });
    else if (prng.next() < 0.1) volunteerLoads.push({ volunteerId: `v${v}`, minInterviews: 1 });
  }
  const groups: VolunteerGroup[] = [{ id: 'g0', volunteerIds: Array.from({ length: volunteers }, (_, v) => `v${v}`).filter(() => prng.next() < 0.5) }];
  const rankCount = 3;
  const students: AllocationStudent[] = [];
  const studentCount = 1 + prng.int(6);
  for (let i = 0; i < studentCount; i++) {
    const choices: RankedChoice[] = [];
    const picks = prng.int(4);
    for (let k = 0; k < picks; k++) {
      // Ratings: ties are common.
      const rank = 1 + prng.int(rankCount);
      const r = prng.next();
      if (r < 0.4) choices.push({ rank, organizationId: `o${prng.int(orgCount)}` });
      else if (r < 0.5) choices.push({ rank, groupId: 'g0' });
      else choices.push({ rank, volunteerId: `v${prng.int(volunteers)}` });
    }
    const student: AllocationStudent = { id: `s${i}`, choices };
    if (prng.next() < 0.25) {
      const startsAt = DAY_START + prng.int(6) * 30 * MINUTE;
      student.unavailable = [{ startsAt, endsAt: startsAt + 30 * MINUTE }];
    }
    if (prng.next() < 0.15) {
      const startsAt = DAY_START + prng.int(6) * 30 * MINUTE;
      student.fixedBookings = [{ volunteerId: `v${prng.int(volunteers)}`, startsAt, endsAt: startsAt + 30 * MINUTE }];
    }
    if (prng.next() < 0.25) student.maxInterviews = 1;
    students.push(student);
  }
  return { slots, groups, organizations, volunteerLoads, students, maxInterviewsPerStudent: 1 + prng.int(3), rankCount };
}

/**
 * The issue-14 benchmark variant: the reference day's volunteers grouped into organizations of
 * 1–6 interviewers (sizes drawn with a lean to small ones), a third of organizations with a
 * minimum, some with a maximum; students rate their choices 1–5 with ties, a fifth of the
 * choices name an organization, and a student's limit is how many choices they rated 1–3.
 */
export function generateFloorInstance(params: Partial<ReferenceInstanceParams> = {}): AllocationInput {
  const base = generateReferenceInstance(params);
  const prng = createPrng(`floor/${params.seed ?? REFERENCE_INSTANCE.seed}/${base.students.length}`);
  const volunteerIds = [...new Set(base.slots.map((s) => s.volunteerId))].sort();
  const slotsPer = new Map<string, number>();
  for (const s of base.slots) slotsPer.set(s.volunteerId, (slotsPer.get(s.volunteerId) ?? 0) + s.capacity);
  const organizations: AllocationOrganization[] = [];
  for (let i = 0; i < volunteerIds.length; ) {
    const size = Math.min(volunteerIds.length - i, 1 + Math.min(prng.int(4), prng.int(6)) + (prng.next() < 0.2 ? 2 : 0));
    const members = volunteerIds.slice(i, i + size);
    i += size;
    const room = members.reduce((n, v) => n + (slotsPer.get(v) ?? 0), 0);
    const org: AllocationOrganization = { id: `org-${String(organizations.length).padStart(3, '0')}`, volunteerIds: members };
    const r = prng.next();
    if (r < 0.33) org.minInterviews = Math.max(1, Math.round(room * (0.3 + 0.4 * prng.next())));
    else if (r < 0.45) org.maxInterviews = Math.max(1, Math.round(room * 0.7));
    organizations.push(org);
  }
  const orgIds = organizations.map((o) => o.id);
  const students = base.students.map((s) => {
    const choices: RankedChoice[] = s.choices.map((c) => {
      const rating = Math.min(5, Math.max(1, c.rank + prng.int(3) - 1));
      if (prng.next() < 0.2) return { rank: rating, organizationId: orgIds[prng.int(orgIds.length)] };
      return { ...c, rank: rating };
    });
    const acceptable = choices.filter((c) => c.rank <= 3).length;
    return { ...s, choices, maxInterviews: Math.min(base.maxInterviewsPerStudent, acceptable) };
  });
  return { ...base, students, organizations, rankCount: 5 };
}
