import { lazy, startTransition, Suspense, useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { LedgerClient } from './api';
import type { Desk } from './desk';
import { SearchPage } from './SearchPage';
import { forgetSession, loadSession, saveSession, type Session } from './session';
import { prefetchWorkerPicture } from './worker-data';

// The first screen a clerk waits for is the search: React, the search and the console's own few
// styles, no antd. Every other screen is a chunk of its own, wrapped in antd's provider (./ant,
// which brings antd): fetched in the background once the search is up, so opening one does not
// wait for the network. ECharts is fetched only when the statistics open.
const loadAnt = () => import('./ant');

/**
 * A screen that needs antd: its chunk and antd's provider, fetched together. Once `preload` has
 * fetched them the screen draws at once; through React.lazy alone its first draw would still
 * suspend and show the fallback (which React 19 holds for up to 300 ms) even with the chunk in.
 */
function antScreen<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= Promise.all([load(), loadAnt()]).then(([Inner, { Ant }]) => {
      const Wrapped = (props: P) => (
        <Ant>
          <Inner {...props} />
        </Ant>
      );
      loaded = Wrapped;
      return Wrapped;
    })).catch((error: unknown) => {
      loading = undefined; // a failed fetch is tried again next time
      throw error;
    });
  const Lazy = lazy(() => preload().then((Screen) => ({ default: Screen })));
  const Screen = (props: P) => {
    const Ready = loaded;
    return Ready ? <Ready {...props} /> : <Lazy {...props} />;
  };
  return Object.assign(Screen, { preload });
}
const WorkerPage = antScreen(() => import('./WorkerPage').then((m) => m.WorkerPage));
const RegisterPage = antScreen(() => import('./RegisterPage').then((m) => m.RegisterPage));
const WorkListsPage = antScreen(() => import('./WorkListsPage').then((m) => m.WorkListsPage));
// Sign-in happens once a shift; its form is not parsed on the first screen of a signed-in tab.
const SignIn = antScreen(() => import('./SignIn').then((m) => m.SignIn));
const StatisticsPage = antScreen(() => import('./StatisticsPage').then((m) => m.StatisticsPage));

/** Draws antd's components once into an element that is never attached to the page (once per tab). */
let warmed = false;
function warmUp(Warmup: ComponentType) {
  if (warmed) return;
  warmed = true;
  // When the page is idle, and as a transition: React yields to the clerk's keys while it draws.
  requestIdleCallback(() => startTransition(() => createRoot(document.createElement('div')).render(<Warmup />)), { timeout: 2000 });
}

const Loading = () => <div className="console-loading">加载中…</div>;

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

  // Once signed in and the first screen is drawn, the screens a clerk opens next are fetched, and
  // their antd components drawn once outside the page (ant.tsx, Warmup) so the first worker opened
  // does not wait for antd to make its styles.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(
      () =>
        void Promise.all([loadAnt(), WorkerPage.preload(), RegisterPage.preload(), WorkListsPage.preload()])
          .then(([{ Warmup }]) => warmUp(Warmup))
          .catch(() => undefined),
      300,
    );
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
      <Suspense fallback={<Loading />}>
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
      // The picture's data is asked now, beside its script (if that is still coming).
      prefetchWorkerPicture(client, id);
      setWorkerId(id);
      setView('worker');
    },
  };
  return (
    <div className="console-layout">
      <header className="console-header no-print">
        <h1>居住证窗口</h1>
        <nav aria-label="功能">
          {SHORTCUTS.map((s) => (
            <button
              key={s.view}
              type="button"
              aria-current={(view === 'worker' ? 'search' : view) === s.view ? 'page' : undefined}
              onClick={() => setView(s.view)}
            >
              {s.label}
            </button>
          ))}
        </nav>
        <span data-testid="today">台账日期 {desk.today}</span>
        <span data-testid="clerk">
          {session.principal}（{session.departmentName}）
        </span>
        <button type="button" className="console-sign-out" onClick={signOut}>
          退出
        </button>
      </header>
      <main className="console-content">
        {view === 'search' && <SearchPage desk={desk} />}
        <Suspense fallback={<Loading />}>
          {view === 'worker' && workerId && <WorkerPage key={workerId} desk={desk} workerId={workerId} />}
          {view === 'register' && <RegisterPage desk={desk} />}
          {view === 'worklists' && <WorkListsPage desk={desk} />}
          {view === 'statistics' && <StatisticsPage desk={desk} />}
        </Suspense>
      </main>
      <footer className="console-footer no-print" data-testid="shortcuts">
        快捷键：{SHORTCUTS.map((s) => `Alt+${s.key} ${s.label}`).join('　')}　表单内 Tab 下一项、Shift+Tab 上一项、Enter 提交；查找框内 Enter 打开第一条结果。
      </footer>
    </div>
  );
}
