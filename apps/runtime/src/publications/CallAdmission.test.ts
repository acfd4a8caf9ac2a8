import { describe, expect, it } from 'vitest';
import { CallAdmission } from './CallAdmission.ts';

describe('CallAdmission', () => {
  it('counts places over every extension and per extension, and gives them back as calls end', () => {
    const admission = new CallAdmission({ maxCalls: 3, maxCallsPerExtension: 2 });
    expect(admission.admit('6001')).toBeNull();
    expect(admission.admit('6001')).toBeNull();
    expect(admission.admit('6001')).toMatchObject({ reason: 'calls_per_extension', hangupReason: 'busy' });
    expect(admission.admit('6002')).toBeNull();
    expect(admission.admit('6003')).toMatchObject({
      reason: 'calls_in_progress',
      hangupReason: 'congestion',
    });
    expect(admission.total).toBe(3);
    admission.release('6001');
    expect(admission.admit('6003')).toBeNull();
    expect(admission.admit('6001')).toMatchObject({ reason: 'calls_in_progress' });
  });
});
