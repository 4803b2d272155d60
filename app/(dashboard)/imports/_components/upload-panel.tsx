'use client';

/**
 * Upload one or many files: drag-and-drop or the file input (keyboard reachable). Files go one at a
 * time, one POST /api/imports per file, through XMLHttpRequest because only its upload.onprogress
 * reports bytes sent (fetch and server actions cannot). The server page refreshes when all are done.
 */
import { useRouter } from 'next/navigation';
import { type DragEvent, useId, useRef, useState } from 'react';
import type { ImportErrorResponse, ImportResponse } from '@/app/api/imports/types';
import { formatDuration, formatInt } from '@/lib/format';
import { uploadTooLargeMessage } from '@/lib/security/limits';
import { MappingChooser } from './mapping-chooser';

type UploadState = 'queued' | 'uploading' | 'processing' | 'done' | 'error';

interface UploadItem {
  id: number;
  file: File;
  state: UploadState;
  sent: number;
  result?: ImportResponse;
  error?: string;
  /** The column mapping chosen when the file was added: a mapping file to send (and save), or a saved one's name. */
  mapping: { file: File | null; name: string };
}

function send(
  file: File,
  mapping: UploadItem['mapping'],
  onProgress: (sent: number) => void,
  onUploaded: () => void,
): Promise<ImportResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/imports');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.upload.onload = () => onUploaded();
    xhr.onload = () => {
      const body = xhr.response as ImportResponse | ImportErrorResponse | null;
      if (xhr.status === 200 && body && 'status' in body) resolve(body);
      else reject(new Error((body && 'error' in body && body.error) || `Upload failed (HTTP ${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error('Network error: the server could not be reached.'));
    const form = new FormData();
    form.append('file', file);
    form.append('lastModified', String(file.lastModified));
    if (mapping.file) form.append('mapping', mapping.file);
    else if (mapping.name) form.append('mappingName', mapping.name);
    xhr.send(form);
  });
}

/** maxBytes: the server's limit (ITEMIZED_MAX_UPLOAD_MB); bigger files are refused here before sending. */
export function UploadPanel({ maxBytes, savedMappings }: { maxBytes: number; savedMappings: string[] }) {
  const router = useRouter();
  const inputId = useId();
  const [mappingFile, setMappingFile] = useState<File | null>(null);
  const [mappingName, setMappingName] = useState('');
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const nextId = useRef(1);
  const queue = useRef<UploadItem[]>([]);
  const running = useRef(false);

  const update = (id: number, patch: Partial<UploadItem>) => setItems((xs) => xs.map((x) => (x.id === id ? { ...x, ...patch } : x)));

  async function drain() {
    if (running.current) return;
    running.current = true;
    while (queue.current.length > 0) {
      const item = queue.current.shift()!;
      update(item.id, { state: 'uploading' });
      try {
        const result = await send(
          item.file,
          item.mapping,
          (sent) => update(item.id, { sent }),
          () => update(item.id, { state: 'processing', sent: item.file.size }),
        );
        update(item.id, { state: 'done', result, sent: item.file.size });
      } catch (e) {
        update(item.id, { state: 'error', error: e instanceof Error ? e.message : String(e) });
      }
    }
    running.current = false;
    router.refresh();
  }

  function add(files: FileList | File[] | null) {
    if (!files || files.length === 0) return;
    const mapping = { file: mappingFile, name: mappingName };
    const added: UploadItem[] = [...files].map((file) =>
      file.size > maxBytes
        ? { id: nextId.current++, file, state: 'error', sent: 0, mapping, error: uploadTooLargeMessage(file.size, maxBytes) }
        : { id: nextId.current++, file, state: 'queued', sent: 0, mapping },
    );
    queue.current.push(...added.filter((a) => a.state === 'queued'));
    setItems((xs) => [...added, ...xs]);
    void drain();
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    add(e.dataTransfer.files);
  }

  return (
    <section className="card" aria-labelledby="upload-title">
      <div className="card-head">
        <div>
          <h2 id="upload-title">Upload files</h2>
          <p>
            Usage and cost exports, response logs, Claude Code and Codex session logs: JSON, JSONL or CSV, gzip accepted. The source is
            detected from the content.
          </p>
        </div>
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone is a pointer convenience; the file input inside is the keyboard path. */}
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop files here, or</p>
        <input
          id={inputId}
          type="file"
          multiple
          className="visually-hidden"
          onChange={(e) => {
            add(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        <label htmlFor={inputId} className="btn btn-primary file-input-label">
          Choose files
        </label>
        <p className="small faint">
          Each file loads in its own transaction: a file with an invalid record loads nothing and lists what is wrong.
        </p>
      </div>
      <MappingChooser
        saved={savedMappings}
        file={mappingFile}
        name={mappingName}
        onFile={(f) => {
          setMappingFile(f);
          if (f) setMappingName('');
        }}
        onName={setMappingName}
      />
      {items.length > 0 ? (
        <ul className="upload-list" aria-label="Uploads">
          {items.map((it) => (
            <UploadRow key={it.id} item={it} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function UploadRow({ item }: { item: UploadItem }) {
  const { file, state, result } = item;
  const label =
    state === 'queued'
      ? 'Waiting'
      : state === 'uploading'
        ? `Uploading ${Math.round((item.sent / Math.max(1, file.size)) * 100)}%`
        : state === 'processing'
          ? 'Loading into the database…'
          : state === 'error'
            ? 'Error'
            : result?.status === 'succeeded'
              ? result.rowsInserted === 0 && result.rowsDuplicate > 0
                ? 'Already loaded'
                : 'Loaded'
              : result?.status === 'partial'
                ? 'Partly loaded'
                : 'Failed, nothing written'; // the run history's "failed", with what it means
  const badge =
    state === 'error' || result?.status === 'failed'
      ? 'badge-bad'
      : result?.status === 'partial'
        ? 'badge-warn'
        : state === 'done'
          ? 'badge-ok'
          : 'badge-neutral';
  return (
    <li className="upload-item" aria-label={file.name}>
      <div className="upload-item-head">
        <strong>{file.name}</strong>
        <span className={`badge ${badge}`}>{label}</span>
      </div>
      <progress
        aria-label={`Upload progress for ${file.name}`}
        max={Math.max(1, file.size)}
        value={state === 'done' || state === 'processing' ? Math.max(1, file.size) : item.sent}
      />
      {result ? (
        <p className="small">
          Source <strong>{result.source ?? 'not detected'}</strong> · <span className="num">{formatInt(result.rowsInserted)}</span> inserted
          · <span className="num">{formatInt(result.rowsDuplicate)}</span> duplicate ·{' '}
          <span className="num">{formatInt(result.rowsRejected)}</span> rejected · {formatDuration(result.durationMs)}
        </p>
      ) : null}
      {result && result.issues.length > 0 ? (
        <ul className="issue-list">
          {result.issues.slice(0, 5).map((i, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity; the list never reorders
            <li key={n}>
              {[
                i.line !== undefined ? `line ${i.line}` : null,
                i.record !== undefined ? `record ${i.record}` : null,
                i.field ? `field ${i.field}` : null,
              ]
                .filter(Boolean)
                .join(', ')}
              {i.line !== undefined || i.record !== undefined || i.field ? ': ' : ''}
              {i.message}
            </li>
          ))}
          {result.issues.length > 5 ? <li>… {result.issues.length - 5} more in the history below</li> : null}
        </ul>
      ) : null}
      {item.error ? (
        <p className="small" style={{ color: 'var(--bad)' }}>
          {item.error}
        </p>
      ) : null}
    </li>
  );
}
