import { Button, Layout, Menu, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { LedgerClient } from './api';
import type { Desk } from './desk';
import { RegisterPage } from './RegisterPage';
import { SearchPage } from './SearchPage';
import { forgetSession, loadSession, saveSession, type Session } from './session';
import { SignIn } from './SignIn';
import { StatisticsPage } from './StatisticsPage';
import { WorkerPage } from './WorkerPage';
import { WorkListsPage } from './WorkListsPage';

export type View = 'search' | 'register' | 'worklists' | 'statistics' | 'worker';

/** Alt+digit switches screens; the list is shown at the foot of every screen. */
const SHORTCUTS: { key: string; view: View; label: string }[] = [
  { key: '1', view: 'search', label: '查询办理' },
  { key: '2', view: 'register', label: '人员登记' },
  { key: '3', view: 'worklists', label: '工作清单' },
  { key: '4', view: 'statistics', label: '统计监测' },
];

/** The counter console: sign-in, then the clerk's screens. */
export function Console() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [view, setView] = useState<View>('search');
  const [workerId, setWorkerId] = useState<string | null>(null);
  const [today, setToday] = useState<string | null>(session?.today ?? null);

  const signOut = useCallback(() => {
    forgetSession();
    setSession(null);
    setWorkerId(null);
    setView('search');
  }, []);
  const client = useMemo(() => (session ? new LedgerClient(session.token, signOut) : null), [session, signOut]);

  // The session ends at its expiry even if the clerk does nothing.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(signOut, Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  // The ledger's day, asked again on each screen change (a shift may cross midnight).
  useEffect(() => {
    if (!client) return;
    client
      .get<{ today: string }>('/v1/session')
      .then((s) => setToday(s.today))
      .catch(() => undefined);
  }, [client, view, workerId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const shortcut = SHORTCUTS.find((s) => s.key === e.key);
      if (shortcut) {
        e.preventDefault();
        setView(shortcut.view);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!session || !client) {
    return (
      <SignIn
        onSignedIn={(s) => {
          saveSession(s);
          setSession(s);
          setToday(s.today);
        }}
      />
    );
  }
  const desk: Desk = {
    client,
    session,
    today: today ?? session.today,
    openWorker: (id) => {
      setWorkerId(id);
      setView('worker');
    },
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="no-print" style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          居住证窗口
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[view === 'worker' ? 'search' : view]}
          onClick={({ key }) => setView(key as View)}
          style={{ flex: 1, minWidth: 0 }}
          items={SHORTCUTS.map((s) => ({ key: s.view, label: s.label }))}
        />
        <Space style={{ color: '#fff' }}>
          <span data-testid="today">台账日期 {desk.today}</span>
          <span data-testid="clerk">
            {session.principal}（{session.departmentName}）
          </span>
          <Button onClick={signOut}>退出</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {view === 'search' && <SearchPage desk={desk} />}
        {view === 'worker' && workerId && <WorkerPage key={workerId} desk={desk} workerId={workerId} />}
        {view === 'register' && <RegisterPage desk={desk} />}
        {view === 'worklists' && <WorkListsPage desk={desk} />}
        {view === 'statistics' && <StatisticsPage desk={desk} />}
      </Layout.Content>
      <Layout.Footer className="no-print" data-testid="shortcuts" style={{ fontSize: 12, color: '#666' }}>
        快捷键：{SHORTCUTS.map((s) => `Alt+${s.key} ${s.label}`).join('　')}　表单内 Tab 下一项、Shift+Tab 上一项、Enter 提交；查找框内 Enter 打开第一条结果。
      </Layout.Footer>
    </Layout>
  );
}
