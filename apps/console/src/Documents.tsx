import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import type { CommandAnswer, Problem } from './api';
import { ILLUSTRATIVE_FLAG, ruleText } from './Clauses';
import { COMMANDS, EVENTS, label } from './labels';

/** Labels on one line, so a long clause wraps in its own column and the document stays on one A4 page. */
const LABELS = { label: { width: '7.5em', whiteSpace: 'nowrap' } } as const;

export interface Served {
  workerId: string;
  name?: string;
  idNumber?: string;
  command: string;
  clerk: string;
  today: string;
  /** What the receipt adds from the picture after the command (the permit number, the next 签注). */
  details?: { label: string; value: string }[];
}

/**
 * 不予受理: the refusal in plain words with its rule, clause, quote and the date the answer
 * would change, and the 不予受理通知书 printed from it (A4, print.css).
 */
export function RefusalNotice({ problem, served }: { problem: Problem; served: Served }) {
  return (
    <Card className="print-document" data-testid="refusal" title={<span>不予受理通知书</span>} style={{ marginTop: 16, borderColor: '#ff4d4f' }}>
      <Alert className="no-print" type="error" showIcon title="不予受理" description={problem.detail} style={{ marginBottom: 16 }} />
      <Typography.Paragraph className="print-only">
        {`${served.name ?? served.workerId}（台账编号 ${served.workerId}${served.idNumber ? `，身份证号 ${served.idNumber}` : ''}）：`}
        {`您于 ${served.today} 申请的「${label(COMMANDS, served.command)}」，经审查不予受理。理由如下：`}
      </Typography.Paragraph>
      <Descriptions column={1} bordered size="small" styles={LABELS}>
        <Descriptions.Item label="理由">
          <span data-testid="refusal-detail">{problem.detail}</span>
        </Descriptions.Item>
        <Descriptions.Item label="规则">
          <code data-testid="refusal-rule">{problem.ruleId ?? '—'}</code>
          {problem.draft ? <Typography.Text type="warning">（规则为征求意见稿）</Typography.Text> : null}
          {problem.ruleStatus === 'illustrative' ? (
            <Typography.Text type="warning" data-testid="refusal-illustrative">
              {ILLUSTRATIVE_FLAG}
            </Typography.Text>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label="依据条款">
          <span data-testid="refusal-source">{problem.source ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="条文原文">
          <span data-testid="refusal-quote">{problem.quote ? `“${problem.quote}”` : '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="可再次申请">
          <span data-testid="refusal-eligible-from">{problem.eligibleFrom ? `${problem.eligibleFrom} 起` : '条件改变后'}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph className="print-only" style={{ marginTop: 24 }}>
        经办人：{served.clerk}　　日期：{served.today}
      </Typography.Paragraph>
      <Space className="no-print" style={{ marginTop: 16 }}>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印不予受理通知书
        </Button>
      </Space>
    </Card>
  );
}

/** 受理回执: what was recorded, its stream revision and event ids, printable on A4. */
export function Receipt({ answer, served }: { answer: CommandAnswer; served: Served }) {
  return (
    <Card className="print-document" data-testid="receipt" title="受理回执" style={{ marginTop: 16, borderColor: '#52c41a' }}>
      <Typography.Paragraph className="print-only">
        {`${served.name ?? served.workerId}（台账编号 ${served.workerId}）：您于 ${served.today} 办理的「${label(COMMANDS, served.command)}」已受理，记录如下：`}
      </Typography.Paragraph>
      <Descriptions column={1} bordered size="small" styles={LABELS}>
        <Descriptions.Item label="事项">
          <span data-testid="receipt-command">{label(COMMANDS, served.command)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="申请人">
          {served.name ?? '—'}（台账编号 {served.workerId}）
        </Descriptions.Item>
        {served.idNumber ? <Descriptions.Item label="身份证号">{served.idNumber}</Descriptions.Item> : null}
        <Descriptions.Item label="结果">
          <span data-testid="receipt-events">{answer.events.map((e) => label(EVENTS, e.type)).join('；') || '已受理（此前已办理，未重复记录）'}</span>
        </Descriptions.Item>
        {(served.details ?? []).map((d) => (
          <Descriptions.Item key={d.label} label={d.label}>
            <span data-testid={`receipt-${d.label}`}>{d.value}</span>
          </Descriptions.Item>
        ))}
        {answer.rules && answer.rules.length > 0 ? (
          <Descriptions.Item label="依据条款">
            {/* The decision's own rules, as the 201 answer names them: the clause it was decided under. */}
            <span data-testid="receipt-source">{answer.rules.map(ruleText).join('；')}</span>
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label="台账记录">
          {answer.streamName} 第 {answer.revision} 版{answer.events[0] ? `（事件 ${answer.events[0].eventId}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="经办人">{served.clerk}</Descriptions.Item>
        <Descriptions.Item label="受理日期">{served.today}</Descriptions.Item>
      </Descriptions>
      <Space className="no-print" style={{ marginTop: 16 }}>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印受理回执
        </Button>
      </Space>
    </Card>
  );
}
