import { unitPathsOf } from './member-rules';
import { repathAssignments } from './member-repath';

// 清溪镇 Q with 太平村 T and 八卦村 B; grid G moves from T to B
const OLD = ['city', 'district', 'Q', 'T', 'G'];
const NEW = ['city', 'district', 'Q', 'B', 'G'];

const assignment = (id: string, unitId: string, orgPath: string[], to: Date | null = null) => ({
  id,
  unitId,
  orgPath,
  role: 'GRID_MEMBER',
  from: new Date('2026-01-01T00:00:00Z'),
  to,
});

describe('repathAssignments', () => {
  it.each([
    ['an open assignment on the moved grid', [assignment('a', 'G', OLD)], [NEW]],
    ['an ended one too (history of who served where follows the unit)', [assignment('a', 'G', OLD, new Date('2026-02-01T00:00:00Z'))], [NEW]],
    ['only the assignments on that unit', [assignment('a', 'G', OLD), assignment('b', 'T', ['city', 'district', 'Q', 'T'])], [NEW, ['city', 'district', 'Q', 'T']]],
    ['every assignment on that unit', [assignment('a', 'G', OLD), assignment('b', 'G', OLD)], [NEW, NEW]],
  ])('moves %s', (_case, assignments, paths) => {
    const result = repathAssignments(assignments, 'G', NEW);
    expect(result?.map((a) => a.orgPath)).toEqual(paths);
    // ids, roles and dates are kept
    expect(result?.map(({ orgPath: _path, ...rest }) => rest)).toEqual(assignments.map(({ orgPath: _path, ...rest }) => rest));
  });

  it.each([
    ['the path already stored (a state handled twice)', [assignment('a', 'G', NEW)]],
    ['no assignment on the unit', [assignment('b', 'T', ['city', 'district', 'Q', 'T'])]],
    ['no assignments at all', []],
  ])('changes nothing for %s', (_case, assignments) => {
    expect(repathAssignments(assignments, 'G', NEW)).toBeNull();
  });

  it('takes the old village out of the placement unless another assignment holds it', () => {
    const moved = repathAssignments([assignment('a', 'G', OLD)], 'G', NEW) ?? [];
    expect(unitPathsOf(moved)).toEqual(NEW);
    const alsoInT = repathAssignments([assignment('a', 'G', OLD), assignment('b', 'T', ['city', 'district', 'Q', 'T'])], 'G', NEW) ?? [];
    expect(unitPathsOf(alsoInT)).toEqual([...NEW, 'T']);
  });

  it('does not change the array it was given', () => {
    const assignments = [assignment('a', 'G', OLD)];
    repathAssignments(assignments, 'G', NEW);
    expect(assignments[0].orgPath).toEqual(OLD);
  });
});
