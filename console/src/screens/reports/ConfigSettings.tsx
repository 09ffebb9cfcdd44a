import { api } from '../../api/client';
import type { ReportSettings, ReportWorkflow } from '../../api/reports-types';
import { Field, Form, useForm } from '../../components/Form';
import { ErrorState, Loading } from '../../components/States';
import { toast } from '../../components/Toast';
import { t } from '../../i18n';
import { stateSlaText, workflowActionRows } from '../../lib/reports';
import { useReportAgencyOptions } from '../../lib/reports-options';
import { rt } from '../../lib/reports-text';
import { useApi } from '../../lib/use-api';

const PATH = '/api/admin/report-settings';

interface Values {
  triageAgencyId: string;
  autoCloseDays: string;
  reopenDays: string;
}

function SettingsForm({ settings, onSaved }: { settings: ReportSettings; onSaved: () => void }) {
  const agencies = useReportAgencyOptions();
  const form = useForm<Values>({
    triageAgencyId: settings.triageAgencyId ?? '',
    autoCloseDays: String(settings.autoCloseDays),
    reopenDays: String(settings.reopenDays),
  });
  const submit = async (values: Values) => {
    // No `workflow`: the server keeps the stored one (this screen shows it, it does not edit it).
    await api(PATH, {
      method: 'PUT',
      body: {
        triageAgencyId: values.triageAgencyId || null,
        autoCloseDays: Number(values.autoCloseDays),
        reopenDays: Number(values.reopenDays),
      },
    });
    toast(rt.saved);
    onSaved();
  };
  const validate = (values: Values) => {
    const errors: Record<string, string> = {};
    if (!/^\d+$/.test(values.autoCloseDays.trim())) errors.autoCloseDays = rt.wholeNumber;
    if (!/^\d+$/.test(values.reopenDays.trim())) errors.reopenDays = rt.wholeNumber;
    return errors;
  };
  return (
    <section class="panel" aria-labelledby="settings-title">
      <h2 id="settings-title">{rt.settingsTitle}</h2>
      <Form<Values> form={form} onSubmit={submit} submitLabel={t.save} validate={validate}>
        <Field
          form={form}
          name="triageAgencyId"
          label={rt.triageAgency}
          as="select"
          options={[{ value: '', label: rt.chooseAgency }, ...agencies]}
        />
        <div class="grid-2">
          <Field form={form} name="autoCloseDays" label={rt.autoCloseDays} inputMode="numeric" required />
          <Field form={form} name="reopenDays" label={rt.reopenDays} inputMode="numeric" required />
        </div>
      </Form>
    </section>
  );
}

/** Triage centre and time windows (editable), and the workflow in force (read-only tables). */
export function ConfigSettings() {
  const [state, reload] = useApi<ReportSettings>(PATH);
  if (state.status === 'error' && !state.data) return <ErrorState error={state.error} onRetry={reload} />;
  if (!state.data) return <Loading />;
  const settings = state.data;
  const workflow = settings.workflowInForce;
  return (
    <>
      <SettingsForm key={JSON.stringify(settings)} settings={settings} onSaved={reload} />
      <section class="panel" aria-labelledby="workflow-title">
        <h2 id="workflow-title">{rt.workflowTitle}</h2>
        {!settings.workflow && <p>{rt.workflowDefault}</p>}
        <WorkflowTables workflow={workflow} />
      </section>
    </>
  );
}

/** The workflow's states and actions, read-only. */
function WorkflowTables({ workflow }: { workflow: ReportWorkflow }) {
  const states = Object.entries(workflow.states);
  return (
    <>
      <p class="hint">{rt.workflowHint}</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={rt.statesCaption}>
        <table class="workflow-table" id="workflow-states">
          <caption>{rt.statesCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{rt.stateKey}</th>
              <th scope="col">{rt.stateLabel}</th>
              <th scope="col">{rt.stateOpen}</th>
              <th scope="col">{rt.statePublic}</th>
              <th scope="col">{rt.stateSla}</th>
            </tr>
          </thead>
          <tbody>
            {states.map(([key, s]) => (
              <tr key={key}>
                <td>
                  <code>{key}</code>
                </td>
                <th scope="row">{s.label}</th>
                <td>{s.open ? rt.yes : rt.no}</td>
                <td>{s.public ? rt.yes : rt.no}</td>
                <td>{stateSlaText(s.sla)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={rt.actionsCaption}>
        <table class="workflow-table" id="workflow-actions">
          <caption>{rt.actionsCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{rt.stateKey}</th>
              <th scope="col">{rt.stateLabel}</th>
              <th scope="col">{rt.actionFrom}</th>
              <th scope="col">{rt.actionTo}</th>
              <th scope="col">{rt.actionBy}</th>
              <th scope="col">{rt.actionRequires}</th>
            </tr>
          </thead>
          <tbody>
            {workflowActionRows(workflow).map((row) => (
              <tr key={row.key}>
                <td>
                  <code>{row.key}</code>
                </td>
                <th scope="row">{row.label}</th>
                <td>{row.from}</td>
                <td>{row.to}</td>
                <td>{row.by}</td>
                <td>{row.requires}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
