import { Button, Layout, Menu, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { LedgerClient } from './api';
import { forgetSession, loadSession, saveSession, type Session } from './session';
import { SignIn } from './SignIn';

export type View = 'search' | 'register' | 'worklists' | 'statistics';

/** The counter console: sign-in, then the clerk's screens. */
export function Console() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [view, setView] = useState<View>('search');

  const signOut = useCallback(() => {
    forgetSession();
    setSession(null);
  }, []);
  const client = useMemo(() => (session ? new LedgerClient(session.token, signOut) : null), [session, signOut]);

  if (!session || !client) {
    return (
      <SignIn
        onSignedIn={(s) => {
          saveSession(s);
          setSession(s);
        }}
      />
    );
  }
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="no-print" style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          居住证窗口
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[view]}
          onClick={({ key }) => setView(key as View)}
          style={{ flex: 1 }}
          items={[
            { key: 'search', label: '查询办理' },
            { key: 'register', label: '人员登记' },
            { key: 'worklists', label: '工作清单' },
            { key: 'statistics', label: '统计监测' },
          ]}
        />
        <Space style={{ color: '#fff' }}>
          <span data-testid="clerk">
            {session.principal}（{session.departmentName}）
          </span>
          <Button onClick={signOut}>退出</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>{view}</Layout.Content>
    </Layout>
  );
}
