import { Alert, Input, Table, Tag, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from './api';
import type { Desk, SearchAnswer, WorkerHit } from './desk';
import { label, PERMIT_STATUS } from './labels';

const MATCH: Record<SearchAnswer['match'], string> = {
  idNumber: '按身份证号精确查找',
  phone: '按手机号查找',
  workerId: '按台账编号查找',
  name: '按姓名查找',
};

/** 查找人员: results as the clerk types (身份证号, name, phone or worker id); Enter opens the first. */
export function SearchPage({ desk }: { desk: Desk }) {
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const input = useRef<InputRef>(null);
  const asked = useRef(0);

  useEffect(() => {
    input.current?.focus();
    // The first screen is interactive: bench/console.ts reads this mark (ms since navigation start).
    if (!performance.getEntriesByName('console:search-ready').length) performance.mark('console:search-ready');
  }, []);

  useEffect(() => {
    const q = text.trim();
    if (q === '') {
      setAnswer(null);
      setError(null);
      return;
    }
    const ticket = ++asked.current;
    // A short pause so a fast typist sends one request, not one per key.
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const found = await desk.client.get<SearchAnswer>(`/v1/workers?q=${encodeURIComponent(q)}`);
        if (ticket === asked.current) {
          setAnswer(found);
          setError(null);
        }
      } catch (e) {
        if (ticket === asked.current) setError(e instanceof ApiError ? e.problem.detail : String(e));
      } finally {
        if (ticket === asked.current) setLoading(false);
      }
    }, 80);
    return () => clearTimeout(timer);
  }, [text, desk.client]);

  return (
    <div>
      <Typography.Title level={4}>查找人员</Typography.Title>
      <Input.Search
        ref={input}
        size="large"
        allowClear
        aria-label="查找人员"
        placeholder="身份证号 / 姓名 / 手机号 / 台账编号，按回车打开第一条"
        value={text}
        loading={loading}
        onChange={(e) => setText(e.target.value)}
        onSearch={() => {
          const first = answer?.items[0];
          if (first) desk.openWorker(first.workerId);
        }}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {answer && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary" data-testid="search-summary">
            {MATCH[answer.match]}：{answer.items.length === 0 ? '没有找到' : `找到 ${answer.items.length} 人`}
          </Typography.Text>
          <Table<WorkerHit>
            data-testid="search-results"
            size="small"
            rowKey="workerId"
            pagination={false}
            dataSource={answer.items}
            style={{ marginTop: 8 }}
            onRow={(row) => ({ onClick: () => desk.openWorker(row.workerId), style: { cursor: 'pointer' } })}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '身份证号', dataIndex: 'idNumber' },
              { title: '手机号', dataIndex: 'phone' },
              { title: '台账编号', dataIndex: 'workerId' },
              { title: '来本市日期', dataIndex: 'arrivalOn' },
              {
                title: '居住证',
                dataIndex: 'permitStatus',
                render: (status: string | null) => (status ? <Tag>{label(PERMIT_STATUS, status)}</Tag> : <Tag>未居住登记</Tag>),
              },
            ]}
          />
        </div>
      )}
    </div>
  );
}
