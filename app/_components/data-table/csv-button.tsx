'use client';

/** A "Download CSV" button for a figure: the chart's own data, raw (money as exact decimal strings). */
import { type CsvValue, downloadCsv, toCsv } from './csv';

export interface CsvButtonProps {
  fileName: string;
  headers: string[];
  rows: CsvValue[][];
  /** Visible text; defaults to "Download CSV". */
  label?: string;
}

export function CsvButton({ fileName, headers, rows, label = 'Download CSV' }: CsvButtonProps) {
  return (
    <button
      type="button"
      className="btn btn-sm"
      disabled={rows.length === 0}
      onClick={() => downloadCsv(fileName, toCsv(headers, rows))}
      aria-label={`${label}: ${fileName}`}
    >
      {label}
    </button>
  );
}
