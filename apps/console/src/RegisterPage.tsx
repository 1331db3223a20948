import { Alert, Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { newKey, type CommandAnswer, type Problem } from './api';
import { sendCommand, showProblemOnForm } from './commands';
import type { Desk, SearchAnswer } from './desk';
import { Receipt, RefusalNotice, type Served } from './Documents';
import { birthDateOf, factDateProblem, idNumberProblem, isIsoDate, rule } from './validation';

interface RegisterValues {
  workerId: string;
  name: string;
  idNumber: string;
  phone: string;
  birthDate: string;
  hukouPlace: { areaCode: string; address: string };
  arrivalOn: string;
}

const FIELDS = ['workerId', 'name', 'idNumber', 'phone', 'birthDate', 'hukouPlace.areaCode', 'hukouPlace.address', 'arrivalOn'];

const newWorkerId = () => `w-${newKey().slice(0, 10)}`;

/**
 * 流动人口信息登记 (RegisterWorker), keyboard first: the fields in reading order, Tab between
 * them, Enter submits. A 身份证号 already registered is caught before the command is sent.
 */
export function RegisterPage({ desk }: { desk: Desk }) {
  const [form] = Form.useForm<RegisterValues>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ answer: CommandAnswer; served: Served } | null>(null);
  const [refused, setRefused] = useState<{ problem: Problem; served: Served } | null>(null);
  const [loose, setLoose] = useState<string[]>([]);

  async function submit(values: RegisterValues) {
    setBusy(true);
    setDone(null);
    setRefused(null);
    setLoose([]);
    const idNumber = values.idNumber.trim().toUpperCase();
    const served: Served = {
      workerId: values.workerId.trim(),
      name: values.name.trim(),
      idNumber,
      command: 'RegisterWorker',
      clerk: desk.session.principal,
      today: desk.today,
    };
    try {
      // One 身份证号 is one worker: look it up before sending (the API refuses a second one too).
      const existing = await desk.client.get<SearchAnswer>(`/v1/workers?idNumber=${encodeURIComponent(idNumber)}`);
      const first = existing.items[0];
      if (first) {
        form.setFields([{ name: 'idNumber', errors: [`该身份证号已登记：${first.name}（台账编号 ${first.workerId}），请勿重复登记`] }]);
        return;
      }
      const body = { ...values, workerId: undefined, name: values.name.trim(), idNumber, phone: values.phone.trim() };
      const result = await sendCommand(desk.client, `/v1/workers/${encodeURIComponent(served.workerId)}/registrations`, body);
      if (result.ok) {
        setDone({ answer: result.answer, served });
      } else if (result.problem.status === 400) {
        setLoose(showProblemOnForm(form, result.problem, FIELDS));
      } else if (result.problem.status === 422 && result.problem.ruleId) {
        setRefused({ problem: result.problem, served });
      } else {
        setLoose([result.problem.detail]);
      }
    } finally {
      setBusy(false);
    }
  }

  function next() {
    form.resetFields();
    form.setFieldValue('workerId', newWorkerId());
    setDone(null);
    setRefused(null);
  }

  return (
    <div>
      <Typography.Title level={4}>流动人口信息登记</Typography.Title>
      <Card>
        <Form<RegisterValues>
          form={form}
          name="register-worker"
          layout="vertical"
          onFinish={submit}
          initialValues={{ workerId: newWorkerId() }}
          requiredMark
          aria-label="流动人口信息登记"
        >
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50 }]}>
                <Input autoFocus autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                label="身份证号"
                name="idNumber"
                validateTrigger={['onBlur', 'onSubmit']}
                rules={[rule(idNumberProblem)]}
              >
                <Input
                  autoComplete="off"
                  maxLength={18}
                  onBlur={(e) => {
                    const id = e.target.value.trim().toUpperCase();
                    if (!idNumberProblem(id) && !form.getFieldValue('birthDate')) form.setFieldValue('birthDate', birthDateOf(id));
                  }}
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                label="手机号"
                name="phone"
                rules={[{ required: true, message: '请填写手机号' }, { pattern: /^\+?[0-9-]{5,20}$/, message: '手机号只含数字、- 和开头的 +' }]}
              >
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item
                label="出生日期"
                name="birthDate"
                extra="YYYY-MM-DD；填好身份证号后自动带出"
                rules={[rule((v) => factDateProblem(v, desk.today))]}
              >
                <Input autoComplete="off" placeholder="YYYY-MM-DD" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="户籍地区划代码" name={['hukouPlace', 'areaCode']} rules={[{ required: true, pattern: /^\d{6}$/, message: '6位行政区划代码' }]}>
                <Input autoComplete="off" maxLength={6} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="户籍地址（按户口簿）" name={['hukouPlace', 'address']} rules={[{ required: true, whitespace: true, message: '请填写户籍地址' }]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item
                label="来本市日期"
                name="arrivalOn"
                rules={[
                  rule((v) => factDateProblem(v, desk.today)),
                  ({ getFieldValue }) => ({
                    validator: async (_: unknown, v: string | undefined) => {
                      const birth = getFieldValue('birthDate') as string | undefined;
                      if (v && birth && isIsoDate(birth) && v < birth) throw new Error('来本市日期不能早于出生日期');
                    },
                  }),
                ]}
              >
                <Input autoComplete="off" placeholder="YYYY-MM-DD" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="台账编号" name="workerId" extra="系统生成，可改" rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, message: '字母、数字、. _ -' }]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          {loose.length > 0 && <Alert type="error" showIcon title="台账服务退回" description={loose.join('；')} style={{ marginBottom: 16 }} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              登记（Enter）
            </Button>
            <Button onClick={next}>清空，登记下一位</Button>
          </Space>
        </Form>
      </Card>
      {done && (
        <>
          <Receipt answer={done.answer} served={done.served} />
          <Button type="primary" style={{ marginTop: 12 }} onClick={() => desk.openWorker(done.served.workerId)}>
            继续办理：居住登记、申领居住证 →
          </Button>
        </>
      )}
      {refused && <RefusalNotice problem={refused.problem} served={refused.served} />}
    </div>
  );
}
