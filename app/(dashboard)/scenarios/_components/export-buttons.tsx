'use client';

import type { CsvValue } from '@/app/_components/data-table/csv';
/** Scenario exports: the breakdowns as CSV, and the JSON `itemized scenario --json` prints for the same rules and period. */
import { CsvButton } from '@/app/_components/data-table/csv-button';

function download(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportButtons({
  fileStem,
  csvHeaders,
  csvRows,
  json,
}: {
  fileStem: string;
  csvHeaders: string[];
  csvRows: CsvValue[][];
  json: string;
}) {
  return (
    <div className="card-actions">
      <CsvButton fileName={`${fileStem}.csv`} headers={csvHeaders} rows={csvRows} label="Export CSV" />
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => download(`${fileStem}.json`, `${json}\n`, 'application/json')}
        aria-label={`Export JSON: ${fileStem}.json`}
      >
        Export JSON
      </button>
    </div>
  );
}
