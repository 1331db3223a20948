import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { LedgerClient } from './api';
import type { Desk } from './desk';
import { SearchPage } from './SearchPage';
import { forgetSession, loadSession, saveSession, type Session } from './session';

// The first screen a clerk waits for is the search: it parses only what the search needs. The
// other screens (and their antd forms, tabs and descriptions) are separate chunks, fetched in the
// background once the search is up, so opening one does not wait for the network. ECharts is
// fetched only when the statistics open.
const loadWorkerPage = () => import('./WorkerPage');
const loadRegisterPage = () => import('./RegisterPage');
const loadWorkListsPage = () => import('./WorkListsPage');
const WorkerPage = lazy(() => loadWorkerPage().then((m) => ({ default: m.WorkerPage })));
const RegisterPage = lazy(() => loadRegisterPage().then((m) => ({ default: m.RegisterPage })));
const WorkListsPage = lazy(() => loadWorkListsPage().then((m) => ({ default: m.WorkListsPage })));
// Sign-in happens once a shift; its form is not parsed on the first screen of a signed-in tab.
const SignIn = lazy(() => import('./SignIn').then((m) => ({ default: m.SignIn })));
const StatisticsPage = lazy(() => import('./StatisticsPage').then((m) => ({ default: m.StatisticsPage })));

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
    // setTimeout fires at once beyond 2^31-1 ms (24.8 days): clamped, and checked again then.
    const left = session.expiresAt - Date.now();
    const timer = setTimeout(() => (loadSession() ? setSession({ ...session }) : signOut()), Math.min(Math.max(0, left), 2 ** 31 - 1));
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

  // Once signed in and the first screen is drawn, the screens a clerk opens next are fetched.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => void Promise.all([loadWorkerPage(), loadRegisterPage(), loadWorkListsPage()]).catch(() => undefined), 300);
    return () => clearTimeout(timer);
  }, [session]);

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
      <Suspense fallback={<Spin />}>
        <SignIn
          onSignedIn={(s) => {
            saveSession(s);
            setSession(s);
            setToday(s.today);
          }}
        />
      </Suspense>
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
        <Suspense fallback={<Spin />}>
          {view === 'worker' && workerId && <WorkerPage key={workerId} desk={desk} workerId={workerId} />}
          {view === 'register' && <RegisterPage desk={desk} />}
          {view === 'worklists' && <WorkListsPage desk={desk} />}
          {view === 'statistics' && <StatisticsPage desk={desk} />}
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="no-print" data-testid="shortcuts" style={{ fontSize: 12, color: '#666' }}>
        快捷键：{SHORTCUTS.map((s) => `Alt+${s.key} ${s.label}`).join('　')}　表单内 Tab 下一项、Shift+Tab 上一项、Enter 提交；查找框内 Enter 打开第一条结果。
      </Layout.Footer>
    </Layout>
  );
}
