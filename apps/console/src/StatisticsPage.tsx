import { Alert, Button, Card, Col, Row, Spin, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from './api';
import { CountChart, type Count } from './Chart';
import { downloadCsv, toCsv } from './csv';
import type { Desk } from './desk';
import { label, PERMIT_STATUS, RENTAL_STATUS, TRANSFER_STATUS } from './labels';

interface Stats {
  permits: { on: string; byStatus: Count[]; byDistrict: Count[] };
  points: { bands: Count[]; byStatus: Count[] };
  hrss: { on: string; transfers: { inFlight: number; overdue: number }; transfersByStatus: Count[] };
  housing: { on: string; waitlist: number; applicationsByStatus: Count[] };
  education: { enrolmentsByDistrict: Count[]; applicationsByStatus: Count[] };
}

const permitLabel = (k: string) => label(PERMIT_STATUS, k);
const plain = (k: string) => k;
const transferLabel = (k: string) => label(TRANSFER_STATUS, k);
const rentalLabel = (k: string) => label(RENTAL_STATUS, k);
/** Bands are keyed by their lower bound, 10 points wide (the route's default). */
const bandLabel = (k: string) => `${k}–${Number(k) + 9} 分`;

function CsvButton({ name, counts, keyTitle }: { name: string; counts: Count[]; keyTitle: string }) {
  return (
    <Button size="small" onClick={() => downloadCsv(`${name}.csv`, toCsv([{ title: keyTitle, key: 'key' }, { title: '人数', key: 'count' }], counts as unknown as Record<string, unknown>[]))}>
      导出 CSV
    </Button>
  );
}

/**
 * 统计监测, which panzhihua-2016-10 and fangshan-2017 ask of the departments (no pack rule decides
 * on it): each department's counts from its /statistics route, as charts, on the ledger's day.
 */
export function StatisticsPage({ desk }: { desk: Desk }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const on = encodeURIComponent(desk.today);
    Promise.all([
      desk.client.get<Stats['permits']>(`/v1/public-security/statistics?on=${on}`),
      desk.client.get<Stats['points']>('/v1/points/statistics'),
      desk.client.get<Stats['hrss']>(`/v1/hrss/statistics?on=${on}`),
      desk.client.get<Stats['housing']>(`/v1/housing/statistics?on=${on}`),
      desk.client.get<Stats['education']>('/v1/education/statistics'),
    ])
      .then(([permits, points, hrss, housing, education]) => setStats({ permits, points, hrss, housing, education }))
      .catch((e) => setError(e instanceof ApiError ? e.problem.detail : String(e)));
  }, [desk.client, desk.today]);

  if (error) return <Alert type="error" showIcon title="无法读取统计" description={error} />;
  if (!stats) return <Spin />;
  return (
    <div>
      <Typography.Title level={4}>统计监测（{stats.permits.on}）</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col span={12}>
          <Card title="公安局：居住证按状态" size="small" extra={<CsvButton name="permits-by-status" counts={stats.permits.byStatus} keyTitle="状态" />}>
            <CountChart kind="pie" counts={stats.permits.byStatus} label={permitLabel} testId="chart-permits-status" />
          </Card>
        </Col>
        <Col span={12}>
          <Card title="公安局：居住证按区县" size="small" extra={<CsvButton name="permits-by-district" counts={stats.permits.byDistrict} keyTitle="区划代码" />}>
            <CountChart kind="bar" counts={stats.permits.byDistrict} label={plain} testId="chart-permits-district" />
          </Card>
        </Col>
        <Col span={12}>
          <Card title="流动人口服务管理局：积分分段" size="small" extra={<CsvButton name="points-bands" counts={stats.points.bands} keyTitle="分段" />}>
            <CountChart kind="bar" counts={stats.points.bands} label={bandLabel} testId="chart-points-bands" />
          </Card>
        </Col>
        <Col span={12}>
          <Card title="人社局：社保关系转移" size="small">
            <Row>
              <Col span={12}>
                <Statistic title="办理中" value={stats.hrss.transfers.inFlight} />
              </Col>
              <Col span={12}>
                <Statistic title="已逾期" value={stats.hrss.transfers.overdue} />
              </Col>
            </Row>
            <CountChart kind="bar" counts={stats.hrss.transfersByStatus} label={transferLabel} testId="chart-transfers" height={180} />
          </Card>
        </Col>
        <Col span={12}>
          <Card title="住建局：公租房" size="small">
            <Statistic title="轮候人数" value={stats.housing.waitlist} />
            <CountChart kind="bar" counts={stats.housing.applicationsByStatus} label={rentalLabel} testId="chart-housing" height={180} />
          </Card>
        </Col>
        <Col span={12}>
          <Card title="教育局：随迁子女入学按区县" size="small" extra={<CsvButton name="enrolment-by-district" counts={stats.education.enrolmentsByDistrict} keyTitle="区划代码" />}>
            <CountChart kind="bar" counts={stats.education.enrolmentsByDistrict} label={plain} testId="chart-enrolment" />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
