import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { RoutingRule } from '../../api/reports-types';
import { confirmAction } from '../../components/ConfirmDialog';
import { Field, Form, useForm } from '../../components/Form';
import { ErrorState, Loading } from '../../components/States';
import { toast } from '../../components/Toast';
import {
  useCommuneOptions,
  useReportAgencyOptions,
  useReportCategoryOptions,
} from '../../lib/reports-options';
import { rt } from '../../lib/reports-text';
import { asApiError, useApi } from '../../lib/use-api';
import { itemsOf } from './ReportConfig';

const BASE = '/api/admin/report-routing-rules';

interface Values {
  categoryId: string;
  communeId: string;
  agencyId: string;
}

/** Category × commune → agency, kept as data; a report no rule matches goes to the triage centre. */
export function ConfigRouting() {
  const [state, reload] = useApi<RoutingRule[] | { items: RoutingRule[] }>(BASE);
  const rules = itemsOf(state.data);
  const categories = useReportCategoryOptions();
  const communes = useCommuneOptions();
  const agencies = useReportAgencyOptions();
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({ categoryId: '', communeId: '', agencyId: '' });

  const add = async (values: Values) => {
    await api(BASE, {
      method: 'POST',
      body: {
        categoryId: values.categoryId || null,
        communeId: values.communeId || null,
        agencyId: values.agencyId,
      },
    });
    toast(rt.created);
    form.replace({ categoryId: '', communeId: '', agencyId: '' });
    reload();
  };

  const remove = async (rule: RoutingRule) => {
    if (!(await confirmAction({ message: rt.deleteRuleConfirm, confirmLabel: rt.deleteRule, danger: true })))
      return;
    setBusy(true);
    try {
      await api(`${BASE}/${encodeURIComponent(rule.id)}`, { method: 'DELETE' });
      toast(rt.deleted);
      reload();
    } catch (error) {
      toast(asApiError(error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section class="panel" aria-labelledby="routing-title">
        <h2 id="routing-title">{rt.routingTitle}</h2>
        <p class="hint">{rt.ruleHint}</p>
        {state.status === 'error' && !state.data ? (
          <ErrorState error={state.error} onRetry={reload} />
        ) : !state.data ? (
          <Loading />
        ) : (
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="routing-title">
            <table id="routing-rules">
              <thead>
                <tr>
                  <th scope="col">{rt.category}</th>
                  <th scope="col">{rt.commune}</th>
                  <th scope="col">{rt.agency}</th>
                  <th scope="col">{rt.actionsCol}</th>
                </tr>
              </thead>
              <tbody>
                {rules.length === 0 && (
                  <tr>
                    <td colSpan={4} class="table-empty">
                      {rt.noRules}
                    </td>
                  </tr>
                )}
                {rules.map((rule) => (
                  <tr key={rule.id}>
                    <td>{rule.category?.name ?? rt.anyCategory}</td>
                    <td>{rule.commune?.name ?? rt.anyCommune}</td>
                    <td>{rule.agency.name}</td>
                    <td>
                      <button
                        type="button"
                        class="btn btn-danger"
                        disabled={busy}
                        onClick={() => void remove(rule)}
                      >
                        {rt.deleteRule}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="panel" aria-labelledby="rule-new-title">
        <h2 id="rule-new-title">{rt.newRule}</h2>
        <Form<Values>
          form={form}
          onSubmit={add}
          submitLabel={rt.newRule}
          codeFields={{ REPORT_AGENCY_INVALID: 'agencyId', REPORT_CATEGORY_NOT_FOUND: 'categoryId' }}
          validate={(v): Record<string, string> => (v.agencyId ? {} : { agencyId: rt.required.agencyId })}
        >
          <div class="grid-2">
            <Field
              form={form}
              name="categoryId"
              label={rt.category}
              as="select"
              options={[{ value: '', label: rt.anyCategory }, ...categories]}
            />
            <Field
              form={form}
              name="communeId"
              label={rt.commune}
              as="select"
              options={[{ value: '', label: rt.anyCommune }, ...communes]}
            />
          </div>
          <Field
            form={form}
            name="agencyId"
            label={rt.agency}
            as="select"
            required
            options={[{ value: '', label: rt.chooseAgency }, ...agencies]}
          />
        </Form>
      </section>
    </>
  );
}
