import type { ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';

export interface FormDialogProps<Values> {
  open: boolean;
  title: string;
  okText: string;
  cancelText: string;
  /** The OK button in the danger colour (removing, refusing). */
  danger?: boolean;
  busy: boolean;
  form: FormInstance<Values>;
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
  onCancel,
  onFinish,
  children,
}: FormDialogProps<Values>) {
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={danger ? { danger: true } : undefined}
      cancelText={cancelText}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={onFinish}>
        {children}
      </Form>
    </Modal>
  );
}
