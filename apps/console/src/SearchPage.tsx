import { useEffect, useRef, useState } from 'react';
import { ApiError } from './api';
import type { Desk, SearchAnswer, WorkerHit } from './desk';
import { label, PERMIT_STATUS } from './labels';
import { idNumberProblem } from './validation';

const MATCH: Record<SearchAnswer['match'], string> = {
  idNumber: '按身份证号精确查找',
  phone: '按手机号查找',
  workerId: '按台账编号查找',
  name: '按姓名查找',
};

const COLUMNS: { title: string; cell: (hit: WorkerHit) => string }[] = [
  { title: '姓名', cell: (h) => h.name },
  { title: '身份证号', cell: (h) => h.idNumber },
  { title: '手机号', cell: (h) => h.phone },
  { title: '台账编号', cell: (h) => h.workerId },
  { title: '来本市日期', cell: (h) => h.arrivalOn },
  { title: '居住证', cell: (h) => (h.permitStatus ? label(PERMIT_STATUS, h.permitStatus) : '未居住登记') },
];

/**
 * 查找人员: results as the clerk types (身份证号, name, phone or worker id); Enter opens the first.
 * The first screen: plain elements and the console's own styles (shell.css), no antd.
 */
export function SearchPage({ desk }: { desk: Desk }) {
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const input = useRef<HTMLInputElement>(null);
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
    // A short pause so a fast typist sends one request, not one per key; none for a whole valid
    // 身份证号 (scanned, pasted or its last character typed): nothing more is coming.
    const pause = idNumberProblem(q) === null ? 0 : 80;
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
    }, pause);
    return () => clearTimeout(timer);
  }, [text, desk.client]);

  useEffect(() => {
    // The answer is drawn: bench/console.ts reads this mark, in the page's own clock, so the
    // search time is the console's and not the driver's polling.
    if (answer) requestAnimationFrame(() => performance.mark('console:search-drawn'));
  }, [answer]);

  const open = (hit: WorkerHit | undefined) => {
    if (hit) desk.openWorker(hit.workerId);
  };
  return (
    <div className="search">
      <h2>查找人员</h2>
      <div className="search-box">
        <input
          ref={input}
          type="search"
          aria-label="查找人员"
          autoComplete="off"
          spellCheck={false}
          placeholder="身份证号 / 姓名 / 手机号 / 台账编号，按回车打开第一条"
          value={text}
          aria-busy={loading}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) open(answer?.items[0]);
          }}
        />
        {loading && <span className="search-spinner" aria-hidden="true" />}
      </div>
      {error && (
        <div role="alert" className="search-error">
          {error}
        </div>
      )}
      {answer && (
        <div className="search-answer">
          <span className="search-summary" data-testid="search-summary">
            {MATCH[answer.match]}：{answer.items.length === 0 ? '没有找到' : `找到 ${answer.items.length} 人`}
          </span>
          {answer.items.length > 0 && (
            <table data-testid="search-results" className="search-results">
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c.title}>{c.title}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {answer.items.map((hit) => (
                  <tr key={hit.workerId} onClick={() => open(hit)}>
                    {COLUMNS.map((c, i) => (
                      <td key={c.title}>{i === COLUMNS.length - 1 ? <span className="tag">{c.cell(hit)}</span> : c.cell(hit)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
