import { useState, type ReactNode } from 'react';
import type { HttpError } from '@refinedev/core';
import { Button, Form, Space, message as messages, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api';
import { problemSlug, type Problem } from '../providers/http';
import { FormDialog } from './form-dialog';
import { fieldErrors, problemMessage } from './problem-message';

/** A step's refusal as the API sends it (problem+json, with whatever the problem carries: check results, failures). */
export type StepError = HttpError & { problem?: Problem & Record<string, unknown> };

/** A step the rulebook's conditions refused: every result, the failures among them, by the rules in force on `rulesOn`. */
export interface StepRefusal {
  rulesOn: string;
  results: Schemas['CheckResultView'][];
}

/**
 * A 409 in words: the record's state no longer allows the step (`<ns>.problems.<stateSlug>`), or it
 * changed under the form since it was read (`<ns>.problems.409`).
 */
export function conflictMessage(e: StepError, t: TFunction, ns: string, stateSlug: string): string {
  const slug = e.problem ? problemSlug(e.problem) : '';
  return t(slug === stateSlug ? `${ns}.problems.${stateSlug}` : `${ns}.problems.409`);
}

export interface WorkflowStepOptions {
  /** The feature's texts: `<ns>.actions.<verb>`, `.actions.confirm`, `.actions.done`, `.cancel`, `.problems.*`. */
  ns: string;
  /** The problem slug of "not in this state any more" (appointment-state, rotation-state…). */
  stateSlug: string;
  /** Reads the record again (after a step, and after a 409 so the page shows what changed). */
  refresh(): Promise<unknown>;
  /** The dialog's fields in words, for a 400's field errors. */
  fields: Record<string, string>;
  /** The problem slug of a refusal by the rulebook's conditions (422 with `results`), shown on the page (`refusal`) rather than as a message. */
  checkFailed?: string;
}

/**
 * A show page's workflow steps (decide, approve, cancel…): which step's dialog is open, its form, the POST in
 * flight, and what its answer does — done: say so, close, reload; a field's 400 under the field; the
 * conditions' refusal kept for the page to show (`refusal`); 409: say why, close, reload; anything else in words.
 */
export function useWorkflowStep<Verb extends string, Values>(options: WorkflowStepOptions) {
  const { ns, stateSlug, refresh, fields, checkFailed } = options;
  const { t } = useTranslation();
  // The steps' dialog form and their messages (the page renders `holder`).
  const [form] = Form.useForm<Values>();
  const [message, holder] = messages.useMessage();
  const [verb, setVerb] = useState<Verb | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<StepRefusal | null>(null);
  const label = (v: Verb): string => t(`${ns}.actions.${v as string}`);
  const close = () => setVerb(null);

  /** Sends one step; `rulesOn` is the day whose rules a conditions' refusal speaks of. */
  const run = async (v: Verb, send: () => Promise<unknown>, rulesOn = '') => {
    setBusy(true);
    try {
      await send();
      void message.success(t(`${ns}.actions.done`, { action: label(v) }));
      setVerb(null);
      setRefusal(null);
      await refresh();
    } catch (error) {
      const e = error as StepError;
      const errors = fieldErrors(e, fields);
      const slug = e.problem ? problemSlug(e.problem) : '';
      if (errors.length) form.setFields(errors as Parameters<typeof form.setFields>[0]);
      else if (checkFailed && slug === checkFailed) {
        setRefusal({ rulesOn, results: (e.problem?.results as StepRefusal['results'] | undefined) ?? [] });
        setVerb(null);
      } else if (e.statusCode === 409) {
        void message.warning(conflictMessage(e, t, ns, stateSlug));
        setVerb(null);
        await refresh();
      } else void message.error(problemMessage(e, t, ns));
    } finally {
      setBusy(false);
    }
  };

  return { verb, open: setVerb, busy, label, run, refusal, form, holder, dialog: { ns, verb, label, busy, form, onCancel: close } };
}

/** The steps the caller may take now, one button each; the step that undoes (cancel, withdraw, return) in the danger colour. */
export function StepButtons<Verb extends string>({
  verbs,
  label,
  danger,
  onPick,
}: {
  verbs: readonly Verb[];
  label(verb: NoInfer<Verb>): string;
  danger: NoInfer<Verb>;
  onPick(verb: NoInfer<Verb>): void;
}) {
  if (verbs.length === 0) return null;
  return (
    <Space style={{ marginTop: 16 }} wrap>
      {verbs.map((v) => (
        <Button key={v} type={v === danger ? 'default' : 'primary'} danger={v === danger} onClick={() => onPick(v)}>
          {label(v)}
        </Button>
      ))}
    </Space>
  );
}

/** The open step's dialog: "confirm <step>?", its fields (children), OK named after the step. */
export function StepDialog<Verb extends string, Values>({
  ns,
  verb,
  label,
  busy,
  form,
  danger,
  onCancel,
  onFinish,
  children,
}: {
  ns: string;
  verb: Verb | null;
  label(verb: Verb): string;
  busy: boolean;
  form: FormInstance<Values>;
  danger?: boolean;
  onCancel(): void;
  onFinish(verb: Verb, values: Values): void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <FormDialog<Values>
      open={!!verb}
      title={verb ? t(`${ns}.actions.confirm`, { action: label(verb) }) : ''}
      okText={verb ? label(verb) : ''}
      cancelText={t(`${ns}.cancel`)}
      danger={danger}
      busy={busy}
      form={form}
      onCancel={onCancel}
      onFinish={(values) => verb && onFinish(verb, values)}
    >
      {children}
    </FormDialog>
  );
}
