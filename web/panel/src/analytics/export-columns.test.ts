import { describe, expect, it } from 'vitest';
import { DIMENSIONS, FIGURES, SERVICE_LEVEL_SECONDS } from '../../../../functions/core/analytics/figures.ts';
import { exportColumns, exportRows } from './export-columns.ts';

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

  it('names every grouping and measure of every figure in Arabic and English', () => {
    const keys = [
      'day',
      'week',
      'month',
      ...Object.keys(DIMENSIONS),
      ...Object.values(FIGURES).flatMap((f) => Object.keys(f.measures)),
    ];
    const row = Object.fromEntries(keys.map((k) => [k, 0]));
    for (const lang of ['ar', 'en'] as const) {
      const unnamed = exportColumns([row], lang).filter((c) => c.label === c.key);
      expect(
        unnamed.map((c) => c.key),
        lang,
      ).toEqual([]);
    }
    // The threshold the labels state is the one the query is given.
    const level = exportColumns([{ service_level_pct: 1 }], 'en')[0]?.label;
    expect(level).toContain(`${SERVICE_LEVEL_SECONDS} s`);
  });
});

describe('exportRows', () => {
  it('exports the names the screen shows for the codes of a grouping, the measures as they are', () => {
    const names = {
      department: (code: string) => ({ roads: 'الطرق' })[code] ?? code,
      channel: (code: string) => ({ sms: 'رسالة نصية' })[code] ?? code,
    };
    expect(
      exportRows(
        [
          { department: 'roads', channel: 'sms', cases: 4 },
          { department: 'parks', channel: 'sms', cases: 1 },
        ],
        names,
      ),
    ).toEqual([
      { department: 'الطرق', channel: 'رسالة نصية', cases: 4 },
      { department: 'parks', channel: 'رسالة نصية', cases: 1 },
    ]);
  });
});
