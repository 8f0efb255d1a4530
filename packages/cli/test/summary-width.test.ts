// The batch summary table's column widths (unit test of the layout; the CLI tests check the
// printed table at 120 columns).
import { describe, expect, test } from 'vitest';
import { columnWidths, MAX_PIPE_WIDTH } from '../src/batch/summary.js';

describe('columnWidths', () => {
  test('the table fits every terminal width from 70 to 250 columns, with a readable reason column', () => {
    for (let width = 70; width <= 250; width++) {
      const cols = columnWidths(width);
      // cli-table3 draws one border character between and around the 6 columns.
      expect(cols.reduce((a, b) => a + b, 0) + 7, `width ${width}`).toBeLessThanOrEqual(width);
      expect(cols[4], `width ${width}`).toBeGreaterThanOrEqual(10);
      // "interrupted" and "unjournaled" (11 characters) never wrap.
      expect(cols[2], `width ${width}`).toBeGreaterThanOrEqual(13);
    }
  });

  test('a full task id (36 characters plus padding) fits on one line at the pipe width', () => {
    expect(columnWidths(MAX_PIPE_WIDTH)[3]).toBeGreaterThanOrEqual(38);
  });
});
