// Attack 7, "freezing the future": closePeriod of a year that has not begun
// (or of the running month) succeeded, so a favourable report could be frozen
// before its period happened. Periods close only after their end in
// Asia/Shanghai plus the scoring policy's closing grace.
import { graphql } from '@steward/testing';
import { codeOf, startAttackWorld, type AttackWorld } from './attack-world';

const CLOSE = 'mutation($p: PeriodInput!, $u: ID!) { closePeriod(period: $p, unitId: $u) { id period { kind key } } }';
const REPORT = 'query($p: PeriodInput!, $u: ID!) { assessmentReport(unitId: $u, period: $p) { id } }';

/** Keys of the periods running now, in Asia/Shanghai. */
function runningPeriods(now = new Date()): { kind: string; key: string }[] {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  return [
    { kind: 'YEAR', key: String(year) },
    { kind: 'QUARTER', key: `${year}-Q${Math.ceil(month / 3)}` },
    { kind: 'MONTH', key: `${year}-${String(month).padStart(2, '0')}` },
  ];
}

/** The month before the running one: long over, past any grace the default policy gives. */
function monthBeforeLast(now = new Date()): { kind: string; key: string } {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const first = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 2, 1));
  return { kind: 'MONTH', key: `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}` };
}

describe('attack 7: closing a period that has not ended', () => {
  let world: AttackWorld;

  beforeAll(async () => {
    world = await startAttackWorld(1300, 'atk-per');
  }, 300_000);

  afterAll(async () => {
    await world?.stop();
  });

  const nextYear = { kind: 'YEAR', key: String(new Date().getUTCFullYear() + 1) };

  it.each([['next year', nextYear] as const, ...runningPeriods().map((period) => [`the running ${period.kind.toLowerCase()}`, period] as const)])(
    'the administrator closing %s of 清溪镇 gets BAD_USER_INPUT and no report is frozen',
    async (_label, period) => {
      const closed = await graphql(world.url, CLOSE, { p: period, u: world.units.qingxi });
      expect(codeOf(closed)).toBe('BAD_USER_INPUT');
      expect(closed.errors?.[0]?.message).toContain('考核周期未结束');
      const report = await graphql<{ assessmentReport: unknown }>(world.url, REPORT, { p: period, u: world.units.qingxi });
      expect(report.errors).toBeUndefined();
      expect(report.data?.assessmentReport).toBeNull();
    },
  );

  it('a village secretary may not close even an ended period (FORBIDDEN before the period is looked at)', async () => {
    const secretary = await world.member('王书记', world.units.taiping, 'VILLAGE_SECRETARY');
    for (const period of [nextYear, monthBeforeLast()]) {
      const closed = await graphql(world.url, CLOSE, { p: period, u: world.units.taiping }, secretary.headers);
      expect(codeOf(closed)).toBe('FORBIDDEN');
    }
    const report = await graphql<{ assessmentReport: unknown }>(world.url, REPORT, { p: monthBeforeLast(), u: world.units.taiping });
    expect(report.data?.assessmentReport).toBeNull();
  });

  it('an ended period closes once, as before', async () => {
    const period = monthBeforeLast();
    const closed = await graphql<{ closePeriod: { period: { kind: string; key: string } } }>(world.url, CLOSE, { p: period, u: world.units.qingxi });
    expect(closed.errors).toBeUndefined();
    expect(closed.data?.closePeriod.period).toEqual(period);
    expect(codeOf(await graphql(world.url, CLOSE, { p: period, u: world.units.qingxi }))).toBe('CONFLICT');
  });

  it('shows the closing grace in the scoring policy', async () => {
    const policy = await graphql<{ scoringPolicy: { closingGraceHours: number } }>(world.url, '{ scoringPolicy { closingGraceHours } }');
    expect(policy.data?.scoringPolicy.closingGraceHours).toBe(24);
  });
});
