import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GrantChoice } from './delegation';

/**
 * A committee, then a role at it: only the pairs of `choices` (what the delegation rules let the caller
 * grant), so a refused pair cannot even be picked. Two fields of the surrounding form: committeeId, role.
 */
// `required={false}` on the selects' items: the rule still makes them required, but antd would otherwise put
// aria-required on the select's outer <div> (not a form control), which axe rightly refuses.
export function RolePicker({ choices }: { choices: GrantChoice[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const committeeId = Form.useWatch<string | undefined>('committeeId', form);
  const roles = choices.find((c) => c.committee.id === committeeId)?.roles ?? [];
  return (
    <>
      <Form.Item
        required={false}
        name="committeeId"
        label={t('users.fields.committee')}
        rules={[{ required: true, message: t('users.validation.committee') }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          data-testid="grant-committee"
          onChange={() => form.setFieldValue('role', undefined)}
          options={choices.map((c) => ({ value: c.committee.id, label: `${c.committee.name} (${c.committee.code})` }))}
        />
      </Form.Item>
      <Form.Item
        required={false}
        name="role"
        label={t('users.fields.role')}
        rules={[{ required: true, message: t('users.validation.role') }]}
      >
        <Select
          disabled={!committeeId}
          data-testid="grant-role"
          options={roles.map((role) => ({ value: role, label: t(`roles.${role}`, { defaultValue: role }) }))}
        />
      </Form.Item>
    </>
  );
}
