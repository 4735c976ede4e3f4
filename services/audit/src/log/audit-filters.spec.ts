import { auditCursor, sequenceOfCursor } from './audit-cursor';
import { auditWhere } from './audit-filters';

const organizationId = '6fa459ea-ee8a-3ca4-894e-db77e160355e';

describe('auditWhere', () => {
  it('keeps to the organization, and to the scope paths of an Administrator', () => {
    expect(auditWhere({ organizationId, scopePaths: 'all' }, {})).toEqual({
      conditions: ['organization_id = $1'],
      params: [organizationId],
    });
    expect(auditWhere({ organizationId, scopePaths: ['/a/'] }, {})).toEqual({
      conditions: ['organization_id = $1', 'group_reach && $2::text[]'],
      params: [organizationId, ['/a/']],
    });
  });

  it('turns each filter into a parameter, a type ending in * into an escaped prefix', () => {
    const { conditions, params } = auditWhere(
      { organizationId, scopePaths: 'all' },
      {
        actorId: 'p',
        targetId: 't',
        type: 'org.tech_nician%*',
        from: '2026-12-07T10:00:00+01:00',
        to: '2026-12-08T00:00:00Z',
      },
      41,
    );
    expect(conditions).toEqual([
      'organization_id = $1',
      'principal_id = $2',
      'target_id = $3',
      'type LIKE $4',
      'time >= $5',
      'time < $6',
      'sequence < $7',
    ]);
    expect(params).toEqual([
      organizationId,
      'p',
      't',
      'org.tech\\_nician\\%%',
      '2026-12-07T09:00:00.000Z',
      '2026-12-08T00:00:00.000Z',
      41,
    ]);
    expect(
      auditWhere({ organizationId, scopePaths: 'all' }, { type: 'a.b.v1' }).conditions,
    ).toContain('type = $2');
  });
});

describe('the cursor', () => {
  it('round-trips a sequence, and refuses anything else as VALIDATION_FAILED on cursor', () => {
    expect(sequenceOfCursor(auditCursor(41))).toBe(41);
    for (const bad of [
      '',
      'x',
      Buffer.from('["a"]').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
    ]) {
      expect(() => sequenceOfCursor(bad)).toThrow(
        expect.objectContaining({ error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) }),
      );
    }
  });
});
