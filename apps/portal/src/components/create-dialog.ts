import { useState } from 'react';
import { useInvalidate } from '@refinedev/core';
import { Form, message as messages } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fieldErrors, problemMessage } from './problem-message';

/** A field error antd's `form.setFields` takes (a list row's field has a path: `['subjects', 0, 'post']`). */
type FieldError = { name: string | (string | number)[]; errors: string[] };

export interface CreateDialogOptions {
  /** The feature's texts: `<ns>.<done>` says it is created, `<ns>.problems.*` why not. */
  ns: string;
  done: string;
  /** The API's resource: the new record's page is `/<resource>/<id>`, and its list is read again after a create… */
  resource: string;
  /** …unless `invalidate` is false (the vote sessions' list never was). */
  invalidate?: boolean;
}

/**
 * A list page's "new …" dialog (a cycle, an appointment, a rotation, a vote session): its form, whether it
 * is open, the POST in flight; created: say so, close, read the list again, open the new record's page;
 * a field's 400 under the field, anything else in words.
 */
export function useCreateDialog<Values, Created extends { id: string }>(
  { ns, done, resource, invalidate: reread = true }: CreateDialogOptions,
  /** The form's fields as the API's field errors name them; each in the words of `<ns>.fields.<field, less a trailing "Id">`. */
  fields: readonly string[],
) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [message, holder] = messages.useMessage();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);

  /** Sends the create; `moreErrors` places the field errors `fields` cannot name (a list row's). */
  const create = async (send: () => Promise<Created>, moreErrors?: (error: unknown) => FieldError[]) => {
    setSaving(true);
    try {
      const created = await send();
      void message.success(t(`${ns}.${done}`));
      setOpen(false);
      if (reread) await invalidate({ resource, invalidates: ['list'] });
      void navigate(`/${resource}/${created.id}`);
    } catch (error) {
      const texts = Object.fromEntries(fields.map((field) => [field, t(`${ns}.fields.${field.replace(/Id$/, '')}`)]));
      const errors: FieldError[] = [...fieldErrors(error, texts), ...(moreErrors?.(error) ?? [])];
      if (errors.length) form.setFields(errors as Parameters<typeof form.setFields>[0]);
      else void message.error(problemMessage(error, t, ns));
    } finally {
      setSaving(false);
    }
  };

  return {
    form,
    holder,
    open,
    start: () => setOpen(true),
    saving,
    create,
    dialog: { open, busy: saving, form, onCancel: () => setOpen(false) },
  };
}
