import type { ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance, type FormProps } from 'antd';

export interface FormDialogProps<Values> {
  open: boolean;
  title: string;
  okText: string;
  cancelText: string;
  /** The OK button in the danger colour (removing, refusing). */
  danger?: boolean;
  busy: boolean;
  form: FormInstance<Values>;
  /** A refusal that belongs to no field, in words, above the form. */
  problem?: string | null;
  initialValues?: FormProps<Values>['initialValues'];
  onValuesChange?: FormProps<Values>['onValuesChange'];
  width?: number;
  onCancel(): void;
  onFinish(values: Values): void;
  /** The form's items. */
  children: ReactNode;
}

/** A dialog around one small form (a workflow step's reason, a decision's number): OK submits the form, its rules first. */
export function FormDialog<Values>({
  open,
  title,
  okText,
  cancelText,
  danger,
  busy,
  form,
  problem,
  initialValues,
  onValuesChange,
  width,
  onCancel,
  onFinish,
  children,
}: FormDialogProps<Values>) {
  return (
    <Modal
      open={open}
      width={width}
      title={title}
      okText={okText}
      okButtonProps={danger ? { danger: true } : undefined}
      cancelText={cancelText}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues} onValuesChange={onValuesChange} onFinish={onFinish}>
        {children}
      </Form>
    </Modal>
  );
}
