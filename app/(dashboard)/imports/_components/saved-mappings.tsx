/**
 * Saved column mappings: each one's YAML (to copy, edit and upload again under the same name, which replaces it) and,
 * for admins, a delete button. Shown only when a mapping exists; the upload panel explains how to make the first.
 */
import type { SavedMapping } from '@/db/queries/csv-mappings';
import { formatDateTime } from '@/lib/format';
import { DeleteMappingButton } from './delete-mapping-button';

export function SavedMappings({ mappings, canDelete }: { mappings: SavedMapping[]; canDelete: boolean }) {
  if (mappings.length === 0) return null;
  return (
    <section className="card" aria-labelledby="mappings-title">
      <div className="card-head">
        <div>
          <h2 id="mappings-title">Saved column mappings</h2>
          <p>
            Chosen in the upload panel, or used with <code>itemized ingest --mapping FILE</code>. To change one, copy its YAML, edit it and
            upload it as the mapping file: the same <code>name</code> replaces it.
          </p>
        </div>
      </div>
      <div className="table-wrap">
        <table aria-label="Saved column mappings">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Saved</th>
              <th scope="col">Mapping</th>
              {canDelete ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {mappings.map((m) => (
              <tr key={m.name}>
                <td>
                  <strong>{m.name}</strong>
                </td>
                <td>{formatDateTime(m.updatedAt.toISOString())}</td>
                <td>
                  <details>
                    <summary>YAML</summary>
                    <pre className="small">{m.yaml}</pre>
                  </details>
                </td>
                {canDelete ? (
                  <td>
                    <DeleteMappingButton name={m.name} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
