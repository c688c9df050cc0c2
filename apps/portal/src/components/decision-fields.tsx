import { DatePicker, Form, Input } from 'antd';

/**
 * The decision a competent level records (an appointment decided, a rotation approved): its number and
 * date, both required, the number at most 100 characters as the API takes it. `required(label)` words the
 * message in the area's own texts.
 */
export function DecisionFields({
  numberLabel,
  dateLabel,
  required,
}: {
  numberLabel: string;
  dateLabel: string;
  required: (label: string) => { required: boolean; message: string };
}) {
  return (
    <>
      <Form.Item name="decisionNumber" label={numberLabel} rules={[{ ...required(numberLabel), whitespace: true }, { max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="decisionDate" label={dateLabel} rules={[required(dateLabel)]}>
        <DatePicker format="DD/MM/YYYY" />
      </Form.Item>
    </>
  );
}
