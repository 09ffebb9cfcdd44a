import type { DossierDetail } from '../api/types';
import { t } from '../i18n';
import { useAdminUnits } from '../lib/agency-options';
import { renderFormData } from '../lib/dossier';

/** The submitted form, with the procedure's labels and each value as an officer reads it. */
export function DossierFormData({ dossier }: { dossier: DossierDetail }) {
  const units = useAdminUnits();
  const fileNames = Object.fromEntries(dossier.files.map((f) => [f.id, f.name]));
  const names = new Map((units ?? []).map((u) => [u.id, u.name]));
  const rows = renderFormData(dossier.form?.fields ?? [], dossier.data ?? {}, {
    fileNames,
    communeName: (id) => names.get(id),
  });
  const fileHref = (fileId: string) =>
    `/api/admin/dossiers/${encodeURIComponent(dossier.id)}/files/${encodeURIComponent(fileId)}`;
  return (
    <section class="panel" aria-labelledby="form-data-title">
      <h2 id="form-data-title">{t.dossiers.formTitle}</h2>
      {rows.length === 0 ? (
        <p class="muted">{t.dossiers.noData}</p>
      ) : (
        <dl class="fields form-data">
          {rows.map((row) => (
            <div class="field-row" key={row.name} data-field={row.name}>
              <dt>{row.label}</dt>
              <dd>
                {row.value.kind === 'text' && row.value.text}
                {row.value.kind === 'files' &&
                  (row.value.files.length === 0 ? (
                    t.none
                  ) : (
                    <ul class="plain">
                      {row.value.files.map((file) => (
                        <li key={file.id}>
                          <a href={fileHref(file.id)} target="_blank" rel="noopener">
                            {file.name}
                          </a>
                        </li>
                      ))}
                    </ul>
                  ))}
                {row.value.kind === 'table' &&
                  (row.value.rows.length === 0 ? (
                    t.none
                  ) : (
                    <div class="table-scroll" tabIndex={0} role="region" aria-label={row.label}>
                      <table>
                        <thead>
                          <tr>
                            <th scope="col">#</th>
                            {row.value.columns.map((c) => (
                              <th scope="col" key={c}>
                                {c}
                              </th>
                            ))}
                          </tr>
                        </thead>
                        <tbody>
                          {row.value.rows.map((cells, i) => (
                            <tr key={i}>
                              <th scope="row">{i + 1}</th>
                              {cells.map((cell, j) => (
                                <td key={j}>{cell}</td>
                              ))}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  ))}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
