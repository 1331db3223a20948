import { Alert, App as AntApp, Button, Card, Col, ConfigProvider, Descriptions, Form, Input, Row, Select, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { FONT_FAMILY } from './font';

dayjs.locale('zh-cn');

/**
 * Ant Design with its zh_CN locale, around every screen but the search. Not on the first screen:
 * this module (and antd with it) is fetched with the first screen that needs it, or in the
 * background once the search is up.
 */
export function Ant({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { fontFamily: FONT_FAMILY } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/**
 * The antd components the worker's picture, the registration and the work lists draw, drawn once
 * into an element outside the page while the clerk is on the search: antd makes each component's
 * styles the first time it renders one, and the first picture opened after the console loaded took
 * about 600 ms where the next ones took about 160.
 */
export function Warmup() {
  return (
    <Ant>
      <Typography.Title level={4}>预热</Typography.Title>
      <Typography.Text type="secondary">预热</Typography.Text>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title="预热" extra={<Tag>预热</Tag>}>
            <Descriptions column={1} size="small" items={[{ key: 'a', label: '预热', children: '预热' }]} />
            <Descriptions column={1} bordered size="small" items={[{ key: 'a', label: '预热', children: '预热' }]} />
          </Card>
        </Col>
      </Row>
      <Tabs items={[{ key: 'a', label: '预热', children: '预热' }]} />
      <Form layout="inline">
        <Form.Item label="预热" name="a" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item label="预热" name="b">
          <Select options={[{ value: 'a', label: '预热' }]} />
        </Form.Item>
        <Space>
          <Button type="primary">预热</Button>
          <Button>预热</Button>
        </Space>
      </Form>
      <Alert type="error" showIcon title="预热" />
      <Spin />
      <Table size="small" pagination={false} dataSource={[]} columns={[{ title: '预热', dataIndex: 'a' }]} />
    </Ant>
  );
}
