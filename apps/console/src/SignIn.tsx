import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, LedgerClient } from './api';
import { SESSION_HOURS, type Session } from './session';

interface SessionAnswer {
  department: string;
  departmentName: string;
  principal: string;
  scopes: string[];
  today: string;
}

/** Sign-in with a residence-office credential (README: `npm run ledger -- credentials issue`). */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn({ token }: { token: string }) {
    setBusy(true);
    setError(null);
    try {
      const answer = await new LedgerClient(token.trim()).get<SessionAnswer>('/v1/session');
      if (answer.department !== 'residence-office') {
        setError(`该凭证属于「${answer.departmentName}」，窗口控制台只接受居住证窗口（residence-office）的凭证`);
        return;
      }
      onSignedIn({ ...answer, token: token.trim(), expiresAt: Date.now() + SESSION_HOURS * 3600_000 });
    } catch (e) {
      setError(e instanceof ApiError && e.problem.status === 401 ? '凭证无效或已吊销' : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 96 }}>
      <Card title="居住证窗口 · 登录" style={{ width: 480 }}>
        <Typography.Paragraph type="secondary">
          请输入本窗口的凭证（由管理员用 <code>npm run ledger -- credentials issue --department residence-office</code> 签发）。
          每一笔业务都以该凭证的经办人记录。会话 {SESSION_HOURS} 小时后失效。
        </Typography.Paragraph>
        <Form layout="vertical" onFinish={signIn} requiredMark={false}>
          <Form.Item label="凭证" name="token" rules={[{ required: true, message: '请输入凭证' }]}>
            <Input.Password autoFocus autoComplete="off" placeholder="ledger_…" aria-label="凭证" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
          <Button type="primary" htmlType="submit" loading={busy} block>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
