import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from './api';
import { downloadCsv, toCsv } from './csv';
import type { Desk } from './desk';
import { GROUNDS, label } from './labels';

interface Page<T> {
  rows: T[];
  next: string | null;
}

type Row = Record<string, unknown> & { workerId: string };

/** The day `days` after an ISO date. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

interface ListSpec {
  key: string;
  title: string;
  path: (today: string) => string;
  columns: { title: string; key: string; render?: (value: unknown) => string }[];
}

const LISTS: ListSpec[] = [
  {
    key: 'endorsements-due',
    title: '30天内进入签注期的居住证',
    path: (today) => `/v1/public-security/endorsements-due?on=${addDays(today, 30)}&limit=200`,
    columns: [
      { title: '台账编号', key: 'workerId' },
      { title: '居住证号', key: 'permitNumber' },
      { title: '签注期开始', key: 'nextWindowOpensOn' },
      { title: '应签注日期', key: 'nextDueOn' },
      { title: '区划', key: 'addressDistrict' },
    ],
  },
  {
    key: 'applications',
    title: '已受理待签发的申领',
    path: () => '/v1/public-security/permits?status=applied&limit=200',
    columns: [
      { title: '台账编号', key: 'workerId' },
      { title: '申领日期', key: 'appliedOn' },
      { title: '申领条件', key: 'ground', render: (v) => label(GROUNDS, v as string) },
      { title: '区划', key: 'addressDistrict' },
    ],
  },
  {
    key: 'overdue-transfers',
    title: '逾期的社保关系转移',
    path: (today) => `/v1/hrss/transfers?inFlight=true&overdueOn=${today}&limit=200`,
    columns: [
      { title: '台账编号', key: 'workerId' },
      { title: '转移编号', key: 'transferId' },
      { title: '转出地', key: 'fromRegion' },
      { title: '转入地', key: 'toRegion' },
      { title: '申请日期', key: 'requestedOn' },
      { title: '联系函应出具', key: 'letterDue' },
      { title: '应办结', key: 'completionDue' },
    ],
  },
];

function WorkList({ desk, spec }: { desk: Desk; spec: ListSpec }) {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    desk.client
      .get<Page<Row>>(spec.path(desk.today))
      .then((page) => setRows(page.rows))
      .catch((e) => setError(e instanceof ApiError ? e.problem.detail : String(e)));
  }, [desk.client, desk.today, spec]);
  const csv = () => downloadCsv(`${spec.key}-${desk.today}.csv`, toCsv(spec.columns, (rows ?? []).map((r) => Object.fromEntries(spec.columns.map((c) => [c.key, c.render ? c.render(r[c.key]) : r[c.key]])))));
  return (
    <Card
      size="small"
      title={`${spec.title}（${rows?.length ?? '…'}）`}
      data-testid={`worklist-${spec.key}`}
      style={{ marginBottom: 16 }}
      extra={
        <Button size="small" onClick={csv} disabled={!rows}>
          导出 CSV
        </Button>
      }
    >
      {error ? (
        <Alert type="error" showIcon title={error} />
      ) : (
        <Table<Row>
          size="small"
          rowKey={(r) => `${r.workerId}-${String(r.transferId ?? '')}`}
          loading={!rows}
          dataSource={rows ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          onRow={(r) => ({ onClick: () => desk.openWorker(r.workerId), style: { cursor: 'pointer' } })}
          columns={spec.columns.map((c) => ({ title: c.title, dataIndex: c.key, render: c.render ? (v: unknown) => c.render!(v) : undefined }))}
        />
      )}
    </Card>
  );
}

/** 工作清单: what the counter should act on, on the ledger's day. */
export function WorkListsPage({ desk }: { desk: Desk }) {
  return (
    <div>
      <Space align="baseline">
        <Typography.Title level={4}>工作清单</Typography.Title>
        <Typography.Text type="secondary">按台账日期 {desk.today}；点一行打开该人员</Typography.Text>
      </Space>
      {LISTS.map((spec) => (
        <WorkList key={spec.key} desk={desk} spec={spec} />
      ))}
    </div>
  );
}
