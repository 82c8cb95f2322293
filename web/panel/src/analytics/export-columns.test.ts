import { describe, expect, it } from 'vitest';
import { exportColumns } from './export-columns.ts';

describe('exportColumns', () => {
  const rows = [
    { department: 'roads', cases: 4, compliance_pct: 75 },
    { department: 'parks', cases: 1, compliance_pct: 100, new_measure: 2 },
  ];

  it('keeps every key of the answer, in the order first seen', () => {
    expect(exportColumns(rows, 'en').map((c) => c.key)).toEqual([
      'department',
      'cases',
      'compliance_pct',
      'new_measure',
    ]);
  });

  it('names the columns in the user language, a measure without a name keeping its key', () => {
    expect(exportColumns(rows, 'ar').map((c) => c.label)).toEqual([
      'الإدارة',
      'البلاغات',
      'الالتزام بالمهلة ٪',
      'new_measure',
    ]);
    expect(exportColumns(rows, 'en')[2]?.label).toBe('SLA compliance %');
  });
});
