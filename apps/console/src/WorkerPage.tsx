import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type CommandAnswer, type Problem } from './api';
import { sendCommand, showProblemOnForm } from './commands';
import type { Desk } from './desk';
import { Clauses, sectionTitle } from './Clauses';
import { Receipt, RefusalNotice, type Served } from './Documents';
import { CERTIFICATE, ENROLMENT_STATUS, GROUNDS, label, PERMIT_STATUS, POINT_FACTORS, RENTAL_STATUS, SCHEMES, TRANSFER_STATUS, VACCINATION_RECORD } from './labels';
import { mayWrite } from './session';
import { factDateProblem, rule } from './validation';
import { fetchWorkerPicture, takeWorkerPicture, type Child, type PointsRow, type Summary } from './worker-data';

type Outcome = { kind: 'done'; answer: CommandAnswer; served: Served } | { kind: 'refused'; problem: Problem; served: Served };

/** The worker's whole picture on one screen (一窗式), and the permit commands a counter sends. */
export function WorkerPage({ desk, workerId }: { desk: Desk; workerId: string }) {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [points, setPoints] = useState<PointsRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  // The first load takes what was asked when the clerk chose the worker; later ones read again.
  const first = useRef(true);
  const load = useCallback(async (): Promise<Summary | null> => {
    try {
      const { summary: s, points: p } = first.current ? await takeWorkerPicture(desk.client, workerId) : await fetchWorkerPicture(desk.client, workerId);
      first.current = false;
      setSummary(s);
      setPoints(p);
      setError(null);
      return s;
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.detail : String(e));
      return null;
    }
  }, [desk.client, workerId]);

  useEffect(() => {
    setOutcome(null);
    void load();
  }, [load]);

  if (error) return <Alert type="error" showIcon title={`无法读取 ${workerId}`} description={error} />;
  if (!summary) return <Spin />;
  const w = summary.worker;
  const p = summary.residencePermit;
  // permit.lapse: past the overdue day without a 签注, the permit's use is suspended even before
  // 公安局 records the lapse (the statistics count it overdue too).
  const overdue = p.status === 'active' && !!p.nextEndorsement && p.nextEndorsement.overdueFrom <= desk.today;
  const statusText = p.revision < 0 ? '未居住登记' : overdue ? label(PERMIT_STATUS, 'overdue') : label(PERMIT_STATUS, p.status);
  // 签发 is offered to a credential that may send it (a 社区服务站 not commissioned to issue has a
  // credential narrowed without it, docs/access.md).
  const mayIssue = mayWrite(desk.session, 'residence-permit', 'IssuePermit');
  // The tab a clerk most likely needs next.
  const nextStep =
    p.revision < 0
      ? 'residence'
      : p.status === 'none'
        ? 'apply'
        : p.status === 'applied' && mayIssue
          ? 'issue'
          : p.status === 'active' || p.status === 'suspended'
            ? 'endorse'
            : 'residence';
  // The clause the 签注 schedule comes from, as the permit's decisions recorded it.
  const endorseRule = p.rules?.find((r) => r.ruleId === 'permit.endorse.yearly');
  const inFlight = (summary.insurance.transfers ?? []).filter((t) => (summary.insurance.transfersInFlight ?? []).includes(t.transferId));
  const served = (command: string, after?: Summary | null): Served => ({
    workerId,
    name: w.name,
    idNumber: w.idNumber,
    command,
    clerk: desk.session.principal,
    today: desk.today,
    details: after ? receiptDetails(command, after) : undefined,
  });
  const onResult = async (command: string, result: Awaited<ReturnType<typeof sendCommand>>) => {
    if (result.ok) {
      const after = await load(); // the picture shows the new state when the receipt appears
      setOutcome({ kind: 'done', answer: result.answer, served: served(command, after) });
    } else if (result.problem.ruleId) {
      setOutcome({ kind: 'refused', problem: result.problem, served: served(command) });
    }
    return result;
  };

  return (
    <div data-testid="worker-page">
      <Typography.Title level={4}>
        {w.name}（{workerId}）
      </Typography.Title>
      <Row gutter={16}>
        <Col span={12}>
          <Card title="人员信息" size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="身份证号">{w.idNumber ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="手机号">{w.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="出生日期">{w.birthDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="户籍地区划">{w.hukouAreaCode ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="来本市日期">{w.arrivalOn ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col span={12}>
          <Card title={sectionTitle('居住证', p, 'permit')} size="small" data-testid="permit" extra={<Tag color={overdue || p.status === 'suspended' ? 'red' : p.status === 'active' ? 'green' : undefined} data-testid="permit-status">{statusText}</Tag>}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="居住地址">
                {p.address?.line ?? '—'}
                {p.address?.districtCode ? `（${p.address.districtCode}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="居住证号">{p.permitNumber ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="签发 / 有效期至">
                {p.issuedOn ?? '—'} / {p.validUntil ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label="下次签注">
                <div>
                  <span data-testid="next-endorsement">
                    {p.nextEndorsement ? `${p.nextEndorsement.windowOpensOn} 起可办，${p.nextEndorsement.dueOn} 前办理` : '—'}
                    {overdue ? `，${p.nextEndorsement!.overdueFrom} 起已逾期` : ''}
                  </span>
                  {endorseRule ? (
                    <Typography.Text type="secondary" data-testid="next-endorsement-clause">
                      （{endorseRule.source}“{endorseRule.quote}”）
                    </Typography.Text>
                  ) : null}
                </div>
              </Descriptions.Item>
              <Descriptions.Item label="连续居住起算">{p.continuousResidenceSince ?? '—'}</Descriptions.Item>
            </Descriptions>
            <Clauses section={p} testId="permit" />
          </Card>
        </Col>
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={8}>
          <Card title={sectionTitle('积分', summary.points, 'points')} size="small" data-testid="points">
            {summary.points.revision < 0 ? '未评定' : `${summary.points.total ?? '—'} 分（${summary.points.assessedOn ?? '—'} 评定）`}
            {points && points.breakdown.length > 0 ? (
              <ul style={{ paddingLeft: 18, margin: '8px 0 0' }} data-testid="points-breakdown">
                {points.breakdown.map((line) => (
                  <li key={line.factor}>
                    {label(POINT_FACTORS, line.factor)}：{line.points} 分{line.capped ? '（已封顶）' : ''}
                  </li>
                ))}
              </ul>
            ) : null}
            {points?.factorsPackId ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                依据 {points.factorsPackId} 政策包 {points.factorsPackVersion}（{points.factorsEffectiveFrom} 起施行）
              </Typography.Text>
            ) : null}
            <Clauses section={summary.points} testId="points" />
          </Card>
        </Col>
        <Col span={8}>
          <Card title={sectionTitle('社会保险', summary.insurance, 'insurance')} size="small" data-testid="insurance">
            {Object.entries(summary.insurance.contributionMonths ?? {}).map(([scheme, months]) => (
              <div key={scheme}>
                {label(SCHEMES, scheme)}：{months} 个月
              </div>
            ))}
            {inFlight.length > 0 ? (
              <div data-testid="transfers-in-flight">
                转移接续办理中 {inFlight.length} 笔：
                <ul style={{ paddingLeft: 18, margin: 0 }}>
                  {inFlight.map((t) => (
                    <li key={t.transferId}>
                      {t.transferId}（{t.fromRegion} → {t.toRegion}）{label(TRANSFER_STATUS, t.status)}
                      {t.letterDue ? `，联系函 ${t.letterDue} 前出具` : ''}
                      {t.completionDue ? `，${t.completionDue} 前办结` : ''}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {summary.insurance.revision < 0 ? '无缴费记录' : null}
            <Clauses section={summary.insurance} testId="insurance" />
          </Card>
        </Col>
        <Col span={8}>
          <Card title={sectionTitle('住房', summary.housing, 'housing')} size="small" data-testid="housing">
            {summary.housing.rental ? `公租房申请：${label(RENTAL_STATUS, summary.housing.rental.status)}` : '无申请'}
            {(summary.housing.homes ?? []).length > 0 ? <div>已购房 {(summary.housing.homes ?? []).length} 套</div> : null}
            <Clauses section={summary.housing} testId="housing" />
          </Card>
        </Col>
      </Row>
      <Card title="随迁子女" size="small" style={{ marginTop: 16 }} data-testid="children">
        {(summary.children ?? []).length === 0 ? '无' : (
          <Row gutter={16}>
            {(summary.children ?? []).map((c) => (
              <Col span={12} key={c.childId}>
                <ChildPicture child={c} />
              </Col>
            ))}
          </Row>
        )}
      </Card>
      <Card title="办理" size="small" style={{ marginTop: 16 }} className="no-print">
        <Tabs
          defaultActiveKey={nextStep}
          items={[
            { key: 'residence', label: '居住登记', children: <ResidenceForm desk={desk} workerId={workerId} arrivalOn={w.arrivalOn} onResult={(r) => onResult('RegisterResidence', r)} /> },
            { key: 'apply', label: '申领居住证', children: <ApplyForm desk={desk} workerId={workerId} onResult={(r) => onResult('ApplyForPermit', r)} /> },
            ...(mayIssue
              ? [{ key: 'issue', label: '签发居住证', children: <IssueForm desk={desk} workerId={workerId} districtCode={p.address?.districtCode ?? undefined} onResult={(r) => onResult('IssuePermit', r)} /> }]
              : []),
            { key: 'endorse', label: '签注 / 恢复', children: <EndorseForm desk={desk} workerId={workerId} onResult={(r) => onResult('EndorsePermit', r)} /> },
            { key: 'address', label: '地址变更', children: <AddressForm desk={desk} workerId={workerId} onResult={(r) => onResult('ChangeAddress', r)} /> },
          ]}
        />
      </Card>
      {outcome?.kind === 'done' && <Receipt answer={outcome.answer} served={outcome.served} />}
      {outcome?.kind === 'refused' && <RefusalNotice problem={outcome.problem} served={outcome.served} />}
    </div>
  );
}

/** A child's schooling and vaccination, each with the clauses behind it. */
function ChildPicture({ child: c }: { child: Child }) {
  const id = `child-${c.childId}`;
  const schooling = c.enrolment
    ? `已入学 ${c.enrolment.schoolId ?? ''} ${c.enrolment.grade ?? ''} 年级（${c.enrolment.enrolledOn ?? '—'}）`
    : c.application
      ? `${label(ENROLMENT_STATUS, c.application.status)}（${c.application.schoolYear ?? '—'} 学年 ${c.application.grade ?? '—'} 年级）`
      : '未申请入学';
  const v = c.vaccination;
  const vaccination = v
    ? `${label(CERTIFICATE, v.certificate)}${v.missingVaccines.length > 0 ? `，缺种：${v.missingVaccines.join('、')}` : ''}（${v.verifiedOn} 查验）`
    : '未查验';
  const health = c.health ?? { rules: [], illustrative: false };
  return (
    <Descriptions column={1} size="small" bordered title={`${c.childId}（${c.birthDate ?? '—'} 出生）`} data-testid={id} styles={{ label: { width: '6em', whiteSpace: 'nowrap' } }}>
      <Descriptions.Item label={sectionTitle('入学', c, `${id}-schooling`)}>
        <span data-testid={`${id}-schooling`}>{schooling}</span>
        <Clauses section={c} testId={`${id}-schooling`} />
      </Descriptions.Item>
      <Descriptions.Item label={sectionTitle('预防接种', health, `${id}-health`)}>
        <span data-testid={`${id}-vaccination`}>{vaccination}</span>
        {c.vaccinationRecord ? (
          <div data-testid={`${id}-vaccination-record`}>
            已建立{label(VACCINATION_RECORD, c.vaccinationRecord.recordKind)}（{c.vaccinationRecord.openedOn}）
          </div>
        ) : null}
        <div data-testid={`${id}-public-health`}>
          {c.publicHealthCoveredFrom ? `基本公共卫生服务：${c.publicHealthCoveredFrom} 起纳入` : '基本公共卫生服务：未纳入'}
        </div>
        <Clauses section={health} testId={`${id}-health`} />
      </Descriptions.Item>
    </Descriptions>
  );
}

type OnResult = (result: Awaited<ReturnType<typeof sendCommand>>) => Promise<unknown>;

function useCommandForm<T extends object>(desk: Desk, path: string, fields: string[], onResult: OnResult) {
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const [loose, setLoose] = useState<string[]>([]);
  const submit = async (body: T) => {
    setBusy(true);
    setLoose([]);
    try {
      const result = await sendCommand(desk.client, path, body);
      await onResult(result);
      if (!result.ok && result.problem.status === 400) setLoose(showProblemOnForm(form, result.problem, fields));
      else if (!result.ok && !result.problem.ruleId) setLoose([result.problem.detail]);
    } finally {
      setBusy(false);
    }
  };
  const problems = loose.length > 0 ? <Alert type="error" showIcon title="台账服务退回" description={loose.join('；')} style={{ marginBottom: 12 }} /> : null;
  return { form, busy, submit, problems };
}

// Each form has a `name`: antd derives input ids from it, and two forms with `address.line` would
// otherwise share an id (a label would point at the other form's input).
const ADDRESS_RULES = {
  line: [{ required: true, whitespace: true, message: '请填写居住地址' }, { max: 200 }],
  district: [{ pattern: /^\d{6}$/, message: '6位行政区划代码' }],
};

function ResidenceForm({ desk, workerId, arrivalOn, onResult }: { desk: Desk; workerId: string; arrivalOn?: string; onResult: OnResult }) {
  type V = { address: { line: string; districtCode?: string }; arrivalOn: string };
  const { form, busy, submit, problems } = useCommandForm<V>(desk, `/v1/workers/${encodeURIComponent(workerId)}/residence-permit/registrations`, ['address.line', 'address.districtCode', 'arrivalOn'], onResult);
  return (
    <Form<V> form={form} layout="inline" name="residence" onFinish={submit} initialValues={{ arrivalOn }} aria-label="居住登记">
      <Form.Item label="居住地址" name={['address', 'line']} rules={ADDRESS_RULES.line}>
        <Input style={{ width: 320 }} autoComplete="off" />
      </Form.Item>
      <Form.Item label="区划代码" name={['address', 'districtCode']} rules={ADDRESS_RULES.district}>
        <Input style={{ width: 100 }} maxLength={6} autoComplete="off" />
      </Form.Item>
      <Form.Item label="来本市日期" name="arrivalOn" rules={[rule((v) => factDateProblem(v, desk.today))]}>
        <Input style={{ width: 130 }} placeholder="YYYY-MM-DD" autoComplete="off" />
      </Form.Item>
      {problems}
      <Button type="primary" htmlType="submit" loading={busy}>
        办理居住登记
      </Button>
    </Form>
  );
}

function ApplyForm({ desk, workerId, onResult }: { desk: Desk; workerId: string; onResult: OnResult }) {
  type V = { ground: string; evidenceRef?: string };
  const { form, busy, submit, problems } = useCommandForm<V>(desk, `/v1/workers/${encodeURIComponent(workerId)}/residence-permit/applications`, ['ground', 'evidenceRef'], onResult);
  return (
    <Form<V> form={form} layout="inline" name="apply" onFinish={submit} initialValues={{ ground: 'stable-job' }} aria-label="申领居住证">
      <Form.Item label="申领条件" name="ground" rules={[{ required: true }]}>
        <Select style={{ width: 180 }} aria-label="申领条件" options={Object.entries(GROUNDS).map(([value, text]) => ({ value, label: text }))} />
      </Form.Item>
      <Form.Item label="证明材料编号" name="evidenceRef">
        <Input style={{ width: 220 }} autoComplete="off" placeholder="如 劳动合同编号（可不填）" />
      </Form.Item>
      {problems}
      <Button type="primary" htmlType="submit" loading={busy}>
        受理申领
      </Button>
    </Form>
  );
}

function IssueForm({ desk, workerId, districtCode, onResult }: { desk: Desk; workerId: string; districtCode?: string; onResult: OnResult }) {
  type V = { permitNumber: string; issuingOfficeCode: string };
  const { form, busy, submit, problems } = useCommandForm<V>(desk, `/v1/workers/${encodeURIComponent(workerId)}/residence-permit/issuances`, ['permitNumber', 'issuingOfficeCode'], onResult);
  return (
    <Form<V> form={form} layout="inline" name="issue" onFinish={submit} initialValues={{ issuingOfficeCode: districtCode }} aria-label="签发居住证">
      <Form.Item label="居住证号" name="permitNumber" rules={[{ required: true, whitespace: true, message: '请填写居住证号（证件上的编号）' }, { pattern: /^\S+$/, message: '居住证号不含空格' }]}>
        <Input style={{ width: 220 }} autoComplete="off" />
      </Form.Item>
      <Form.Item label="签发机关代码" name="issuingOfficeCode" rules={[{ required: true, message: '请填写签发公安机关的6位行政区划代码' }, ADDRESS_RULES.district[0]!]}>
        <Input style={{ width: 100 }} maxLength={6} autoComplete="off" />
      </Form.Item>
      {problems}
      <Button type="primary" htmlType="submit" loading={busy}>
        签发居住证
      </Button>
    </Form>
  );
}

/** What a receipt adds from the picture after the command: the permit and its next 签注. */
function receiptDetails(command: string, after: Summary): { label: string; value: string }[] {
  const p = after.residencePermit;
  const next = p.nextEndorsement ? `${p.nextEndorsement.windowOpensOn} 起可办，${p.nextEndorsement.dueOn} 前办理` : null;
  if (command === 'IssuePermit' || command === 'EndorsePermit') {
    return [
      { label: '居住证号', value: p.permitNumber ?? '—' },
      { label: '有效期至', value: p.validUntil ?? '—' },
      ...(next ? [{ label: '下次签注', value: next }] : []),
    ];
  }
  if (command === 'ApplyForPermit') return [{ label: '连续居住起算', value: p.continuousResidenceSince ?? p.arrivalOn ?? '—' }];
  return [];
}

function EndorseForm({ desk, workerId, onResult }: { desk: Desk; workerId: string; onResult: OnResult }) {
  const { form, busy, submit, problems } = useCommandForm<Record<string, never>>(desk, `/v1/workers/${encodeURIComponent(workerId)}/residence-permit/endorsements`, [], onResult);
  return (
    <Form form={form} layout="inline" name="endorse" onFinish={() => submit({})} aria-label="签注">
      <Typography.Paragraph>每满一年签注一次；逾期未签注的居住证，补办签注后恢复有效（签注即恢复）。</Typography.Paragraph>
      {problems}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          办理签注
        </Button>
      </Space>
    </Form>
  );
}

function AddressForm({ desk, workerId, onResult }: { desk: Desk; workerId: string; onResult: OnResult }) {
  type V = { address: { line: string; districtCode?: string }; movedOn: string };
  const { form, busy, submit, problems } = useCommandForm<V>(desk, `/v1/workers/${encodeURIComponent(workerId)}/residence-permit/address-changes`, ['address.line', 'address.districtCode', 'movedOn'], onResult);
  return (
    <Form<V> form={form} layout="inline" name="address-change" onFinish={submit} aria-label="地址变更">
      <Form.Item label="新居住地址" name={['address', 'line']} rules={ADDRESS_RULES.line}>
        <Input style={{ width: 320 }} autoComplete="off" />
      </Form.Item>
      <Form.Item label="区划代码" name={['address', 'districtCode']} rules={ADDRESS_RULES.district}>
        <Input style={{ width: 100 }} maxLength={6} autoComplete="off" />
      </Form.Item>
      <Form.Item label="迁入日期" name="movedOn" rules={[rule((v) => factDateProblem(v, desk.today))]}>
        <Input style={{ width: 130 }} placeholder="YYYY-MM-DD" autoComplete="off" />
      </Form.Item>
      {problems}
      <Button type="primary" htmlType="submit" loading={busy}>
        办理地址变更
      </Button>
    </Form>
  );
}
